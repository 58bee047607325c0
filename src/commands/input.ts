import { t } from '../i18n/ui.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { lineBatches } from '../core/lines.js';

/** A target line: a domain and a comment; nothing real comes near this. */
export const MAX_TARGET_LINE = 64 * 1024;
import { fileReadError, InputError } from '../core/errors.js';

/**
 * Targets from a file or stdin ("-"), streamed in batches: one per line, # comments and blank lines skipped; `line`
 * counts from 1. Nothing is kept, so a list of a million names costs what one line costs.
 */
export async function* targetLines(path: string, stdin: NodeJS.ReadableStream): AsyncGenerator<Array<{ text: string; line: number }>> {
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
  let n = 0;
  try {
    for await (const lines of lineBatches(input, MAX_TARGET_LINE, path === '-' ? t('error.stdin') : path)) {
      const batch: Array<{ text: string; line: number }> = [];
      for (const line of lines) {
        n++;
        const hash = line.indexOf('#');
        const text = (hash < 0 ? line : line.slice(0, hash)).trim();
        if (text) batch.push({ text, line: n });
      }
      if (batch.length) yield batch;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fileReadError(path, err);
  }
}

/**
 * Names seen lately: duplicates close together in a list (the last `size` to `2 × size` distinct names)
 * are skipped, in bounded memory. Two generations of sets, the older dropped whole when the newer fills.
 */
export class RecentNames {
  private current = new Set<string>();
  private previous = new Set<string>();
  constructor(private readonly size = 50_000) {}

  /** Whether `name` was seen lately; remembers it either way. */
  seen(name: string): boolean {
    if (this.current.has(name)) return true;
    const before = this.previous.has(name);
    this.current.add(name);
    if (this.current.size >= this.size) {
      this.previous = this.current;
      this.current = new Set();
    }
    return before;
  }
}
