/**
 * DNS blocklists (RFC 5782) as receivers consult them: an IP's reversed labels, or a domain, under each
 * list's zone; an A answer is a listing whose address says why, a TXT gives the list's own words. Each
 * list's health is asked first with its test points (the listed one must be listed, the other not), so
 * a resolver the list refuses, or one that rewrites NXDOMAIN, is never taken for a listing. The lists
 * and their codes: blocklists.ts. Every query goes through the run's resolver (cache, --qps).
 */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';
import type { Listing } from '../core/catalogue/dns.js';
import type { Blocklist, ListingCode } from './blocklists.js';
import { inNetwork, reversedLabels } from './ip.js';
import { ipFamily } from '../core/ip-family.js';
import { joinTxt } from './spf/parse.js';
import type { QueryFailure, Resolver } from './types.js';

export type { Listing } from '../core/catalogue/dns.js';

/** What one answer of a list means. */
export type ListAnswer = { kind: 'clean' } | { kind: 'listed'; codes: Listing[] } | { kind: 'error'; why: Reason } | { kind: 'rewritten'; answer: string };

export interface ListHealth {
  name: string;
  zone: string;
  kind: Blocklist['kind'];
  status: 'usable' | 'unusable' | 'failed';
  why?: Reason;
}

export interface BlocklistLookup {
  /** The IP or the domain asked. */
  target: string;
  list: string;
  zone: string;
  status: 'listed' | 'clean' | 'unusable' | 'failed';
  codes: Listing[];
  /** The list's TXT for the entry, as it came (at most 300 characters). */
  text?: string;
  why?: Reason;
  delist?: string;
}

export interface DnsblData {
  lists: ListHealth[];
  ips: BlocklistLookup[];
  domains: BlocklistLookup[];
  /** A name that cannot exist got this address: the resolver rewrites NXDOMAIN. */
  rewrite?: { name: string; answer: string };
  failures: QueryFailure[];
}

/** Pure: what the addresses of an A answer mean for this list. */
export function readAnswer(list: Blocklist, addresses: readonly string[]): ListAnswer {
  if (!addresses.length) return { kind: 'clean' };
  // RFC 5782 §2.3: listings are in 127.0.0.0/8. Anything else came from the resolver, not the list.
  const outside = addresses.find((a) => !inNetwork(a, '127.0.0.0', 8));
  if (outside) return { kind: 'rewritten', answer: outside };
  const error = addresses.find((a) => list.errors?.[a] || (list.errorNet && inNetwork(a, list.errorNet.network, list.errorNet.prefix)));
  if (error) return { kind: 'error', why: list.errors?.[error] ?? reason('bl.error-code', { code: error }) };
  return { kind: 'listed', codes: addresses.flatMap((a) => codesOf(list, a)) };
}

function codesOf(list: Blocklist, address: string): Listing[] {
  const plain = (c: ListingCode): Listing => ({ address, label: c.label, meaning: c.meaning, ...(c.policy ? { policy: true as const } : {}) });
  const known = list.codes?.[address];
  if (known) return [plain(known)];
  if (list.bits) {
    const last = Number(address.split('.')[3]);
    const set = Object.entries(list.bits).filter(([bit]) => (last & Number(bit)) !== 0);
    if (set.length) return set.map(([, c]) => plain(c));
  }
  return [{ address, label: list.name, meaning: reason('bl.listed-code', { code: address }) }];
}

/** What the run saw while asking: queries that failed, and names the resolver gave an address it cannot have. */
interface Seen {
  failures: QueryFailure[];
  rewrites: Array<{ name: string; answer: string }>;
}

/** One A query under a list. A rewritten answer is recorded and read as the list being unusable from here. */
async function ask(resolver: Resolver, name: string, list: Blocklist, seen: Seen): Promise<Exclude<ListAnswer, { kind: 'rewritten' }> | 'failed'> {
  const r = await resolver.query(name, 'A');
  if (r.status === 'error') {
    seen.failures.push({ name, type: 'A', reason: r.reason });
    return 'failed';
  }
  const a = readAnswer(list, r.status === 'found' ? r.records : []);
  if (a.kind !== 'rewritten') return a;
  seen.rewrites.push({ name, answer: a.answer });
  return { kind: 'error', why: reason('bl.health-rewritten', { name, answer: a.answer }) };
}

/** A list's health from its RFC 5782 test points. */
async function health(resolver: Resolver, list: Blocklist, seen: Seen): Promise<ListHealth> {
  const base = { name: list.name, zone: list.zone, kind: list.kind };
  const listedName = `${list.test.listed}.${list.zone}`;
  const unlistedName = `${list.test.unlisted}.${list.zone}`;
  const [listed, unlisted] = await Promise.all([ask(resolver, listedName, list, seen), ask(resolver, unlistedName, list, seen)]);
  if (listed === 'failed' || unlisted === 'failed') return { ...base, status: 'failed' };
  // The unlisted point first: a rewriting resolver shows there.
  for (const a of [unlisted, listed]) if (a.kind === 'error') return { ...base, status: 'unusable', why: a.why };
  if (unlisted.kind === 'listed') return { ...base, status: 'unusable', why: reason('bl.health-lists-all', { name: unlistedName }) };
  if (listed.kind !== 'listed') return { ...base, status: 'unusable', why: reason('bl.health-no-answer', { name: listedName }) };
  return { ...base, status: 'usable' };
}

/** The query name of a target under a list, or undefined when the list does not cover it (IPv6 on an IPv4 list). */
function nameUnder(list: Blocklist, target: string): string | undefined {
  if (list.kind === 'domain') return `${target}.${list.zone}`;
  const family = ipFamily(target);
  return family && list.families.includes(family) ? `${reversedLabels(target)}.${list.zone}` : undefined;
}

async function lookup(resolver: Resolver, list: Blocklist, target: string, seen: Seen): Promise<BlocklistLookup | undefined> {
  const name = nameUnder(list, target);
  if (!name) return undefined;
  const base = { target, list: list.name, zone: list.zone, codes: [], ...(list.delist ? { delist: list.delist } : {}) };
  const a = await ask(resolver, name, list, seen);
  if (a === 'failed') return { ...base, status: 'failed' };
  if (a.kind === 'clean') return { ...base, status: 'clean' };
  if (a.kind === 'error') return { ...base, status: 'unusable', why: a.why };
  const txt = await resolver.query(name, 'TXT');
  const text = txt.status === 'found' ? txt.records.map(joinTxt).join(' ').slice(0, 300) : undefined;
  return { ...base, status: 'listed', codes: a.codes, ...(text ? { text } : {}) };
}

/** Asks every list about the IPs and the domain, and each list's test points, all at once. */
export async function fetchDnsbl(resolver: Resolver, lists: readonly Blocklist[], ips: readonly string[], domain: string | undefined): Promise<DnsblData> {
  const seen: Seen = { failures: [], rewrites: [] };
  const ipLists = ips.length ? lists.filter((l) => l.kind === 'ip') : [];
  const domainLists = domain ? lists.filter((l) => l.kind === 'domain') : [];
  const asked = [...ipLists, ...domainLists];
  const [healths, ipLookups, domainLookups] = await Promise.all([
    Promise.all(asked.map((l) => health(resolver, l, seen))),
    Promise.all(ipLists.flatMap((l) => ips.map((ip) => lookup(resolver, l, ip, seen)))),
    Promise.all(domainLists.map((l) => lookup(resolver, l, domain!, seen))),
  ]);
  // A list whose test points fail is not read: its answers for the targets mean nothing.
  const usable = new Set(healths.filter((h) => h.status === 'usable').map((h) => h.zone));
  const keep = (l: BlocklistLookup | undefined): l is BlocklistLookup => l !== undefined && usable.has(l.zone);
  return {
    lists: healths,
    ips: ipLookups.filter(keep),
    domains: domainLookups.filter(keep),
    ...(seen.rewrites[0] ? { rewrite: seen.rewrites[0] } : {}),
    failures: seen.failures,
  };
}

/**
 * Where the IPs sit: a relay that delivers to the Internet, or the client an authenticated user submits
 * from (a PBL listing is then expected: home and office ranges are not meant to deliver mail themselves).
 */
export type IpRole = 'relay' | 'client';

/** Pure: findings of the blocklists, for IPs in the given role and the domain. */
export function checkDnsbl(d: DnsblData, resolverDescription: string, role: IpRole = 'relay'): Finding[] {
  const out: Finding[] = [];
  if (d.rewrite) out.push(finding('dns.resolver-rewrites', resolverDescription, { resolver: resolverDescription, name: d.rewrite.name, answer: d.rewrite.answer }));
  const unusable = new Map<string, { list: string; why: Reason }>();
  for (const h of d.lists) if (h.status === 'unusable') unusable.set(h.zone, { list: h.name, why: h.why! });
  for (const l of [...d.ips, ...d.domains]) if (l.status === 'unusable' && !unusable.has(l.zone)) unusable.set(l.zone, { list: l.list, why: l.why! });
  for (const [zone, u] of unusable) out.push(finding('ip.dnsbl-unusable', zone, { list: u.list, zone, why: u.why, resolver: resolverDescription }));

  const byTarget = (lookups: BlocklistLookup[]) => {
    const m = new Map<string, BlocklistLookup[]>();
    for (const l of lookups) m.set(l.target, [...(m.get(l.target) ?? []), l]);
    return m;
  };
  for (const [ip, lookups] of byTarget(d.ips)) {
    const listed = lookups.filter((l) => l.status === 'listed');
    for (const l of listed) {
      const policyOnly = l.codes.every((c) => c.policy);
      const args = { ip, list: l.list, zone: l.zone, codes: l.codes, text: l.text ?? null, delist: l.delist ?? null, role, policyOnly };
      out.push(finding('ip.listed', ip, args, policyOnly && role === 'client' ? { severity: 'warning' } : {}));
    }
    const clean = lookups.filter((l) => l.status === 'clean').map((l) => l.list);
    if (!listed.length && clean.length) out.push(finding('ip.not-listed', ip, { ip, lists: clean }));
  }
  for (const [domain, lookups] of byTarget(d.domains)) {
    const listed = lookups.filter((l) => l.status === 'listed');
    for (const l of listed) out.push(finding('domain.listed', domain, { domain, list: l.list, zone: l.zone, codes: l.codes, text: l.text ?? null, delist: l.delist ?? null }));
    const clean = lookups.filter((l) => l.status === 'clean').map((l) => l.list);
    if (!listed.length && clean.length) out.push(finding('domain.not-listed', domain, { domain, lists: clean }));
  }
  return out;
}
