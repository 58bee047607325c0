/** docs/findings.md, generated from the catalogue so the list of ids can never drift from the code. */
import { DMARC_TAGS } from '../src/dns/dmarc.js';
import { catalogue } from '../src/core/catalogue/index.js';
import type { FindingSpec } from '../src/core/catalogue/define.js';

const AREAS: Array<[prefix: string, title: string]> = [
  ['run.', 'Any command: a run that could not be done (in the JSON document, with --json)'],
  ['dns.', 'DNS'],
  ['spf.', 'SPF (RFC 7208)'],
  ['dmarc.', 'DMARC (RFC 9989, RFC 7489)'],
  ['dkim.', 'DKIM (RFC 6376)'],
  ['cname.', 'Expected provider records'],
  ['txt.', 'Expected provider records'],
  ['mx.expected-', 'Expected provider records'],
  ['mx.', 'MX (RFC 5321, RFC 7505)'],
  ['mx.tls-', 'Receiving side: STARTTLS on MX hosts (check-dns --smtp)'],
  ['mx.starttls-', 'Receiving side: STARTTLS on MX hosts (check-dns --smtp)'],
  ['mx.cert-', 'Receiving side: STARTTLS on MX hosts (check-dns --smtp)'],
  ['mx.unreachable', 'Receiving side: STARTTLS on MX hosts (check-dns --smtp)'],
  ['mta-sts.', 'Receiving side: MTA-STS (check-dns)'],
  ['dnssec.', 'Receiving side: DNSSEC (check-dns)'],
  ['tlsrpt.', 'Receiving side: TLS-RPT, BIMI, reverse DNS (check-dns)'],
  ['bimi.', 'Receiving side: TLS-RPT, BIMI, reverse DNS (check-dns)'],
  ['ptr.', 'Receiving side: TLS-RPT, BIMI, reverse DNS (check-dns)'],
  ['smtp.', 'SMTP session (smtp-test)'],
  ['config.', 'SMTP accounts file (smtp-test --config)'],
  ['input.', 'Message headers (inspect-headers)'],
  ['headers.', 'Message headers (inspect-headers)'],
  ['delivery.', 'Message headers (inspect-headers)'],
  ['auth.', 'Authentication recorded in the headers (inspect-headers)'],
  ['ms.', 'Authentication recorded in the headers (inspect-headers)'],
  ['forwarding.', 'Forwarding (inspect-headers)'],
  ['expect.', 'Questions asked with --expect-relay / --expect-from (inspect-headers)'],
];

export function findingsMarkdown(): string {
  const out = [
    '# Finding ids',
    '',
    'Every finding maildiag can report, by id. Ids are stable: scripts may depend on them. Severity is the default;',
    'a few findings are more severe in some cases (noted). Generated from `src/core/catalogue/` by `npm run docs`;',
    'a test fails when this file is stale.',
    '',
    'Severities: `ok` (checked and fine), `info` (worth knowing), `warning` (works, but a risk), `error` (mail will be',
    'rejected, junked or lost). A finding marked *aborts* means the check could not be run (status `error`, exit 3).',
    '',
  ];
  const byTitle = new Map<string, Array<[string, FindingSpec<object>]>>();
  for (const [id, spec] of Object.entries(catalogue) as Array<[string, FindingSpec<object>]>) {
    const title = AREAS.find(([p]) => id.startsWith(p))?.[1] ?? 'Other';
    const list = byTitle.get(title) ?? [];
    list.push([id, spec]);
    byTitle.set(title, list);
  }
  for (const [title, list] of byTitle) {
    out.push(`## ${title}`, '', '| id | severity | what it means | reference |', '| --- | --- | --- | --- |');
    for (const [id, spec] of list) {
      out.push(`| \`${id}\` | ${spec.severity}${spec.aborts ? ', aborts' : ''} | ${spec.title} | ${spec.ref ?? ''} |`);
    }
    out.push('');
  }
  out.push('## DMARC tags', '', 'What check-dns validates in a DMARC record.', '', '| tag | default | meaning | valid values |', '| --- | --- | --- | --- |');
  for (const t of DMARC_TAGS) out.push(`| \`${t.tag}\` | ${t.default ?? ''} | ${t.meaning}${t.obsolete ? ' — removed by RFC 9989' : ''} | ${t.expected} |`);
  out.push('');
  return out.join('\n');
}
