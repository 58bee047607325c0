/** The decoders inspect-headers needs, loaded once: the PSL, nodemailer's address parser, RFC 2047 words. */
import { loadPsl } from '../dns/dmarc.js';
import type { Address } from './analyze.js';
import type { Decoders } from './inspect.js';
import { decodeWords } from './encoded-words.js';

export async function decoders(): Promise<Decoders> {
  const [psl, { default: addressparser }] = await Promise.all([loadPsl(), import('nodemailer/lib/addressparser')]);
  const cache = new Map<string, string>();
  const orgDomain = (name: string) => {
    let v = cache.get(name);
    if (v === undefined) {
      v = psl.getDomain(name, { allowPrivateDomains: false }) ?? name;
      cache.set(name, v);
    }
    return v;
  };
  const parseAddresses = (value: string): Address[] => {
    const flat: Address[] = [];
    const walk = (list: ReturnType<typeof addressparser>) => {
      for (const a of list) {
        if ('group' in a && a.group) walk(a.group);
        else if ('address' in a && a.address) {
          const at = a.address.lastIndexOf('@');
          flat.push({ address: a.address, name: decodeWords(a.name ?? ''), domain: at >= 0 ? a.address.slice(at + 1).toLowerCase() : '' });
        }
      }
    };
    walk(addressparser(value));
    return flat;
  };
  return { orgDomain, parseAddresses, decodeWords };
}
