/** DNSSEC as seen from a validating resolver (emulated by the test DNS server: AD bit, SERVFAIL on bogus). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { loadZoneFixture, startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';
import { allDnsFixtures } from '../helpers/fixtures.js';

let dns: DnsTestServer;
beforeAll(async () => {
  dns = await startDnsServer({
    zone: loadZoneFixture(...allDnsFixtures()),
    dnssec: { validating: true, signed: ['signed.receiving.example', 'outlook.com', 'onmicrosoft.com'], bogus: ['bogus.receiving.example'] },
  });
});
afterAll(() => dns.close());

async function dnssecIds(domain: string) {
  const r = await runCli(['check-dns', domain, '--resolver', dns.address, '--timeout', '2', '--json']);
  const report = JSON.parse(r.stdout);
  return { ids: report.findings.map((f: { id: string }) => f.id).filter((id: string) => id.startsWith('dnssec.')), report, code: r.code };
}

describe('DNSSEC', () => {
  it.each([
    ['signed.receiving.example', ['dnssec.signed', 'dnssec.mx-unsigned']],
    ['bogus.receiving.example', ['dnssec.bogus', 'dnssec.bogus']],
    ['mairie-exemple.fr', ['dnssec.unsigned']],
  ])('%s: %j', async (domain, expected) => {
    expect((await dnssecIds(domain)).ids).toEqual(expected);
  });

  it('a bogus domain fails the run (exit 2): validating receivers cannot resolve it', async () => {
    expect((await dnssecIds('bogus.receiving.example')).code).toBe(2);
  });

  it('says plainly when the resolver does not validate', async () => {
    dns.setDnssec({ validating: false, signed: [], bogus: [] });
    try {
      const { ids, report } = await dnssecIds('signed.receiving.example');
      expect(ids).toEqual(['dnssec.resolver-not-validating']);
      expect(report.findings.find((f: { id: string }) => f.id === 'dnssec.resolver-not-validating').data.ds).toBe(true);
    } finally {
      dns.setDnssec({ validating: true, signed: ['signed.receiving.example', 'outlook.com', 'onmicrosoft.com'], bogus: ['bogus.receiving.example'] });
    }
  });

  it('is not judged for names a zone file answers, and asks no server for them', async () => {
    const before = dns.log.length;
    const r = await runCli(['check-dns', 'mairie-exemple.fr', '--zone-file', 'fixtures/example/mairie-exemple.fr.zone', '--resolver', dns.address, '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.data.dnssec).toMatchObject({ checked: false, reason: { code: 'dnssec.zone-file' } });
    expect(dns.log.slice(before).filter((q) => q.name.endsWith('mairie-exemple.fr'))).toEqual([]);
  });
});

describe('coverage of the catalogue', () => {
  it('every dnssec id is produced by a test above', async () => {
    const { catalogue } = await import('../../src/core/catalogue/index.js');
    expect(Object.keys(catalogue).filter((id) => id.startsWith('dnssec.')).sort()).toEqual([
      'dnssec.bogus',
      'dnssec.mx-unsigned',
      'dnssec.resolver-not-validating',
      'dnssec.signed',
      'dnssec.unsigned',
    ]);
  });
});
