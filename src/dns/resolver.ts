/**
 * Resolvers: ours on the wire (wire.ts: UDP with TCP fallback on TC, the system's servers or --resolver),
 * a zone file answering first (--zone-file), and the per-run cache in front of both.
 */
import { t } from '../i18n/ui.js';
import type * as packet from 'dns-packet';
import { ipFamily } from '../core/ip-family.js';
import { UsageError } from '../core/errors.js';
import { splitHostPort } from '../core/host-port.js';
import { MAX_ALIASES, normalizeName, type DnsFailure, type DnsResult, type RecordData, type RecordType, type Resolver } from './types.js';
import { ZoneIndex } from './zone-lookup.js';
import type { Zone, ZoneRecord } from './zonefile.js';
import type { WireClient } from './wire.js';

/** "1.1.1.1", "127.0.0.1:5353", "[::1]:5353" or "::1", as users type after --resolver. */
export function parseResolverAddress(text: string): string {
  const { host, port } = splitHostPort(text);
  if (!ipFamily(host)) throw new UsageError(t('error.invalid-resolver', { input: text }));
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw new UsageError(t('error.resolver-port', { port }));
  if (port === undefined) return host;
  return ipFamily(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

const RCODE_FAILURES: Record<string, DnsFailure> = { SERVFAIL: 'SERVFAIL', REFUSED: 'REFUSED', FORMERR: 'BADRESP', NOTIMP: 'BADRESP' };

/**
 * Questions to the network through our wire client (wire.ts). Only "no such name" and "no data" are answers;
 * everything else is a failure to get one (mailauth does likewise). Records are taken only from the name asked
 * and the CNAMEs leading from it: an answer owned by any other name is WRONG-NAME, never the record.
 */
export class WireResolver implements Resolver {
  readonly description: string;

  constructor(readonly wire: WireClient) {
    this.description = wire.system ? `system resolver (${wire.servers.join(', ')})` : wire.servers.join(', ');
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    const ex = await this.wire.exchange(name, type);
    if (!ex.ok) return { status: 'error', reason: ex.reason, message: ex.message };
    const rcode = ex.reply.rcode ?? 'NOERROR';
    if (rcode === 'NXDOMAIN') return { status: 'nxdomain' };
    if (rcode !== 'NOERROR') return { status: 'error', reason: RCODE_FAILURES[rcode] ?? 'OTHER', message: `${rcode} from ${ex.server}` };
    return ownAnswer(normalizeName(name), type, ex.reply.answers ?? [], ex.server);
  }
}

/** The records of `type` at `qname`, or at the end of the CNAMEs from it, as they appear in the answer section. */
export function ownAnswer<T extends RecordType>(qname: string, type: T, answers: packet.Answer[], server: string): DnsResult<RecordData[T]> {
  const chain = [qname];
  let owner = qname;
  for (let i = 0; i <= MAX_ALIASES; i++) {
    const here = answers.filter((a) => normalizeName(a.name) === owner);
    const records = here.filter((a) => a.type === type);
    if (records.length) return { status: 'found', records: records.map((a) => recordData(type, dataOf(a)) as RecordData[T]) };
    const alias = here.find((a) => a.type === 'CNAME');
    if (!alias) break;
    owner = normalizeName(String(dataOf(alias)));
    if (chain.includes(owner)) return cnameLoop(chain, owner);
    chain.push(owner);
  }
  const stranger = answers.find((a) => (a.type === type || a.type === 'CNAME') && !chain.includes(normalizeName(a.name)));
  if (stranger) return { status: 'error', reason: 'WRONG-NAME', message: `${server} answered ${type} ${qname} with a record of ${normalizeName(stranger.name) || '.'}` };
  return { status: 'nodata' };
}

/** The aliases from `chain` come back to `next`: the same failure whether seen in one answer or query by query. */
function cnameLoop(chain: readonly string[], next: string): DnsResult<never> {
  return { status: 'error', reason: 'CNAME-LOOP', message: `CNAME loop: ${[...chain, next].join(' → ')}` };
}

const dataOf = (a: packet.Answer): unknown => (a as { data?: unknown }).data;

/** dns-packet's record data in the shapes the checks read (the zone file gives the same shapes). */
function recordData(type: RecordType, data: unknown): RecordData[RecordType] {
  const d = data as Record<string, unknown>;
  const name = (v: unknown) => normalizeName(String(v ?? ''));
  switch (type) {
    case 'A':
    case 'AAAA':
      return String(data);
    case 'CNAME':
    case 'NS':
    case 'PTR':
      return name(data);
    case 'TXT':
      // Character-strings kept apart (their sizes matter), each read as UTF-8 when it is not ASCII.
      return (data as Uint8Array[]).map((c) => Buffer.from(c).toString('utf8'));
    case 'MX':
      return { priority: Number(d.preference), exchange: name(d.exchange) };
    case 'SOA':
      return { mname: name(d.mname), rname: name(d.rname), serial: Number(d.serial), refresh: Number(d.refresh), retry: Number(d.retry), expire: Number(d.expire), minimum: Number(d.minimum) };
    case 'SRV':
      return { priority: Number(d.priority), weight: Number(d.weight), port: Number(d.port), target: name(d.target) };
    case 'CAA':
      return { flags: Number(d.flags), tag: String(d.tag), value: String(d.value) };
    case 'DS':
      return { keyTag: Number(d.keyTag), algorithm: Number(d.algorithm), digestType: Number(d.digestType), digest: Buffer.from(d.digest as Uint8Array).toString('hex') };
  }
}

/** Answers names inside the zone file's apexes from it; other names, and CNAME chains leaving it, from `fallback`. */
export class ZoneResolver implements Resolver {
  private readonly index: ZoneIndex;
  readonly description: string;

  constructor(
    zone: Zone,
    private readonly fallback: Resolver,
    label = 'zone file',
  ) {
    this.index = new ZoneIndex(zone);
    this.description = `${label} (${zone.apexes.join(', ')}), then ${fallback.description}`;
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    const a = this.index.lookup(name, type);
    switch (a.kind) {
      case 'outside':
        return this.fallback.query(name, type);
      case 'leaves-zone':
        return this.fallback.query(a.target, type);
      case 'nxdomain':
        return { status: 'nxdomain' };
      case 'nodata':
        return { status: 'nodata' };
      case 'found': {
        const records = a.records.filter((r): r is Extract<ZoneRecord, { type: T }> => r.type === type).map((r) => r.data as RecordData[T]);
        return { status: 'found', records };
      }
    }
  }
}

/**
 * How many answers a run's caches keep: what the domains under way are asking (a domain asks at most about
 * 40 names, most of them once) and the names every domain shares (provider includes, MX hosts), which stay
 * as the recently used. Measured on the bench's fleet of 10,000 domains at --concurrency 200: 8,000 answers
 * ask exactly as many questions as 20,000 did, and the peak is 6 MB lower.
 */
export function cacheEntriesFor(concurrent: number): number {
  return Math.max(4_000, concurrent * 40);
}

/**
 * One cache per run: no name is asked twice while it is remembered, and concurrent askers of one name share
 * one query. Least recently used entries go past `maxEntries`, so a run over 100,000 domains keeps a bounded
 * memory while the names every domain shares (provider includes, MX hosts) stay.
 */
export class CachingResolver implements Resolver {
  private readonly cache = new Map<string, Promise<DnsResult<unknown>>>();
  /** Apexes answered from --zone-file: DNSSEC cannot be judged for names under them. */
  zoneApexes: string[] = [];

  constructor(
    private readonly inner: Resolver,
    readonly maxEntries = cacheEntriesFor(1),
  ) {}

  get description(): string {
    return this.inner.description;
  }

  query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    const key = `${type} ${normalizeName(name)}`;
    let p = this.cache.get(key);
    if (p) {
      // Recently used moves to the back, so the oldest unused entry is the first to go.
      this.cache.delete(key);
      this.cache.set(key, p);
    } else {
      p = this.inner.query(name, type);
      // "No data" for a TXT record (SPF, DMARC, DKIM, TLS-RPT, BIMI, MTA-STS: what providers delegate by
      // CNAME) or a domain's MX may be an alias that never ends: not a missing record. Address types are
      // left alone, so an MX host without IPv6 costs no extra query.
      if (type === 'TXT' || type === 'MX') p = p.then(async (res) => (res.status === 'nodata' && (await this.brokenAlias(name))) || res);
      this.cache.set(key, p);
      if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    }
    return p as Promise<DnsResult<RecordData[T]>>;
  }

  /** Follows the CNAMEs from `name`: a loop, or more than MAX_ALIASES, is a failure to resolve. */
  private async brokenAlias(name: string): Promise<DnsResult<never> | undefined> {
    const chain = [normalizeName(name)];
    for (let i = 0; i <= MAX_ALIASES; i++) {
      const r = await this.query(chain[chain.length - 1]!, 'CNAME');
      const next = r.status === 'found' ? r.records[0] : undefined;
      if (next === undefined) return undefined;
      if (chain.includes(next)) return cnameLoop(chain, next);
      chain.push(next);
    }
    return { status: 'error', reason: 'CNAME-CHAIN', message: `more than ${MAX_ALIASES} CNAMEs from ${chain[0]}` };
  }
}
