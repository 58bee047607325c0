/**
 * The sender requirements (core/requirements.ts) as one received message shows them: what the receiver
 * recorded (or --verify found now) about SPF, DKIM and DMARC, the hop that delivered it (TLS, reverse DNS),
 * its RFC 5322 form, and the unsubscribe headers and link of subscribed mail (RFC 2369, RFC 8058). Pure.
 * The unsubscribe address is never fetched: fetching it would unsubscribe the recipient.
 */
import { reason, type Reason, type ReasonLike } from '../core/catalogue/reasons.js';
import { eitherRule, type RuleFact, type RuleFacts } from '../core/requirements.js';
import { genericSign, type genericOf, type ReverseDns } from '../dns/reverse.js';
import type { HeaderAnalysis } from './analyze.js';
import type { Headers } from './message.js';
import type { Verification } from './verify.js';

/** What --verify found now that the rules read: results, the DMARC record, the delivering relay's reverse DNS. */
export type VerifiedFacts = Verification & {
  policy: string | null;
  ips: ReadonlyArray<{ ip: string; role: 'relay' | 'client'; rdns: { status: ReverseDns['status']; names: string[]; confirmedName: string | null; generic: ReturnType<typeof genericOf> } | null }>;
};

/** Headers that mark mail sent to a list, or by a mailing platform (header name, what it says). */
const BULK_HEADERS: ReadonlyArray<{ name: string; platform?: string; value?: RegExp; subscribed?: boolean }> = [
  { name: 'list-unsubscribe', subscribed: true },
  { name: 'list-id', subscribed: true },
  { name: 'precedence', value: /^\s*(bulk|list)\b/i, subscribed: true },
  { name: 'feedback-id' },
  { name: 'x-csa-complaints' },
  { name: 'x-sg-eid', platform: 'SendGrid' },
  { name: 'x-ses-outgoing', platform: 'Amazon SES' },
  { name: 'x-mailgun-sid', platform: 'Mailgun' },
  { name: 'x-mailjet-campaign', platform: 'Mailjet' },
  { name: 'x-mj-mid', platform: 'Mailjet' },
  { name: 'x-mailin-eid', platform: 'Brevo' },
  { name: 'x-sib-id', platform: 'Brevo' },
  { name: 'x-mc-user', platform: 'Mailchimp' },
  { name: 'x-mandrill-user', platform: 'Mandrill' },
  { name: 'x-campaign-id' },
];

/** Fields a message has at most once (RFC 5322 §3.6). */
const SINGLE_FIELDS = ['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'message-id', 'in-reply-to', 'references', 'subject', 'date'];
/** RFC 2919 §2: an optional phrase, then <list-label.namespace> as a dot-atom. */
const LIST_ID = /^[^<]*<[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+)+>\s*$/;
/** RFC 5322 §2.1.1. */
export const MAX_LINE = 998;

/** Words of an unsubscribe link, in the languages our users' recipients read. */
const UNSUBSCRIBE_WORDS = /unsubscri|d[ée]sabonn|d[ée]sinscri|se retirer de|opt[- ]?out|abmelden|abbestellen|darse de baja|cancelar (?:la )?suscripci|disiscriv|uitschrijven|manage (?:your )?(?:preferences|subscriptions?)|g[ée]rer (?:mes|vos) (?:pr[ée]f[ée]rences|abonnements)/i;

/** The first field of the message that is this sign of bulk mail, if any. */
const bulkField = (h: Headers, b: (typeof BULK_HEADERS)[number]) => h.all(b.name).find((f) => !b.value || b.value.test(f.value));

/** Signs of bulk mail in the headers: the field as written (and its platform). */
export function bulkSigns(h: Headers): string[] {
  const out: string[] = [];
  for (const b of BULK_HEADERS) {
    const f = bulkField(h, b);
    if (f) out.push(b.platform ? `${f.name} (${b.platform})` : b.value ? `${f.name}: ${f.value.trim()}` : f.name);
  }
  return out;
}

export interface BodyParts {
  text: string;
  html: string | null;
}

/** The body's unsubscribe link: the link text (or address) that says so, or null. */
export function unsubscribeLink(body: BodyParts): string | null {
  if (body.html) {
    for (const m of body.html.matchAll(/<a\b[^>]*?href\s*=\s*["']?([^"'\s>]+)[^>]*>([\s\S]{0,300}?)<\/a>/gi)) {
      const text = m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
      if (UNSUBSCRIBE_WORDS.test(text) || UNSUBSCRIBE_WORDS.test(m[1]!)) return text || m[1]!;
    }
  }
  const lines = body.text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!UNSUBSCRIBE_WORDS.test(line)) continue;
    const near = `${line} ${lines[i + 1] ?? ''}`;
    if (/\b(?:https?:\/\/|mailto:)\S+/i.test(near)) return line.trim().slice(0, 120);
  }
  return null;
}

/** What the message looks like as RFC 5322 mail: the problems a receiver's format check would see. */
export function formatProblems(h: Headers, longLines: ReadonlyArray<{ name: string; length: number }>, a: HeaderAnalysis): ReasonLike[] {
  const out: ReasonLike[] = [];
  const count = (n: string) => h.all(n).length;
  if (count('from') !== 1) out.push(reason('req.fmt-from-count', { count: count('from') }));
  else if (a.from.length > 1 && !a.sender) out.push(reason('req.fmt-from-mailboxes', { count: a.from.length }));
  if (count('date') !== 1 || !a.dateValid) out.push(reason('req.fmt-date', { count: count('date') }));
  if (count('message-id') !== 1) out.push(reason('req.fmt-message-id', { count: count('message-id') }));
  for (const name of SINGLE_FIELDS) {
    if (['from', 'date', 'message-id'].includes(name)) continue;
    const fields = h.all(name);
    if (fields.length > 1) out.push(reason('req.fmt-duplicate', { name: fields[0]!.name, count: fields.length }));
  }
  const listId = h.all('list-id')[0];
  if (listId && !LIST_ID.test(listId.value)) out.push(reason('req.fmt-list-id', { value: listId.value.slice(0, 200) }));
  for (const l of longLines.slice(0, 3)) out.push(reason('req.fmt-long-line', { name: l.name, length: l.length, max: MAX_LINE }));
  return out;
}

const fact = (state: RuleFact['state'], evidence: Reason): RuleFact => ({ state, evidence });

/** RFC 8058 one-click, and Yahoo's looser List-Unsubscribe (a mailto is accepted). */
function unsubscribeFacts(h: Headers, a: HeaderAnalysis, passingDkim: Array<{ domain: string; selector: string | null }> | null): { oneClick: RuleFact; listUnsubscribe: RuleFact } {
  const same = (f: RuleFact) => ({ oneClick: f, listUnsubscribe: f });
  const fields = h.all('list-unsubscribe');
  if (!fields.length) return same(fact('not-met', reason('req.lu-missing')));
  if (fields.length > 1) return same(fact('not-met', reason('req.lu-twice', { count: fields.length })));
  const value = fields[0]!.value;
  const uris = [...value.matchAll(/<\s*([^>]*?)\s*>/g)].map((m) => m[1]!);
  const outside = value.replace(/<[^>]*>/g, '').replace(/\([^)]*\)/g, '').replace(/[\s,]/g, '');
  if (!uris.length || outside) return same(fact('not-met', reason('req.lu-syntax', { value: value.slice(0, 200) })));
  const https = uris.find((u) => /^https:\/\//i.test(u));
  const mailto = uris.find((u) => /^mailto:/i.test(u));
  const yahoo = (oneClick: RuleFact) => ({ oneClick, listUnsubscribe: mailto ? fact('met', reason('req.lu-mailto-accepted', { uri: mailto })) : oneClick });
  if (!https) return yahoo(fact('not-met', mailto ? reason('req.lu-mailto-only') : reason('req.lu-no-https', { uris })));
  const post = h.all('list-unsubscribe-post');
  if (post.length !== 1 || post[0]!.value.trim() !== 'List-Unsubscribe=One-Click') {
    return yahoo(fact('not-met', post.length ? reason('req.lu-post-value', { value: post.map((p) => p.value).join(' | ').slice(0, 200) }) : reason('req.lu-no-post')));
  }
  // RFC 8058 §4: a valid DKIM signature covers both fields.
  const covering = a.dkimSignatures.filter((s) => ['list-unsubscribe', 'list-unsubscribe-post'].every((n) => s.h.includes(n)));
  const host = https.replace(/^https:\/\/([^/?#]+).*$/i, '$1');
  if (passingDkim === null) {
    return yahoo(fact('unknown', covering.length ? reason('req.lu-dkim-unknown', { domains: covering.map((s) => s.d) }) : reason('req.lu-not-signed', { domains: a.dkimSignatures.map((s) => s.d) })));
  }
  const ok = covering.find((s) => passingDkim.some((p) => p.domain === s.d.toLowerCase() && (p.selector === null || p.selector === s.s)));
  if (!ok) return yahoo(fact('not-met', reason('req.lu-not-signed', { domains: passingDkim.map((p) => p.domain) })));
  const met = fact('met', reason('req.lu-one-click', { host, domain: ok.d }));
  return { oneClick: met, listUnsubscribe: met };
}

export interface MessageEvidence {
  analysis: HeaderAnalysis;
  headers: Headers;
  /** Header lines over 998 characters. */
  longLines: ReadonlyArray<{ name: string; length: number }>;
  /** The decoded body, when it was read. */
  body?: BodyParts;
  /** What --verify found now. */
  verify?: VerifiedFacts;
  orgDomain: (name: string) => string;
}

export function messageFacts(m: MessageEvidence): RuleFacts {
  const { analysis: a, headers: h, verify: v } = m;
  const al = a.alignment;
  const needsVerify = () => fact('unknown', reason('req.needs-verify'));

  // SPF and DKIM as the receiver recorded them; --verify's results where the receiver recorded none.
  const spf: RuleFact = al.spf
    ? fact(al.spf.result === 'pass' ? 'met' : 'not-met', reason('req.spf-result', { result: al.spf.result, domain: al.spf.domain, now: false }))
    : v?.spf?.domain
      ? fact(v.spf.result === 'pass' ? 'met' : 'not-met', reason('req.spf-result', { result: v.spf.result, domain: v.spf.domain, now: true }))
      : needsVerify();
  const dkimList = al.dkim.length ? al.dkim.map((d) => ({ domain: d.domain, selector: d.selector, result: d.result, now: false })) : (v?.dkim ?? []).map((d) => ({ domain: d.domain, selector: d.selector, result: d.result, now: true }));
  const passing = dkimList.filter((d) => d.result === 'pass');
  const dkim: RuleFact = dkimList.length
    ? fact(passing.length ? 'met' : 'not-met', reason('req.dkim-results', { results: dkimList.map((d) => `${d.result} (d=${d.domain})`), now: dkimList[0]!.now }))
    : a.dkimSignatures.length
      ? needsVerify()
      : fact('not-met', reason('req.dkim-unsigned'));

  // Key size: only --verify fetches the key.
  const keyed = (v?.dkim ?? []).filter((d) => d.result === 'pass');
  const strong = keyed.find((d) => d.bits === null || d.bits >= 1024);
  const dkimKeySize: RuleFact = !v
    ? needsVerify()
    : strong
      ? fact('met', reason('req.key-size', { domain: strong.domain, selector: strong.selector, bits: strong.bits }))
      : keyed.length
        ? fact('not-met', reason('req.key-size', { domain: keyed[0]!.domain, selector: keyed[0]!.selector, bits: keyed[0]!.bits }))
        : fact('not-met', reason('req.key-no-pass'));

  // DMARC: a record (the receiver evaluated one, or --verify read it), and a pass through alignment.
  const rd = al.receiverDmarc?.toLowerCase() ?? null;
  let dmarcRecord: RuleFact;
  if (v?.policy) dmarcRecord = fact('met', reason('req.dmarc-record', { record: v.policy }));
  else if (rd === 'pass' || rd === 'fail') dmarcRecord = fact('met', reason('req.dmarc-evaluated', { result: rd }));
  // --verify found no record now: "none" only when its DNS answered (SPF did not temperror).
  else if (v) dmarcRecord = v.spf?.result === 'temperror' ? fact('unknown', reason('req.dns-failed', { name: `_dmarc.${al.fromDomain ?? '?'}` })) : fact('not-met', reason('req.dmarc-none', { domain: al.fromDomain ?? '?' }));
  else if (rd === 'none' || rd === 'bestguesspass') dmarcRecord = fact('not-met', reason('req.dmarc-receiver-none', { result: rd }));
  else dmarcRecord = needsVerify();
  const alignedBy = al.spf?.result === 'pass' && al.spf.relaxed ? { method: 'SPF', domain: al.spf.domain } : al.dkim.find((d) => d.result === 'pass' && d.relaxed);
  let dmarcAligned: RuleFact;
  // The receiver's own DMARC verdict is what its filter acted on: a fail there is a fail.
  if (rd === 'fail') dmarcAligned = fact('not-met', reason('req.dmarc-failed', { fromDomain: al.fromDomain ?? '?' }));
  else if (al.dmarc === 'pass' && alignedBy) dmarcAligned = fact('met', reason('req.aligned', { method: 'method' in alignedBy ? alignedBy.method : 'DKIM', domain: alignedBy.domain, fromDomain: al.fromDomain ?? '' }));
  else if (al.dmarc === 'fail') dmarcAligned = fact('not-met', reason('req.not-aligned', { fromDomain: al.fromDomain ?? '' }));
  else if (v && al.fromDomain) {
    const from = m.orgDomain(al.fromDomain);
    const by = v.spf?.result === 'pass' && v.spf.domain && m.orgDomain(v.spf.domain) === from ? { method: 'SPF', domain: v.spf.domain } : v.dkim.filter((d) => d.result === 'pass' && m.orgDomain(d.domain) === from).map((d) => ({ method: 'DKIM', domain: d.domain }))[0];
    dmarcAligned = by ? fact('met', reason('req.aligned', { ...by, fromDomain: al.fromDomain })) : fact('not-met', reason('req.not-aligned', { fromDomain: al.fromDomain }));
  } else dmarcAligned = al.fromDomain ? needsVerify() : fact('not-met', reason('req.no-from-domain'));

  // The hop that delivered the message: its reverse DNS and TLS.
  const handoff = a.hops.find((x) => x.side === 'handoff');
  const relay = v?.ips.find((x) => x.role === 'relay');
  let ptr: RuleFact;
  let ptrGeneric: RuleFact;
  if (relay?.rdns && relay.rdns.status !== 'error') {
    const r = relay.rdns;
    ptr = r.status === 'confirmed' ? fact('met', reason('req.ptr-confirmed', { ip: relay.ip, name: r.confirmedName ?? '' })) : fact('not-met', reason(r.status === 'missing' ? 'req.ptr-missing' : 'req.ptr-not-confirmed', { ip: relay.ip, names: r.names }));
    ptrGeneric = r.generic ? fact('not-met', reason('req.ptr-generic', { name: r.generic.name })) : r.status === 'confirmed' ? fact('met', reason('req.ptr-named', { name: r.confirmedName ?? '' })) : ptr;
  } else if (handoff?.rdns && handoff.ip) {
    // The receiver recorded the name it found (Postfix and Exim only write a forward-confirmed one).
    ptr = fact('met', reason('req.ptr-recorded', { ip: handoff.ip, name: handoff.rdns, by: handoff.by ?? '?' }));
    ptrGeneric = genericSign(handoff.rdns, handoff.ip) ? fact('not-met', reason('req.ptr-generic', { name: handoff.rdns })) : fact('met', reason('req.ptr-named', { name: handoff.rdns }));
  } else {
    ptr = fact('unknown', reason('req.ptr-needs-verify', { ip: handoff?.ip ?? null }));
    ptrGeneric = ptr;
  }
  const tls: RuleFact = !handoff?.with
    ? fact('unknown', reason('req.tls-unknown'))
    : handoff.tls
      ? fact('met', reason('req.tls', { by: handoff.by ?? '?', tls: handoff.tls === 'yes' ? handoff.with : handoff.tls }))
      : /smtp/i.test(handoff.with)
        ? fact('not-met', reason('req.plaintext', { by: handoff.by ?? '?', with: handoff.with }))
        : fact('unknown', reason('req.tls-unknown'));

  const problems = formatProblems(h, m.longLines, a);
  const format = problems.length ? fact('not-met', reason('req.format-problems', { problems })) : fact('met', reason('req.format-ok'));

  // Unsubscribe: for mail sent to a list (its headers say so, or its body has an unsubscribe link); a
  // transactional message is exempt.
  const link = m.body ? unsubscribeLink(m.body) : null;
  const isList = link !== null || BULK_HEADERS.some((b) => b.subscribed && bulkField(h, b));
  const exempt = fact('exempt', m.body ? reason('req.transactional') : reason('req.transactional-headers'));
  const passingDkim = dkimList.length ? passing.map((d) => ({ domain: d.domain, selector: d.selector })) : a.dkimSignatures.length ? null : [];
  const unsub = isList ? unsubscribeFacts(h, a, passingDkim) : { oneClick: exempt, listUnsubscribe: exempt };
  const unsubscribeLinkFact: RuleFact = !isList ? exempt : !m.body ? fact('unknown', reason('req.no-body')) : link ? fact('met', reason('req.body-link', { text: link })) : fact('not-met', reason('req.no-body-link'));

  return {
    'spf-or-dkim': eitherRule(spf, dkim),
    spf,
    dkim,
    'dkim-key-size': dkimKeySize,
    'dmarc-record': dmarcRecord,
    'dmarc-aligned': dmarcAligned,
    ptr,
    'ptr-not-generic': ptrGeneric,
    tls,
    format,
    'one-click': unsub.oneClick,
    'list-unsubscribe': unsub.listUnsubscribe,
    'unsubscribe-link': unsubscribeLinkFact,
    'spam-rate': fact('unknown', reason('req.spam-rate')),
  };
}
