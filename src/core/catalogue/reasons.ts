/**
 * Why a record, a policy or an evaluation is not valid, as a code and its arguments: parsers and
 * fetchers return these, report data (JSON) carries them, and each language words them from its own
 * table (this one in English, fr/reasons.ts in French; the compiler checks both have every code).
 * `text` carries words from outside (a server's reply, a Node error code), shown as they came.
 */
import { requirementReasonsEn } from './requirement-reasons.js';
import { reportReasonsEn } from './report-reasons.js';

import type { ReasonLike, ReasonWording } from './reason-shape.js';
export type { ReasonLike, ReasonWording } from './reason-shape.js';

function w<A extends object = Record<string, never>>(f: ReasonWording<A>): ReasonWording<A> {
  return f;
}

type IpVersion = 4 | 6;

export const reasonsEn = {
  text: w<{ text: string }>((a) => a.text),
  // SPF syntax (dns/spf/parse.ts)
  'spf.char-not-allowed': w<{ char: string }>((a) => `character ${a.char} is not allowed`),
  'spf.percent-alone': w(() => 'a "%" must start a macro ("%{d}") or be written "%%"'),
  'spf.macro-unclosed': w(() => 'macro "%{" is not closed with "}"'),
  'spf.macro-malformed': w<{ macro: string }>((a) => `macro "${a.macro}" is malformed`),
  'spf.macro-letter': w<{ letter: string }>((a) => `macro letter "${a.letter}" is not defined`),
  'spf.macro-zero-labels': w<{ macro: string }>((a) => `macro "${a.macro}" keeps zero labels`),
  'domain.empty': w(() => 'the domain is empty'),
  'domain.too-long': w(() => 'the domain is longer than 253 characters'),
  'domain.empty-label': w(() => 'the domain has an empty label'),
  'domain.label-too-long': w(() => 'a label is longer than 63 characters'),
  'domain.one-label': w(() => 'the domain needs at least two labels'),
  'domain.bad-top-label': w<{ label: string }>((a) => `"${a.label}" is not a valid top-level label`),
  'spf.version': w(() => 'the record must start with "v=spf1"'),
  'spf.modifier-twice': w<{ name: string }>((a) => `"${a.name}=" appears more than once`),
  'spf.unknown-term': w(() => 'not a mechanism nor a modifier'),
  'spf.unknown-mechanism': w<{ name: string }>((a) => `"${a.name}" is not an SPF mechanism (all, include, a, mx, ptr, ip4, ip6, exists)`),
  'spf.empty-record': w(() => 'the record is empty'),
  'spf.all-argument': w(() => '"all" takes no argument'),
  'spf.needs-domain': w<{ mechanism: string }>((a) => `"${a.mechanism}" needs ":<domain>"`),
  'spf.ptr-argument': w(() => '"ptr" takes an optional ":<domain>"'),
  'spf.malformed-cidr': w<{ term: string }>((a) => `"${a.term}" has a malformed domain or prefix length`),
  'spf.colon-needs-domain': w<{ mechanism: string }>((a) => `"${a.mechanism}:" needs a domain after the colon`),
  'spf.prefix-length': w<{ text: string; version: IpVersion }>((a) => `"${a.text}" is not an IPv${a.version} prefix length (0-${a.version === 4 ? 32 : 128})`),
  'spf.needs-address': w<{ mechanism: string }>((a) => `"${a.mechanism}" needs ":<address>" (and an optional /prefix)`),
  'spf.not-an-address': w<{ text: string; version: IpVersion }>((a) => `"${a.text}" is not an IPv${a.version} address`),
  // SPF evaluation (dns/spf/evaluate.ts) and include targets (dns/spf/check.ts)
  'spf.too-many-lookups': w<{ term: string }>((a) => `more than 10 DNS lookups (the 11th is ${a.term})`),
  'spf.too-many-voids': w<{ name: string }>((a) => `more than 2 void lookups (the 3rd is ${a.name})`),
  'spf.query-failed': w<{ type: string; name: string; failure: string }>((a) => `${a.type} query for ${a.name} failed (${a.failure})`),
  'spf.several-records': w<{ domain: string; count: number }>((a) => `${a.domain} publishes ${a.count} SPF records`),
  'spf.syntax-in': w<{ domain: string; term: string; reason: ReasonLike }>((a, word) => `syntax error in the SPF of ${a.domain}: "${a.term}": ${word(a.reason)}`),
  'spf.redirect-none': w<{ target: string }>((a) => `redirect=${a.target} has no SPF record`),
  'spf.mx-over-limit': w<{ term: string; count: number }>((a) => `${a.term} has ${a.count} MX hosts; at most 10 may be looked up`),
  'spf.include-none': w<{ term: string; name: string }>((a) => `${a.term}: ${a.name} has no SPF record`),
  'spf.invalid': w(() => 'invalid SPF'),
  'spf.dns-failure': w(() => 'DNS failure'),
  'include.nxdomain': w(() => 'does not exist'),
  'include.none': w(() => 'publishes no SPF record'),
  'include.multiple': w(() => 'publishes several SPF records'),
  'include.invalid': w(() => 'has an invalid SPF record'),
  // Tag lists: DKIM keys (dns/dkim.ts), DMARC records (dns/dmarc.ts)
  'tags.not-a-pair': w<{ part: string }>((a) => `"${a.part}" is not a tag=value pair`),
  'tags.repeated': w<{ tag: string }>((a) => `tag "${a.tag}" appears more than once`),
  'tags.empty': w<{ position: number }>((a) => `empty tag at position ${a.position} (two ";" in a row)`),
  'dkim.version': w(() => 'v= must be "DKIM1" and come first'),
  'dkim.no-key': w(() => 'there is no p= tag (the public key)'),
  'dkim.bad-base64': w(() => 'p= is not valid base64 (a cut or badly quoted key?)'),
  'dkim.ed25519-length': w<{ bytes: number }>((a) => `an Ed25519 key is 32 bytes, this one is ${a.bytes}`),
  'dkim.key-type': w<{ type: string }>((a) => `key type k=${a.type} is not defined (rsa or ed25519)`),
  'dkim.unreadable-rsa': w(() => 'p= does not hold a readable RSA public key'),
  'dmarc.version-first': w(() => 'the record must start with "v=DMARC1"'),
  'dmarc.no-policy': w(() => 'there is no p= tag: receivers treat the policy as none at best, or ignore the record'),
  'dmarc.version-case': w<{ value: string }>((a) => `the version must be written "DMARC1" exactly, not "${a.value}"`),
  'dmarc.not-dmarc': w<{ text: string }>((a) => `"${a.text}" does not start with "v=DMARC1", so receivers ignore it`),
  // MTA-STS, TLS-RPT, BIMI (dns/receiving/)
  'sts.not-key-value': w<{ line: string }>((a) => `"${a.line}" is not a "key: value" line`),
  'sts.no-version': w(() => 'there is no "version: STSv1" line'),
  'sts.bad-version': w<{ version: string }>((a) => `version "${a.version}" is not STSv1`),
  'sts.no-mode': w(() => 'there is no "mode:" line'),
  'sts.bad-mode': w<{ mode: string }>((a) => `mode "${a.mode}" is not enforce, testing or none`),
  'sts.max-age': w(() => 'max_age must be a number of seconds up to 31557600 (one year)'),
  'sts.no-mx': w(() => 'there is no "mx:" line'),
  'sts.too-large': w(() => 'the policy is larger than 64 KB'),
  'sts.several-records': w(() => 'there are several v=STSv1 records'),
  'sts.bad-id': w<{ id: string }>((a) => `id "${a.id}" must be 1 to 32 letters and digits`),
  'sts.no-id': w(() => 'there is no id='),
  'http.status': w<{ status: number; location?: string }>((a) => `HTTP ${a.status}${a.location ? ` to ${a.location} (redirects are not followed)` : ''}`),
  'net.timeout': w<{ seconds: number }>((a) => `no answer within ${a.seconds} s`),
  'net.no-address': w<{ host: string }>((a) => `${a.host} does not resolve`),
  'net.connect-timeout': w(() => 'no answer (connection timed out)'),
  'net.refused': w(() => 'connection refused'),
  'smtp.reply': w<{ code: string; text: string }>((a) => `${a.code} ${a.text}`),
  'tls.self-signed': w(() => 'self-signed'),
  'tls.not-trusted': w(() => 'not trusted'),
  'mx.nxdomain': w(() => 'the name does not exist'),
  'mx.no-address': w(() => 'no A or AAAA record'),
  'bimi.dmarc-missing': w(() => 'is missing'),
  'bimi.dmarc-none': w(() => 'is p=none'),
  'bimi.dmarc-pct': w<{ pct: string }>((a) => `applies to pct=${a.pct}% of mail only`),
  // DKIM signatures as inspect-headers reads them (headers/check.ts, headers/verify-check.ts)
  'dkim.as-recorded': w(() => 'as the receiver recorded it'),
  'dkim.checked-now': w<{ detail: ReasonLike }>((a, word) => `checked now: ${word(a.detail)}`),
  'dkim.body-hash': w(() => 'body hash did not verify'),
  'dkim.no-match': w(() => 'the signature does not match the message'),
  'net.no-host': w(() => 'no such host'),
  'net.host-no-address': w(() => 'the name has no address'),
  'dnssec.zone-file': w(() => 'answered from a zone file'),
  'dnssec.no-answer': w(() => 'no answer from the resolver to DNSSEC queries'),
  // DNS blocklists: what a listing means, and the answers that are not listings (dns/blocklists.ts, dns/dnsbl.ts)
  'bl.sbl': w(() => 'a spam source, or a host of spam operations, listed by Spamhaus staff'),
  'bl.css': w(() => 'sends spam seen by Spamhaus automatically (often "snowshoe" spam over many addresses, or a compromised account)'),
  'bl.xbl': w(() => 'a machine infected by malware or used through an open proxy'),
  'bl.drop': w(() => 'an address block run by spammers or hijacked'),
  'bl.pbl-isp': w(() => 'set by the ISP: a range its owner says should not deliver mail directly (home, office or dynamic addresses)'),
  'bl.pbl-spamhaus': w(() => 'set by Spamhaus: a range that looks like it should not deliver mail directly (home, office or dynamic addresses)'),
  'bl.bcl': w(() => 'a botnet command-and-control server'),
  'bl.spamcop': w(() => 'reported by SpamCop users as sending spam in the last days'),
  'bl.barracuda': w(() => 'listed by Barracuda for sending spam or showing signs of it'),
  'bl.psbl': w(() => 'sent mail to PSBL spam traps'),
  'bl.dbl-spam': w(() => 'a domain of low reputation (seen in spam)'),
  'bl.dbl-phish': w(() => 'a domain used for phishing'),
  'bl.dbl-malware': w(() => 'a domain serving malware'),
  'bl.dbl-botnet': w(() => 'a botnet command-and-control domain'),
  'bl.dbl-abused': w<{ use: 'spam' | 'redirector' | 'phishing' | 'malware' | 'botnet' }>(
    (a) => `a legitimate domain abused for ${a.use === 'redirector' ? 'redirecting to spam (an open redirector)' : a.use === 'botnet' ? 'botnet command and control' : a.use}: a hacked site or account`,
  ),
  'bl.surbl-disposable': w(() => 'a disposable e-mail domain'),
  'bl.surbl-phishing': w(() => 'a phishing domain'),
  'bl.surbl-malware': w(() => 'a malware domain'),
  'bl.surbl-click-tracker': w(() => 'a click-tracking domain seen in unsolicited mail'),
  'bl.surbl-abuse': w(() => 'a domain seen in spam'),
  'bl.surbl-cracked': w(() => 'a hacked (cracked) site'),
  'bl.listed-code': w<{ code: string }>((a) => `listed (answer ${a.code})`),
  'bl.error-typo': w(() => 'Spamhaus says the zone name is mistyped (127.255.255.252)'),
  'bl.error-public-resolver': w(() => 'Spamhaus refuses queries from a public or unattributable resolver (127.255.255.254)'),
  'bl.error-excess': w(() => 'Spamhaus refuses this resolver: too many queries (127.255.255.255)'),
  'bl.error-ip-on-domain-list': w(() => 'an IP address was asked of a domain list (127.0.1.255)'),
  'bl.error-code': w<{ code: string }>((a) => `the list answered its error code ${a.code}`),
  'bl.health-rewritten': w<{ name: string; answer: string }>((a) => `${a.name}, which cannot exist, got the address ${a.answer}: the resolver rewrites NXDOMAIN answers`),
  'bl.health-lists-all': w<{ name: string }>((a) => `its test point ${a.name}, which must not be listed, is: the list answers every query (closed, or broken)`),
  'bl.health-no-answer': w<{ name: string }>((a) => `its test point ${a.name}, which must be listed, is not: the list does not answer this resolver (some lists, like Barracuda, answer registered resolvers only)`),
  // Input that is not a message (headers/inspect.ts)
  'input.empty': w(() => 'the input is empty'),
  'input.binary': w(() => 'it holds binary data (NUL bytes)'),
  'input.no-fields': w(() => 'it has no header fields before its body'),
  'input.no-field-line': w(() => 'no line looks like a header field ("Name: value")'),
  'input.mostly-not-fields': w(() => 'most lines are not header fields'),
  'tlsrpt.several': w(() => 'there are several v=TLSRPTv1 records; senders use none'),
  'tlsrpt.no-rua': w(() => 'there is no rua= (where reports go)'),
  'tlsrpt.bad-uri': w<{ uris: string }>((a) => `${a.uris} is neither a mailto: nor an https: URI`),
  'bimi.no-logo': w(() => 'there is no logo URL (l=)'),
  'bimi.logo-not-svg': w<{ url: string }>((a) => `the logo ${a.url} must be an https: URL of an SVG file`),
  'bimi.cert-not-https': w<{ url: string }>((a) => `the certificate URL ${a.url} must be https:`),
  ...requirementReasonsEn,
  ...reportReasonsEn,
};

export type ReasonCode = keyof typeof reasonsEn;
export type ReasonArgs<K extends ReasonCode> = (typeof reasonsEn)[K] extends ReasonWording<infer A> ? A : never;
/** One reason: its code and the arguments its wording needs (in JSON as `{ "code": ..., "args": ... }`). */
export type Reason = { [K in ReasonCode]: { code: K; args: ReasonArgs<K> } }[ReasonCode];

export function reason<K extends ReasonCode>(code: K, ...args: [ReasonArgs<K>] extends [Record<string, never>] ? [] : [ReasonArgs<K>]): Reason {
  return { code, args: args[0] ?? {} } as Reason;
}

/** Words from outside (a Node error code, a server's reply): shown as they came, in every language. */
export function textReason(text: string): Reason {
  return { code: 'text', args: { text } };
}

/** A translation of the reasons: every code, with the English argument types. */
export type ReasonTranslation = { [K in ReasonCode]: ReasonWording<ReasonArgs<K>> };
