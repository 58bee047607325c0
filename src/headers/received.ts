/**
 * Received header fields (RFC 5321 §4.4) as MTAs really write them. The field is read as RFC 5321 lays it
 * out: clauses (from, by, via, with, id, for) outside comments, comments nested, the date after the last
 * ";". The from clause is read in two parts, as receivers write it: the name the client gave in HELO/EHLO,
 * and the TCP-info (the address the connection came from, and its reverse-DNS name), which each MTA family
 * words its own way: Postfix, Sendmail and Gmail "helo (rdns [ip])", Exim "rdns ([ip]:port helo=x)",
 * qmail "rdns (HELO x) (user@ip)", Microsoft "helo (ip)", CommuniGate "[ip] (account u HELO x)", ...
 * Those comment forms are data (COMMENT_FORMS); which slot the bare first name fills is decided from them.
 * Pure. A line that cannot be understood is kept raw, never dropped, and never given a role.
 */
import { ipFamily } from '../core/ip-family.js';
import { compressIpv6, unmapIpv4 } from '../dns/ip.js';


export interface ReceivedHop {
  raw: string;
  /** Name the sending host gave in HELO/EHLO (an address literal without its brackets). */
  helo: string | null;
  /** Reverse-DNS name the receiver found for it. */
  rdns: string | null;
  /** The address the connection came from (the TCP peer), IPv6 compressed, IPv4-mapped as IPv4. */
  ip: string | null;
  ipVersion: 4 | 6 | null;
  /** The peer's TCP port, where the receiver wrote it. */
  port: number | null;
  by: string | null;
  byIp: string | null;
  /** ESMTP, ESMTPS, ESMTPSA, SMTP, LMTP, HTTP, Microsoft SMTP Server... */
  with: string | null;
  /** TLS as stated: a protocol (TLSv1.3, TLS1_2) or "yes" when only ESMTPS/SMTPS says so. */
  tls: string | null;
  id: string | null;
  for: string | null;
  /** The envelope sender, where the receiver wrote it (Exim's envelope-from, qmail's envelope-sender). */
  envelopeFrom: string | null;
  /** An authenticated submission: the identity, or true when only the protocol (ESMTPA, ESMTPSA) says so. */
  auth: string | true | null;
  date: string | null;
  /** Milliseconds since the epoch, or null when the date is missing or unreadable. */
  time: number | null;
  parsed: boolean;
}

const DATE_AT_END = /((?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?:\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{2,4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2})\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s+\d{4})?\s*(?:[+-]\d{4}|[A-Z]{1,5})?(?:\s*\([^)]*\))*)\s*$/i;
/** Go's time format, as SendGrid writes it: 2018-03-26 13:35:36.270951634 +0000 UTC. */
const GO_DATE = /(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ([+-]\d{4})(?: [A-Z]{1,5})?\s*$/;

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
/** The RFC 5322 form nearly every MTA writes: [Tue,] 17 Nov 2026 09:12:43 +0100 [(CET)]. */
const RFC5322_DATE = /^\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+([+-])(\d{2})(\d{2})(?:\s*\([^()]*\))?\s*$/;

/** Parses an RFC 5322 date as mail uses it (with obsolete zone names, and Go's format); null when unreadable. */
export function parseMailDate(text: string): number | null {
  // The common form is read directly; anything else goes through Date.parse.
  const d = RFC5322_DATE.exec(text);
  if (d) {
    const month = MONTHS[d[2]!.toLowerCase()];
    const [day, hour, minute, second] = [Number(d[1]), Number(d[4]), Number(d[5]), Number(d[6] ?? 0)];
    // Within the ranges Date.parse reads the same way (a leap second, or a fraction, goes to it).
    if (month !== undefined && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59) {
      const offset = (d[7] === '-' ? -1 : 1) * (Number(d[8]) * 60 + Number(d[9])) * 60_000;
      return Date.UTC(Number(d[3]), month, day, hour, minute, second) - offset;
    }
  }
  const go = GO_DATE.exec(text.trim());
  if (go) {
    const t = Date.parse(`${go[1]}T${go[2]}${go[3]!.slice(0, 3)}:${go[3]!.slice(3)}`);
    return Number.isNaN(t) ? null : t;
  }
  const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const t = Date.parse(cleaned.replace(/\b(UT)\b/, 'GMT'));
  return Number.isNaN(t) ? null : t;
}

/** Folded text on one line, single spaces, trimmed (left as it is when it already is). */
function oneSpaced(text: string): string {
  return /[\t\r\n]| {2}/.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}

type Token = { kind: 'word' | 'comment' | 'literal'; text: string; glued: boolean };

/** Words, (nested comments) and [literals], in order; `glued`: no space before it. An unclosed comment runs to the end. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let glued = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      glued = false;
      i++;
      continue;
    }
    if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < text.length; j++) {
        if (text[j] === '(') depth++;
        else if (text[j] === ')' && --depth === 0) break;
      }
      out.push({ kind: 'comment', text: oneSpaced(text.slice(i + 1, j)), glued });
      i = j + 1;
    } else if (c === '[') {
      const end = text.indexOf(']', i);
      const stop = end < 0 ? text.length : end + 1;
      // "[ip]:port" stays one literal.
      const port = /^:\d{1,5}/.exec(text.slice(stop));
      out.push({ kind: 'literal', text: text.slice(i, stop + (port ? port[0].length : 0)), glued });
      i = stop + (port ? port[0].length : 0);
    } else if (c === ')') {
      // A stray closing parenthesis: nothing to read in it.
      i++;
      continue;
    } else {
      let j = i;
      for (let code = text.charCodeAt(j); j < text.length && code !== 32 && code !== 40 && code !== 41 && code !== 91 && code !== 9 && code !== 10 && code !== 13; code = text.charCodeAt(++j));
      out.push({ kind: 'word', text: text.slice(i, j), glued });
      i = j;
    }
    glued = true;
  }
  return out;
}

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);

/** The clauses of a Received field, each the tokens after its keyword; the first of each keyword counts. */
function clauses(tokens: Token[]): Map<string, Token[]> {
  const out = new Map<string, Token[]>();
  let current: Token[] | undefined;
  for (const tok of tokens) {
    const key = tok.kind === 'word' && tok.text.length <= 4 ? tok.text.toLowerCase() : '';
    if (KEYWORDS.has(key) && !out.has(key)) {
      current = [];
      out.set(key, current);
      continue;
    }
    current?.push(tok);
  }
  return out;
}

/** An address as written (bracketed, IPv6:-prefixed, with a port, ident@ before it, a zone) -> its canonical form. */
export function normalizeIp(text: string): { ip: string; port: number | null } | null {
  // Most of what is asked is a host name: out at once unless it starts as an address can
  // (a digit, "[", or hex then ":"), after any "ident@".
  let s = text.trim();
  const at = s.lastIndexOf('@');
  const c0 = s.charCodeAt(at + 1);
  if (!(c0 === 91 || (c0 >= 48 && c0 <= 57) || (s.includes(':') && /^[\w.@-]*[0-9A-Fa-f]{0,4}:/.test(s)))) return null;
  if (!/^[[\w.:@%-]+\]?(?::\d+)?$/.test(s)) return null;
  s = s.replace(/^\[|\]$/g, '');
  let port: number | null = null;
  const bracketPort = /^\[?([^\]]+)\]:(\d{1,5})$/.exec(text.trim());
  if (bracketPort) {
    s = bracketPort[1]!;
    port = Number(bracketPort[2]);
  }
  s = s.slice(s.lastIndexOf('@') + 1).replace(/^IPv6:/i, '').split('%')[0]!.trim();
  // 1.2.3.4:5678 (XMail, ecelerity) and Exim 3's 1.2.3.4.5678.
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3})[:.](\d{1,5})$/.exec(s);
  if (v4port && ipFamily(v4port[1]!) === 4) {
    s = v4port[1]!;
    port = Number(v4port[2]);
  }
  const family = ipFamily(s);
  if (!family) return null;
  if (family === 4) return { ip: s, port };
  const v4 = unmapIpv4(s);
  if (v4 !== s && ipFamily(v4) === 4) return { ip: v4, port };
  const compressed = compressIpv6(s);
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (hex) {
    const n = (parseInt(hex[1]!, 16) << 16) | parseInt(hex[2]!, 16);
    return { ip: [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), port };
  }
  return { ip: compressed, port };
}

/** A name as a receiver wrote it, or null for the placeholders of "no name" and for anything that is not one. */
function hostName(text: string | undefined): string | null {
  if (!text) return null;
  const h = text.replace(/^\[|\]$/g, '').replace(/[.;,]+$/, '');
  if (!h || /^(unknown|<unknown>|localhost\.localdomain)$/i.test(h)) return null;
  // What a HELO may hold, loosely (Windows names, "?192.168.1.2?", underscores); never spaces, controls or brackets.
  if (!/^[A-Za-z0-9_?.:!=+-]+$/.test(h)) return null;
  return h.toLowerCase();
}

/** A reverse-DNS name: a host name with a dot (a placeholder such as "softdnserr" is none). */
function rdnsName(text: string | undefined): string | null {
  const h = hostName(text);
  return h && (h.includes('.') || h === 'localhost') && !ipFamily(h) && /^[a-z0-9_.-]+$/.test(h) ? h : null;
}

/** What one comment of the from clause says. */
interface Facts {
  ip?: string;
  port?: number;
  /** The reverse-DNS slot of a TCP-info comment ("rdns [ip]"): present, even as "unknown". */
  rdns?: string | null;
  /** An explicit HELO: the argument, or null for an empty "(HELO )". */
  helo?: string | null;
  auth?: string | true;
  /** "[ip] verified", "helo=", ":port": the first name is the verified reverse-DNS name (Exim 4, CommuniGate). */
  nameIsRdns?: boolean;
  /** "[ip] unverified", "RDNS failed": the first name is the HELO. */
  nameIsHelo?: boolean;
  /** A bare name in parentheses (Exim 3 "rdns (helo) [ip]"). */
  bareName?: string;
  /** "[ip]:port": Exim 4 writes the verified name first that way (XMail writes its HELO so). */
  portAfterLiteral?: boolean;
}

const IP_TEXT = String.raw`(?:[\w.-]+@)*(?:IPv6:)?[0-9A-Fa-f:.]+(?:%\w+)?`;

/**
 * The comment forms of the from clause, as data: each pattern names what it holds. Tried in order; the
 * first that matches the whole comment wins.
 */
const COMMENT_FORMS: Array<{ re: RegExp; facts: (m: RegExpExecArray) => Facts }> = [
  // "account user@example.edu HELO name" (CommuniGate submission)
  { re: /^account\s+(\S+?)(?:\s+HELO\s+(\S+))?$/i, facts: (m) => ({ auth: m[1]!, ...(m[2] ? { helo: m[2] } : {}) }) },
  // "HELO x", "EHLO x", "LHLO x", "HELO " (qmail, CommuniGate, GMX)
  { re: /^(?:HELO|EHLO|LHLO)(?:\s+(\S*))?$/i, facts: (m) => ({ helo: m[1] || null }) },
  // "ip, HELO x"
  { re: new RegExp(String.raw`^(${IP_TEXT}),\s*(?:HELO|EHLO)\s+(\S+)$`, 'i'), facts: (m) => ({ ...ipFacts(m[1]!), helo: m[2]! }) },
  // "port=1234 helo=x" (Exim, address first)
  { re: /^(?:port=(\d+)\s*)?(?:helo=(\S+))?(?:\s*ident=\S+)?$/i, facts: (m) => ({ ...(m[1] ? { port: Number(m[1]) } : {}), ...(m[2] ? { helo: m[2] } : {}) }) },
  // "rdns [ip]", "unknown [ip]", "[ip]:port helo=x", "[ip] verified", "user@rdns [ip] (may be forged)" (TCP-info)
  {
    re: /^(?:([^\s[\]()]+)\s+)?(\[[^\]]*\](?::\d{1,5})?)(.*)$/,
    facts: (m) => {
      const rest = m[3] ?? '';
      const helo = /\bhelo=(\S+)/i.exec(rest)?.[1];
      const f: Facts = { ...ipFacts(m[2]!), ...(helo ? { helo } : {}) };
      if (m[1] !== undefined) f.rdns = m[1].slice(m[1].lastIndexOf('@') + 1);
      else if (helo || /\bverified\b/i.test(rest.replace(/\bunverified\b/gi, ''))) f.nameIsRdns = true;
      else if (/^:\d/.test(m[2]!.slice(m[2]!.indexOf(']') + 1))) f.portAfterLiteral = true;
      else if (/\bunverified\b|RDNS failed/i.test(rest)) f.nameIsHelo = true;
      return f;
    },
  },
  // "ip", "user@ip", "ip:port" (qmail, Microsoft, XMail)
  { re: new RegExp(String.raw`^(${IP_TEXT})$`, 'i'), facts: (m) => ipFacts(m[1]!) },
  // Authenticated submission, as Sendmail, Postfix, Critical Path, webmails and others word it.
  { re: /^Authenticated sender:\s*(\S+)/i, facts: (m) => ({ auth: m[1]! }) },
  { re: /^AUTH:\s*\S+\s+([^\s,]+)/i, facts: (m) => ({ auth: m[1]! }) },
  { re: /^(?:SquirrelMail|NaSMail|\S+) authenticated user\s+(\S+)/i, facts: (m) => ({ auth: m[1]! }) },
  { re: /^authenticated(?:\s+as\s+(\S+)|\s+bits=\d+|\s*\(\d+ bits\)|\s+user\s+(\S+))?/i, facts: (m) => ({ auth: m[1] ?? m[2] ?? true }) },
  // "helo" alone (Exim 3 writes the HELO there, before the address, when it differs from the verified name)
  { re: /^([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.?)$/, facts: (m) => ({ bareName: m[1]! }) },
];

function ipFacts(text: string): Facts {
  const n = normalizeIp(text);
  return n ? { ip: n.ip, ...(n.port !== null ? { port: n.port } : {}) } : {};
}

/** How the comments that carry facts begin, when they hold a space and no "[ip]" ("using TLSv1.3 with cipher ..." does not). */
const FACT_START = /^(?:account\s|[HEL]HLO\b|HELO\b|authenticat|AUTH:|port=|helo=|\S+ authenticated user|[\w.@:-]+,)/i;

function commentFacts(text: string): Facts {
  if (text.includes(' ') && !text.includes('[') && !FACT_START.test(text)) return NO_FACTS;
  for (const form of COMMENT_FORMS) {
    const m = form.re.exec(text);
    if (m) return form.facts(m);
  }
  return NO_FACTS;
}

const NO_FACTS: Facts = {};


const AUTH_PROTOCOLS = /^(?:E?SMTPS?A|LMTPS?A|UTF8SMTPS?A|ESMTPRSA|asmtp)$/i;

/** What the whole field says about the MTA that wrote it, where a from clause's shape is ambiguous. */
interface Dialect {
  microsoft: boolean;
  /** A webmail or HTTP API submission: no SMTP HELO. */
  http: boolean;
  exim4: boolean;
  xmail: boolean;
  via: boolean;
}
const HTTP_PROTOCOLS = /^HTTPS?U?$/i;

/** Who the connection came from: the HELO name, the reverse-DNS name, the address, as each MTA family writes them. */
function readFrom(tokens: Token[], text: string, dialect: Dialect) {
  // "from ([ip])", "from (ip)": no name at all, only comments.
  const first = tokens[0]?.kind === 'comment' ? undefined : tokens[0];
  const rest = first ? tokens.slice(1) : tokens;
  const facts: Facts = {};
  let tcpInfo = false;
  const merge = (f: Facts) => {
    if (f.ip !== undefined && facts.ip === undefined) {
      facts.ip = f.ip;
      if (f.port !== undefined) facts.port = f.port;
    }
    if (f.port !== undefined && facts.port === undefined) facts.port = f.port;
    if (f.rdns !== undefined && facts.rdns === undefined) {
      facts.rdns = f.rdns;
      tcpInfo = true;
    }
    if (f.helo !== undefined && facts.helo === undefined) facts.helo = f.helo;
    if (f.auth !== undefined && facts.auth === undefined) facts.auth = f.auth;
    if (f.nameIsRdns) facts.nameIsRdns = true;
    if (f.nameIsHelo) facts.nameIsHelo = true;
    if (f.portAfterLiteral) facts.portAfterLiteral = true;
    // After the address, a bare name is Exim 3's ident ("[ip] (mail)"), not a HELO.
    if (f.bareName !== undefined && facts.bareName === undefined && facts.ip === undefined) facts.bareName = f.bareName;
  };
  for (const tok of rest) {
    if (tok.kind === 'comment') merge(commentFacts(tok.text));
    else if (tok.kind === 'literal') merge(ipFacts(tok.text));
  }
  const claiming = /claiming\s+to\s+be\s+"?([^"\s]+)"?/i.exec(text)?.[1];
  if (claiming && facts.helo === undefined) facts.helo = claiming;

  // The first name: a HELO argument, or the reverse-DNS name, depending on the family's comment forms.
  const firstText = first?.text ?? '';
  const firstIp = first ? normalizeIp(firstText) : null;
  const literal = first?.kind === 'literal';
  let helo: string | null | undefined = facts.helo;
  let rdns: string | null = tcpInfo ? rdnsName(facts.rdns ?? undefined) : null;
  let ip = facts.ip ?? null;
  let port = facts.port ?? null;

  if (!first) {
    // Only comments: the address, and a HELO only where one was written.
  } else if (literal || firstIp) {
    if (ip === null) {
      // The first item is the peer's own address (CommuniGate, Exim, webmails): a HELO only when said.
      ip = firstIp?.ip ?? null;
      port ??= firstIp?.port ?? null;
      if (helo === undefined) helo = literal && !dialect.http && facts.auth === undefined ? firstText : null;
    } else if (helo === undefined) {
      // "[192.168.1.20] (unknown [203.0.113.5])": the literal is the HELO, the comment the peer (NAT).
      helo = firstText;
    }
  } else if (dialect.http && facts.auth !== undefined) {
    // A webmail login ("name ([ip]) (SquirrelMail authenticated user x)"): no SMTP HELO, no verified name.
    if (helo === undefined) helo = null;
  } else if (tcpInfo || dialect.microsoft) {
    // "helo (rdns [ip])" (Postfix, Sendmail, Gmail), "helo (ip)" (Microsoft).
    if (helo === undefined) helo = firstText;
  } else {
    // The first name is the reverse-DNS name where the family writes the HELO elsewhere, or omits it
    // when equal: Exim 4 and CommuniGate "rdns ([ip] ...)", qmail "rdns (HELO x) (ip)" and "rdns (ip)",
    // Exim 3 "rdns (helo) [ip]", GMX "rdns (EHLO x) [ip]", Obtuse smtpd "rdns(ip) via SMTP". Elsewhere
    // (Sendmail "helo ([ip])", XMail "helo (ip:port)", Scalix "helo ( ip) via ESMTP") it is the HELO.
    const name = firstText;
    const obtuse = dialect.via && rest[0]?.glued === true;
    const qmailPeer = hasParenIp(rest) && facts.port === undefined && (!dialect.via || obtuse);
    const eximPort = facts.portAfterLiteral === true && !dialect.xmail;
    const isRdns = ip !== null && (facts.nameIsRdns || eximPort || (!facts.nameIsHelo && (dialect.exim4 || facts.helo !== undefined || facts.bareName !== undefined || qmailPeer)));
    if (isRdns) {
      rdns = rdnsName(name);
      if (helo === undefined) helo = facts.bareName ?? (obtuse ? null : name);
    } else if (helo === undefined) {
      helo = name;
    }
  }
  return { helo: hostName(helo ?? undefined), rdns, ip, port, auth: facts.auth ?? null };
}

const PAREN_IP = new RegExp(String.raw`^${IP_TEXT}$`, 'i');

/** A "(ip)" or "(user@ip)" comment, qmail's way of writing the peer. */
function hasParenIp(tokens: Token[]): boolean {
  return tokens.some((t) => t.kind === 'comment' && PAREN_IP.test(t.text) && normalizeIp(t.text) !== null);
}

/** The first word of a clause, without trailing punctuation ("by host;" and "by host," as written). */
function firstWord(tokens: Token[] | undefined): string | undefined {
  return tokens?.find((t) => t.kind !== 'comment')?.text.replace(/[;,]+$/, '');
}

export function parseReceived(raw: string): ReceivedHop {
  // Folded lines are read as they are: every reader below takes any white space as a separator.
  const text = raw.trim();
  // The date follows the last ";" (RFC 5321); SendGrid and a few others write none.
  let body = text;
  let date: string | null = null;
  let time: number | null = null;
  const semi = text.lastIndexOf(';');
  if (semi >= 0 && (time = parseMailDate(text.slice(semi + 1))) !== null) {
    date = oneSpaced(text.slice(semi + 1));
    body = text.slice(0, semi).trim();
  } else {
    const m = DATE_AT_END.exec(text) ?? GO_DATE.exec(text);
    if (m && (time = parseMailDate(m[0])) !== null) {
      date = oneSpaced(m[0]);
      body = text.slice(0, m.index).replace(/;\s*$/, '').trim();
    }
  }
  let tokens = tokenize(body);
  // "(from KRYPTIK [70.20.57.51]) by host": the from clause written inside a comment.
  if (tokens[0]?.kind === 'comment' && /^from\s/i.test(tokens[0].text)) tokens = [...tokenize(tokens[0].text), ...tokens.slice(1)];
  const c = clauses(tokens);
  const withTokens = c.get('with');
  const withWord = withTokens?.find((t) => t.kind === 'word')?.text;
  const protocol = withWord === undefined ? null : /^Microsoft$/i.test(withWord) && /^SMTP$/i.test(withTokens![1]?.text ?? '') && /^Server/i.test(withTokens![2]?.text ?? '') ? 'Microsoft SMTP Server' : (withWord.match(/^[A-Za-z0-9-]+/)?.[0] ?? null);
  const byTokens = c.get('by') ?? [];
  const byWord = firstWord(byTokens);
  // The words that tell one MTA family from another, or announce a value worth a closer look.
  // As MTAs write them (fixed case), so no lower-cased copy of every line is made.
  const has = (word: string) => text.includes(word);
  const dialect: Dialect = {
    microsoft: /^Microsoft/i.test(protocol ?? '') || /\.(?:outlook|office365)\.com$/i.test(byWord ?? '') || has('SMTPSVC'),
    http: HTTP_PROTOCOLS.test(protocol ?? '') || byTokens.some((t) => t.kind === 'comment' && /^via HTTP$/i.test(t.text)) || /^HTTP/i.test(firstWord(c.get('via')) ?? ''),
    exim4: has('Exim 4.'),
    xmail: has('XMail'),
    via: c.has('via'),
  };
  const from = readFrom(c.get('from') ?? [], has('claiming') ? text : '', dialect);

  const byIpOfWord = byWord ? normalizeIp(byWord) : null;
  const by = byIpOfWord ? byIpOfWord.ip : hostName(byWord);
  let byIp = byIpOfWord?.ip ?? null;
  for (let i = 1; byIp === null && i < byTokens.length; i++) if (byTokens[i]!.kind !== 'word') byIp = normalizeIp(byTokens[i]!.text)?.ip ?? null;
  const tlsVersion = text.match(/\b(TLSv1(?:\.[0-3])?|TLS1_[0-3]|TLS ?1\.[0-3]|TLS-1\.[0-3]|SSLv3)\b/i)?.[1] ?? null;
  const tlsImplied = /^(ESMTPS|ESMTPSA|SMTPS|LMTPS|UTF8SMTPS|UTF8SMTPSA)$/i.test(protocol ?? '') || has('Google Transport Security') || has('(TLS)') || has('version=TLS');
  const idWord = firstWord(c.get('id'));
  const id = idWord ? idWord.replace(/^<(.*)>$/, '$1') || null : null;
  const forAddr = (c.get('for') ?? []).map((t) => t.text).join(' ').match(/<?([^\s<>;]+@[^\s<>;,]+)>?/)?.[1] ?? null;
  const envelopeFrom = has('envelope-') ? (/envelope-(?:from|sender)\s*<([^>]*)>/i.exec(text)?.[1] ?? null) : null;
  // Authenticated: said in a comment anywhere (Critical Path writes it after "by"), or by the protocol; a
  // webmail or HTTP API hop is a logged-in submission too.
  let said: string | true | undefined;
  if (from.auth === null && (has('uthenticat') || has('AUTH:'))) {
    for (const t of [...c.values()].flat()) if (t.kind === 'comment' && /authenticat|AUTH:/i.test(t.text) && (said = commentFacts(t.text).auth) !== undefined) break;
  }
  const auth = from.auth ?? said ?? (AUTH_PROTOCOLS.test(protocol ?? '') || (dialect.http && !dialect.microsoft) ? true : null);

  // Understood only with a clause structure and one real value: garbage never becomes a hop with a role.
  // eslint-disable-next-line no-control-regex
  const parsed = (c.has('from') || c.has('by')) && Boolean(by || from.ip) && !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(raw);
  return {
    raw,
    helo: parsed ? from.helo : null,
    rdns: parsed ? from.rdns : null,
    ip: parsed ? from.ip : null,
    ipVersion: parsed && from.ip ? (ipFamily(from.ip) as 4 | 6) : null,
    port: parsed ? from.port : null,
    by: parsed ? by : null,
    byIp: parsed ? byIp : null,
    with: protocol,
    tls: tlsVersion ?? (tlsImplied ? 'yes' : null),
    id,
    for: forAddr,
    envelopeFrom,
    auth,
    date,
    time,
    parsed,
  };
}

/** RFC 1918, loopback, link-local, CGNAT, unique-local and documentation ranges: not a public sender. */
export function isPrivateIp(ip: string): boolean {
  if (ipFamily(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a === 0;
  }
  const l = ip.toLowerCase();
  return l === '::1' || l.startsWith('fe80:') || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('::ffff:10.') || l.startsWith('::ffff:192.168.') || l.startsWith('::ffff:127.');
}
