/**
 * docs/report.schema.json and the report data types agree: each command's data properties in the schema
 * are exactly the keys of its TypeScript type (the lists below do not compile when a key is added to a
 * type and not here), and real output never holds a key the schema does not name (additionalProperties
 * is false there; the CLI tests validate real reports against the schema).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CheckDnsData } from '../src/dns/areas.js';
import type { SmtpTestData } from '../src/smtp/account.js';
import type { InspectHeadersData } from '../src/headers/inspect.js';
import type { ReportsData } from '../src/reports/report.js';
import type { BounceData } from '../src/bounce/report.js';

/** True only when `K` names every key of `T`. */
type Exhaustive<T, K extends readonly PropertyKey[]> = [Exclude<keyof T, K[number]>] extends [never] ? true : { missing: Exclude<keyof T, K[number]> };

const checkDns = ['resolver', 'spf', 'ips', 'rdns', 'dnsbl', 'dmarc', 'dkim', 'mx', 'expected', 'tlsRpt', 'bimi', 'ptr', 'mtaSts', 'mxTls', 'dnssec', 'requirements', 'queries'] as const satisfies ReadonlyArray<keyof CheckDnsData>;
const smtpTest = [
  'host', 'port', 'security', 'addresses', 'address', 'greeting', 'ehloPlain', 'ehlo', 'tls', 'starttlsRefused', 'stoppedAtTls', 'auth', 'stoppedPlain',
  'sender', 'recipient', 'message', 'phases', 'failure', 'timeoutMs', 'profile', 'token', 'transcript', 'profiles',
] as const satisfies ReadonlyArray<keyof SmtpTestData>;
const inspectHeaders = [
  'hops', 'totalDelayMs', 'origin', 'delivering', 'receivingDomains', 'from', 'sender', 'replyTo', 'returnPath', 'messageId', 'messageIdDomain', 'date', 'dateValid',
  'subject', 'mailer', 'dkimSignatures', 'authResults', 'untrustedAuthResults', 'receivedSpf', 'arc', 'microsoft', 'alignment', 'forwarding', 'verify', 'requirements',
] as const satisfies ReadonlyArray<keyof InspectHeadersData>;
const reports = ['kind', 'domain', 'file', 'period', 'reports', 'messages', 'reporters', 'policies', 'sources', 'senders', 'readiness', 'tls'] as const satisfies ReadonlyArray<keyof ReportsData>;
const bounce = ['kind', 'family', 'reportingMta', 'from', 'to', 'subject', 'recipients', 'original'] as const satisfies ReadonlyArray<keyof BounceData>;

const exhaustive: [Exhaustive<CheckDnsData, typeof checkDns>, Exhaustive<SmtpTestData, typeof smtpTest>, Exhaustive<InspectHeadersData, typeof inspectHeaders>, Exhaustive<ReportsData, typeof reports>, Exhaustive<BounceData, typeof bounce>] = [true, true, true, true, true];

const schema = JSON.parse(readFileSync(new URL('../docs/report.schema.json', import.meta.url), 'utf8'));
const dataOf = (command: string) => schema.definitions.report.allOf.find((c: { if: { properties: { command: { const: string } } } }) => c.if.properties.command.const === command)?.then.properties.data;

describe('docs/report.schema.json and the data types', () => {
  it.each([
    ['check-dns', checkDns],
    ['smtp-test', smtpTest],
    ['inspect-headers', inspectHeaders],
    ['reports', reports],
    ['bounce', bounce],
  ] as const)('%s: the schema names exactly the keys of the type, and no other', (command, keys) => {
    expect(exhaustive).toEqual([true, true, true, true, true]);
    const data = dataOf(command);
    expect(data, `no data schema for ${command}`).toBeDefined();
    expect(Object.keys(data.properties).sort()).toEqual([...keys].sort());
    expect(data.additionalProperties).toBe(false);
  });
});
