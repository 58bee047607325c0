/** check_host() against the worked examples of RFC 7208 Appendix A.2, over the real test DNS server. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WireResolver } from '../../src/dns/resolver.js';
import { WireClient } from '../../src/dns/wire.js';
import { evaluateSpf } from '../../src/dns/spf/evaluate.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { fixturePath, startDnsServer } from '../helpers/dns-server.js';

const base = readFileSync(fixturePath('dns/rfc7208-appendix-a.zone'), 'utf8');

async function verdicts(record: string, ips: string[]): Promise<Record<string, string>> {
  const dns = await startDnsServer({ zone: parseZone(`${base}\n$ORIGIN example.com.\n@ TXT "${record}"\n`) });
  try {
    const resolver = new WireResolver(new WireClient([dns.address], 3000));
    const out: Record<string, string> = {};
    for (const ip of ips) out[ip] = (await evaluateSpf(resolver, 'example.com', ip)).result;
    return out;
  } finally {
    await dns.close();
  }
}

describe('RFC 7208 Appendix A.2', () => {
  it.each([
    ['v=spf1 +all', { '192.0.2.200': 'pass', '10.0.0.4': 'pass' }],
    ['v=spf1 a -all', { '192.0.2.10': 'pass', '192.0.2.11': 'pass', '192.0.2.65': 'fail' }],
    ['v=spf1 a:example.org -all', { '192.0.2.10': 'fail', '192.0.2.140': 'fail' }],
    ['v=spf1 mx -all', { '192.0.2.129': 'pass', '192.0.2.130': 'pass', '192.0.2.10': 'fail' }],
    ['v=spf1 mx:example.org -all', { '192.0.2.140': 'pass', '192.0.2.129': 'fail' }],
    ['v=spf1 mx mx:example.org -all', { '192.0.2.129': 'pass', '192.0.2.130': 'pass', '192.0.2.140': 'pass', '192.0.2.65': 'fail' }],
    ['v=spf1 mx/30 mx:example.org/30 -all', { '192.0.2.131': 'pass', '192.0.2.128': 'pass', '192.0.2.143': 'pass', '192.0.2.132': 'fail' }],
    ['v=spf1 ptr -all', { '192.0.2.65': 'pass', '192.0.2.140': 'fail', '10.0.0.4': 'fail' }],
    ['v=spf1 ip4:192.0.2.128/28 -all', { '192.0.2.65': 'fail', '192.0.2.129': 'pass' }],
  ])('%s', async (record, expected) => {
    expect(await verdicts(record, Object.keys(expected))).toEqual(expected);
  });

  it('counts the void lookup of a:example.org (no A record) and stays within the limit', async () => {
    const dns = await startDnsServer({ zone: parseZone(`${base}\n$ORIGIN example.com.\n@ TXT "v=spf1 a:example.org a:nothing.example.org -all"\n`) });
    try {
      const v = await evaluateSpf(new WireResolver(new WireClient([dns.address], 3000)), 'example.com', '192.0.2.1');
      expect(v).toMatchObject({ result: 'fail', lookups: 2, voidLookups: 2 });
    } finally {
      await dns.close();
    }
  });
});

describe('check_host() for one message (RFC 7208 §2.3, §2.4, §4.3)', () => {
  it('an empty MAIL FROM (a bounce) is checked against the HELO name; a sender without a local part is postmaster', async () => {
    const { checkHostIdentity } = await import('../../src/dns/spf/evaluate.js');
    const dns = await startDnsServer({ zone: parseZone(`${base}\n$ORIGIN example.com.\n@ TXT "v=spf1 -all"\nmail TXT "v=spf1 a:%{l}.example.com ip4:192.0.2.9 -all"\n`) });
    try {
      const resolver = new WireResolver(new WireClient([dns.address], 3000));
      expect(await checkHostIdentity(resolver, { ip: '192.0.2.9', mailFrom: '', helo: 'mail.example.com' })).toMatchObject({ result: 'pass', domain: 'mail.example.com', sender: 'postmaster@mail.example.com' });
      expect(await checkHostIdentity(resolver, { ip: '192.0.2.9', mailFrom: '@example.com', helo: 'mail.example.com' })).toMatchObject({ result: 'fail', sender: 'postmaster@example.com' });
      // A label over 63 characters made by a macro cannot be asked: the term does not match (not a temperror).
      const long = 'x'.repeat(70);
      expect((await checkHostIdentity(resolver, { ip: '192.0.2.9', mailFrom: `${long}@mail.example.com`, helo: 'h.example.com' })).result).toBe('pass');
    } finally {
      await dns.close();
    }
  });
});
