import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';

/** A JSON input file (--config, --expect): read and parsed, or one clear line naming the option and the file. */
export function readJsonFile(path: string, option: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${option}: cannot read ${path} (${code === 'EISDIR' ? 'it is a directory' : (code ?? 'error')})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${option}: ${path} is not valid JSON (${(err as Error).message})`);
  }
}
