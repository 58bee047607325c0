/**
 * Lines of a stream, one at a time and each bounded: a list of a million targets costs what one line
 * costs, and an endless line is one clear error instead of a string too long to build.
 */
import { t } from '../i18n/ui.js';
import { InputError } from './errors.js';

/**
 * Whole lines (without "\n" or "\r\n"), decoded as UTF-8, a batch per chunk read (one await per chunk,
 * not per line); a line past `maxLine` bytes is an InputError naming `where`.
 */
export async function* lineBatches(input: NodeJS.ReadableStream, maxLine: number, where: string): AsyncGenerator<string[]> {
  let pending: Buffer = Buffer.alloc(0);
  const tooLong = () => new InputError(t('error.line-too-long', { where, limit: maxLine >= 1024 * 1024 ? `${maxLine / 1024 / 1024} MB` : `${maxLine / 1024} KB` }));
  const line = (b: Buffer) => (b[b.length - 1] === 0x0d ? b.subarray(0, -1) : b).toString('utf8');
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    pending = pending.length ? Buffer.concat([pending, b]) : b;
    const batch: string[] = [];
    let start = 0;
    for (let nl = pending.indexOf(0x0a); nl >= 0; nl = pending.indexOf(0x0a, start)) {
      if (nl - start > maxLine) throw tooLong();
      batch.push(line(pending.subarray(start, nl)));
      start = nl + 1;
    }
    pending = pending.subarray(start);
    if (pending.length > maxLine) throw tooLong();
    if (batch.length) yield batch;
  }
  if (pending.length) yield [line(pending)];
}

/** The same lines one at a time, for inputs of a few lines. */
export async function* boundedLines(input: NodeJS.ReadableStream, maxLine: number, where: string): AsyncGenerator<string> {
  for await (const batch of lineBatches(input, maxLine, where)) yield* batch;
}
