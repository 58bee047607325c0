import { readTextFile } from '../core/json-file.js';
import { CachingResolver, NodeResolver, parseResolverAddress, RateLimitedResolver, ZoneResolver } from './resolver.js';
import type { Resolver } from './types.js';
import { parseZone } from './zonefile.js';

/** Built once per run in the command: every lookup of the run goes through it, and through one cache. */
export function buildResolver(opts: { servers: string[]; zoneFiles: string[]; timeoutMs: number; limiter?: { acquire(): Promise<void> } }): CachingResolver {
  let resolver: Resolver = new NodeResolver({ servers: opts.servers.map(parseResolverAddress), timeoutMs: opts.timeoutMs });
  if (opts.limiter) resolver = new RateLimitedResolver(resolver, opts.limiter);
  const apexes: string[] = [];
  for (const path of [...opts.zoneFiles].reverse()) {
    const text = readTextFile(path, '--zone-file');
    const zone = parseZone(text, { file: path });
    apexes.push(...zone.apexes);
    resolver = new ZoneResolver(zone, resolver, path);
  }
  const caching = new CachingResolver(resolver);
  caching.zoneApexes = apexes;
  return caching;
}
