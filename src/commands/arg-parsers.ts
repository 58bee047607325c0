/** Option-value parsers shared by the commands: commander turns their errors into one-line usage errors. */
import { InvalidArgumentError } from 'commander';
import { ipFamily } from '../core/ip-family.js';
import { domainToASCII } from 'node:url';
import { UsageError } from '../core/errors.js';
import { splitHostPort } from '../core/host-port.js';
import { isHostName } from '../core/domain-name.js';
import { t } from '../i18n/ui.js';

/** A repeatable option: every value, in order. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError(t('error.invalid-port'));
  return n;
}

/**
 * An SMTP server as users paste it from a provider's page: "smtp.example.fr", "smtp.example.fr:587",
 * "[2001:db8::25]:25", "smtps://smtp.example.fr" (implicit TLS), "smtp://smtp.example.fr:25". A name that
 * cannot be a host is refused here, before any lookup.
 */
export function smtpServer(text: string): { host: string; port?: number; tls?: boolean } {
  let rest = text.trim();
  let tls: boolean | undefined;
  const scheme = rest.match(/^(smtps|smtp|submissions|submission):\/\//i);
  if (scheme) {
    tls = /^(smtps|submissions)$/i.test(scheme[1]!);
    rest = rest.slice(scheme[0].length).replace(/\/.*$/s, '');
  }
  const { host: given, port } = splitHostPort(rest);
  const invalid = () => new UsageError(t('error.invalid-host', { input: text.replace(/[^\x20-\x7e]/g, '?').slice(0, 100) }));
  // A name keeps its case; an IDN becomes its ASCII form, as the lookup will use.
  const host = ipFamily(given) || /^[\x00-\x7f]*$/.test(given) ? given : domainToASCII(given.toLowerCase());
  if (!ipFamily(host) && (host.length > 253 || !isHostName(host.replace(/\.$/, '')))) throw invalid();
  const n = port === undefined ? undefined : Number(port);
  if (n !== undefined && (n < 1 || n > 65535)) throw invalid();
  return { host, ...(n !== undefined ? { port: n } : {}), ...(tls !== undefined ? { tls } : {}) };
}
