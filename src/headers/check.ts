/** Pure: findings from a header analysis. */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { HeaderAnalysis } from './analyze.js';
import { reason } from '../core/catalogue/reasons.js';
import type { SectionId } from '../core/catalogue/sections.js';

export interface HeaderExpectations {
  relays: string[];
  from?: string;
}

const SLOW_HOP_MS = 15 * 60_000;
/** Clocks drift a little; only a hop dated clearly before its predecessor is called skew. */
const SKEW_TOLERANCE_MS = 60_000;

const label = (host: string | null, ip: string | null) => host ?? ip ?? 'an unnamed host';

/** Where a check's findings are shown, and the check: one entry per part of the analysis, in report order. */
interface HeaderCheck {
  name: string;
  sections: readonly SectionId[];
  check: (a: HeaderAnalysis, ctx: { source: string; expect: HeaderExpectations }) => Finding[];
}

/** The Received chain: unparsed lines, clock skew, slow hops; Date and Message-ID. */
function routeFindings(a: HeaderAnalysis, source: string): Finding[] {
  const out: Finding[] = [];
  if (!a.hops.length) out.push(finding('headers.no-received', source, { source }));
  a.hops.forEach((hop, i) => {
    if (!hop.parsed) out.push(finding('headers.received-unparsed', `Received #${hop.index + 1}`, { position: hop.index + 1, raw: hop.raw }));
    if (hop.delayMs === null || i === 0) return;
    const prev = a.hops[i - 1]!;
    const fromName = prev.by ?? label(prev.helo, prev.ip);
    // Unnamed: the catalogue says "the next server" in the run's language.
    const toName = hop.by ?? null;
    if (hop.delayMs < -SKEW_TOLERANCE_MS) out.push(finding('headers.clock-skew', `Received #${hop.index + 1}`, { from: fromName, to: toName, delayMs: hop.delayMs }));
    else if (hop.delayMs > SLOW_HOP_MS) out.push(finding('headers.slow-hop', `Received #${hop.index + 1}`, { from: fromName, to: toName, delayMs: hop.delayMs }));
  });
  if (!a.dateValid) out.push(finding('headers.missing-date', 'Date', { value: a.date }));
  if (!a.messageId) out.push(finding('headers.missing-message-id', 'Message-ID', {}));
  return out;
}

/** The relay that handed the message to the receiving side, and whether the receiver's own record agrees. */
function deliveryFindings(a: HeaderAnalysis): Finding[] {
  const out: Finding[] = [];
  if (a.delivering) {
    out.push(
      finding('delivery.route', label(a.delivering.host, a.delivering.ip), {
        relay: label(a.delivering.host, a.delivering.ip),
        ip: a.delivering.ip,
        receiver: a.delivering.by,
        hops: a.hops.length,
        totalDelayMs: a.totalDelayMs,
      }),
    );
    const said = a.delivering.receiverEvidence;
    if (said && !said.agrees) {
      out.push(finding('delivery.receiver-disagrees', label(a.delivering.host, a.delivering.ip), { relay: label(a.delivering.host, a.delivering.ip), ip: a.delivering.ip, receiverIp: said.ip, source: said.source }));
    }
  }
  return out;
}

/** Authentication as the receiving side recorded it: SPF, DKIM, DMARC and alignment, ARC. */
function authFindings(a: HeaderAnalysis): Finding[] {
  const out: Finding[] = [];
  const al = a.alignment;
  if (!a.authResults.length && !a.receivedSpf) out.push(finding('auth.no-results', 'Authentication-Results', { receivers: a.receivingDomains }));
  if (al.spf && al.spf.result !== 'pass' && al.spf.result !== 'none') {
    out.push(finding('auth.spf-fail', al.spf.domain, { result: al.spf.result, domain: al.spf.domain, ip: a.delivering?.ip ?? a.receivedSpf?.clientIp ?? null }));
  }
  // A broken signature is an error when nothing else carries DMARC; a warning when DMARC passes anyway.
  const dmarcPasses = al.dmarc === 'pass' && al.receiverDmarc !== 'fail';
  for (const d of al.dkim) {
    if (d.result !== 'pass' && d.result !== 'none') {
      out.push(finding('auth.dkim-fail', d.domain, { domain: d.domain, result: d.result, reason: reason('dkim.as-recorded') }, dmarcPasses ? { severity: 'warning' } : {}));
    }
  }
  if (al.fromDomain && (al.dmarc === 'pass' || al.dmarc === 'fail' || al.receiverDmarc === 'fail')) {
    const failed = al.dmarc === 'fail' || al.receiverDmarc === 'fail';
    const facts = { fromDomain: al.fromDomain, spf: al.spf, dkim: al.dkim, verdict: al.dmarc, modes: null };
    if (failed) out.push(finding('auth.dmarc-fail', al.fromDomain, { ...facts, verdict: 'fail' }));
    else out.push(finding('auth.dmarc-pass', al.fromDomain, facts));
    if (!failed) {
      if (al.spf?.result === 'pass' && !al.spf.relaxed) out.push(finding('auth.not-aligned', al.spf.domain, { method: 'SPF', domain: al.spf.domain, fromDomain: al.fromDomain }));
      // DKIM is "not aligned" only when no signature carries DMARC (a platform's own extra signature is normal).
      const dkimAligned = al.dkim.some((d) => d.result === 'pass' && d.relaxed);
      if (!dkimAligned) for (const d of al.dkim) if (d.result === 'pass') out.push(finding('auth.not-aligned', d.domain, { method: 'DKIM', domain: d.domain, fromDomain: al.fromDomain }));
    }
  }
  if (a.arc.length) {
    const last = [...a.arc].sort((x, y) => y.instance - x.instance)[0]!;
    out.push(finding('auth.arc', 'ARC', { instances: a.arc.length, sealers: [...new Set(a.arc.map((x) => x.authservId).filter((x): x is string => Boolean(x)))], cv: last.cv }));
  }
  return out;
}

/** Microsoft 365's antispam verdicts. */
function microsoftFindings(a: HeaderAnalysis): Finding[] {
  const out: Finding[] = [];
  if (a.microsoft) {
    const m = a.microsoft;
    const spam = (m.scl !== null && m.scl >= 5) || ['SPM', 'SKS', 'BLK', 'SKB'].includes(m.sfv ?? '') || ['SPM', 'HSPM', 'PHSH', 'HPHSH', 'SPOOF', 'BULK', 'MALW'].includes(m.cat ?? '') || (m.bcl !== null && m.bcl >= 7);
    out.push(finding('ms.verdict', 'X-Forefront-Antispam-Report', { summary: Object.values(m.meaning).join('; '), spam }, spam ? { severity: 'warning' } : {}));
  }
  return out;
}

/** Automatic and inline forwarding. */
function forwardingFindings(a: HeaderAnalysis): Finding[] {
  const out: Finding[] = [];
  if (a.forwarding.kind === 'auto') out.push(finding('forwarding.auto', 'forwarding', { evidence: a.forwarding.evidence }));
  if (a.forwarding.kind === 'inline') out.push(finding('forwarding.inline', 'forwarding', { evidence: a.forwarding.evidence, subjectOnly: Boolean(a.forwarding.subjectOnly) }));
  return out;
}

/** The questions of --expect-relay and --expect-from. */
function expectationFindings(a: HeaderAnalysis, expect: HeaderExpectations): Finding[] {
  const out: Finding[] = [];
  for (const relay of expect.relays) {
    const r = relay.toLowerCase();
    const hop = a.hops.find((h) => [h.by, h.helo, h.rdns, h.ip, h.byIp].some((x) => x && (x === r || x.endsWith(`.${r}`))));
    if (hop) out.push(finding('expect.relay-seen', relay, { relay, hop: `${label(hop.rdns ?? hop.helo, hop.ip)} → ${hop.by ?? '?'}` }));
    else out.push(finding('expect.relay-missing', relay, { relay, relays: a.hops.map((h) => h.by ?? label(h.helo, h.ip)) }));
  }
  if (expect.from) {
    const e = expect.from.toLowerCase();
    const from = a.from[0]?.address.toLowerCase() ?? '';
    const domain = a.from[0]?.domain ?? '';
    const ok = e.includes('@') ? from === e : domain === e || domain.endsWith(`.${e}`);
    if (ok) out.push(finding('expect.from-match', 'From', { expected: expect.from, from }));
    else out.push(finding('expect.from-mismatch', 'From', { expected: expect.from, from }));
  }
  return out;
}

export const HEADER_CHECKS: readonly HeaderCheck[] = [
  { name: 'route', sections: ['route'], check: (a, { source }) => routeFindings(a, source) },
  { name: 'delivery', sections: ['route'], check: (a) => deliveryFindings(a) },
  { name: 'auth', sections: ['auth'], check: (a) => authFindings(a) },
  { name: 'microsoft', sections: ['auth'], check: (a) => microsoftFindings(a) },
  { name: 'forwarding', sections: ['sender'], check: (a) => forwardingFindings(a) },
  { name: 'expectations', sections: ['sender'], check: (a, { expect }) => expectationFindings(a, expect) },
];

export function checkHeaders(a: HeaderAnalysis, source: string, expect: HeaderExpectations): Finding[] {
  return HEADER_CHECKS.flatMap((c) => c.check(a, { source, expect }));
}
