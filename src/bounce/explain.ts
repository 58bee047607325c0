/** Pure: each bounced recipient explained: the reason, what the codes mean, whose side must act, and what to run next. */
import type { ProviderCodeId } from '../core/bounce-reasons.js';
import { CLASS_REASONS, ENHANCED_CODES, PROVIDER_CODES, PROVIDER_CONTEXT, REASON_INFO, REASON_PATTERNS, type BounceReason, type Side } from './codes.js';
import type { BouncedRecipient } from './parse.js';

export interface Explained extends BouncedRecipient {
  reason: BounceReason;
  /** What the enhanced status code means (RFC 3463), when there is one. */
  statusMeaning: string | null;
  /** The provider's own meaning of its code, when known. */
  provider: { name: string; code: ProviderCodeId } | null;
  side: Side;
  /** hard: permanent (5xx), soft: temporary (4xx), delayed: a warning that it is still being tried, delivered. */
  severity: 'hard' | 'soft' | 'delayed' | 'delivered';
  /** The maildiag command that shows more, with what the bounce names filled in. */
  next: string | null;
}

/** Codes only Microsoft uses: its own even when the diagnostic does not name Microsoft. */
const UNIQUE_CODES = /^(?:5\.7\.(?:1[23]\d|50\d|51\d|6\d\d|70\d|750|57|139)|5\.1\.10)$/;

/** The cause, from the provider's own code, the words, then the RFC 3463 class; a delay without a known cause is "delayed". */
function reasonOf(r: BouncedRecipient): { reason: BounceReason; provider: Explained['provider'] } {
  const found = causeOf(r);
  return found.reason === 'other' && r.action === 'delayed' ? { reason: 'delayed', provider: null } : found;
}

function causeOf(r: BouncedRecipient): { reason: BounceReason; provider: Explained['provider'] } {
  const text = r.diagnostic ?? '';
  const where = `${text} ${r.remoteMta ?? ''}`;
  for (const p of PROVIDER_CODES) {
    // A code several providers use (RFC 7372's 5.7.2x, 5.7.1) is the provider's only when its server said it;
    // a provider's own words (Yahoo's [TSS04]) and the codes only one provider uses say so themselves.
    if (p.code && !PROVIDER_CONTEXT[p.provider]!.test(where) && !UNIQUE_CODES.test(r.status ?? '')) continue;
    if (p.code && !(r.status && p.code.test(r.status))) continue;
    if (p.text && !p.text.test(text)) continue;
    if (!p.code && !p.text) continue;
    return { reason: p.reason, provider: { name: p.provider, code: p.id } };
  }
  for (const p of REASON_PATTERNS) if (p.text.test(text)) return { reason: p.reason, provider: null };
  const sub = r.status?.split('.').slice(1).join('.');
  if (sub && CLASS_REASONS[sub]) return { reason: CLASS_REASONS[sub]!, provider: null };
  return { reason: 'other', provider: null };
}

export interface ExplainContext {
  /** The domain that sent the original (the bounce's addressee, or the original's From). */
  senderDomain: string | null;
}

export function explain(r: BouncedRecipient, ctx: ExplainContext): Explained {
  const { reason, provider } = reasonOf(r);
  const info = REASON_INFO[reason];
  const sub = r.status?.split('.').slice(1).join('.');
  const temporary = r.status?.startsWith('4') || (!r.status && r.smtpCode?.startsWith('4'));
  const severity: Explained['severity'] = r.action === 'delivered' || r.action === 'relayed' || r.action === 'expanded' ? 'delivered' : r.action === 'delayed' ? 'delayed' : temporary ? 'soft' : 'hard';
  const recipientDomain = r.recipient?.split('@')[1]?.toLowerCase() ?? null;
  // The sending domain: the bounce's addressee, else the one the refusal names ("email from example.fr", "sending domain example.fr").
  const named = (r.diagnostic ?? '').match(/(?:e-?mail|messages?|mail) from ([a-z0-9-]+(?:\.[a-z0-9-]+)+)|sending domain ([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i);
  const domain = ctx.senderDomain ?? (named ? (named[1] ?? named[2])!.toLowerCase().replace(/\.$/, '') : '<domain>');
  const next =
    info.next === 'check-dns-ip'
      ? `maildiag check-dns ${domain} --ip ${r.ip ?? '<IP>'}`
      : info.next === 'check-dns'
        ? `maildiag check-dns ${domain}`
        : info.next === 'smtp-test'
          ? 'maildiag smtp-test --host <smtp-host> --port 587 --user <account>'
          : info.next === 'check-dns-recipient' && recipientDomain
            ? `maildiag check-dns ${recipientDomain} --only mx`
            : null;
  return { ...r, reason, statusMeaning: sub ? (ENHANCED_CODES[sub] ?? null) : null, provider, side: reason === 'rate-limited' && temporary ? 'nobody' : info.side, severity, next };
}
