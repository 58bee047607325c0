/**
 * SPF records (RFC 7208 §4.5, §4.6, §5, §6, §7): selection among TXT records, and a full parse of every
 * mechanism, modifier and macro. Parsing never stops at the first error: every bad term is located,
 * so counts can still be reported for an invalid record.
 */
import { ipFamily } from '../../core/ip-family.js';
import { reason, type Reason } from '../../core/catalogue/reasons.js';
import { compressIpv6, expandIpv6 } from '../ip.js';

export type Qualifier = '+' | '-' | '~' | '?';
export const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type MechanismName = (typeof MECHANISMS)[number];

/** Terms that cost one of the 10 DNS lookups (RFC 7208 §4.6.4). */
export const LOOKUP_TERMS: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

/** RFC 7208 §4.6.4: past these, the check is a permerror. */
export const SPF_LIMITS = {
  /** Terms that cost a DNS lookup (LOOKUP_TERMS), over the whole tree. */
  lookups: 10,
  /** Lookups that return no record (NXDOMAIN or no data). */
  voidLookups: 2,
  /** MX hosts one mx mechanism may name. */
  mxHosts: 10,
  /** PTR names of the IP that ptr and %{p} read. */
  ptrNames: 10,
} as const;

export interface Mechanism {
  kind: 'mechanism';
  qualifier: Qualifier;
  name: MechanismName;
  /** domain-spec (may hold macros) for include/a/mx/ptr/exists; the network for ip4/ip6. */
  value?: string;
  cidr4?: number;
  cidr6?: number;
  raw: string;
  /** 1-based character position in the record. */
  position: number;
}

export interface Modifier {
  kind: 'modifier';
  name: string;
  value: string;
  raw: string;
  position: number;
}

export type Term = Mechanism | Modifier;

export interface SpfSyntaxError {
  term: string;
  position: number;
  reason: Reason;
}

export interface ParsedSpf {
  terms: Term[];
  mechanisms: Mechanism[];
  /** Known mechanisms with a bad argument: not evaluated, but still counted against the lookup limit. */
  invalidMechanisms: Mechanism[];
  redirect?: Modifier;
  exp?: Modifier;
  errors: SpfSyntaxError[];
}

export function isSpfRecord(text: string): boolean {
  return /^v=spf1(?: |$)/i.test(text);
}

/** TXT strings of one record are joined with nothing between them (RFC 7208 §3.3). */
export function joinTxt(chunks: readonly string[]): string {
  return chunks.join('');
}

const MACRO_LETTERS = 'slodiphv';
const EXP_ONLY_LETTERS = 'crt';

/** Checks a macro-string; returns the reason it is invalid, or undefined. */
export function macroError(text: string, inExp = false): Reason | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch !== '%') {
      // An explanation is text: spaces are allowed there (explain-string, RFC 7208 §7.1).
      if (code < (inExp ? 0x20 : 0x21) || code > 0x7e) return reason('spf.char-not-allowed', { char: JSON.stringify(ch) });
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i++;
      continue;
    }
    if (next !== '{') return reason('spf.percent-alone');
    const end = text.indexOf('}', i);
    if (end < 0) return reason('spf.macro-unclosed');
    const body = text.slice(i + 2, end);
    const m = body.match(/^([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)$/i);
    if (!m) return reason('spf.macro-malformed', { macro: `%{${body}}` });
    const letter = m[1]!.toLowerCase();
    if (!MACRO_LETTERS.includes(letter) && !(inExp && EXP_ONLY_LETTERS.includes(letter))) return reason('spf.macro-letter', { letter: m[1]! });
    if (m[2] && Number(m[2]) === 0) return reason('spf.macro-zero-labels', { macro: `%{${body}}` });
    i = end;
  }
  return undefined;
}

export function hasMacro(text: string): boolean {
  return /%\{/.test(text);
}

/** A literal domain name (no macros) as RFC 7208's domain-end requires: labels of 1-63, a non-numeric top label. */
export function domainError(name: string): Reason | undefined {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0) return reason('domain.empty');
  if (n.length > 253) return reason('domain.too-long');
  const labels = n.split('.');
  if (labels.some((l) => l.length === 0)) return reason('domain.empty-label');
  if (labels.some((l) => l.length > 63)) return reason('domain.label-too-long');
  if (labels.length < 2) return reason('domain.one-label');
  const top = labels[labels.length - 1]!;
  if (/^\d+$/.test(top) || !/^[a-z0-9-]+$/i.test(top) || top.startsWith('-') || top.endsWith('-')) return reason('domain.bad-top-label', { label: top });
  return undefined;
}

function domainSpecError(spec: string): Reason | undefined {
  const macro = macroError(spec);
  if (macro) return macro;
  if (hasMacro(spec)) return undefined;
  return domainError(spec);
}

function parseCidr(text: string, max: number): number | undefined {
  if (!/^(0|[1-9]\d{0,2})$/.test(text)) return undefined;
  const n = Number(text);
  return n <= max ? n : undefined;
}

/**
 * A fleet meets the same records for every domain (the providers' includes): each text is parsed once and
 * the result shared (its readers never change it). Bounded: past 2,000 texts the memory starts afresh.
 */
const parsedTexts = new Map<string, ParsedSpf>();

/** Parses a record already known to start with v=spf1. */
export function parseSpf(record: string): ParsedSpf {
  let parsed = parsedTexts.get(record);
  if (!parsed) {
    if (parsedTexts.size >= 2_000) parsedTexts.clear();
    parsedTexts.set(record, (parsed = parseRecord(record)));
  }
  return parsed;
}

function parseRecord(record: string): ParsedSpf {
  const out: ParsedSpf = { terms: [], mechanisms: [], invalidMechanisms: [], errors: [] };
  const re = /[^ ]+/g;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(record)) !== null) {
    const raw = m[0];
    const position = m.index + 1;
    if (first) {
      first = false;
      if (raw.toLowerCase() !== 'v=spf1') out.errors.push({ term: raw, position, reason: reason('spf.version') });
      continue;
    }
    const err = (why: Reason) => out.errors.push({ term: raw, position, reason: why });

    const modifier = raw.match(/^([a-zA-Z][a-zA-Z0-9\-_.]*)=(.*)$/);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      const term: Modifier = { kind: 'modifier', name, value, raw, position };
      if (name === 'redirect' || name === 'exp') {
        if (out[name as 'redirect' | 'exp']) err(reason('spf.modifier-twice', { name }));
        else out[name as 'redirect' | 'exp'] = term;
        const bad = name === 'exp' ? (macroError(value) ?? (hasMacro(value) ? undefined : domainError(value))) : domainSpecError(value);
        if (bad) err(bad);
      } else {
        const bad = macroError(value);
        if (bad) err(bad);
      }
      out.terms.push(term);
      continue;
    }

    const dm = raw.match(/^([+\-~?]?)([a-zA-Z0-9]+)(.*)$/);
    if (!dm) {
      err(reason('spf.unknown-term'));
      continue;
    }
    const qualifier = (dm[1] || '+') as Qualifier;
    const name = dm[2]!.toLowerCase();
    const rest = dm[3]!;
    if (!(MECHANISMS as readonly string[]).includes(name)) {
      err(reason('spf.unknown-mechanism', { name: dm[2]! }));
      continue;
    }
    const mech: Mechanism = { kind: 'mechanism', qualifier, name: name as MechanismName, raw, position };
    const bad = parseMechanismArgs(mech, rest);
    if (bad) {
      err(bad);
      out.invalidMechanisms.push(mech);
    } else {
      out.terms.push(mech);
      out.mechanisms.push(mech);
    }
  }
  if (first) out.errors.push({ term: '', position: 1, reason: reason('spf.empty-record') });
  return out;
}

function parseMechanismArgs(mech: Mechanism, rest: string): Reason | undefined {
  switch (mech.name) {
    case 'all':
      return rest === '' ? undefined : reason('spf.all-argument');
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':') || rest.length === 1) return reason('spf.needs-domain', { mechanism: mech.name });
      mech.value = rest.slice(1);
      return domainSpecError(mech.value);
    }
    case 'ptr': {
      if (rest === '') return undefined;
      if (!rest.startsWith(':') || rest.length === 1) return reason('spf.ptr-argument');
      mech.value = rest.slice(1);
      return domainSpecError(mech.value);
    }
    case 'a':
    case 'mx': {
      // [":" domain-spec] [dual-cidr-length]. A domain-spec may hold any visible character but "%" outside
      // a macro, ":" and "/" included (RFC 7208 §7.1): the CIDR lengths are read from the end only.
      const cm = rest.match(/^(:.*?)?(?:\/(\d*))?(?:\/\/(\d*))?$/s);
      if (!cm || (cm[1] === undefined && rest !== '' && !rest.startsWith('/'))) return reason('spf.malformed-cidr', { term: mech.raw });
      const [, colonDomain, c4, c6] = cm;
      const domain = colonDomain?.slice(1);
      if (domain !== undefined) {
        if (domain === '') return reason('spf.colon-needs-domain', { mechanism: mech.name });
        mech.value = domain;
        const bad = domainSpecError(domain);
        if (bad) return bad;
      }
      if (c4 !== undefined) {
        const v = parseCidr(c4, 32);
        if (v === undefined) return reason('spf.prefix-length', { text: `/${c4}`, version: 4 });
        mech.cidr4 = v;
      }
      if (c6 !== undefined) {
        const v = parseCidr(c6, 128);
        if (v === undefined) return reason('spf.prefix-length', { text: `//${c6}`, version: 6 });
        mech.cidr6 = v;
      }
      return undefined;
    }
    case 'ip4':
    case 'ip6': {
      const want = mech.name === 'ip4' ? 4 : 6;
      const im = rest.match(/^:([^/]+)(?:\/(.*))?$/);
      if (!im) return reason('spf.needs-address', { mechanism: mech.name });
      if (ipFamily(im[1]!) !== want) return reason('spf.not-an-address', { text: im[1]!, version: want });
      mech.value = im[1]!;
      if (im[2] !== undefined) {
        const v = parseCidr(im[2], want === 4 ? 32 : 128);
        if (v === undefined) return reason('spf.prefix-length', { text: `/${im[2]}`, version: want });
        if (want === 4) mech.cidr4 = v;
        else mech.cidr6 = v;
      }
      return undefined;
    }
  }
}

export interface MacroContext {
  sender: string;
  domain: string;
  ip: string;
  helo: string;
  /** %{p}: the validated name of the IP, found before expanding (evaluate.ts); "unknown" without it. */
  p?: string;
  /** An explanation string: %{c} %{r} %{t} are allowed (RFC 7208 §7.3). */
  exp?: boolean;
  /** %{r}: the receiving host's name (default "unknown"); %{t}: seconds since the epoch. */
  receiver?: string;
  now?: number;
}

/**
 * Expands a macro-string (RFC 7208 §7.3, §7.4): transformers, reversal, delimiters, URL-escaping of
 * upper-case letters, and a result over 253 characters cut from the left.
 */
export function expandMacros(spec: string, ctx: MacroContext): string {
  const [local, senderDomain] = splitSender(ctx.sender, ctx.domain);
  const v4 = ipFamily(ctx.ip) === 4;
  const value = (letter: string): string => {
    switch (letter) {
      case 's':
        return `${local}@${senderDomain}`;
      case 'l':
        return local;
      case 'o':
        return senderDomain;
      case 'd':
        return ctx.domain;
      case 'i':
        return v4 ? ctx.ip : expandNibbles(ctx.ip);
      case 'p':
        return ctx.p ?? 'unknown';
      case 'c':
        return ctx.exp ? (v4 ? ctx.ip : compressIpv6(ctx.ip)) : '';
      case 'r':
        return ctx.exp ? (ctx.receiver ?? 'unknown') : '';
      case 't':
        return ctx.exp ? String(Math.floor((ctx.now ?? Date.now()) / 1000)) : '';
      case 'v':
        return v4 ? 'in-addr' : 'ip6';
      case 'h':
        return ctx.helo;
      default:
        return '';
    }
  };
  let out = spec.replace(/%\{([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)\}|%%|%_|%-/gi, (whole, letter?: string, digits?: string, reverse?: string, delims?: string) => {
    if (whole === '%%') return '%';
    if (whole === '%_') return ' ';
    if (whole === '%-') return '%20';
    const raw = value(letter!.toLowerCase());
    const parts = raw.split(new RegExp(`[${(delims || '.').replace(/[-\\\]^]/g, '\\$&')}]`));
    if (reverse) parts.reverse();
    const kept = digits ? parts.slice(-Number(digits)) : parts;
    const joined = kept.join('.');
    return letter === letter!.toUpperCase() ? encodeURIComponent(joined) : joined;
  });
  while (!ctx.exp && out.length > 253 && out.includes('.')) out = out.slice(out.indexOf('.') + 1);
  return out;
}

function splitSender(sender: string, domain: string): [string, string] {
  const at = sender.lastIndexOf('@');
  if (at < 0) return ['postmaster', sender || domain];
  return [sender.slice(0, at) || 'postmaster', sender.slice(at + 1)];
}

function expandNibbles(ip: string): string {
  // Dotted nibbles, most significant first (RFC 7208 §7.3: "%{i}" of 2001:db8::cb01 is 2.0.0.1.0.d.b.8....).
  return expandIpv6(ip).split('').join('.');
}
