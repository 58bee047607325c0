/**
 * Reading input: only the header block of a message (reading stops at the first blank line), a whole
 * message when a body is needed, or every message of an mbox, streamed. Input is only ever read.
 */
import { t } from '../i18n/ui.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fileReadError, InputError } from '../core/errors.js';

/** A header line longer than this, or a header block larger than this, is not a message we read whole. */
export const MAX_HEADER_BLOCK = 4 * 1024 * 1024;

export interface RawMessage {
  /** Where it came from: a path, "stdin", or "mbox#N". */
  source: string;
  /** The header block bytes (up to and including the blank line, when there is one). */
  header: Buffer;
  /** The body, only when asked for (or for mbox messages, which are read whole). */
  body?: Buffer;
  /** The header block was cut at MAX_HEADER_BLOCK. */
  truncated: boolean;
}

export async function checkReadable(path: string): Promise<void> {
  let s;
  try {
    s = await stat(path);
  } catch (err) {
    throw fileReadError(path, err);
  }
  if (s.isDirectory()) throw new InputError(t('error.not-a-message-dir', { path }));
}

function openStream(path: string, stdin: NodeJS.ReadableStream): NodeJS.ReadableStream {
  return path === '-' ? stdin : createReadStream(path);
}

/** Index of the end of the header block (after the blank line), or -1. */
function headerEnd(buf: Buffer, from: number): number {
  for (let i = Math.max(0, from - 3); i < buf.length - 1; i++) {
    if (buf[i] === 0x0a && buf[i + 1] === 0x0a) return i + 2;
    if (buf[i] === 0x0a && buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return i + 3;
  }
  // A message that starts with the blank line has no headers at all.
  if (buf[0] === 0x0a) return 1;
  if (buf[0] === 0x0d && buf[1] === 0x0a) return 2;
  return -1;
}

/** How much of a body is read to confirm an inline forward: its first text part is near the top. */
export const MAX_BODY_PREFIX = 1024 * 1024;

export type HeaderRead = RawMessage & { firstLine: string };

/**
 * Reads a message's header block and stops: a 50 MB message costs what its headers cost. `more`, when
 * given, sees the header block first and says how many bytes of the body to read on, from the same
 * stream (a FIFO or standard input can be opened once): 0 for none, at most MAX_BODY_PREFIX.
 */
export async function readHeaderBlock(path: string, stdin: NodeJS.ReadableStream, withBody: boolean, more?: (head: HeaderRead) => Promise<number>): Promise<HeaderRead> {
  if (path !== '-') await checkReadable(path);
  const stream = openStream(path, stdin);
  const chunks: Buffer[] = [];
  let size = 0;
  let end = -1;
  let until = -1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const before = size;
      chunks.push(b);
      size += b.length;
      if (until >= 0) {
        if (size >= until) break;
      } else if (!withBody && end < 0) {
        const buf = chunks.length === 1 ? b : Buffer.concat(chunks);
        end = headerEnd(buf, before);
        if (end < 0 && size <= MAX_HEADER_BLOCK) continue;
        const extra = end >= 0 && more ? Math.min(MAX_BODY_PREFIX, await more(headerRead(path, buf, end, false))) : 0;
        if (extra <= 0 || size >= end + extra) break;
        until = end + extra;
      }
    }
  } catch (err) {
    throw fileReadError(path, err);
  } finally {
    if (path !== '-') (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
  const all = Buffer.concat(chunks);
  if (end < 0) end = headerEnd(all, 0);
  if (until >= 0) return { ...headerRead(path, all, end, true), body: all.subarray(end, until) };
  return headerRead(path, all, end, withBody);
}

function headerRead(path: string, all: Buffer, end: number, withBody: boolean): HeaderRead {
  const truncated = end < 0 && all.length > MAX_HEADER_BLOCK;
  const header = end >= 0 ? all.subarray(0, end) : all.subarray(0, Math.min(all.length, MAX_HEADER_BLOCK));
  const nl = all.indexOf(0x0a);
  return {
    source: path === '-' ? 'stdin' : path,
    header,
    ...(withBody && end >= 0 ? { body: all.subarray(end) } : {}),
    truncated,
    firstLine: all.subarray(0, nl < 0 ? Math.min(all.length, 200) : Math.min(nl, 200)).toString('latin1'),
  };
}

/**
 * Every message of an mbox ("From " separator lines), streamed: memory holds one message at a time.
 * Bodies are skipped unless asked for.
 */
export async function* readMbox(path: string, stdin: NodeJS.ReadableStream, withBody: boolean, signal?: AbortSignal): AsyncGenerator<RawMessage> {
  if (path !== '-') await checkReadable(path);
  const stream = openStream(path, stdin);
  let pending: Buffer = Buffer.alloc(0);
  let current: Buffer[] = [];
  let currentSize = 0;
  let inHeader = true;
  let midLine = false;
  let n = 0;
  const flush = (): RawMessage | undefined => {
    if (!current.length) return undefined;
    n++;
    const msg = Buffer.concat(current);
    current = [];
    currentSize = 0;
    inHeader = true;
    const end = headerEnd(msg, 0);
    return {
      source: `${path === '-' ? 'stdin' : path}#${n}`,
      header: end >= 0 ? msg.subarray(0, end) : msg,
      ...(withBody && end >= 0 ? { body: msg.subarray(end) } : {}),
      truncated: false,
    };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      // Ctrl-C stops here too: a message that never ends is read chunk by chunk, never yielded.
      if (signal?.aborted) return;
      pending = pending.length ? Buffer.concat([pending, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]) : typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let start = 0;
      for (;;) {
        if (midLine) {
          // The rest of a line too long to keep: dropped up to its end.
          const end = pending.indexOf(0x0a, start);
          if (end < 0) {
            start = pending.length;
            break;
          }
          start = end + 1;
          midLine = false;
        }
        // A body nobody reads: jump to the next "From " line instead of walking it line by line.
        if (!inHeader && !withBody) start = skipBody(pending, start);
        const nl = pending.indexOf(0x0a, start);
        if (nl < 0) {
          if (!withBody && pending.length - start > MAX_HEADER_BLOCK) {
            midLine = true;
            start = pending.length;
          }
          break;
        }
        const line = pending.subarray(start, nl + 1);
        start = nl + 1;
        if (line.length >= 5 && line[0] === 0x46 && line.subarray(0, 5).toString('latin1') === 'From ') {
          const m = flush();
          if (m) yield m;
          continue;
        }
        if (inHeader) {
          if (line.length <= 2 && (line[0] === 0x0a || (line[0] === 0x0d && line[1] === 0x0a))) inHeader = false;
          if (currentSize < MAX_HEADER_BLOCK) {
            current.push(line);
            currentSize += line.length;
          }
        } else if (withBody) {
          current.push(line);
          currentSize += line.length;
        }
      }
      pending = pending.subarray(start);
    }
  } catch (err) {
    throw fileReadError(path, err);
  }
  if (pending.length && (inHeader || withBody) && !midLine) current.push(pending);
  const last = flush();
  if (last) yield last;
}

const NL_FROM = Buffer.from('\nFrom ', 'latin1');

/**
 * Pure: in a body being skipped (`start` at a line start), where the next line worth reading starts: the
 * next "From " line, or the last unfinished line when the buffer holds none (or too little to tell).
 */
export function skipBody(buf: Buffer, start: number): number {
  if (buf.length - start < 5 || buf.subarray(start, start + 5).toString('latin1') === 'From ') return start;
  const at = buf.indexOf(NL_FROM, start);
  if (at >= 0) return at + 1;
  const lastNl = buf.lastIndexOf(0x0a);
  return lastNl >= start ? lastNl + 1 : start;
}

/** The messages of an mbox held in memory (a file of reports or bounces), each without its "From " line; not an mbox: the bytes as one message. */
export function splitMbox(bytes: Buffer): Buffer[] {
  const text = bytes.toString('latin1');
  if (!text.startsWith('From ')) return [bytes];
  const starts = [...text.matchAll(/^From .*\r?\n/gm)].map((m) => ({ at: m.index!, body: m.index! + m[0].length }));
  return starts.map((s, i) => bytes.subarray(s.body, i + 1 < starts.length ? starts[i + 1]!.at : bytes.length));
}
