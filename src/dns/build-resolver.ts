import { readTextFile } from '../core/json-file.js';
import { cacheEntriesFor, CachingResolver, parseResolverAddress, WireResolver, ZoneResolver } from './resolver.js';
import type { Resolver } from './types.js';
import { WireClient } from './wire.js';
import { parseZone } from './zonefile.js';

/**
 * Built once per run in the command: every lookup of the run goes through it, and through one cache. The
 * `--qps` limiter sits in the wire client, so only what reaches the network (retries included) is spaced.
 */
export function buildResolver(opts: { servers: string[]; zoneFiles: string[]; timeoutMs: number; limiter?: { acquire(): Promise<void> }; concurrent?: number }): CachingResolver & { wire: WireClient } {
  const wire = new WireClient(opts.servers.map(parseResolverAddress), opts.timeoutMs, opts.limiter);
  let resolver: Resolver = new WireResolver(wire);
  const apexes: string[] = [];
  for (const path of [...opts.zoneFiles].reverse()) {
    const text = readTextFile(path, '--zone-file');
    const zone = parseZone(text, { file: path });
    apexes.push(...zone.apexes);
    resolver = new ZoneResolver(zone, resolver, path);
  }
  const caching = new CachingResolver(resolver, cacheEntriesFor(opts.concurrent ?? 1));
  caching.zoneApexes = apexes;
  // The client that reaches the network goes with it: the run's DNSSEC questions share it, and it is closed at the end.
  return Object.assign(caching, { wire });
}
