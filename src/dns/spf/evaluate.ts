/**
 * check_host() of RFC 7208 §4 for one sending IP: what a receiver would conclude for a message from
 * that address, and by which mechanism. Limits are enforced as receivers do (10 lookups, 2 void lookups,
 * 10 MX hosts, 10 PTR names), DNS failures give temperror, never a guess.
 */
import { domainError, expandMacros, LOOKUP_TERMS, macroError, parseSpf, SPF_LIMITS, type Mechanism, type MacroContext, type Qualifier } from './parse.js';
import { fetchSpf } from './tree.js';
import { inNetwork, reverseName, unmapIpv4 } from '../ip.js';
import { ipFamily } from '../../core/ip-family.js';
import { normalizeName, type DnsResult, type Resolver } from '../types.js';
import { reason, type Reason } from '../../core/catalogue/reasons.js';

export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'permerror' | 'temperror';

export interface SpfVerdict {
  ip: string;
  domain: string;
  result: SpfResult;
  /** The mechanism that decided, as written, and the record it is in. */
  mechanism?: string;
  matchedIn?: string;
  /** The includes and redirects followed to reach it. */
  path: string[];
  reason?: Reason;
  /** A fail's explanation, from the record's exp= (RFC 7208 §6.2), expanded; from the domain's DNS, as it came. */
  explanation?: string;
  /** The MAIL FROM and HELO evaluated (macros %{s} %{l} %{o} %{h}). */
  sender: string;
  helo: string;
  lookups: number;
  voidLookups: number;
}

/** The identities a receiver evaluates with: the MAIL FROM address and the HELO name (default: postmaster@<domain>, the domain). */
export interface SpfIdentity {
  sender?: string;
  helo?: string;
}

const BY_QUALIFIER: Record<Qualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

class Stop extends Error {
  constructor(
    readonly result: 'permerror' | 'temperror',
    readonly reason: Reason,
  ) {
    super(reason.code);
  }
}

interface State {
  resolver: Resolver;
  ip: string;
  family: 4 | 6;
  sender: string;
  helo: string;
  lookups: number;
  voids: number;
}

interface Outcome {
  result: SpfResult;
  mechanism?: string;
  matchedIn?: string;
  path: string[];
  /** The exp= of the record that decided (not an include's; a redirect's own), with the context to expand it. */
  exp?: { spec: string; ctx: MacroContext };
}

export async function evaluateSpf(resolver: Resolver, domain: string, rawIp: string, identity: SpfIdentity = {}): Promise<SpfVerdict> {
  const ip = unmapIpv4(rawIp);
  const family = ipFamily(ip);
  const d = normalizeName(domain);
  const sender = identity.sender || `postmaster@${d}`;
  const helo = identity.helo || d;
  const state: State = { resolver, ip, family: family === 6 ? 6 : 4, sender, helo, lookups: 0, voids: 0 };
  const counts = () => ({ sender, helo, lookups: state.lookups, voidLookups: state.voids });
  try {
    const { exp, ...o } = await checkHost(state, d, []);
    const explanation = o.result === 'fail' && exp ? await explain(state, exp.spec, exp.ctx) : undefined;
    return { ip: rawIp, domain: d, ...o, ...(explanation !== undefined ? { explanation } : {}), ...counts() };
  } catch (err) {
    if (!(err instanceof Stop)) throw err;
    return { ip: rawIp, domain: d, result: err.result, reason: err.reason, path: [], ...counts() };
  }
}

/**
 * check_host() as a receiver runs it for one message (RFC 7208 §2.3, §2.4, §4.3): the MAIL FROM's domain,
 * or the HELO name when MAIL FROM is empty (a bounce); a sender without a local part is postmaster; a
 * domain that is not a usable name is none.
 */
export async function checkHostIdentity(resolver: Resolver, m: { ip: string; mailFrom: string; helo: string }): Promise<SpfVerdict> {
  const helo = m.helo.replace(/\.$/, '');
  const from = m.mailFrom.trim();
  const domain = from ? from.slice(from.lastIndexOf('@') + 1) : helo;
  const sender = from ? (from.includes('@') && !from.startsWith('@') ? from : `postmaster@${domain}`) : `postmaster@${helo}`;
  return evaluateSpf(resolver, domain, m.ip, { sender, helo });
}

/** The TXT at exp='s target, expanded; nothing when it is missing, several, or fails (RFC 7208 §6.2). */
async function explain(state: State, spec: string, ctx: MacroContext): Promise<string | undefined> {
  const name = normalizeName(expandMacros(spec, ctx));
  if (domainError(name)) return undefined;
  const r = await state.resolver.query(name, 'TXT');
  if (r.status !== 'found' || r.records.length !== 1) return undefined;
  const text = r.records[0]!.join('');
  if (macroError(text, true)) return undefined;
  const p = ctx.p ?? (/%\{p/i.test(text) ? await validatedName(state, ctx.domain) : undefined);
  return expandMacros(text, { ...ctx, exp: true, ...(p ? { p } : {}) });
}

/**
 * %{p}: a name of the IP that resolves back to it (RFC 7208 §7.3): the domain itself if it is one, else a
 * subdomain of it, else any; "unknown" when none does. Its PTR and address queries are not mechanism lookups.
 */
async function validatedName(state: State, domain: string): Promise<string> {
  const valid = await validatedNames(state, await state.resolver.query(reverseName(state.ip), 'PTR'));
  return valid.find((n) => n === domain) ?? valid.find((n) => n.endsWith(`.${domain}`)) ?? valid[0] ?? 'unknown';
}

/** The IP's PTR names that resolve back to it, of the first 10 (RFC 7208 §4.6.4): what ptr and %{p} both read. */
async function validatedNames(state: State, ptr: DnsResult<string>): Promise<string[]> {
  if (ptr.status !== 'found') return [];
  const names = ptr.records.slice(0, SPF_LIMITS.ptrNames).map(normalizeName);
  const forward = await Promise.all(names.map((n) => addressesOf(state, n)));
  return names.filter((_, i) => {
    const f = forward[i]!;
    return f.status === 'found' && f.records.some((a) => inNetwork(state.ip, a, state.family === 6 ? 128 : 32));
  });
}

function countLookup(state: State, term: string): void {
  state.lookups++;
  if (state.lookups > SPF_LIMITS.lookups) throw new Stop('permerror', reason('spf.too-many-lookups', { term }));
}

function checkVoid(state: State, r: DnsResult<unknown>, name: string): void {
  if (r.status === 'nxdomain' || r.status === 'nodata') {
    state.voids++;
    if (state.voids > SPF_LIMITS.voidLookups) throw new Stop('permerror', reason('spf.too-many-voids', { name }));
  }
}

function orTempError<T>(r: DnsResult<T>, name: string, type: string): T[] {
  if (r.status === 'error') throw new Stop('temperror', reason('spf.query-failed', { type, name, failure: r.reason }));
  return r.status === 'found' ? r.records : [];
}

async function checkHost(state: State, domain: string, path: string[]): Promise<Outcome> {
  if (domainError(domain)) return { result: 'none', path };
  const fetched = await fetchSpf(state.resolver, domain);
  if (fetched.status === 'error') throw new Stop('temperror', reason('spf.query-failed', { type: 'TXT', name: domain, failure: fetched.reason }));
  if (fetched.status === 'nxdomain' || fetched.status === 'none') return { result: 'none', path };
  if (fetched.status === 'multiple') throw new Stop('permerror', reason('spf.several-records', { domain, count: fetched.records.length }));
  const parsed = parseSpf(fetched.record);
  if (parsed.errors.length) {
    const e = parsed.errors[0]!;
    throw new Stop('permerror', reason('spf.syntax-in', { domain, term: e.term, reason: e.reason }));
  }
  const ctx: MacroContext = { sender: state.sender, domain, ip: state.ip, helo: state.helo };
  // %{p} costs DNS queries: made only when the record (or its explanation) uses it.
  if (/%\{p/i.test(fetched.record)) ctx.p = await validatedName(state, domain);
  const exp = parsed.exp ? { spec: parsed.exp.value, ctx } : undefined;
  for (const m of parsed.mechanisms) {
    if (LOOKUP_TERMS.has(m.name)) countLookup(state, m.raw);
    const matched = await matches(state, m, ctx, path);
    if (matched === false) continue;
    // An include that passed: the qualifier of the include decides, the term inside it is named; the
    // include's own exp= is never used (§6.2).
    if (matched !== true) {
      const { exp: _inner, ...inner } = matched;
      return { ...inner, result: BY_QUALIFIER[m.qualifier], ...(exp ? { exp } : {}) };
    }
    return { result: BY_QUALIFIER[m.qualifier], mechanism: m.raw, matchedIn: domain, path, ...(exp ? { exp } : {}) };
  }
  if (parsed.redirect) {
    countLookup(state, parsed.redirect.raw);
    const target = normalizeName(expandMacros(parsed.redirect.value, ctx));
    const o = await checkHost(state, target, [...path, parsed.redirect.raw]);
    if (o.result === 'none') throw new Stop('permerror', reason('spf.redirect-none', { target }));
    return o;
  }
  return { result: 'neutral', mechanism: '(no match: default neutral)', matchedIn: domain, path, ...(exp ? { exp } : {}) };
}

function target(m: Mechanism, ctx: MacroContext): string {
  return normalizeName(m.value ? expandMacros(m.value, ctx) : ctx.domain);
}

/** A target no DNS query can be made of (a macro made a label over 63 or an empty one): it does not exist (§4.3, §4.8). */
function unqueryable(name: string): boolean {
  const labels = name.split('.');
  return name.length > 253 || labels.some((l) => l.length === 0 || l.length > 63);
}

async function addressesOf(state: State, name: string): Promise<DnsResult<string>> {
  return state.resolver.query(name, state.family === 6 ? 'AAAA' : 'A');
}

function cidrMatch(state: State, addresses: string[], m: Mechanism): boolean {
  const prefix = state.family === 6 ? (m.cidr6 ?? 128) : (m.cidr4 ?? 32);
  return addresses.some((a) => inNetwork(state.ip, a, prefix));
}

/** true/false for a plain match; for an include that passed, the include's outcome (to name the deciding term). */
async function matches(state: State, m: Mechanism, ctx: MacroContext, path: string[]): Promise<boolean | Outcome> {
  switch (m.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6': {
      const want = m.name === 'ip4' ? 4 : 6;
      if (state.family !== want) return false;
      return inNetwork(state.ip, m.value!, want === 4 ? (m.cidr4 ?? 32) : (m.cidr6 ?? 128));
    }
    case 'a': {
      const name = target(m, ctx);
      if (unqueryable(name)) return false;
      const r = await addressesOf(state, name);
      checkVoid(state, r, name);
      return cidrMatch(state, orTempError(r, name, state.family === 6 ? 'AAAA' : 'A'), m);
    }
    case 'mx': {
      const name = target(m, ctx);
      if (unqueryable(name)) return false;
      const r = await state.resolver.query(name, 'MX');
      checkVoid(state, r, name);
      const hosts = orTempError(r, name, 'MX')
        .map((x) => x.exchange)
        .filter(Boolean);
      if (hosts.length > SPF_LIMITS.mxHosts) throw new Stop('permerror', reason('spf.mx-over-limit', { term: m.raw, count: hosts.length }));
      const answers = await Promise.all(hosts.map((h) => addressesOf(state, h)));
      return answers.some((a, i) => cidrMatch(state, orTempError(a, hosts[i]!, state.family === 6 ? 'AAAA' : 'A'), m));
    }
    case 'ptr': {
      const name = target(m, ctx);
      const r = await state.resolver.query(reverseName(state.ip), 'PTR');
      checkVoid(state, r, reverseName(state.ip));
      return (await validatedNames(state, r)).some((v) => v === name || v.endsWith(`.${name}`));
    }
    case 'exists': {
      const name = target(m, ctx);
      if (unqueryable(name)) return false;
      const r = await state.resolver.query(name, 'A');
      checkVoid(state, r, name);
      return orTempError(r, name, 'A').length > 0;
    }
    case 'include': {
      const name = target(m, ctx);
      const o = await checkHost(state, name, [...path, m.raw]);
      switch (o.result) {
        case 'pass':
          return o;
        case 'fail':
        case 'softfail':
        case 'neutral':
          return false;
        case 'none':
          throw new Stop('permerror', reason('spf.include-none', { term: m.raw, name }));
        default:
          return false;
      }
    }
  }
}
