import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InputError } from '../core/errors.js';

/** Targets from a file or stdin ("-"): one per line, # comments and blank lines ignored. */
export async function readLines(path: string, stdin: NodeJS.ReadableStream): Promise<string[]> {
  let input: NodeJS.ReadableStream;
  if (path === '-') {
    input = stdin;
  } else {
    try {
      const s = await stat(path);
      if (s.isDirectory()) throw new InputError(`${path} is a directory, not a file`);
    } catch (err) {
      if (err instanceof InputError) throw err;
      throw new InputError(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    input = createReadStream(path, 'utf8');
  }
  const lines: string[] = [];
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      const text = line.replace(/#.*/, '').trim();
      if (text) lines.push(text);
    }
  } catch (err) {
    throw new InputError(`cannot read ${path === '-' ? 'standard input' : path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return lines;
}
