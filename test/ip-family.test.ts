import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipFamily } from '../src/core/ip-family.js';

describe('ipFamily', () => {
  // What maildiag meets: relays in Received, --host and --resolver values, SPF ip4:/ip6:, zone records, and junk.
  const inputs = [
    '192.0.2.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.04', ' 1.2.3.4', '1.2.3.4\n',
    '::', '::1', '1::', '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '::ffff:192.0.2.1', '2001:db8::192.0.2.1', '::192.0.2.1', '1:2:3:4:5:6:192.0.2.1',
    '1:2:3:4:5:6:7:192.0.2.1', '1:2:3:4:5::192.0.2.1', '1:2:3:4:5:6::192.0.2.1', '1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:8::', '::1:2:3:4:5:6:7', '::1:2:3:4:5:6:7:8',
    '1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '2001:db8:::1', ':::', ':1::2', '1::2:', '1:::2', '12345::1', 'g::1', '1.2.3.4::1', '::1.2.3',
    'fe80::1%eth0', 'fe80::1%', 'fe80::1%e th0', 'fe80::1%1.2', 'fe80::1%en-0:1', '2002:a05:6a10:5c8a:b0:1f2c:3a4b:5c6d', '2a01:111:f403:c201::3',
    '[2001:db8::1]', 'IPv6:2001:db8::1', 'mail.example', 'localhost', '', '١٢.٣.٤.٥', '1.2.3.4:25', '::ffff:256.1.1.1', '::ffff:01.2.3.4',
  ];
  it.each(inputs)('says what net.isIP says of %j', (text) => {
    expect(ipFamily(text)).toBe(isIP(text));
  });

  it('says what net.isIP says of 20,000 random strings of address characters', () => {
    // A fixed seed: the same strings every run.
    let seed = 17;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = '0123456789abcdefABCDEF:::::.....%g';
    const differ: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const length = 1 + Math.floor(random() * 40);
      for (let i = 0; i < length; i++) s += alphabet[Math.floor(random() * alphabet.length)];
      if (ipFamily(s) !== isIP(s)) differ.push(s);
    }
    expect(differ).toEqual([]);
  });

  it('says what net.isIP says of 20,000 addresses built near the rules (groups, "::", IPv4 tails, zones)', () => {
    let seed = 29;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const group = () => Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick([...'0123456789abcdefABCDEF'])).join('');
    const differ: string[] = [];
    let valid = 0;
    for (let n = 0; n < 20_000; n++) {
      const groups = Array.from({ length: Math.floor(random() * 10) }, group);
      if (random() < 0.3) groups.push(pick(['192.0.2.1', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3']));
      let s = groups.join(':');
      if (random() < 0.6) {
        const at = Math.floor(random() * (s.length + 1));
        s = `${s.slice(0, at)}${pick(['::', ':::', ':'])}${s.slice(at)}`;
      }
      if (random() < 0.15) s += pick(['%eth0', '%', '%1', '%a b', '%x.y:z-1']);
      const family = isIP(s);
      if (family === 6) valid++;
      if (ipFamily(s) !== family) differ.push(s);
    }
    expect(differ).toEqual([]);
    expect(valid).toBeGreaterThan(1_000);
  });
});
