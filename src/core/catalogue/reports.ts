import { spec } from './define.js';
import type { Reason } from './reasons.js';
import { reasonText } from './reason-words.js';
import { formatNumber } from '../../i18n/lang.js';

const n = (x: number) => formatNumber(x, 'en');
const ipList = (a: { ips: string[]; ipCount: number }) => `${a.ips.join(', ')}${a.ipCount > a.ips.length ? ` and ${a.ipCount - a.ips.length} more` : ''}`;
/** " (its IPs)", unless the sender is named by its only IP. */
const ipsOf = (a: { sender: string; ips: string[]; ipCount: number }) => (a.ipCount === 1 && a.ips[0] === a.sender ? '' : ` (${ipList(a)})`);
const list = (xs: readonly string[]) => xs.join(', ') || 'none';

type SenderArgs = { domain: string; sender: string; by: string | null; ips: string[]; ipCount: number; messages: number; passing: number };

/** maildiag reports: DMARC aggregate and TLS-RPT reports, read. */
export const reportFindings = {
  'reports.unreadable': spec<{ file: string; reason: Reason }>({
    section: 'reports-input',
    severity: 'warning',
    title: 'A report file was not read',
    message: (a) => `${a.file} was not read: ${reasonText(a.reason)}.`,
    hint: () => `The other reports were read. A malformed report is its sender's fault; a refused one (a DOCTYPE, a compression bomb, an unsafe zip) may be hostile: do not open it with other tools.`,
  }),
  'reports.duplicates': spec<{ count: number }>({
    section: 'reports-input',
    severity: 'info',
    title: 'Reports given more than once',
    message: (a) => `${n(a.count)} report${a.count === 1 ? ' was' : 's were'} given more than once (same reporter and report id) and counted once.`,
    hint: () => `Nothing to do: a report saved twice, or received in two mailboxes, counts once.`,
  }),
  'reports.lookups-failed': spec<{ domain: string; failed: number; total: number; ips: string[]; reason: Reason | null }>({
    section: 'reports-sources',
    severity: 'warning',
    title: 'Some senders could not be named: DNS did not answer',
    message: (a) => `${n(a.failed)} of the ${n(a.total)} sending IPs of ${a.domain} (${a.ips.join(', ')}${a.failed > a.ips.length ? ', ...' : ''}) could not be checked against its SPF or reverse DNS${a.reason ? ` (${reasonText(a.reason)})` : ''}: they are counted as unknown senders, and the readiness below may be understated.`,
    hint: () => `Run again with a resolver that answers (--resolver), or with --offline to judge by the reports alone.`,
  }),
  'dmarc-report.summary': spec<{ domain: string; messages: number; reports: number; reporters: string[]; first: string; last: string; policy: string | null }>({
    section: 'reports-sources',
    severity: 'info',
    title: 'What the DMARC reports of a domain cover',
    message: (a) => `${a.domain}: ${n(a.messages)} messages in ${n(a.reports)} report${a.reports === 1 ? '' : 's'} from ${list(a.reporters)}, ${a.first} to ${a.last}; policy seen: ${a.policy ?? 'unknown'}.`,
    hint: () => `Receivers send one report a day per domain: a week of reports shows nearly every sender.`,
  }),
  'dmarc-report.sender-aligned': spec<SenderArgs>({
    section: 'reports-dmarc',
    severity: 'ok',
    title: 'A sender passes DMARC aligned',
    message: (a) => `${a.sender}${a.by ? ` (${a.by})` : ''} sends as ${a.domain} and passes DMARC: ${n(a.messages)} messages from ${ipList(a)}.`,
  }),
  'dmarc-report.sender-not-aligned': spec<SenderArgs & { spfDomains: string[]; dkimDomains: string[]; policy: string | null; strictOnly: string[] }>({
    section: 'reports-dmarc',
    severity: 'warning',
    title: 'A legitimate sender fails DMARC alignment',
    message: (a) =>
      `${a.sender}${a.by ? ` (${a.by})` : ''} sends for ${a.domain}, but ${n(a.messages - a.passing)} of its ${n(a.messages)} messages fail DMARC (SPF: ${list(a.spfDomains)}; DKIM: ${list(a.dkimDomains)}): ${a.strictOnly.length ? `${list(a.strictOnly)} ${a.strictOnly.length === 1 ? 'is' : 'are'} aligned only in relaxed mode, and the policy asks for strict alignment` : `no passing domain is aligned with ${a.domain}`}.`,
    hint: (a) => `${a.strictOnly.length ? `Relax the policy's alignment (aspf=r and adkim=r, the defaults) unless every sender uses exactly ${a.domain}; or ` : ''}Make ${a.sender} sign with ${a.domain}: publish the DKIM records (usually CNAMEs under _domainkey.${a.domain}) it gives for your domain and turn signing on, or give it a return-path (bounce domain) under ${a.domain}. Until then, p=quarantine or p=reject would junk or refuse these messages.`,
  }),
  'dmarc-report.forwarded': spec<SenderArgs & { kind: string; reasons: string[] }>({
    section: 'reports-dmarc',
    severity: 'info',
    title: 'Mail forwarded by a mailbox provider or a list',
    message: (a) => `${n(a.messages)} messages came through ${a.sender} (${a.kind === 'mailing-list' ? 'a mailing list' : 'forwarding'}${a.reasons.length ? `, reported as ${list(a.reasons)}` : ''}); ${n(a.passing)} still passed DMARC.`,
    hint: () => `Forwarding breaks SPF but not DKIM: sign every message with DKIM for your domain, and these pass. ARC lets the final receiver trust the forwarder.`,
  }),
  'dmarc-report.unknown-failing': spec<SenderArgs & { dispositions: Record<string, number>; spfDomains: string[]; dkimDomains: string[] }>({
    section: 'reports-dmarc',
    severity: 'warning',
    title: 'An unknown sender fails DMARC',
    message: (a) => `${n(a.messages)} messages from ${a.sender}${ipsOf(a)}, which ${a.domain}'s SPF does not authorise, failed DMARC (SPF: ${list(a.spfDomains)}; DKIM: ${list(a.dkimDomains)}).`,
    hint: (a) => `Either someone sends as ${a.domain} without right (p=quarantine, then p=reject stops it), or it is a service your organisation uses and forgot: ask who uses ${a.sender}; if it is yours, add it to the SPF record and set up its DKIM for ${a.domain}.`,
  }),
  'dmarc-report.unknown-passing': spec<SenderArgs & { spfDomains: string[]; dkimDomains: string[] }>({
    section: 'reports-dmarc',
    severity: 'info',
    title: 'A sender passed DMARC but today\'s SPF does not name it',
    message: (a) => `${a.sender}${ipsOf(a)} passed DMARC for ${n(a.passing)} of ${n(a.messages)} messages, yet ${a.domain}'s SPF does not authorise it today.`,
    hint: () => `The SPF record changed since the reports were written, or the sender's SPF domain is not yours: check it is a service you use.`,
  }),
  'dmarc-report.ready': spec<{ domain: string; legitimate: number; policy: string | null }>({
    section: 'reports-dmarc',
    severity: 'ok',
    title: 'Ready for a stricter DMARC policy',
    message: (a) => `All ${n(a.legitimate)} messages of ${a.domain}'s own senders passed DMARC aligned: moving from ${a.policy ?? 'the current policy'} to p=quarantine, then p=reject, would block none of them.`,
    hint: () => `Move step by step (p=quarantine, then p=reject) and keep reading the reports: a new sender shows up in them first.`,
  }),
  'dmarc-report.not-ready': spec<{ domain: string; share: number; legitimate: number; blocked: Array<{ name: string; messages: number }>; policy: string | null }>({
    section: 'reports-dmarc',
    severity: 'warning',
    title: 'Not ready for a stricter DMARC policy',
    message: (a) => `${a.share}% of the ${n(a.legitimate)} messages of ${a.domain}'s own senders passed DMARC aligned: p=quarantine or p=reject today would block ${a.blocked.map((b) => `${n(b.messages)} from ${b.name}`).join(', ')}.`,
    hint: () => `Fix those senders first (their findings say how), then move from p=none to p=quarantine, then p=reject.`,
  }),
  'dmarc-report.span': spec<{ count: number; file: string; reporter: string; begin: string; end: string }>({
    section: 'reports-sources',
    severity: 'info',
    title: 'A report with an unusual date range',
    message: (a) => `${n(a.count)} report${a.count === 1 ? ' has' : 's have'} an end before the begin or a span over 24 hours (first: ${a.file} from ${a.reporter}, ${a.begin} to ${a.end}); counted anyway.`,
    hint: () => `Nothing to do: the reporter's clock or batching; its counts are still right.`,
  }),
  'tls-report.summary': spec<{ domain: string; successes: number; failures: number; reports: number; reporters: string[]; first: string; last: string; policies: string[] }>({
    section: 'reports-tls',
    severity: 'info',
    title: 'What the TLS reports of a domain cover',
    message: (a) => `${a.domain}: ${n(a.successes)} TLS sessions succeeded and ${n(a.failures)} failed, in ${n(a.reports)} report${a.reports === 1 ? '' : 's'} from ${list(a.reporters)}, ${a.first} to ${a.last} (policies: ${list(a.policies)}).`,
    hint: () => `TLS-RPT (RFC 8460) reports tell how senders' TLS to your MX hosts went: a failure under MTA-STS enforce is mail not delivered.`,
  }),
  'tls-report.failure': spec<{ domain: string; policy: string; type: string; sessions: number; receivingMx: string[]; sendingMtas: string[]; info: string[]; fix: Reason }>({
    section: 'reports-tls',
    severity: 'error',
    title: 'TLS sessions to the MX hosts failed',
    message: (a) =>
      `${n(a.sessions)} sessions to ${list(a.receivingMx.length ? a.receivingMx : [a.domain])} failed with ${a.type} (policy ${a.policy})${a.sendingMtas.length ? `, from ${list(a.sendingMtas.slice(0, 5))}` : ''}${a.info.length ? `: ${a.info[0]}` : ''}.`,
    hint: (a) => `${reasonText(a.fix).replace(/^./, (c) => c.toUpperCase())}.`,
  }),
};
