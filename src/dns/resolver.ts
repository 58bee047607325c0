/**
 * Resolvers: Node's own (c-ares: UDP with TCP fallback on TC, the system's servers or --resolver),
 * a zone file answering first (--zone-file), and the per-run cache in front of both.
 */
import { t } from '../i18n/ui.js';
import { promises as dnsPromises } from 'node:dns';
import { isIP } from 'node:net';
import { UsageError } from '../core/errors.js';
import { MAX_ALIASES, normalizeName, type DnsFailure, type DnsResult, type RecordData, type RecordType, type Resolver } from './types.js';
import { ZoneIndex } from './zone-lookup.js';
import type { Zone, ZoneRecord } from './zonefile.js';

const FAILURES: Record<string, DnsFailure> = {
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ETIMEOUT: 'TIMEOUT',
  ECONNREFUSED: 'UNREACHABLE',
  EBADRESP: 'BADRESP',
  EFORMERR: 'BADRESP',
};

/** Only "no such name" and "no data" are answers; everything else is a failure to get one (mailauth does likewise). */
export function fromNodeError<T>(err: unknown): DnsResult<T> {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'ENOTFOUND') return { status: 'nxdomain' };
  if (code === 'ENODATA') return { status: 'nodata' };
  return { status: 'error', reason: FAILURES[code] ?? 'OTHER', message: code || String(err) };
}

/** "1.1.1.1", "127.0.0.1:5353", "[::1]:5353" or "::1", as users type after --resolver. */
export function parseResolverAddress(text: string): string {
  const v6port = text.match(/^\[([^\]]+)\]:(\d+)$/);
  const v4port = text.match(/^([^:]+):(\d+)$/);
  const [host, port] = v6port ? [v6port[1]!, v6port[2]] : v4port ? [v4port[1]!, v4port[2]] : [text.replace(/^\[|\]$/g, ''), undefined];
  if (!isIP(host)) throw new UsageError(t('error.invalid-resolver', { input: text }));
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw new UsageError(`--resolver: port ${port} is out of range`);
  if (port === undefined) return host;
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

export interface NodeResolverOptions {
  servers?: string[];
  timeoutMs: number;
}

export class NodeResolver implements Resolver {
  private readonly r: dnsPromises.Resolver;
  readonly description: string;

  constructor(opts: NodeResolverOptions) {
    // c-ares doubles the timeout on each try: 3 tries of t/7, 2t/7, 4t/7 add up to the budget.
    const tries = 3;
    this.r = new dnsPromises.Resolver({ timeout: Math.max(50, Math.round(opts.timeoutMs / 7)), tries });
    if (opts.servers?.length) this.r.setServers(opts.servers);
    this.description = opts.servers?.length ? opts.servers.join(', ') : `system resolver (${this.r.getServers().join(', ') || 'none configured'})`;
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    try {
      const records = await this.ask(name, type);
      return records.length ? { status: 'found', records: records as RecordData[T][] } : { status: 'nodata' };
    } catch (err) {
      return fromNodeError(err);
    }
  }

  private async ask(name: string, type: RecordType): Promise<unknown[]> {
    switch (type) {
      case 'A':
        return this.r.resolve4(name);
      case 'AAAA':
        return this.r.resolve6(name);
      case 'MX':
        return (await this.r.resolveMx(name)).map((m) => ({ priority: m.priority, exchange: normalizeName(m.exchange) }));
      case 'TXT':
        // c-ares hands TXT bytes over as Latin-1; records are UTF-8 when they are not ASCII.
        return (await this.r.resolveTxt(name)).map((chunks) => chunks.map((c) => Buffer.from(c, 'latin1').toString('utf8')));
      case 'CNAME':
        return (await this.r.resolveCname(name)).map(normalizeName);
      case 'NS':
        return (await this.r.resolveNs(name)).map(normalizeName);
      case 'PTR':
        return (await this.r.resolvePtr(name)).map(normalizeName);
      case 'SOA': {
        const s = await this.r.resolveSoa(name);
        return [{ mname: s.nsname, rname: s.hostmaster, serial: s.serial, refresh: s.refresh, retry: s.retry, expire: s.expire, minimum: s.minttl }];
      }
      case 'SRV':
        return (await this.r.resolveSrv(name)).map((s) => ({ priority: s.priority, weight: s.weight, port: s.port, target: normalizeName(s.name) }));
      case 'DS':
        // c-ares has no DS lookup; DNSSEC questions go through dnssec.ts.
        return [];
      case 'CAA':
        return (await this.r.resolveCaa(name)).map((c) => {
          const { critical, ...rest } = c as { critical: number } & Record<string, string>;
          const [tag, value] = Object.entries(rest)[0] ?? ['', ''];
          return { flags: critical, tag, value };
        });
    }
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

/** Spaces the queries that reach the network (--qps); answers from the cache or a zone file cost nothing. */
export class RateLimitedResolver implements Resolver {
  constructor(
    private readonly inner: Resolver,
    private readonly limiter: { acquire(): Promise<void> },
  ) {}

  get description(): string {
    return this.inner.description;
  }

  async query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    await this.limiter.acquire();
    return this.inner.query(name, type);
  }
}

export interface QueryLogEntry {
  name: string;
  type: RecordType;
  status: DnsResult<unknown>['status'];
  reason?: DnsFailure;
  ms: number;
}

/**
 * One cache per run: no name is asked twice while it is remembered, and concurrent askers of one name share
 * one query. Least recently used entries go past `maxEntries` (20,000), so a run over 100,000 domains keeps a bounded
 * memory while the names every domain shares (provider includes, MX hosts) stay.
 */
export class CachingResolver implements Resolver {
  private readonly cache = new Map<string, Promise<DnsResult<unknown>>>();
  /** Kept only under --verbose: a fleet run would otherwise grow it without end. */
  readonly log: QueryLogEntry[] = [];
  /** Apexes answered from --zone-file: DNSSEC cannot be judged for names under them. */
  zoneApexes: string[] = [];

  constructor(
    private readonly inner: Resolver,
    private readonly now: () => number = () => performance.now(),
    private readonly maxEntries = 20_000,
    private readonly keepLog = false,
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
      const started = this.now();
      p = this.inner.query(name, type).then((res) => {
        if (this.keepLog) {
          const entry: QueryLogEntry = { name: normalizeName(name), type, status: res.status, ms: Math.round(this.now() - started) };
          if (res.status === 'error') entry.reason = res.reason;
          this.log.push(entry);
        }
        return res;
      });
      // "No data" for a TXT record (SPF, DMARC, DKIM, TLS-RPT, BIMI, MTA-STS: what providers delegate by
      // CNAME) may be an alias that never ends: not a missing record. Other types are left alone, so an
      // MX host without IPv6 costs no extra query.
      if (type === 'TXT') p = p.then(async (res) => (res.status === 'nodata' && (await this.brokenAlias(name))) || res);
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
      if (chain.includes(next)) return { status: 'error', reason: 'CNAME-LOOP', message: `CNAME loop: ${[...chain, next].join(' → ')}` };
      chain.push(next);
    }
    return { status: 'error', reason: 'CNAME-CHAIN', message: `more than ${MAX_ALIASES} CNAMEs from ${chain[0]}` };
  }
}
