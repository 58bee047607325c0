/**
 * SPF records (RFC 7208 §4.5, §4.6, §5, §6, §7): selection among TXT records, and a full parse of every
 * mechanism, modifier and macro. Parsing never stops at the first error: every bad term is located,
 * so counts can still be reported for an invalid record.
 */
import { isIP } from 'node:net';
import { expandIpv6 } from '../ip.js';

export type Qualifier = '+' | '-' | '~' | '?';
export const MECHANISMS = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'] as const;
export type MechanismName = (typeof MECHANISMS)[number];

/** Terms that cost one of the 10 DNS lookups (RFC 7208 §4.6.4). */
export const LOOKUP_TERMS: ReadonlySet<string> = new Set(['include', 'a', 'mx', 'ptr', 'exists', 'redirect']);

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
  reason: string;
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
export function macroError(text: string, inExp = false): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    if (ch !== '%') {
      if (code < 0x21 || code > 0x7e) return `character ${JSON.stringify(ch)} is not allowed`;
      continue;
    }
    const next = text[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      i++;
      continue;
    }
    if (next !== '{') return 'a "%" must start a macro ("%{d}") or be written "%%"';
    const end = text.indexOf('}', i);
    if (end < 0) return 'macro "%{" is not closed with "}"';
    const body = text.slice(i + 2, end);
    const m = body.match(/^([a-zA-Z])(\d*)(r?)([.\-+,/_=]*)$/i);
    if (!m) return `macro "%{${body}}" is malformed`;
    const letter = m[1]!.toLowerCase();
    if (!MACRO_LETTERS.includes(letter) && !(inExp && EXP_ONLY_LETTERS.includes(letter))) return `macro letter "${m[1]}" is not defined`;
    if (m[2] && Number(m[2]) === 0) return `macro "%{${body}}" keeps zero labels`;
    i = end;
  }
  return undefined;
}

export function hasMacro(text: string): boolean {
  return /%\{/.test(text);
}

/** A literal domain name (no macros) as RFC 7208's domain-end requires: labels of 1-63, a non-numeric top label. */
export function domainError(name: string): string | undefined {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0) return 'the domain is empty';
  if (n.length > 253) return 'the domain is longer than 253 characters';
  const labels = n.split('.');
  if (labels.some((l) => l.length === 0)) return 'the domain has an empty label';
  if (labels.some((l) => l.length > 63)) return 'a label is longer than 63 characters';
  if (labels.length < 2) return 'the domain needs at least two labels';
  const top = labels[labels.length - 1]!;
  if (/^\d+$/.test(top) || !/^[a-z0-9-]+$/i.test(top) || top.startsWith('-') || top.endsWith('-')) return `"${top}" is not a valid top-level label`;
  return undefined;
}

function domainSpecError(spec: string): string | undefined {
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

/** Parses a record already known to start with v=spf1. */
export function parseSpf(record: string): ParsedSpf {
  const out: ParsedSpf = { terms: [], mechanisms: [], invalidMechanisms: [], errors: [] };
  const re = /[^ ]+/g;
  let m: RegExpExecArray | null;
  let first = true;
  while ((m = re.exec(record)) !== null) {
    const raw = m[0];
    const position = m.index + 1;
    if (first) {
      first = false;
      if (raw.toLowerCase() !== 'v=spf1') out.errors.push({ term: raw, position, reason: 'the record must start with "v=spf1"' });
      continue;
    }
    const err = (reason: string) => out.errors.push({ term: raw, position, reason });

    const modifier = raw.match(/^([a-zA-Z][a-zA-Z0-9\-_.]*)=(.*)$/);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      const term: Modifier = { kind: 'modifier', name, value, raw, position };
      if (name === 'redirect' || name === 'exp') {
        if (out[name as 'redirect' | 'exp']) err(`"${name}=" appears more than once`);
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
      err('not a mechanism nor a modifier');
      continue;
    }
    const qualifier = (dm[1] || '+') as Qualifier;
    const name = dm[2]!.toLowerCase();
    const rest = dm[3]!;
    if (!(MECHANISMS as readonly string[]).includes(name)) {
      err(`"${dm[2]}" is not an SPF mechanism (all, include, a, mx, ptr, ip4, ip6, exists)`);
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
  if (first) out.errors.push({ term: '', position: 1, reason: 'the record is empty' });
  return out;
}

function parseMechanismArgs(mech: Mechanism, rest: string): string | undefined {
  switch (mech.name) {
    case 'all':
      return rest === '' ? undefined : '"all" takes no argument';
    case 'include':
    case 'exists': {
      if (!rest.startsWith(':') || rest.length === 1) return `"${mech.name}" needs ":<domain>"`;
      mech.value = rest.slice(1);
      return domainSpecError(mech.value);
    }
    case 'ptr': {
      if (rest === '') return undefined;
      if (!rest.startsWith(':') || rest.length === 1) return '"ptr" takes an optional ":<domain>"';
      mech.value = rest.slice(1);
      return domainSpecError(mech.value);
    }
    case 'a':
    case 'mx': {
      // [":" domain-spec] [dual-cidr-length]: the CIDR part is whatever follows the last "/" run.
      const cm = rest.match(/^(?::([^/]*))?(?:\/([^/]*))?(?:\/\/([^/]*))?$/);
      if (!cm) return `"${mech.raw}" has a malformed domain or prefix length`;
      const [, domain, c4, c6] = cm;
      if (domain !== undefined) {
        if (domain === '') return `"${mech.name}:" needs a domain after the colon`;
        mech.value = domain;
        const bad = domainSpecError(domain);
        if (bad) return bad;
      }
      if (c4 !== undefined) {
        const v = parseCidr(c4, 32);
        if (v === undefined) return `"/${c4}" is not an IPv4 prefix length (0-32)`;
        mech.cidr4 = v;
      }
      if (c6 !== undefined) {
        const v = parseCidr(c6, 128);
        if (v === undefined) return `"//${c6}" is not an IPv6 prefix length (0-128)`;
        mech.cidr6 = v;
      }
      return undefined;
    }
    case 'ip4':
    case 'ip6': {
      const want = mech.name === 'ip4' ? 4 : 6;
      const im = rest.match(/^:([^/]+)(?:\/(.*))?$/);
      if (!im) return `"${mech.name}" needs ":<address>" (and an optional /prefix)`;
      if (isIP(im[1]!) !== want) return `"${im[1]}" is not an IPv${want} address`;
      mech.value = im[1]!;
      if (im[2] !== undefined) {
        const v = parseCidr(im[2], want === 4 ? 32 : 128);
        if (v === undefined) return `"/${im[2]}" is not an IPv${want} prefix length (0-${want === 4 ? 32 : 128})`;
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
}

/**
 * Expands a macro-string (RFC 7208 §7.3, §7.4): transformers, reversal, delimiters, URL-escaping of
 * upper-case letters, and a result over 253 characters cut from the left.
 */
export function expandMacros(spec: string, ctx: MacroContext): string {
  const [local, senderDomain] = splitSender(ctx.sender, ctx.domain);
  const v4 = isIP(ctx.ip) === 4;
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
        return 'unknown';
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
  while (out.length > 253 && out.includes('.')) out = out.slice(out.indexOf('.') + 1);
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
