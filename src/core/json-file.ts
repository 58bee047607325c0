import { t } from '../i18n/ui.js';
import { readFileSync } from 'node:fs';
import { fileReadError, InputError } from './errors.js';

/** A text input file (--ca, --zone-file, --config ...): its content, or one clear line naming the option and the file. */
export function readTextFile(path: string, option: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw fileReadError(path, err, option);
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
