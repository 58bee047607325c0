import { t } from '../i18n/ui.js';
import { closeSync, openSync, readSync } from 'node:fs';
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
  const chunks: Buffer[] = [];
  let size = 0;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - size));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      size += n;
      if (size > limit) throw new InputError(t('error.with-option', { option, message: t('error.too-large', { path, limit: `${limit / 1024 / 1024} MB` }) }));
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw fileReadError(path, err, option);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return Buffer.concat(chunks).toString('utf8');
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
