/**
 * Where a finding is shown: each catalogue entry names its section, a renderer draws the section (text
 * and Markdown), and docs/findings.md groups ids under the section's title. A finding whose section its
 * command's renderer does not draw is shown under "General" (only `run` and `input` are meant to be).
 */
export const SECTIONS = {
  run: { command: 'any', docs: 'Any command: a run that could not be done (in the JSON document, with --json)' },
  dns: { command: 'check-dns', docs: 'DNS' },
  spf: { command: 'check-dns', docs: 'SPF (RFC 7208)' },
  'spf-ip': { command: 'check-dns', docs: 'SPF (RFC 7208)' },
  'ip-rdns': { command: 'check-dns', docs: 'Sending IPs: reverse DNS (check-dns --ip)' },
  dnsbl: { command: 'check-dns', docs: 'Blocklists: the sending IPs (check-dns --ip) and the domain' },
  dmarc: { command: 'check-dns', docs: 'DMARC (RFC 9989, RFC 7489)' },
  dkim: { command: 'check-dns', docs: 'DKIM (RFC 6376)' },
  expected: { command: 'check-dns', docs: 'Expected provider records' },
  mx: { command: 'check-dns', docs: 'MX (RFC 5321, RFC 7505)' },
  'mx-tls': { command: 'check-dns', docs: 'Receiving side: STARTTLS on MX hosts (check-dns --smtp)' },
  'mta-sts': { command: 'check-dns', docs: 'Receiving side: MTA-STS (check-dns)' },
  dnssec: { command: 'check-dns', docs: 'Receiving side: DNSSEC (check-dns)' },
  tlsrpt: { command: 'check-dns', docs: 'Receiving side: TLS-RPT, BIMI, reverse DNS (check-dns)' },
  bimi: { command: 'check-dns', docs: 'Receiving side: TLS-RPT, BIMI, reverse DNS (check-dns)' },
  ptr: { command: 'check-dns', docs: 'Receiving side: TLS-RPT, BIMI, reverse DNS (check-dns)' },
  requirements: { command: 'check-dns', docs: 'Sender requirements of Gmail, Yahoo and Outlook.com (check-dns and inspect-headers --requirements)' },
  'reports-input': { command: 'reports', docs: 'DMARC and TLS reports (maildiag reports): the files read' },
  'reports-sources': { command: 'reports', docs: 'DMARC and TLS reports (maildiag reports): DMARC aggregate reports (RFC 7489, RFC 9990)' },
  'reports-dmarc': { command: 'reports', docs: 'DMARC and TLS reports (maildiag reports): DMARC aggregate reports (RFC 7489, RFC 9990)' },
  'reports-tls': { command: 'reports', docs: 'DMARC and TLS reports (maildiag reports): TLS-RPT (RFC 8460)' },
  bounce: { command: 'bounce', docs: 'Bounces (maildiag bounce): the reason set is in the table below' },
  smtp: { command: 'smtp-test', docs: 'SMTP session (smtp-test)' },
  tls: { command: 'smtp-test', docs: 'SMTP session (smtp-test)' },
  config: { command: 'smtp-test', docs: 'SMTP accounts file (smtp-test --config)' },
  input: { command: 'inspect-headers', docs: 'Message headers (inspect-headers)' },
  route: { command: 'inspect-headers', docs: 'Message headers (inspect-headers)' },
  auth: { command: 'inspect-headers', docs: 'Authentication recorded in the headers (inspect-headers)' },
  sender: { command: 'inspect-headers', docs: 'Sender, forwarding and the questions of --expect-relay / --expect-from (inspect-headers)' },
} as const;

export type SectionId = keyof typeof SECTIONS;

/** Sections no renderer draws: their findings are shown under "General". */
export const GENERAL_SECTIONS: readonly SectionId[] = ['run', 'input'];
