const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE = /^[0-9a-zA-Z.:-]+$/;

/**
 * RFC 4291 §2.2's text forms, as net.isIPv6 accepts them: eight groups, or fewer around one "::", the
 * last two of them possibly an IPv4 address, then maybe a zone ("%eth0"). Written out because net's
 * pattern is large: compiling it costs about 3 ms of a run that meets one IPv6 address (most Gmail and
 * Microsoft 365 messages carry some). Tests hold it equal to net.isIPv6 on chosen and random strings.
 */
function isIPv6(text: string): boolean {
  const zone = text.indexOf('%');
  if (zone >= 0 && !ZONE.test(text.slice(zone + 1))) return false;
  const address = zone >= 0 ? text.slice(0, zone) : text;
  const gap = address.indexOf('::');
  if (gap >= 0 && address.indexOf('::', gap + 1) >= 0) return false;
  const sides = gap >= 0 ? [address.slice(0, gap), address.slice(gap + 2)] : [address];
  let groups = 0;
  for (let s = 0; s < sides.length; s++) {
    if (sides[s] === '') continue;
    const parts = sides[s]!.split(':');
    for (let i = 0; i < parts.length; i++) {
      const last = s === sides.length - 1 && i === parts.length - 1;
      if (GROUP.test(parts[i]!)) groups++;
      else if (last && IPV4.test(parts[i]!)) groups += 2;
      else return false;
    }
  }
  return gap >= 0 ? groups <= 7 : groups === 8;
}

/**
 * 4, 6 or 0, as net.isIP answers, without net's patterns. The one test of "is this an IP address" in
 * maildiag.
 */
export type IpFamily = 4 | 6;

export function ipFamily(text: string): IpFamily | 0 {
  if (!text.includes(':')) return IPV4.test(text) ? 4 : 0;
  return isIPv6(text) ? 6 : 0;
}
