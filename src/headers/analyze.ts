/**
 * From a header block to what it says: the hops oldest first, who delivered the message to the
 * receiving organisation (SpamAssassin-style trust boundary), who sent it, what the receiver recorded
 * about authentication, the DMARC alignment maildiag computes, and forwarding. Pure: the organizational
 * domain function and the decoders arrive as arguments.
 */
import { parseAuthResults, parseDkimSignature, parseMicrosoftAntispam, parseReceivedSpf, type AuthResult, type AuthResultsHeader, type DkimSignature, type MicrosoftAntispam, type ReceivedSpf } from './auth-results.js';
import type { Headers } from './message.js';
import { ipFamily } from '../core/ip-family.js';
import { isPrivateIp, normalizeIp, parseMailDate, parseReceived, type ReceivedHop } from './received.js';

export interface Hop extends ReceivedHop {
  /** Position of the Received field (0 = topmost, the newest). */
  index: number;
  /** Time since the previous (older) hop; negative means a clock is wrong. */
  delayMs: number | null;
  privateIp: boolean;
  /** receiver: inside the receiving organisation; handoff: where the message entered it; before: on the way. */
  side: 'receiver' | 'handoff' | 'before';
}

export interface Address {
  address: string;
  name: string;
  domain: string;
}

export interface Alignment {
  fromDomain: string | null;
  spf: { domain: string; result: string; relaxed: boolean; strict: boolean } | null;
  dkim: Array<{ domain: string; selector: string | null; result: string; relaxed: boolean; strict: boolean }>;
  /** What the receiver concluded, if it said. */
  receiverDmarc: string | null;
  /** What maildiag concludes from the results the receiver recorded (relaxed alignment, the default). */
  dmarc: 'pass' | 'fail' | 'unknown';
}

export interface Forwarding {
  kind: 'auto' | 'inline' | 'none';
  evidence: string[];
  /** Inline forwarding seen in the subject only: the body was not available to confirm. */
  subjectOnly?: boolean;
}

/** How the delivering relay was found: the first hop from outside the receiving organisation, or the address the receiver recorded. */
export type RelayDecision = 'trust boundary' | "receiver's client-ip";
/** How the origin was found: the hop where an authenticated user handed the message over, or the oldest hop with an address. */
export type OriginDecision = 'authenticated submission' | 'oldest public hop' | 'oldest hop';

/** The address the receiver itself says it judged (Received-SPF client-ip, Authentication-Results smtp.remote-ip, "sender IP is"). */
export interface ReceiverEvidence {
  ip: string;
  /** The header field it was read from. */
  source: string;
  /** Whether it is the address of the hop chosen as the delivering relay. */
  agrees: boolean;
}

export interface HeaderAnalysis {
  hops: Hop[];
  totalDelayMs: number | null;
  origin: { host: string | null; ip: string; privateIp: boolean; decidedBy: OriginDecision; auth?: string | true } | null;
  delivering: { host: string | null; ip: string | null; by: string | null; decidedBy: RelayDecision; receiverEvidence?: ReceiverEvidence } | null;
  receivingDomains: string[];
  from: Address[];
  sender: Address | null;
  replyTo: Address[];
  returnPath: string | null;
  messageId: string | null;
  messageIdDomain: string | null;
  date: string | null;
  dateValid: boolean;
  subject: string | null;
  mailer: string | null;
  dkimSignatures: DkimSignature[];
  authResults: AuthResultsHeader[];
  /** Authentication-Results written below the handoff (by the sender side): not trusted, kept for reference. */
  untrustedAuthResults: number;
  receivedSpf: ReceivedSpf | null;
  arc: Array<{ instance: number; authservId: string | null; cv: string | null }>;
  microsoft: MicrosoftAntispam | null;
  alignment: Alignment;
  forwarding: Forwarding;
}

export interface AnalyzeOptions {
  /** Organizational domain (PSL), for alignment and the trust boundary. */
  orgDomain: (name: string) => string;
  /** --trusted: hosts or domains of the receiving side. */
  trusted: string[];
  parseAddresses: (value: string) => Address[];
  decodeWords: (value: string) => string;
  /** Plain text of the body, when it was read (inline forwarding markers). */
  bodyText?: string;
}

const FORWARD_SUBJECT = /^\s*(?:(?:re|aw|sv|ant|réf)\s*:\s*)*(fwd?|tr|wg|rv|enc|vs|doorst|i)\s*:/i;
const FORWARD_MARKERS = [
  /-{2,}\s*Forwarded message\s*-{2,}/i,
  /-{2,}\s*Message transféré\s*-{2,}/i,
  /-{2,}\s*Original Message\s*-{2,}/i,
  /-{2,}\s*Message d'origine\s*-{2,}/i,
  /Début du message réexpédié/i,
  /Begin forwarded message/i,
  /-{2,}\s*Weitergeleitete Nachricht\s*-{2,}/i,
  /-{2,}\s*Mensaje reenviado\s*-{2,}/i,
  /^De ?: .+\r?\n(?:Envoyé|Date) ?: .+\r?\nÀ ?: /im,
  /^From: .+\r?\nSent: .+\r?\nTo: /im,
];

function hostMatches(host: string | null, domains: string[], orgDomain: (n: string) => string): boolean {
  if (!host) return false;
  return domains.some((d) => host === d || host.endsWith(`.${d}`) || orgDomain(host) === d);
}

export function analyzeHeaders(h: Headers, opts: AnalyzeOptions): HeaderAnalysis {
  const received = h.all('received');
  // Header order is the truth: topmost is newest. Hops are shown oldest first.
  const newestFirst = received.map((f) => ({ ...parseReceived(f.value), index: f.index }));

  // Trust boundary: the receiving side is the organisation of the topmost named "by", plus --trusted.
  const firstBy = newestFirst.find((x) => x.by && !/^[0-9a-f:.]+$/i.test(x.by))?.by;
  const receivingDomains = [...new Set([...(firstBy ? [opts.orgDomain(firstBy)] : []), ...opts.trusted.map((t) => t.toLowerCase())])];
  const internalFrom = (x: ReceivedHop) =>
    (!x.helo && !x.rdns && !x.ip) || (x.ip !== null && isPrivateIp(x.ip)) || hostMatches(x.rdns ?? x.helo, receivingDomains, opts.orgDomain) || (x.ip !== null && opts.trusted.includes(x.ip));
  let handoff = -1;
  for (let i = 0; i < newestFirst.length; i++) {
    const x = newestFirst[i]!;
    if (!x.parsed) continue;
    if (!internalFrom(x)) {
      handoff = i;
      break;
    }
  }
  // The receiver's own record of the address it judged: when every hop looks internal (Gmail to Gmail,
  // Microsoft 365 to Microsoft 365), it names the handoff; otherwise it confirms the boundary, or not.
  // Each authentication field is parsed once, here: the boundary, the evidence and the alignment read it.
  const allAr = h.all('authentication-results').map((f) => parseAuthResults(f.value, f.index));
  const arcAr = h.all('arc-authentication-results').map((f) => parseAuthResults(f.value, f.index, true));
  const spfFields = h.all('received-spf').map((f) => parseReceivedSpf(f.value, f.index));
  const evidence = receiverClientIp(allAr, arcAr, spfFields, receivingDomains, opts);
  let decidedBy: RelayDecision = 'trust boundary';
  if (handoff < 0 && evidence && !opts.trusted.includes(evidence.ip)) {
    const at = newestFirst.findIndex((x) => x.parsed && x.ip === evidence.ip);
    if (at >= 0) {
      handoff = at;
      decidedBy = "receiver's client-ip";
    }
  }

  const hops: Hop[] = [];
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const x = newestFirst[i]!;
    const prev = hops[hops.length - 1];
    hops.push({
      ...x,
      delayMs: prev && prev.time !== null && x.time !== null ? x.time - prev.time : null,
      privateIp: x.ip !== null && isPrivateIp(x.ip),
      side: handoff < 0 ? 'receiver' : i < handoff ? 'receiver' : i === handoff ? 'handoff' : 'before',
    });
  }
  const times = hops.map((x) => x.time).filter((t): t is number => t !== null);
  const totalDelayMs = times.length >= 2 ? times[times.length - 1]! - times[0]! : null;
  // The origin: where a user logged in and handed the message over (the landmark support staff look for),
  // else the oldest hop with a public address, else the oldest with any.
  const submission = hops.find((x) => x.parsed && x.auth !== null && x.ip && (x.side !== 'receiver' || handoff < 0));
  const firstPublic = hops.find((x) => x.parsed && x.ip && !x.privateIp);
  const firstWithIp = hops.find((x) => x.parsed && x.ip);
  const originHop = submission ?? firstPublic ?? firstWithIp;
  const originDecision: OriginDecision = submission ? 'authenticated submission' : firstPublic ? 'oldest public hop' : 'oldest hop';
  const handoffHop = handoff >= 0 ? newestFirst[handoff]! : null;

  const addresses = (name: string) => {
    const v = h.first(name);
    return v ? opts.parseAddresses(v) : [];
  };
  const from = addresses('from');
  const messageId = h.first('message-id') ?? null;
  const dateHeader = h.first('date') ?? null;
  const subject = h.first('subject');

  // Authentication-Results from the receiving side only. Receivers write them next to their handoff
  // Received line (Microsoft above it, Gmail just below it), so the boundary is the next older Received;
  // a named authserv-id must be a receiving host (RFC 8601 §5: receivers strip their own id from incoming mail).
  const olderThanHandoff = handoff >= 0 ? newestFirst[handoff + 1] : undefined;
  const boundaryIndex = olderThanHandoff ? olderThanHandoff.index : Number.POSITIVE_INFINITY;
  const trustedAr = allAr.filter(
    (a) => a.index < boundaryIndex && (a.authservId === null || hostMatches(a.authservId, receivingDomains, opts.orgDomain) || opts.trusted.includes(a.authservId) || !receivingDomains.length),
  );
  const arcSeals = h.all('arc-seal').map((f) => ({ instance: Number(f.value.match(/\bi\s*=\s*(\d+)/)?.[1] ?? 0), cv: f.value.match(/\bcv\s*=\s*([a-z]+)/i)?.[1]?.toLowerCase() ?? null }));
  const arc = arcSeals.map((s) => ({ ...s, authservId: arcAr.find((a) => a.arcInstance === s.instance)?.authservId ?? null }));
  const receivedSpf = spfFields.find((f) => f.index < boundaryIndex) ?? null;

  const alignment = computeAlignment(
    from,
    trustedAr.flatMap((a) => a.results),
    receivedSpf,
    h.first('return-path') ?? null,
    opts.orgDomain,
  );

  const sender = addresses('sender')[0] ?? null;
  return {
    hops,
    totalDelayMs,
    origin: originHop?.ip
      ? { host: originHop.rdns ?? (originHop.helo && !ipFamily(originHop.helo) ? originHop.helo : null), ip: originHop.ip, privateIp: originHop.privateIp, decidedBy: originDecision, ...(submission ? { auth: submission.auth! } : {}) }
      : null,
    delivering: handoffHop
      ? {
          host: handoffHop.rdns ?? handoffHop.helo,
          ip: handoffHop.ip,
          by: handoffHop.by,
          decidedBy,
          ...(evidence ? { receiverEvidence: { ...evidence, agrees: evidence.ip === handoffHop.ip } } : {}),
        }
      : null,
    receivingDomains,
    from,
    sender,
    replyTo: addresses('reply-to'),
    returnPath: h.first('return-path')?.replace(/^<|>$/g, '') ?? null,
    messageId,
    messageIdDomain: messageId?.match(/@([^>\s]+)>?\s*$/)?.[1]?.toLowerCase() ?? null,
    date: dateHeader,
    dateValid: dateHeader !== null && parseMailDate(dateHeader) !== null,
    subject: subject !== undefined ? (subject.includes('=?') ? opts.decodeWords(subject) : subject) : null,
    mailer: h.first('x-mailer') ?? h.first('user-agent') ?? null,
    dkimSignatures: h
      .all('dkim-signature')
      .map((f) => parseDkimSignature(f.value, f.index))
      .filter((d): d is DkimSignature => d !== undefined),
    authResults: trustedAr,
    untrustedAuthResults: allAr.length - trustedAr.length,
    receivedSpf,
    arc,
    microsoft: parseMicrosoftAntispam(h.first('x-forefront-antispam-report'), h.first('x-microsoft-antispam'), h.first('x-ms-exchange-organization-scl')) ?? null,
    alignment,
    forwarding: detectForwarding(h, subject ?? '', opts.bodyText, arc, receivingDomains, opts.orgDomain),
  };
}

/**
 * The client address the receiving side recorded, newest first: Authentication-Results smtp.remote-ip or
 * a "sender IP is" / "designates ... as permitted sender" comment (Microsoft, Gmail), then Received-SPF
 * client-ip, then ARC-Authentication-Results. Only fields of the receiving side (or without an authserv-id) count.
 */
function receiverClientIp(allAr: AuthResultsHeader[], arcAr: AuthResultsHeader[], spfFields: ReceivedSpf[], receivingDomains: string[], opts: AnalyzeOptions): Omit<ReceiverEvidence, 'agrees'> | null {
  const ours = (id: string | null) => id === null || !receivingDomains.length || hostMatches(id, receivingDomains, opts.orgDomain) || opts.trusted.includes(id);
  const fromResults = (fields: AuthResultsHeader[], name: string) => {
    for (const ar of fields) {
      if (!ours(ar.authservId)) continue;
      for (const r of ar.results) {
        const said = r.props['smtp.remote-ip'] ?? r.props['policy.iprev'] ?? r.comment?.match(/sender IP is ([0-9A-Fa-f:.]+)/i)?.[1] ?? r.comment?.match(/designates ([0-9A-Fa-f:.]+) as permitted sender/i)?.[1];
        const ip = said ? normalizeIp(said)?.ip : undefined;
        if (ip) return { ip, source: name };
      }
    }
    return null;
  };
  let spf: Omit<ReceiverEvidence, 'agrees'> | null = null;
  for (const r of spfFields) {
    const ip = r.clientIp ? normalizeIp(r.clientIp)?.ip : undefined;
    if (ip) {
      spf = { ip, source: 'received-spf' };
      break;
    }
  }
  return fromResults(allAr, 'authentication-results') ?? spf ?? fromResults(arcAr, 'arc-authentication-results');
}

function domainOfAddress(addr: string | undefined | null): string | null {
  if (!addr) return null;
  const at = addr.lastIndexOf('@');
  return (at >= 0 ? addr.slice(at + 1) : addr).replace(/[<>\s]/g, '').toLowerCase() || null;
}

function computeAlignment(from: Address[], results: AuthResult[], receivedSpf: ReceivedSpf | null, returnPath: string | null, orgDomain: (n: string) => string): Alignment {
  const fromDomain = from.length === 1 ? from[0]!.domain : null;
  const align = (d: string) => ({ relaxed: fromDomain !== null && orgDomain(d) === orgDomain(fromDomain), strict: d === fromDomain });

  const spfAr = results.find((r) => r.method === 'spf');
  const spfDomain = domainOfAddress(spfAr?.props['smtp.mailfrom'] ?? receivedSpf?.envelopeFrom ?? returnPath) ?? null;
  const spfResult = spfAr?.result ?? receivedSpf?.result ?? null;
  const spf = spfDomain && spfResult ? { domain: spfDomain, result: spfResult, ...align(spfDomain) } : null;

  const dkim = results
    .filter((r) => r.method === 'dkim')
    .map((r) => {
      const d = (r.props['header.d'] ?? domainOfAddress(r.props['header.i']) ?? '').toLowerCase();
      return { domain: d, selector: r.props['header.s'] ?? null, result: r.result, ...align(d) };
    })
    .filter((x) => x.domain);
  const receiverDmarc = results.find((r) => r.method === 'dmarc')?.result ?? null;

  const spfAligned = spf !== null && spf.result === 'pass' && spf.relaxed;
  const dkimAligned = dkim.find((d) => d.result === 'pass' && d.relaxed);
  const known = spf !== null || dkim.length > 0;
  const dmarc: Alignment['dmarc'] = !fromDomain || !known ? 'unknown' : spfAligned || dkimAligned ? 'pass' : 'fail';

  return { fromDomain, spf, dkim, receiverDmarc, dmarc };
}

function detectForwarding(
  h: Headers,
  subject: string,
  body: string | undefined,
  arc: HeaderAnalysis['arc'],
  receivingDomains: string[],
  orgDomain: (n: string) => string,
): Forwarding {
  const evidence: string[] = [];
  for (const name of ['X-Forwarded-To', 'X-Forwarded-For', 'Resent-From', 'Resent-Sender', 'Resent-To', 'Resent-Date', 'Resent-Message-ID']) {
    const v = h.first(name);
    if (v !== undefined) evidence.push(`${name}: ${v}`);
  }
  if (/^true$/i.test(h.first('X-MS-Exchange-Organization-AutoForwarded') ?? '')) evidence.push('X-MS-Exchange-Organization-AutoForwarded: true');
  for (const name of ['X-MS-Exchange-ForwardingLoop', 'X-MS-Exchange-Inbox-Rules-Loop']) {
    const v = h.first(name);
    if (v !== undefined) evidence.push(`${name}: ${v}`);
  }
  if (/auto-forwarded/i.test(h.first('Auto-Submitted') ?? '')) evidence.push(`Auto-Submitted: ${h.first('Auto-Submitted')}`);
  const returnPath = h.first('return-path') ?? '';
  if (/^<?SRS[01][=+-]/i.test(returnPath)) evidence.push(`Return-Path rewritten by SRS (${returnPath})`);
  const delivered = [...new Set(h.all('delivered-to').map((f) => f.value.toLowerCase()))];
  if (delivered.length > 1) evidence.push(`Delivered-To: ${delivered.join(', ')}`);
  const foreignArc = arc.filter((a) => a.authservId && !hostMatches(a.authservId, receivingDomains, orgDomain));
  if (foreignArc.length) evidence.push(`ARC sealed by ${[...new Set(foreignArc.map((a) => a.authservId))].join(', ')} on the way`);
  if (evidence.length) return { kind: 'auto', evidence };

  const prefix = subject.match(FORWARD_SUBJECT);
  if (prefix) {
    if (body !== undefined) {
      const head = body.slice(0, 20_000);
      const marker = FORWARD_MARKERS.map((re) => head.match(re)?.[0]).find(Boolean);
      if (marker) return { kind: 'inline', evidence: [`Subject starts with "${prefix[1]}:"`, `the body quotes "${marker.trim().split(/\r?\n/)[0]}"`] };
      return { kind: 'none', evidence: [] };
    }
    return { kind: 'inline', evidence: [`Subject starts with "${prefix[1]}:"`], subjectOnly: true };
  }
  return { kind: 'none', evidence: [] };
}
