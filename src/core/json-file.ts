import { t } from '../i18n/ui.js';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileReadError, InputError } from './errors.js';

/** The largest file each option reads whole (a certificate bundle, an accounts file, a zone). */
export const INPUT_LIMITS: Record<string, number> = {
  '--ca': 4 * 1024 * 1024,
  '--config': 4 * 1024 * 1024,
  '--expect': 4 * 1024 * 1024,
  '--zone-file': 64 * 1024 * 1024,
};

/**
 * A text input file (--ca, --zone-file, --config ...): its content, or one clear line naming the option
 * and the file. Read up to the option's limit and no further, so /dev/zero or a runaway file is refused.
 */
export function readTextFile(path: string, option: string): string {
  const limit = INPUT_LIMITS[option] ?? 4 * 1024 * 1024;
  let bytes: Buffer | undefined;
  try {
    bytes = readWholeFile(path, limit);
  } catch (err) {
    throw fileReadError(path, err, option);
  }
  if (!bytes) throw new InputError(t('error.with-option', { option, message: t('error.too-large', { path, limit: `${limit / 1024 / 1024} MB` }) }));
  return bytes.toString('utf8');
}

/**
 * A file whole, or undefined when it is larger than `limit`: a regular file's size says so before any
 * read; anything else (a FIFO, /dev/zero, a runaway file) is read `limit` bytes and one further, never
 * the rest. Errors are the caller's to word (fileReadError).
 */
export function readWholeFile(path: string, limit: number): Buffer | undefined {
  const read = readBounded(path, limit, false);
  return read.more ? undefined : read.bytes;
}

/** A file's first `limit` bytes (a bounce, whose attached original need not be read whole), and whether it holds more. */
export function readFilePrefix(path: string, limit: number): { bytes: Buffer; more: boolean } {
  return readBounded(path, limit, true);
}

/** Reads at most limit + 1 bytes: a regular file in one go at its size, anything else in steps of 1 MB. */
function readBounded(path: string, limit: number, prefix: boolean): { bytes: Buffer; more: boolean } {
  const fd = openSync(path, 'r');
  try {
    const known = fstatSync(fd).size;
    if (!prefix && known > limit) return { bytes: Buffer.alloc(0), more: true };
    const chunks: Buffer[] = [];
    let size = 0;
    let step = known > 0 ? known + 1 : 1024 * 1024;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(step, limit + 1 - size));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      size += n;
      if (size > limit) return { bytes: Buffer.concat(chunks).subarray(0, limit), more: true };
      // A regular file read short of what was asked is at its end (a pipe's short read is not).
      if (known > 0 && n < chunk.length) break;
      step = 1024 * 1024;
    }
    return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), more: false };
  } finally {
    closeSync(fd);
  }
}

/** A private CA for --ca: PEM text holding at least one certificate. */
export function readCaFile(path: string): string {
  const pem = readTextFile(path, '--ca');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new InputError(t('error.with-option', { option: '--ca', message: t('error.no-pem', { path }) }));
  return pem;
}

/** A JSON input file (--config, --expect): read and parsed, or one clear line naming the option and the file. */
export function readJsonFile(path: string, option: string): unknown {
  const text = readTextFile(path, option);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(t('error.invalid-json', { option, path, detail: (err as Error).message }));
  }
}
