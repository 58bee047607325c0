import { BlockList } from 'node:net';
import { ipFamily } from '../core/ip-family.js';

/** IPv4-mapped IPv6 (::ffff:192.0.2.1) is evaluated as IPv4, as RFC 7208 §5 asks. */
export function unmapIpv4(ip: string): string {
  const m = ip.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i);
  return m ? m[1]! : ip;
}

export function inNetwork(ip: string, network: string, prefix: number): boolean {
  const family = ipFamily(ip);
  if (family === 0 || family !== ipFamily(network)) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** Full 32-nibble form of an IPv6 address (an embedded IPv4 tail counts as two groups). */
export function expandIpv6(ip: string): string {
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ipv4ToGroups(g) : [g])) : []);
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = groups(head ?? '');
  const t = tail === undefined ? [] : groups(tail);
  const full = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return full.map((g) => g.padStart(4, '0').toLowerCase()).join('');
}

/** RFC 5952 text of an IPv6 address: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
export function compressIpv6(ip: string): string {
  // Already in that form (receivers mostly write it so): no upper case, no embedded IPv4, no zero group.
  if (!/[A-F.]|(?:^|:)0/.test(ip) && ip.includes('::')) return ip;
  const groups = expandIpv6(ip).match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, ''));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = Math.max(j, i + 1);
  }
  return best < 0 ? groups.join(':') : `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function ipv4ToGroups(v4: string): string[] {
  const b = v4.split('.').map(Number);
  return [((b[0]! << 8) | b[1]!).toString(16), ((b[2]! << 8) | b[3]!).toString(16)];
}

/** The address reversed as DNS labels: 1.2.0.192, or the 32 nibbles of an IPv6 address (PTR names, RFC 5782 blocklists). */
export function reversedLabels(ip: string): string {
  if (ipFamily(ip) === 4) return ip.split('.').reverse().join('.');
  return expandIpv6(ip).split('').reverse().join('.');
}

/** The PTR query name: 1.2.0.192.in-addr.arpa, or the nibbles of an IPv6 address under ip6.arpa. */
export function reverseName(ip: string): string {
  return `${reversedLabels(ip)}.${ipFamily(ip) === 4 ? 'in-addr' : 'ip6'}.arpa`;
}
