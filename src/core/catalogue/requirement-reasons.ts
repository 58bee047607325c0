/**
 * The evidence of the sender requirements (core/requirements.ts), as reasons: what a message or the DNS
 * shows for each rule, or what would tell. Part of reasons.ts (spread into its table); French in
 * fr/requirement-reasons.ts.
 */
import type { ReasonLike, ReasonWording } from './reason-shape.js';

function w<A extends object = Record<string, never>>(f: ReasonWording<A>): ReasonWording<A> {
  return f;
}
const list = (xs: readonly string[]) => xs.join(', ') || 'none';
const recorded = (now: boolean) => (now ? 'checked now' : 'as the receiver recorded it');

export const requirementReasonsEn = {
  // What the headers say, or do not say
  'req.needs-verify': w(() => 'these headers do not say: run again with --verify to check it now'),
  'req.spf-result': w<{ result: string; domain: string; now: boolean }>((a) => `SPF ${a.result} for ${a.domain} (${recorded(a.now)})`),
  'req.dkim-results': w<{ results: string[]; now: boolean }>((a) => `DKIM ${list(a.results)} (${recorded(a.now)})`),
  'req.dkim-unsigned': w(() => 'the message has no DKIM signature'),
  'req.neither': w<{ spf: ReasonLike; dkim: ReasonLike }>((a, word) => `neither passes: ${word(a.spf)}; ${word(a.dkim)}`),
  'req.key-size': w<{ domain: string; selector: string; bits: number | null }>((a) => `the passing signature of ${a.domain} (s=${a.selector}) uses ${a.bits === null ? 'an Ed25519 key' : `a ${a.bits}-bit key`}`),
  'req.key-no-pass': w(() => 'no DKIM signature passes, so no key can be judged'),
  'req.dmarc-record': w<{ record: string }>((a) => `DMARC record: ${a.record}`),
  'req.dmarc-none': w<{ domain: string }>((a) => `${a.domain} publishes no DMARC record`),
  'req.dmarc-evaluated': w<{ result: string }>((a) => `the receiver evaluated a DMARC policy (dmarc=${a.result})`),
  'req.dmarc-receiver-none': w<{ result: string }>((a) => `the receiver found no DMARC policy (dmarc=${a.result})`),
  'req.aligned': w<{ method: string; domain: string; fromDomain: string }>((a) => `${a.method} passes for ${a.domain}, aligned with the From domain ${a.fromDomain}`),
  'req.not-aligned': w<{ fromDomain: string }>((a) => `no passing SPF or DKIM domain is aligned with the From domain ${a.fromDomain}`),
  'req.dmarc-failed': w<{ fromDomain: string }>((a) => `the receiver's DMARC check failed for ${a.fromDomain} (dmarc=fail)`),
  'req.no-from-domain': w(() => 'the message has no single From domain to align with'),
  'req.ptr-confirmed': w<{ ip: string; name: string }>((a) => `${a.ip} has the reverse name ${a.name}, which resolves back to it`),
  'req.ptr-missing': w<{ ip: string; names: string[] }>((a) => `${a.ip} has no reverse DNS (PTR) name`),
  'req.ptr-not-confirmed': w<{ ip: string; names: string[] }>((a) => `the reverse name of ${a.ip} (${list(a.names)}) does not resolve back to it`),
  'req.ptr-recorded': w<{ ip: string; name: string; by: string }>((a) => `${a.by} recorded the reverse name ${a.name} for ${a.ip}`),
  'req.ptr-needs-verify': w<{ ip: string | null }>((a) => `the receiver did not record a reverse name${a.ip ? ` for ${a.ip}` : ''}: run again with --verify to look it up now`),
  'req.ptr-generic': w<{ name: string }>((a) => `${a.name} looks like a generic (dynamic or default) name`),
  'req.ptr-named': w<{ name: string }>((a) => `${a.name} is a mail server's own name, not a generic host`),
  'req.tls': w<{ by: string; tls: string }>((a) => `delivered to ${a.by} over TLS (${a.tls})`),
  'req.plaintext': w<{ by: string; with: string }>((a) => `delivered to ${a.by} without TLS ("with ${a.with}")`),
  'req.tls-unknown': w(() => 'the delivering hop does not say whether TLS was used'),
  'req.format-ok': w(() => 'one From, one Date, one Message-ID, no repeated single fields, lines within 998 characters'),
  'req.format-problems': w<{ problems: ReasonLike[] }>((a, word) => a.problems.map(word).join('; ')),
  'req.fmt-from-count': w<{ count: number }>((a) => `${a.count} From fields (exactly one is required)`),
  'req.fmt-from-mailboxes': w<{ count: number }>((a) => `From names ${a.count} mailboxes and there is no Sender field`),
  'req.fmt-date': w<{ count: number }>((a) => (a.count === 1 ? 'the Date field cannot be read' : `${a.count} Date fields (exactly one is required)`)),
  'req.fmt-message-id': w<{ count: number }>((a) => `${a.count} Message-ID fields (exactly one is expected)`),
  'req.fmt-duplicate': w<{ name: string; count: number }>((a) => `${a.name} appears ${a.count} times (at most once)`),
  'req.fmt-list-id': w<{ value: string }>((a) => `List-Id is not "<list-label.domain>" (RFC 2919): ${a.value}`),
  'req.fmt-long-line': w<{ name: string; length: number; max: number }>((a) => `a line of ${a.name} is ${a.length} characters long (at most ${a.max})`),
  'req.spam-rate': w(() => 'the complaint rate is not in any message: read it in Google Postmaster Tools and Yahoo Sender Hub'),
  // Unsubscribe (RFC 2369, RFC 8058)
  'req.transactional': w(() => 'looks transactional: no List-Unsubscribe, List-Id, Precedence: bulk nor unsubscribe link'),
  'req.transactional-headers': w(() => 'looks transactional by its headers: no List-Unsubscribe, List-Id nor Precedence: bulk'),
  'req.lu-missing': w(() => 'no List-Unsubscribe field'),
  'req.lu-twice': w<{ count: number }>((a) => `List-Unsubscribe appears ${a.count} times (once only)`),
  'req.lu-syntax': w<{ value: string }>((a) => `List-Unsubscribe is not a list of <URI>: ${a.value}`),
  'req.lu-mailto-only': w(() => 'List-Unsubscribe has only a mailto: address; one-click needs an https: URI'),
  'req.lu-no-https': w<{ uris: string[] }>((a) => `List-Unsubscribe has no https: URI (${list(a.uris)})`),
  'req.lu-no-post': w(() => 'no List-Unsubscribe-Post: List-Unsubscribe=One-Click field'),
  'req.lu-post-value': w<{ value: string }>((a) => `List-Unsubscribe-Post must be exactly "List-Unsubscribe=One-Click", not "${a.value}"`),
  'req.lu-dkim-unknown': w<{ domains: string[] }>((a) => `the one-click fields are signed by ${list(a.domains)}, but no DKIM result says whether that signature passes: run again with --verify`),
  'req.lu-not-signed': w<{ domains: string[] }>((a) => `no passing DKIM signature covers both List-Unsubscribe and List-Unsubscribe-Post (signatures: ${list(a.domains)})`),
  'req.lu-one-click': w<{ host: string; domain: string }>((a) => `one-click unsubscribe to ${a.host}, both fields signed by ${a.domain}`),
  'req.lu-mailto-accepted': w<{ uri: string }>((a) => `List-Unsubscribe offers ${a.uri} (Yahoo accepts a mailto:, and recommends one-click POST)`),
  'req.no-body': w(() => 'the body was not given (only headers): give the whole .eml'),
  'req.body-link': w<{ text: string }>((a) => `the body has an unsubscribe link: "${a.text}"`),
  'req.no-body-link': w(() => 'no unsubscribe link found in the body'),
  // What DNS shows (check-dns --requirements)
  'req.not-in-dns': w(() => 'not visible from DNS'),
  'req.alignment-per-message': w(() => 'decided per message (its From domain against its SPF and DKIM domains)'),
  'req.dns-failed': w<{ name: string }>((a) => `the DNS query for ${a.name} failed: run again when the resolver answers`),
  'req.needs-ip': w(() => 'give the sending server\'s address with --ip'),
  'req.spf-record': w<{ record: string }>((a) => `SPF record: ${a.record}`),
  'req.spf-missing': w<{ domain: string }>((a) => `${a.domain} publishes no SPF record`),
  'req.spf-broken': w<{ status: string }>((a) => `the SPF record cannot be evaluated (${a.status})`),
  'req.spf-ips': w<{ results: string[] }>((a) => `SPF for the sending IPs: ${list(a.results)}`),
  'req.dkim-keys': w<{ keys: string[] }>((a) => `DKIM keys: ${list(a.keys)}`),
  'req.dkim-small-keys': w<{ keys: string[] }>((a) => `DKIM keys under 1024 bits: ${list(a.keys)}`),
  'req.dkim-not-published': w<{ selectors: string[] }>((a) => `no DKIM key at ${list(a.selectors)}`),
  'req.dkim-not-guessed': w(() => 'no DKIM key found among the guessed selectors: give yours with --dkim-selector'),
  'req.dmarc-invalid': w<{ record: string }>((a) => `the DMARC record sets no valid policy (p=): ${a.record}`),
  'req.dmarc-policy': w<{ policy: string; rua: boolean }>((a) => `DMARC p=${a.policy}${a.rua ? ', reports sent (rua=)' : ', but no rua= (reports are recommended)'}`),
};
