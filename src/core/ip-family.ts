import { isIPv6 } from 'node:net';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * 4, 6 or 0, as net.isIP answers, with IPv4 addresses and names answered without net's large IPv6
 * pattern, whose first use compiles it (about 6 ms of a run's start-up). The one test of "is this an IP
 * address" in maildiag.
 */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (!text.includes(':')) return IPV4.test(text) ? 4 : 0;
  return isIPv6(text) ? 6 : 0;
}
