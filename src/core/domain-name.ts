import { t } from '../i18n/ui.js';
import { domainToASCII } from 'node:url';
import { UsageError } from './errors.js';

/** A domain as users type it (IDN, upper case, trailing dot, pasted e-mail address) -> the ASCII form compared everywhere. */
export function normalizeDomainInput(input: string): string {
  let text = input.trim();
  if (text.includes('@')) text = text.slice(text.lastIndexOf('@') + 1);
  if (text.endsWith('.')) text = text.slice(0, -1);
  const ascii = text ? domainToASCII(text.toLowerCase()) : '';
  const labels = ascii.split('.');
  const valid = isHostName(ascii) && labels.length >= 2 && !/^\d+$/.test(labels[labels.length - 1]!);
  if (!valid) throw new UsageError(t('error.invalid-domain', { input: input.replace(/[^\x20-\x7e]/g, '?').slice(0, 100) }));
  return ascii;
}

/** An ASCII host name: at most 253 characters, labels of letters, digits, "-" and "_" (not at either end), 1 to 63 long. */
export function isHostName(ascii: string): boolean {
  return ascii.length > 0 && ascii.length <= 253 && ascii.split('.').every((l) => /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i.test(l));
}
