/** Pure: findings from what the reports of a domain say (DMARC aggregate, TLS-RPT). */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';
import { passingShare, topKeys, type DmarcDomain, type TlsDomain } from './aggregate.js';
import type { Readiness, Sender } from './senders.js';
import { isoTime } from './rows.js';

/** What to change for each TLS-RPT result type (RFC 8460 §4.3). */
const TLS_FIXES: Record<string, Reason> = {
  'starttls-not-supported': reason('tls.fix.starttls'),
  'certificate-host-mismatch': reason('tls.fix.host-mismatch'),
  'certificate-expired': reason('tls.fix.expired'),
  'certificate-not-trusted': reason('tls.fix.not-trusted'),
  'validation-failure': reason('tls.fix.validation'),
  'tlsa-invalid': reason('tls.fix.tlsa'),
  'dnssec-invalid': reason('tls.fix.dnssec'),
  'dane-required': reason('tls.fix.dane-required'),
  'sts-policy-fetch-error': reason('tls.fix.sts-fetch'),
  'sts-policy-invalid': reason('tls.fix.sts-invalid'),
  'sts-webpki-invalid': reason('tls.fix.sts-webpki'),
};

const date = (t: number) => isoTime(t)?.slice(0, 10) ?? '?';
const top = (c: Record<string, number>) => topKeys(c, 3);

export function checkDmarcDomain(d: DmarcDomain, senders: readonly Sender[], ready: Readiness, orgDomain: (n: string) => string, failed?: { ips: string[]; reason: Reason | null }): Finding[] {
  const out: Finding[] = [];
  // Senders the DNS could not name are judged as unknown: said first, so no verdict below is taken for more than it is.
  if (failed?.ips.length) out.push(finding('reports.lookups-failed', d.domain, { domain: d.domain, failed: failed.ips.length, total: d.sources.size, ips: failed.ips.slice(0, 5), reason: failed.reason }));
  out.push(finding('dmarc-report.summary', d.domain, { domain: d.domain, messages: d.messages, reports: d.reports, reporters: Object.keys(d.reporters).sort(), first: date(d.period.first), last: date(d.period.last), policy: ready.current }));
  // A policy that already acts (quarantine, reject) turns a sender not aligned into lost mail.
  const acting = /^p=(quarantine|reject)\b/.test(ready.current ?? '') && !/t=y/.test(ready.current ?? '');
  // Domains that pass and would align in relaxed mode, under a policy that asks for strict alignment.
  const strict = (m: 'adkim' | 'aspf') => (d.alignment[`${m}=s`] ?? 0) > (d.alignment[`${m}=r`] ?? 0);
  const relaxedOnly = (c: Record<string, number>, mode: 'adkim' | 'aspf') =>
    strict(mode)
      ? Object.keys(c)
          .filter((k) => k.endsWith(' pass'))
          .map((k) => k.slice(0, -5))
          .filter((dom) => dom !== d.domain && orgDomain(dom) === orgDomain(d.domain))
      : [];
  for (const s of senders) {
    const base = { domain: d.domain, sender: s.name, by: s.by, ips: s.ips.slice(0, 5), ipCount: s.ips.length, messages: s.messages, passing: s.dmarcPass };
    if (s.verdict === 'aligned') out.push(finding('dmarc-report.sender-aligned', s.name, base));
    else if (s.verdict === 'not-aligned') out.push(finding('dmarc-report.sender-not-aligned', s.name, { ...base, spfDomains: top(s.spf), dkimDomains: top(s.dkim), policy: ready.current, strictOnly: [...relaxedOnly(s.spf, 'aspf'), ...relaxedOnly(s.dkim, 'adkim')] }, acting ? { severity: 'error' } : {}));
    else if (s.verdict === 'forwarded') out.push(finding('dmarc-report.forwarded', s.name, { ...base, kind: s.kind, reasons: top(s.reasons) }));
    else if (s.verdict === 'unknown-passing') out.push(finding('dmarc-report.unknown-passing', s.name, { ...base, spfDomains: top(s.spf), dkimDomains: top(s.dkim) }));
    else out.push(finding('dmarc-report.unknown-failing', s.name, { ...base, dispositions: s.dispositions, spfDomains: top(s.spf), dkimDomains: top(s.dkim) }));
  }
  if (ready.legitimate > 0) {
    if (ready.blocked.length) out.push(finding('dmarc-report.not-ready', d.domain, { domain: d.domain, share: passingShare(ready)!, legitimate: ready.legitimate, blocked: ready.blocked, policy: ready.current }));
    else out.push(finding('dmarc-report.ready', d.domain, { domain: d.domain, legitimate: ready.legitimate, policy: ready.current }));
  }
  if (d.spanNotes.length) out.push(finding('dmarc-report.span', d.domain, { count: d.spanNotes.length, file: d.spanNotes[0]!.file, reporter: d.spanNotes[0]!.reporter, begin: date(d.spanNotes[0]!.begin), end: date(d.spanNotes[0]!.end) }));
  if (d.duplicates) out.push(finding('reports.duplicates', d.domain, { count: d.duplicates }));
  return out;
}

export function checkTlsDomain(d: TlsDomain): Finding[] {
  const out: Finding[] = [];
  const policies = Object.values(d.policies);
  const successes = policies.reduce((n, p) => n + p.successes, 0);
  const failures = policies.reduce((n, p) => n + p.failures, 0);
  out.push(finding('tls-report.summary', d.domain, { domain: d.domain, successes, failures, reports: d.reports, reporters: Object.keys(d.reporters).sort(), first: date(d.period.first), last: date(d.period.last), policies: policies.map((p) => p.type) }));
  for (const p of policies) {
    for (const [type, f] of Object.entries(p.failureTypes).sort((a, b) => b[1].sessions - a[1].sessions)) {
      const fix = TLS_FIXES[type] ?? reason('tls.fix.other', { type });
      // Under an enforced MTA-STS policy or DANE a failed session is mail not delivered (an error); under
      // MTA-STS testing, or with no policy, the sender went on, in clear or unverified (a warning).
      const enforced = p.type === 'tlsa' || (p.type === 'sts' && Object.keys(p.modes).every((m) => m === 'enforce'));
      const policy = p.type === 'sts' && Object.keys(p.modes).length ? `sts, mode ${Object.keys(p.modes).join('/')}` : p.type;
      out.push(finding('tls-report.failure', `${d.domain} ${type}`, { domain: d.domain, policy, type, sessions: f.sessions, receivingMx: f.receivingMx, sendingMtas: f.sendingMtas, info: f.info, fix }, enforced ? {} : { severity: 'warning' }));
    }
  }
  if (d.duplicates) out.push(finding('reports.duplicates', d.domain, { count: d.duplicates }));
  return out;
}
