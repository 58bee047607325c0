import { t } from '../i18n/ui.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { boundedLines } from '../core/lines.js';

/** A target line: a domain and a comment; nothing real comes near this. */
export const MAX_TARGET_LINE = 64 * 1024;
import { fileReadError, InputError } from '../core/errors.js';

/** Targets from a file or stdin ("-"): one per line, # comments and blank lines ignored; `line` counts from 1. */
export async function readLines(path: string, stdin: NodeJS.ReadableStream): Promise<Array<{ text: string; line: number }>> {
  let input: NodeJS.ReadableStream;
  if (path === '-') {
    input = stdin;
  } else {
    try {
      const s = await stat(path);
      if (s.isDirectory()) throw new InputError(t('error.not-a-file', { path }));
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw fileReadError(path, err);
    }
    input = createReadStream(path);
  }
  const lines: Array<{ text: string; line: number }> = [];
  let n = 0;
  try {
    for await (const line of boundedLines(input, MAX_TARGET_LINE, path === '-' ? t('error.stdin') : path)) {
      n++;
      const text = line.replace(/#.*/, '').trim();
      if (text) lines.push({ text, line: n });
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fileReadError(path, err);
  }
  return lines;
}
