import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipFamily } from '../src/core/ip-family.js';

describe('ipFamily', () => {
  // What maildiag meets: relays in Received, --host and --resolver values, SPF ip4:/ip6:, zone records, and junk.
  const inputs = [
    '192.0.2.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.04', ' 1.2.3.4', '1.2.3.4\n',
    '::', '::1', '2001:db8::1', '2001:DB8:0:0:0:0:0:1', '::ffff:192.0.2.1', '2001:db8::192.0.2.1', 'fe80::1%eth0', '2001:db8:::1', '1:2:3:4:5:6:7:8:9',
    '[2001:db8::1]', 'IPv6:2001:db8::1', 'mail.example', 'localhost', '', '١٢.٣.٤.٥', '1.2.3.4:25',
  ];
  it.each(inputs)('says what net.isIP says of %j', (text) => {
    expect(ipFamily(text)).toBe(isIP(text));
  });
});
