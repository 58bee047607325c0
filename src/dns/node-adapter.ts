/**
 * The run's resolver in the shapes Node and libraries expect: error codes as dns.promises throws them
 * (only ENOTFOUND / ENODATA mean "no such name / no data"), an address lookup for sockets, and the
 * callback `lookup` option of net, tls and https. One adapter, so every name of a run goes through the
 * same resolver, cache and rate limit.
 */
import { ipFamily } from '../core/ip-family.js';
import type { DnsResult, Resolver } from './types.js';

/** The code dns.promises would throw for an answer that is not "found". */
export function nodeErrorCode(r: Exclude<DnsResult<unknown>, { status: 'found' }>): string {
  if (r.status === 'nxdomain') return 'ENOTFOUND';
  if (r.status === 'nodata') return 'ENODATA';
  return r.reason === 'TIMEOUT' ? 'ETIMEOUT' : r.reason === 'REFUSED' ? 'EREFUSED' : 'ESERVFAIL';
}

/** Addresses of a host (A and AAAA, or one family); throws an Error with a dns.promises code when there is none. */
export type AddressLookup = (host: string, family?: 4 | 6) => Promise<string[]>;

export function addressLookup(resolver: Resolver): AddressLookup {
  return async (host, family) => {
    const [a, aaaa] = await Promise.all([family === 6 ? undefined : resolver.query(host, 'A'), family === 4 ? undefined : resolver.query(host, 'AAAA')]);
    const found = [...(a?.status === 'found' ? a.records : []), ...(aaaa?.status === 'found' ? aaaa.records : [])];
    if (found.length) return found;
    const failed = [a, aaaa].find((r) => r?.status === 'error');
    if (failed && failed.status === 'error') throw Object.assign(new Error(`lookup of ${host} failed (${failed.reason})`), { code: nodeErrorCode(failed) });
    const nx = [a, aaaa].some((r) => r?.status === 'nxdomain');
    throw Object.assign(new Error(nx ? `${host} does not exist` : `${host} has no address`), { code: nx ? 'ENOTFOUND' : 'ENODATA' });
  };
}

type LookupCallback = (err: Error | null, address: string | Array<{ address: string; family: number }>, family?: number) => void;

/** The `lookup` option of net.connect, tls.connect and https.get, answered by an AddressLookup. */
export function callbackLookup(lookup: AddressLookup) {
  return (name: string, options: { all?: boolean; family?: number | string }, cb: LookupCallback): void => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    lookup(name, family).then(
      (addresses) => {
        const list = addresses.map((address) => ({ address, family: ipFamily(address) }));
        if (options.all) cb(null, list);
        else cb(null, list[0]!.address, list[0]!.family);
      },
      (err: Error) => cb(err, '', 4),
    );
  };
}
