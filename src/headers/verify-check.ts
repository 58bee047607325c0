/** Pure: findings from a --verify re-check, beside what the receiver recorded at delivery. */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { HeaderAnalysis } from './analyze.js';
import type { Verification } from './verify.js';
import { reason, textReason } from '../core/catalogue/reasons.js';

export interface PolicyModes {
  adkim: 'r' | 's';
  aspf: 'r' | 's';
}

export function checkVerification(a: HeaderAnalysis, v: Verification, modes: PolicyModes, orgDomain: (n: string) => string): Finding[] {
  const out: Finding[] = [];
  const recordedDkim = (d: string) => a.alignment.dkim.find((x) => x.domain === d)?.result ?? null;
  for (const d of v.dkim) {
    out.push(finding('auth.verify-result', d.domain, { method: `DKIM (s=${d.selector})`, domain: d.domain, now: `${d.result}${d.comment ? ` (${d.comment})` : ''}`, atDelivery: recordedDkim(d.domain) }));
    // mailauth says "neutral: body hash did not verify" where RFC 6376 §6.3 means a failed signature.
    const failed = d.result === 'fail' || (d.result === 'neutral' && /did not verify|bad signature/i.test(d.comment ?? ''));
    if (failed) out.push(finding('auth.dkim-fail', d.domain, { domain: d.domain, result: d.result, reason: reason('dkim.checked-now', { detail: !d.comment ? reason('dkim.no-match') : /^body hash did not verify$/i.test(d.comment) ? reason('dkim.body-hash') : textReason(d.comment) }) }));
  }
  if (v.spf && v.spf.domain) {
    out.push(finding('auth.verify-result', v.spf.domain, { method: `SPF${v.spf.ip ? ` from ${v.spf.ip}` : ''}`, domain: v.spf.domain, now: v.spf.result, atDelivery: a.alignment.spf?.result ?? null }));
  }
  if (v.arc && v.arc.result !== 'none') out.push(finding('auth.verify-result', 'ARC', { method: 'ARC chain', domain: 'ARC', now: v.arc.result, atDelivery: a.arc.length ? (a.arc[a.arc.length - 1]!.cv ?? null) : null }));

  // DMARC now, with the alignment modes the policy asks for (computed here, not by mailauth).
  const from = a.alignment.fromDomain;
  if (from) {
    const aligned = (d: string, mode: 'r' | 's') => (mode === 's' ? d === from : orgDomain(d) === orgDomain(from));
    const spfOk = v.spf?.result === 'pass' && v.spf.domain !== null && aligned(v.spf.domain, modes.aspf);
    const dkimOk = v.dkim.some((d) => d.result === 'pass' && aligned(d.domain, modes.adkim));
    const now = spfOk || dkimOk ? 'pass' : 'fail';
    out.push(finding('auth.verify-result', from, { method: `DMARC (adkim=${modes.adkim}, aspf=${modes.aspf})`, domain: from, now, atDelivery: a.alignment.receiverDmarc ?? a.alignment.dmarc }));
    if (now === 'fail') {
      const al = (d: string) => ({ relaxed: orgDomain(d) === orgDomain(from), strict: d === from });
      out.push(
        finding('auth.dmarc-fail', from, {
          fromDomain: from,
          spf: v.spf?.domain ? { domain: v.spf.domain, result: v.spf.result, ...al(v.spf.domain) } : null,
          dkim: v.dkim.map((d) => ({ domain: d.domain, result: d.result, ...al(d.domain) })),
          verdict: 'fail',
          modes,
        }),
      );
    }
  }
  return out;
}
