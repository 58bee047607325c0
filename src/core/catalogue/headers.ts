import { spec } from './define.js';
import type { Reason } from './reasons.js';
import { reasonText } from './reason-words.js';
import { explainAlignment, type AlignmentFacts } from './alignment.js';

const minutes = (ms: number) => (Math.abs(ms) >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : Math.abs(ms) >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/** inspect-headers: the route, the sender, authentication, forwarding, and the user's yes/no questions. */
export const headerFindings = {
  'input.not-a-message': spec<{ source: string; reason: Reason }>({
    section: 'input',
    severity: 'error',
    aborts: true,
    title: 'Not an e-mail message',
    message: (a) => `${a.source} is not an e-mail message or header block: ${reasonText(a.reason)}.`,
    hint: () => `Give the .eml file, or paste the message's headers ("Show original" in Gmail, "View message source" in Outlook, "Afficher la source" in Thunderbird).`,
  }),
  'headers.too-large': spec<{ source: string; bytes: number }>({
    section: 'route',
    severity: 'warning',
    title: 'Header block cut',
    message: (a) => `The header block of ${a.source} is over ${Math.round(a.bytes / 1048576)} MB and was read only that far.`,
    hint: () => `Such a header block is abnormal: a mail loop, or not an e-mail message.`,
  }),
  'headers.no-received': spec<{ source: string }>({
    section: 'route',
    severity: 'warning',
    title: 'No Received headers',
    message: () => `The message has no Received headers: the route it took cannot be told.`,
    hint: () => `Copy the full headers of the message as received (not the headers of a draft or a sent copy).`,
  }),
  'headers.received-unparsed': spec<{ position: number; raw: string }>({
    section: 'route',
    severity: 'info',
    title: 'Received header not understood',
    message: (a) => `Received header ${a.position} (from the top) could not be read and is shown as written: ${a.raw.slice(0, 200)}`,
    hint: () => `Nothing to fix on your side; the hop is kept in its place in the route.`,
  }),
  'headers.clock-skew': spec<{ from: string; to: string | null; delayMs: number }>({
    section: 'route',
    severity: 'warning',
    title: 'A clock is wrong',
    message: (a) => `The hop ${a.from} → ${a.to ?? 'the next server'} is dated ${minutes(-a.delayMs)} before the previous one: one of the servers' clocks is wrong.`,
    hint: () => `Delays computed across this hop are not reliable. The server with the wrong time should use NTP.`,
  }),
  'headers.slow-hop': spec<{ from: string; to: string | null; delayMs: number }>({
    section: 'route',
    severity: 'warning',
    title: 'The message waited on the way',
    message: (a) => `The message waited ${minutes(a.delayMs)} between ${a.from} and ${a.to ?? 'the next server'}.`,
    hint: () => `A queue, a greylisting retry or a filter held it there: that server's logs tell why.`,
  }),
  'headers.missing-date': spec<{ value: string | null }>({
    section: 'route',
    severity: 'warning',
    title: 'No valid Date header',
    message: (a) => (a.value === null ? `The message has no Date header.` : `The Date header "${a.value}" cannot be read.`),
    hint: () => `The sending application must add a Date header (RFC 5322 §3.6); messages without one are scored as spam.`,
  }),
  'headers.missing-message-id': spec<Record<string, never>>({
    section: 'route',
    severity: 'warning',
    title: 'No Message-ID',
    message: () => `The message has no Message-ID header.`,
    hint: () => `The sending application should add one; Gmail rejects messages without it since 2024.`,
  }),
  'delivery.route': spec<{ relay: string; ip: string | null; receiver: string | null; hops: number; totalDelayMs: number | null }>({
    section: 'route',
    severity: 'info',
    title: 'Who delivered the message',
    message: (a) =>
      `Delivered by ${a.relay}${a.ip ? ` [${a.ip}]` : ''} to ${a.receiver ?? 'the receiving server'}, after ${a.hops} hop${a.hops === 1 ? '' : 's'}${a.totalDelayMs !== null ? ` in ${minutes(a.totalDelayMs)}` : ''}.`,
    hint: () => `The relay named here is the one receivers judge: it is the IP that SPF and reputation apply to.`,
  }),
  'delivery.receiver-disagrees': spec<{ relay: string; ip: string | null; receiverIp: string; source: string }>({
    section: 'route',
    severity: 'warning',
    title: 'The receiver judged another address',
    message: (a) => `The route names ${a.relay}${a.ip ? ` [${a.ip}]` : ''} as the delivering relay, but the receiver recorded ${a.receiverIp} as the client it judged (${a.source}).`,
    hint: () => `One of the hops is not what it claims (a relay inside the receiving organisation not recognised as such, or a forged Received line): pass the receiving side's hosts with --trusted, and trust the address the receiver recorded for SPF and reputation.`,
  }),
  'auth.spf-fail': spec<{ result: string; domain: string; ip: string | null }>({
    section: 'auth',
    severity: 'warning',
    title: 'SPF did not pass',
    message: (a) => `The receiver recorded SPF ${a.result} for ${a.domain}${a.ip ? ` from ${a.ip}` : ''}.`,
    hint: (a) => `Add the sending server${a.ip ? ` (${a.ip})` : ''} or its provider's include to the SPF record of ${a.domain}; check it with maildiag check-dns ${a.domain}${a.ip ? ` --ip ${a.ip}` : ''}.`,
  }),
  'auth.dkim-fail': spec<{ domain: string; result: string; reason: Reason }>({
    section: 'auth',
    severity: 'error',
    title: 'DKIM signature does not verify',
    message: (a) => `The DKIM signature of ${a.domain} ${a.result === 'fail' ? 'does not verify' : `is ${a.result}`}: ${reasonText(a.reason)}.`,
    hint: () => `The message was changed after signing (a footer, a mailing list, a security gateway) or the published key does not match: compare the key with maildiag check-dns --dkim-selector.`,
  }),
  'auth.dmarc-fail': spec<AlignmentFacts>({
    section: 'auth',
    severity: 'error',
    title: 'DMARC fails',
    message: (a) => `DMARC fails for ${a.fromDomain}: ${explainAlignment(a, 'en')}`,
    hint: (a) => `Make the sending service sign with DKIM as ${a.fromDomain} (your provider's CNAME records), or send with a bounce address under ${a.fromDomain}.`,
  }),
  'auth.dmarc-pass': spec<AlignmentFacts>({
    section: 'auth',
    severity: 'ok',
    title: 'DMARC passes',
    message: (a) => `DMARC passes for ${a.fromDomain}: ${explainAlignment(a, 'en')}`,
  }),
  'auth.not-aligned': spec<{ method: 'SPF' | 'DKIM'; domain: string; fromDomain: string }>({
    section: 'auth',
    severity: 'info',
    title: 'A result is not aligned',
    message: (a) => `${a.method} passed for ${a.domain}, which is not aligned with the From domain ${a.fromDomain}; DMARC rests on the other method.`,
    hint: (a) => (a.method === 'SPF' ? `Normal for a mailing platform's bounce address; a custom return-path under ${a.fromDomain} would align it too.` : `Ask the sending service to sign with d=${a.fromDomain}.`),
  }),
  'auth.no-results': spec<{ receivers: string[] }>({
    section: 'auth',
    severity: 'info',
    title: 'No authentication results from the receiver',
    message: (a) => `The receiving side${a.receivers.length ? ` (${a.receivers.join(', ')})` : ''} recorded no Authentication-Results: SPF, DKIM and DMARC cannot be read from these headers.`,
    hint: () => `Use --verify to check the DKIM signatures and SPF now, through DNS, or check the sending domain with maildiag check-dns.`,
  }),
  'auth.arc': spec<{ instances: number; sealers: string[]; cv: string | null }>({
    section: 'auth',
    severity: 'info',
    title: 'ARC chain',
    message: (a) => `The message carries ${a.instances} ARC set${a.instances === 1 ? '' : 's'} (sealed by ${a.sealers.join(', ') || 'unnamed servers'}${a.cv ? `, last cv=${a.cv}` : ''}).`,
    hint: () => `ARC lets a receiver trust the authentication results of the intermediaries that forwarded the message.`,
  }),
  'auth.verify-result': spec<{ method: string; domain: string; now: string; atDelivery: string | null }>({
    section: 'auth',
    severity: 'info',
    title: 'Re-checked now',
    message: (a) => `${a.method} for ${a.domain}, checked now: ${a.now}${a.atDelivery ? ` (at delivery: ${a.atDelivery})` : ''}.`,
    hint: () => `Keys rotate and records change: a result today can honestly differ from the one at delivery.`,
  }),
  'ms.verdict': spec<{ summary: string; spam: boolean }>({
    section: 'auth',
    severity: 'info',
    title: 'Microsoft 365 verdict',
    message: (a) => `Microsoft 365 filtering: ${a.summary}.`,
    hint: (a) => (a.spam ? `Microsoft 365 classed it as spam or bulk: the fields above say why; an admin can release it or add a tenant allow entry.` : `Nothing to do: Microsoft 365 let it through.`),
  }),
  'forwarding.auto': spec<{ evidence: string[] }>({
    section: 'sender',
    severity: 'info',
    title: 'Forwarded automatically',
    message: (a) => `The message was forwarded automatically (${a.evidence.join('; ')}); the original sender is kept.`,
    hint: () => `Usable as is: the From is the original sender's. SPF may fail at the final receiver unless the forwarder rewrites the envelope (SRS) or ARC is trusted.`,
  }),
  'forwarding.inline': spec<{ evidence: string[]; subjectOnly: boolean }>({
    section: 'sender',
    severity: 'warning',
    title: 'Forwarded by hand',
    message: (a) => `The message was forwarded by hand as an inline "Fwd:"/"TR:" message (${a.evidence.join('; ')})${a.subjectOnly ? ', judging by the subject only' : ''}: the From is the person who forwarded it, the original sender is lost.`,
    hint: () => `A service that must act on the original sender needs automatic forwarding (a forwarding rule or redirect), not the Forward button.`,
  }),
  'expect.relay-seen': spec<{ relay: string; hop: string }>({
    section: 'sender',
    severity: 'ok',
    title: 'Went through the expected relay',
    message: (a) => `Yes: the message went through ${a.relay} (${a.hop}).`,
  }),
  'expect.relay-missing': spec<{ relay: string; relays: string[] }>({
    section: 'sender',
    severity: 'error',
    title: 'Did not go through the expected relay',
    message: (a) => `No: the message did not go through ${a.relay}; it went through ${a.relays.join(' → ') || 'no named relay'}.`,
    hint: () => `The application still sends through another server: check its SMTP settings (host, port, login) and that it was restarted since.`,
  }),
  'expect.from-match': spec<{ expected: string; from: string }>({
    section: 'sender',
    severity: 'ok',
    title: 'Sent with the expected sender',
    message: (a) => `Yes: the From is ${a.from}, as expected (${a.expected}).`,
  }),
  'expect.from-mismatch': spec<{ expected: string; from: string }>({
    section: 'sender',
    severity: 'error',
    title: 'Not sent with the expected sender',
    message: (a) => `No: the From is ${a.from || 'missing'}, not ${a.expected}.`,
    hint: () => `The server may have replaced the sender with the login's address (no "send as" right), or the application uses another sender setting.`,
  }),
};
