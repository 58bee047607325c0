/** Option-value parsers shared by the commands: commander turns their errors into one-line usage errors. */
import { InvalidArgumentError } from 'commander';
import { t } from '../i18n/ui.js';

/** A repeatable option: every value, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError(t('error.invalid-port'));
  return n;
}
