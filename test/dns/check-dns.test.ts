/** check-dns over real UDP/TCP against the test DNS server: the finding ids each scenario produces. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResolver } from '../../src/dns/build-resolver.js';
import { AREAS, checkDomain, type Area, type DomainCheckInput } from '../../src/dns/check-domain.js';
import type { Report, ReportOf } from '../../src/core/model.js';
import { loadZoneFixture, startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { allDnsFixtures } from '../helpers/fixtures.js';
import { makeCa, makeServerCert, type TestCert } from '../helpers/certs.js';
import { startPolicyServer, type PolicyServer } from '../helpers/https-server.js';
import { reasonText } from '../../src/core/catalogue/reason-words.js';
import { FIRST_QUESTIONS } from '../../src/dns/area-names.js';
import type { Reason } from '../../src/core/catalogue/reasons.js';

/** A reason in report data, in English words. */
const words = (r: unknown) => reasonText(r as Reason);

let dns: DnsTestServer;
beforeAll(async () => {
  dns = await startDnsServer({ zone: loadZoneFixture(...allDnsFixtures()) });
});
afterAll(() => dns.close());

/** Every id any test below produced: the last test checks the catalogue is covered. */
const produced = new Set<string>();

/** The sending-side scenarios leave the receiving-side areas out; they have their own table below. */
const RECEIVING: ReadonlySet<Area> = new Set(['dnsbl', 'tls-rpt', 'bimi', 'ptr', 'mta-sts', 'dnssec']);

async function check(domain: string, extra: Partial<DomainCheckInput> = {}, timeoutMs = 3000, zoneFiles: string[] = []): Promise<ReportOf<'check-dns'>> {
  const resolver = buildResolver({ servers: [dns.address], zoneFiles, timeoutMs });
  const report = await checkDomain(resolver, { domain, ips: [], expectations: [], skip: RECEIVING, ...extra }, () => performance.now());
  for (const f of report.findings) produced.add(f.id);
  return report;
}

const ids = (r: Report) => [...new Set(r.findings.map((f) => f.id))].sort();

describe('check-dns findings per scenario', () => {
  it.each([
    ['mairie-exemple.fr', ['dkim.valid', 'dmarc.valid', 'mx.valid', 'spf.valid']],
    ['facturation-exemple.fr', ['dkim.none-found', 'dmarc.no-reports', 'dmarc.policy-none', 'dmarc.valid', 'mx.valid', 'spf.valid']],
    ['ten.spf-limits.example', ['dmarc.missing', 'mx.valid', 'spf.valid', 'dkim.none-found'].sort()],
    ['eleven.spf-limits.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.lookups-exceeded']],
    ['void2.spf-limits.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.valid']],
    ['void3.spf-limits.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.void-lookups-exceeded']],
    ['mx11.spf-limits.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.mx-lookups-exceeded']],
    ['loop-a.spf-limits.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.include-loop']],
    ['self.spf-limits.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.include-loop']],
    ['double.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.multiple']],
    ['syntax.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.syntax']],
    ['plusall.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.all-pass']],
    ['bareall.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.all-pass']],
    ['neutral.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.all-neutral', 'spf.valid']],
    ['noall.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.all-missing', 'spf.valid']],
    ['ptr.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.ptr', 'spf.valid']],
    ['badinc.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.include-invalid']],
    ['big.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.record-size', 'spf.valid']],
    ['redirall.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.redirect-ignored', 'spf.valid']],
    ['macro.spf-errors.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.valid']],
    ['notif.dmarc-cases.example', ['dkim.none-found', 'dmarc.subdomain-policy', 'dmarc.valid', 'mx.valid', 'spf.valid']],
    ['strict.dmarc-cases.example', ['dkim.none-found', 'dmarc.strict-alignment', 'dmarc.valid', 'mx.valid', 'spf.missing']],
    ['badtag.dmarc-cases.example', ['dkim.none-found', 'dmarc.invalid-tag', 'dmarc.pct-obsolete', 'dmarc.unknown-tag', 'mx.valid', 'spf.missing']],
    ['testing.dmarc-cases.example', ['dkim.none-found', 'dmarc.no-reports', 'dmarc.testing', 'dmarc.valid', 'mx.valid', 'spf.missing']],
    ['twice.dmarc-cases.example', ['dkim.none-found', 'dmarc.multiple', 'dmarc.subdomain-policy', 'dmarc.valid', 'mx.valid', 'spf.missing']],
    ['ext.dmarc-cases.example', ['dkim.none-found', 'dmarc.policy-none', 'dmarc.rua-undeliverable', 'dmarc.rua-unauthorized', 'dmarc.valid', 'mx.valid', 'spf.missing']],
    // The misplaced v= makes receivers skip the record and use the parent's policy: both are said.
    ['syntax.dmarc-cases.example', ['dkim.none-found', 'dmarc.subdomain-policy', 'dmarc.syntax', 'dmarc.valid', 'mx.valid', 'spf.missing']],
    ['portail.dept.ministere-exemple.example', ['dkim.none-found', 'dmarc.discovery-differs', 'dmarc.subdomain-policy', 'dmarc.valid', 'mx.valid', 'spf.missing']],
    ['nodmarc.example', ['dkim.none-found', 'dmarc.missing', 'mx.valid', 'spf.valid']],
    ['nomx.mx-cases.example', ['dkim.none-found', 'dmarc.missing', 'mx.missing', 'spf.valid']],
    ['nullmx.mx-cases.example', ['dkim.none-found', 'dmarc.missing', 'mx.null', 'spf.valid']],
    ['broken.mx-cases.example', ['dkim.none-found', 'dmarc.missing', 'mx.cname', 'mx.host-unresolved', 'spf.missing']],
    ['does-not-exist.example', ['dns.domain-nxdomain']],
    ['norua.dmarc-cases.example', ['dkim.none-found', 'dmarc.no-reports', 'dmarc.rua-invalid', 'mx.valid', 'spf.missing']],
    ['iplit.mx-cases.example', ['dkim.none-found', 'dmarc.missing', 'mx.ip-literal', 'spf.valid']],
  ])('%s', async (domain, expected) => {
    expect(ids(await check(domain))).toEqual([...expected].sort());
  });
});

describe('SPF accounting', () => {
  it('counts exactly 10 lookups for the ten-lookup record, and names the 11th term of the other', async () => {
    const ten = await check('ten.spf-limits.example');
    expect(ten.data.spf).toMatchObject({ lookups: 10, voidLookups: 0 });
    const eleven = await check('eleven.spf-limits.example');
    const f = eleven.findings.find((x) => x.id === 'spf.lookups-exceeded')!;
    expect(f.data).toMatchObject({ lookups: 11, crossedAt: 'include:leaf6.spf-limits.example' });
  });

  it('keeps counts per node of the include tree', async () => {
    const r = await check('ten.spf-limits.example');
    const tree = (r.data.spf as { tree: { lookups: number; totalLookups: number; children: Array<{ domain: string; lookups: number; totalLookups: number }> } }).tree;
    expect(tree).toMatchObject({ lookups: 6, totalLookups: 10 });
    expect(tree.children.map((c) => [c.domain, c.lookups, c.totalLookups])).toEqual([
      ['leaf1.spf-limits.example', 0, 0],
      ['leaf2.spf-limits.example', 0, 0],
      ['leaf3.spf-limits.example', 0, 0],
      ['nested4.spf-limits.example', 4, 4],
    ]);
  });

  it('reports counts even for an invalid record', async () => {
    const r = await check('syntax.spf-errors.example');
    expect(r.data.spf).toMatchObject({ lookups: 2 });
    expect(r.findings.filter((f) => f.id === 'spf.syntax').map((f) => f.data?.term)).toEqual([
      'ip4:192.0.2.300',
      'inlude:_spf.google.com',
      'ip6:2001:db8::/129',
      'exists:%{x}.spf-errors.example',
      'a:mail.spf-errors.example/33',
    ]);
  });

  it('counts a void lookup per term, up to the limit', async () => {
    const r = await check('void3.spf-limits.example');
    expect(r.findings.find((f) => f.id === 'spf.void-lookups-exceeded')?.data).toMatchObject({ voidLookups: 3 });
  });

  it('reads a record over 512 bytes over TCP', async () => {
    const before = dns.log.length;
    const r = await check('big.spf-errors.example');
    expect((r.data.spf as { record: string }).record.length).toBeGreaterThan(450);
    expect(dns.log.slice(before).some((q) => q.name === 'big.spf-errors.example' && q.type === 'TXT' && q.transport === 'tcp')).toBe(true);
  });
});

describe('the reverse DNS of the sending IPs (--ip)', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['198.51.100.10', 'ip.ptr-ok', { name: 'mail.sending-ip.example' }],
    ['198.51.100.11', 'ip.ptr-not-confirmed', { names: ['relay.old-hosting.example'] }],
    ['198.51.100.12', 'ip.ptr-missing', {}],
    ['198.51.100.13', 'ip.ptr-generic', { kind: 'provider-default', evidence: 'Amazon EC2' }],
    ['198.51.100.14', 'ip.ptr-generic', { kind: 'address-in-name', evidence: '14-100-51-198' }],
    ['198.51.100.15', 'ip.ptr-generic', { kind: 'isp-word', evidence: 'dyn' }],
    ['2001:db8:5::25', 'ip.ptr-ok', { name: 'mail6.sending-ip.example' }],
    ['::ffff:198.51.100.10', 'ip.ptr-ok', { ip: '198.51.100.10' }],
  ])('%s: %s', async (ip, id, data) => {
    const r = await check('sending-ip.example', { ips: [ip] });
    const found = r.findings.filter((f) => f.id.startsWith('ip.'));
    expect(found.map((f) => f.id)).toEqual([id]);
    expect(found[0]!.data).toMatchObject(data);
    expect(r.data.rdns).toHaveLength(1);
  });

  it('is left out with --skip rdns, and asks nothing without --ip', async () => {
    const skipped = await check('sending-ip.example', { ips: ['198.51.100.12'], skip: new Set<Area>([...RECEIVING, 'rdns']) });
    expect(skipped.findings.some((f) => f.id.startsWith('ip.'))).toBe(false);
    const none = await check('sending-ip.example');
    expect(none.data.rdns).toBeUndefined();
  });
});

describe('blocklists (RFC 5782)', () => {
  const SKIP = new Set<Area>([...RECEIVING].filter((a) => a !== 'dnsbl'));
  const bl = (domain: string, extra: Partial<DomainCheckInput> = {}) => check(domain, { skip: SKIP, ...extra });
  const blIds = (r: Report) => r.findings.filter((f) => /^(ip|domain)\.(listed|not-listed|dnsbl-unusable)$|^dns\.resolver-rewrites$/.test(f.id));
  const codesOf = (f: { data?: Record<string, unknown> }) => (f.data?.codes as Array<{ label: string; address: string }>).map((c) => c.label);

  it.each<[string, string[], string[]]>([
    // [ip, lists that list it, ZEN's labels]
    ['203.0.113.2', ['Spamhaus ZEN', 'SpamCop'], ['SBL']],
    ['203.0.113.3', ['Spamhaus ZEN'], ['CSS']],
    ['203.0.113.4', ['Spamhaus ZEN', 'Barracuda'], ['XBL']],
    ['203.0.113.9', ['Spamhaus ZEN'], ['SBL', 'DROP']],
    ['203.0.113.11', ['Spamhaus ZEN'], ['PBL']],
    ['203.0.113.30', ['Spamhaus ZEN'], ['BCL']],
    ['2001:db8:bad::2', ['Spamhaus ZEN'], ['CSS']],
  ])('%s is listed by %j, with the meaning of each code', async (ip, lists, zen) => {
    const r = await bl('mairie-exemple.fr', { ips: [ip] });
    const listed = r.findings.filter((f) => f.id === 'ip.listed');
    expect(listed.map((f) => f.data?.list)).toEqual(lists);
    expect(listed.every((f) => f.severity === 'error' && f.subject === ip)).toBe(true);
    expect(codesOf(listed[0]!)).toEqual(zen);
    expect(listed[0]!.data?.delist).toBe('https://check.spamhaus.org/');
    expect(r.findings.some((f) => f.id === 'ip.not-listed')).toBe(false);
  });

  it('reads the list\'s TXT and words every code, in English and French', async () => {
    const r = await bl('mairie-exemple.fr', { ips: ['203.0.113.4'] });
    const xbl = r.findings.find((f) => f.id === 'ip.listed' && f.data?.list === 'Spamhaus ZEN')!;
    expect(xbl.data?.text).toBe('Listed by XBL, see https://check.spamhaus.org/query/ip/203.0.113.4');
    expect(xbl.message).toMatch(/XBL: a machine infected/);
    const { localize } = await import('../../src/core/localize.js');
    expect(localize(r, 'fr').findings.find((f) => f.id === 'ip.listed')!.message).toMatch(/XBL : machine infectée/);
  });

  it('a PBL listing is an error for a relay, a warning for the address a client submits from', async () => {
    const { checkDnsbl } = await import('../../src/dns/dnsbl.js');
    const r = await bl('mairie-exemple.fr', { ips: ['203.0.113.10'] });
    const relay = r.findings.find((f) => f.id === 'ip.listed')!;
    expect([relay.severity, relay.data?.policyOnly]).toEqual(['error', true]);
    expect(relay.hint).toMatch(/587/);
    const client = checkDnsbl({ ...r.data.dnsbl!, failures: [] }, 'test', 'client').find((f) => f.id === 'ip.listed')!;
    expect(client.severity).toBe('warning');
    expect(client.message).toMatch(/expected for an address a user submits from/);
  });

  it('a clean IP and a clean domain are said clean by every list asked; IPv6 only by the lists that cover it', async () => {
    const r = await bl('mairie-exemple.fr', { ips: ['212.146.241.127', '2001:db8:5::25'] });
    expect(blIds(r).map((f) => [f.id, f.subject, f.data?.lists])).toEqual([
      ['ip.not-listed', '212.146.241.127', ['Spamhaus ZEN', 'SpamCop', 'Barracuda', 'PSBL']],
      ['ip.not-listed', '2001:db8:5::25', ['Spamhaus ZEN']],
      ['domain.not-listed', 'mairie-exemple.fr', ['Spamhaus DBL', 'SURBL']],
    ]);
  });

  it('looks the domain up in the domain lists, without --ip too', async () => {
    const r = await bl('promo-exemple.example');
    const listed = r.findings.filter((f) => f.id === 'domain.listed');
    expect(listed.map((f) => [f.data?.list, codesOf(f)])).toEqual([
      ['Spamhaus DBL', ['DBL']],
      ['SURBL', ['PH', 'ABUSE']],
    ]);
    expect(listed[0]!.data?.text).toMatch(/check\.spamhaus\.org/);
    expect(r.data.dnsbl?.ips).toEqual([]);
    const abused = (await bl('site-pirate.example')).findings.find((f) => f.id === 'domain.listed')!;
    expect(abused.message).toMatch(/legitimate domain abused for spam/);
  });

  it.each([
    ['203.0.113.252', /mistyped/],
    ['203.0.113.254', /public or unattributable resolver/],
    ['203.0.113.255', /too many queries/],
  ])('Spamhaus\'s error answer for %s is never a listing', async (ip, why) => {
    const r = await bl('mairie-exemple.fr', { ips: [ip] });
    expect(r.findings.filter((f) => f.id === 'ip.listed').map((f) => f.data?.list)).toEqual([]);
    const unusable = r.findings.find((f) => f.id === 'ip.dnsbl-unusable')!;
    expect([unusable.subject, unusable.severity]).toEqual(['zen.spamhaus.org', 'info']);
    expect(unusable.message).toMatch(why);
    expect(unusable.hint).toMatch(/dq\.spamhaus\.net/);
    expect(r.findings.find((f) => f.id === 'ip.not-listed')?.data?.lists).toEqual(['SpamCop', 'Barracuda', 'PSBL']);
  });

  it('a Spamhaus DQS key zone (--dnsbl-only --dnsbl <key>.zen.dq.spamhaus.net) reads as ZEN, and a refused key is unusable, not listed', async () => {
    const { blocklistsOf } = await import('../../src/dns/blocklists.js');
    const good = await bl('mairie-exemple.fr', { ips: ['203.0.113.2'], blocklists: blocklistsOf(['k3y0000000000000000000000.zen.dq.spamhaus.net'], true) });
    const listed = good.findings.filter((f) => f.id === 'ip.listed');
    expect(listed.map((f) => [f.data?.zone, codesOf(f)])).toEqual([['k3y0000000000000000000000.zen.dq.spamhaus.net', ['SBL']]]);
    expect(listed[0]!.data?.list).toBe('Spamhaus ZEN (<key>.zen.dq.spamhaus.net)');
    expect(good.findings.some((f) => f.id.startsWith('domain.'))).toBe(false);
    const bad = await bl('mairie-exemple.fr', { ips: ['203.0.113.2'], blocklists: blocklistsOf(['badk3y000000000000000000000.zen.dq.spamhaus.net'], true) });
    expect(blIds(bad).map((f) => f.id)).toEqual(['ip.dnsbl-unusable']);
  });

  it('a list that lists its negative test point, or not its positive one, is unusable: its answers are not read', async () => {
    const { blocklistsOf } = await import('../../src/dns/blocklists.js');
    const r = await bl('mairie-exemple.fr', { ips: ['212.146.241.127'], blocklists: blocklistsOf(['all.broken-bl.example', 'silent.broken-bl.example'], true) });
    expect(blIds(r).map((f) => [f.id, f.subject])).toEqual([
      ['ip.dnsbl-unusable', 'all.broken-bl.example'],
      ['ip.dnsbl-unusable', 'silent.broken-bl.example'],
    ]);
    expect(r.findings.find((f) => f.subject === 'all.broken-bl.example')!.message).toMatch(/answers every query/);
    expect(r.findings.find((f) => f.subject === 'silent.broken-bl.example')!.message).toMatch(/must be listed, is not/);
    expect(r.findings.some((f) => f.id === 'ip.listed')).toBe(false);
  });

  it('a resolver that rewrites NXDOMAIN is reported, and makes no IP look listed', async () => {
    const { REWRITE_ADDRESS } = await import('../helpers/dns-server.js');
    const rewriting = await startDnsServer({ zone: loadZoneFixture(...allDnsFixtures()) });
    rewriting.setFault('*', 'rewrite-nxdomain');
    try {
      const resolver = buildResolver({ servers: [rewriting.address], zoneFiles: [], timeoutMs: 3000 });
      const r = await checkDomain(resolver, { domain: 'mairie-exemple.fr', ips: ['212.146.241.127'], expectations: [], skip: SKIP }, () => performance.now());
      for (const f of r.findings) produced.add(f.id);
      const found = blIds(r);
      expect(found.some((f) => f.id === 'ip.listed' || f.id === 'domain.listed')).toBe(false);
      expect(found[0]).toMatchObject({ id: 'dns.resolver-rewrites', severity: 'warning', data: { answer: REWRITE_ADDRESS, name: '1.0.0.127.zen.spamhaus.org' } });
      expect(found.filter((f) => f.id === 'ip.dnsbl-unusable').map((f) => f.subject)).toEqual(['zen.spamhaus.org', 'bl.spamcop.net', 'b.barracudacentral.org', 'psbl.surriel.com', 'dbl.spamhaus.org', 'multi.surbl.org']);
    } finally {
      await rewriting.close();
    }
  });

  it('every query goes through the run\'s resolver and cache: test points are asked once for many domains', async () => {
    const resolver = buildResolver({ servers: [dns.address], zoneFiles: [], timeoutMs: 3000 });
    const before = dns.log.length;
    for (const domain of ['mairie-exemple.fr', 'facturation-exemple.fr']) await checkDomain(resolver, { domain, ips: ['212.146.241.127'], expectations: [], skip: SKIP }, () => performance.now());
    const asked = dns.log.slice(before).map((q) => q.name);
    expect(asked.filter((n) => n === '2.0.0.127.zen.spamhaus.org')).toHaveLength(1);
    expect(asked.filter((n) => n === '127.241.146.212.zen.spamhaus.org')).toHaveLength(1);
    expect(asked.filter((n) => n.endsWith('.dbl.spamhaus.org') && !n.startsWith('dbltest') && !n.startsWith('invalid'))).toEqual(['mairie-exemple.fr.dbl.spamhaus.org', 'facturation-exemple.fr.dbl.spamhaus.org']);
  });

  it('is left out with --skip dnsbl', async () => {
    const before = dns.log.length;
    const r = await check('mairie-exemple.fr', { ips: ['203.0.113.2'] });
    expect(blIds(r)).toEqual([]);
    expect(dns.log.slice(before).some((q) => q.name.includes('spamhaus') || q.name.includes('spamcop'))).toBe(false);
  });
});

describe('generic reverse names', () => {
  it.each<[string, string, string | null]>([
    ['mail.mairie-exemple.fr', '198.51.100.10', null],
    ['smtp-out.facturation-exemple.fr', '198.51.100.10', null],
    ['mx1.ovh.net', '198.51.100.10', null],
    ['ec2-52-47-1-2.eu-west-3.compute.amazonaws.com', '52.47.1.2', 'provider-default'],
    ['212-146-241-127.rev.fai-exemple.fr', '212.146.241.127', 'address-in-name'],
    ['127.241.146.212.static.example.net', '212.146.241.127', 'address-in-name'],
    ['host-d492f17f.example.net', '212.146.241.127', 'address-in-name'],
    ['lfbn-ncy-1-2-3.w90-1.abo.wanadoo.fr', '90.1.2.3', 'provider-default'],
    ['static.88.198.1.2.clients.your-server.de', '2.1.198.88', 'provider-default'],
    ['adsl-pool7.fai-exemple.fr', '203.0.113.7', 'isp-word'],
    ['ip-203-0-113.fai-exemple.fr', '203.0.113.7', 'isp-word'],
  ])('%s (%s): %s', async (name, ip, kind) => {
    const { genericSign } = await import('../../src/dns/reverse.js');
    expect(genericSign(name, ip)?.kind ?? null).toBe(kind);
  });
});

describe('--ip verdicts', () => {
  it.each([
    ['mairie-exemple.fr', '212.146.241.127', 'spf.ip-pass', 'ip4:212.146.241.127'],
    ['mairie-exemple.fr', '40.107.22.5', 'spf.ip-pass', 'include:spf.protection.outlook.com → ip4:40.107.0.0/16'],
    ['mairie-exemple.fr', '2a01:111:f403:c000::5', 'spf.ip-pass', 'include:spf.protection.outlook.com → ip6:2a01:111:f403:c000::/51'],
    ['mairie-exemple.fr', '::ffff:167.89.1.1', 'spf.ip-pass', 'include:sendgrid.net → ip4:167.89.0.0/17'],
    ['mairie-exemple.fr', '198.51.100.7', 'spf.ip-fail', '-all'],
    ['mairie-exemple.fr', '2001:db8::1', 'spf.ip-fail', '-all'],
    ['facturation-exemple.fr', '203.0.113.5', 'spf.ip-softfail', '~all'],
    ['neutral.spf-errors.example', '203.0.113.5', 'spf.ip-neutral', '?all'],
    ['ten.spf-limits.example', '192.0.2.25', 'spf.ip-pass', 'a:mail.spf-limits.example'],
    ['ten.spf-limits.example', '192.0.2.6', 'spf.ip-pass', 'include:nested4.spf-limits.example → include:leaf6.spf-limits.example → ip4:192.0.2.6'],
    ['free.spf-limits.example', '192.0.2.1', 'spf.ip-pass', 'ip4:192.0.2.0/24'],
    ['free.spf-limits.example', '198.51.100.1', 'spf.ip-fail', 'redirect=leaf1.spf-limits.example → -all'],
  ])('%s, %s: %s by %s', async (domain, ip, id, mechanism) => {
    const r = await check(domain, { ips: [ip] });
    const f = r.findings.find((x) => x.id.startsWith('spf.ip-'))!;
    expect([f.id, f.data?.mechanism]).toEqual([id, mechanism]);
  });

  it.each([
    ['eleven.spf-limits.example', '198.51.100.1', 'spf.ip-permerror', /more than 10 DNS lookups/],
    ['void3.spf-limits.example', '198.51.100.1', 'spf.ip-permerror', /more than 2 void lookups/],
    ['double.spf-errors.example', '192.0.2.1', 'spf.ip-permerror', /2 SPF records/],
    ['syntax.spf-errors.example', '192.0.2.1', 'spf.ip-permerror', /syntax error/],
    ['loop-a.spf-limits.example', '198.51.100.1', 'spf.ip-permerror', /more than 10 DNS lookups/],
    ['strict.dmarc-cases.example', '192.0.2.1', 'spf.ip-none', undefined],
  ])('%s, %s: %s', async (domain, ip, id, reason) => {
    const r = await check(domain, { ips: [ip] });
    const f = r.findings.find((x) => x.id.startsWith('spf.ip-'))!;
    expect(f.id).toBe(id);
    if (reason) expect(words(f.data?.reason)).toMatch(reason);
  });

  it('gives temperror, not fail, when an include cannot be fetched', async () => {
    dns.setFault('spf.protection.outlook.com', 'servfail');
    try {
      const r = await check('mairie-exemple.fr', { ips: ['198.51.100.7'] });
      expect(r.findings.find((x) => x.id.startsWith('spf.ip-'))?.id).toBe('spf.ip-temperror');
      expect(ids(r)).toContain('dns.query-failed');
    } finally {
      dns.setFault('spf.protection.outlook.com', undefined);
    }
  });
});

describe('DNS failures are not verdicts', () => {
  it('a SERVFAIL on the SPF record is dns.query-failed, never spf.missing', async () => {
    dns.setFault('mairie-exemple.fr', 'servfail');
    try {
      const r = await check('mairie-exemple.fr');
      expect(ids(r)).toContain('dns.query-failed');
      expect(ids(r)).not.toContain('spf.missing');
      expect(ids(r)).not.toContain('mx.missing');
      expect(r.findings.find((f) => f.id === 'dns.query-failed' && f.data?.type === 'TXT')?.data).toMatchObject({ name: 'mairie-exemple.fr', reason: 'SERVFAIL' });
    } finally {
      dns.setFault('mairie-exemple.fr', undefined);
    }
  });

  it('a timeout on _dmarc is not dmarc.missing', async () => {
    dns.setFault('_dmarc.facturation-exemple.fr', 'drop');
    try {
      const r = await check('facturation-exemple.fr', {}, 700);
      expect(ids(r)).not.toContain('dmarc.missing');
      expect(r.findings.find((f) => f.id === 'dns.query-failed')?.data).toMatchObject({ name: '_dmarc.facturation-exemple.fr', reason: 'TIMEOUT' });
    } finally {
      dns.setFault('_dmarc.facturation-exemple.fr', undefined);
    }
  });

  it('a TXT of 300 character-strings (TCP only) is read whole', async () => {
    const r = await check('faults.example');
    expect(ids(r)).toContain('spf.valid');
    expect(ids(r)).toContain('spf.record-size');
    expect((r.data.spf as { record: string }).record.match(/ip4:/g)).toHaveLength(298);
    expect(dns.log.some((q) => q.name === 'faults.example' && q.type === 'TXT' && q.transport === 'tcp')).toBe(true);
  });

  it('the same TXT behind a firewall that blocks DNS over TCP: TCP-FAILED, not spf.missing, within the timeout', async () => {
    dns.setFault('faults.example', 'tcp-blocked');
    const t0 = performance.now();
    try {
      const r = await check('faults.example', { skip: new Set([...RECEIVING, 'dkim', 'dmarc', 'mx']) }, 1500);
      expect(performance.now() - t0).toBeLessThan(1500 + 500);
      expect(ids(r)).not.toContain('spf.missing');
      expect(r.findings.find((f) => f.id === 'dns.query-failed')?.data).toMatchObject({ name: 'faults.example', type: 'TXT', reason: 'TCP-FAILED' });
      expect(r.findings.find((f) => f.id === 'dns.query-failed')?.hint).toMatch(/TCP port 53/);
    } finally {
      dns.setFault('faults.example', undefined);
    }
  });

  it('a CNAME chain of 20 on _dmarc is a query failure (CNAME-CHAIN), not dmarc.missing', async () => {
    const r = await check('faults.example');
    expect(ids(r)).not.toContain('dmarc.missing');
    expect(r.findings.find((f) => f.id === 'dns.query-failed')?.data).toMatchObject({ name: '_dmarc.faults.example', reason: 'CNAME-CHAIN' });
  });

  it('a CNAME loop on _dmarc is a query failure (CNAME-LOOP), within the timeout', async () => {
    const t0 = performance.now();
    const r = await check('loop.faults.example', {}, 2000);
    expect(performance.now() - t0).toBeLessThan(2500);
    expect(ids(r)).not.toContain('dmarc.missing');
    expect(r.findings.find((f) => f.id === 'dns.query-failed' && f.data?.name === '_dmarc.loop.faults.example')?.data).toMatchObject({ reason: 'CNAME-LOOP' });
  });

  it.each(['servfail', 'drop'] as const)('a %s on _dmarc of a subdomain does not fall through to the parent policy: the policy is unknown', async (fault) => {
    dns.setFault('_dmarc.notif.dmarc-cases.example', fault);
    try {
      const r = await check('notif.dmarc-cases.example', {}, 700);
      expect(ids(r)).not.toContain('dmarc.valid');
      expect(ids(r)).not.toContain('dmarc.subdomain-policy');
      expect(ids(r)).not.toContain('dmarc.missing');
      expect(r.findings.find((f) => f.id === 'dns.query-failed' && f.data?.name === '_dmarc.notif.dmarc-cases.example')).toBeDefined();
      expect((r.data.dmarc as { record: string | null }).record).toBeNull();
    } finally {
      dns.setFault('_dmarc.notif.dmarc-cases.example', undefined);
    }
  });

  it('an MX query answered by a CNAME loop is a query failure (CNAME-LOOP), never mx.missing', async () => {
    // Over the wire (the loop in the answer) and from a zone file (answered as "no data" after the aliases).
    for (const zoneFiles of [[], ['fixtures/dns/dns-faults.zone']]) {
      const r = await check('mxloop.faults.example', { skip: new Set([...RECEIVING, 'dkim', 'dmarc', 'spf']) }, 2000, zoneFiles);
      expect(ids(r)).not.toContain('mx.missing');
      expect(r.findings.find((f) => f.id === 'dns.query-failed' && f.data?.type === 'MX')?.data).toMatchObject({ name: 'mxloop.faults.example', reason: 'CNAME-LOOP' });
    }
  });

  it.each(['wrong-owner', 'wrong-question'] as const)('a resolver answering _dmarc for another name (%s) is a query failure (WRONG-NAME), never the record', async (fault) => {
    dns.setFault('_dmarc.mairie-exemple.fr', fault);
    dns.setFault('mairie-exemple.fr', fault);
    try {
      const r = await check('mairie-exemple.fr', {}, 700);
      expect(ids(r)).not.toContain('dmarc.missing');
      expect(ids(r)).not.toContain('spf.missing');
      // The hijacker's "v=spf1 +all" must not be read as the domain's SPF record.
      expect(ids(r)).not.toContain('spf.all-pass');
      expect(r.data.spf).not.toMatchObject({ record: 'v=spf1 +all' });
      for (const name of ['_dmarc.mairie-exemple.fr', 'mairie-exemple.fr']) {
        expect(r.findings.find((f) => f.id === 'dns.query-failed' && f.data?.name === name && f.data?.type === 'TXT')?.data).toMatchObject({ reason: 'WRONG-NAME' });
      }
    } finally {
      dns.setFault('_dmarc.mairie-exemple.fr', undefined);
      dns.setFault('mairie-exemple.fr', undefined);
    }
  });

  it('no answer at all makes the report status error (exit 3)', async () => {
    dns.setFault('*', 'refused');
    try {
      const r = await check('mairie-exemple.fr');
      expect(r.status).toBe('error');
      expect(r.findings[0]!.id).toBe('dns.no-answer');
    } finally {
      dns.setFault('*', undefined);
    }
  });
});

describe('an SPF include tree far wider than the limits', () => {
  it('ends with spf.lookups-exceeded after a bounded number of queries, not one per name in the tree', async () => {
    // 40 includes, each with 40 includes and an mx and an a term: 1,640 records, over 3,000 names to resolve.
    const lines = ['$ORIGIN wide.example.', '$TTL 300', '@ SOA ns1 hostmaster 1 3600 600 1209600 300', '@ MX 10 mx.wide.example.', 'mx A 192.0.2.25'];
    const include = (names: string[]) => `"v=spf1 ${names.map((n) => `include:${n}.wide.example`).join(' ')} -all"`;
    const level1 = Array.from({ length: 40 }, (_, i) => `w${i}`);
    lines.push(`@ TXT ( ${include(level1.slice(0, 20))} ${include(level1.slice(20)).replace('v=spf1 ', '')} )`);
    for (const w of level1) {
      lines.push(`${w} TXT "v=spf1 mx a:mx.wide.example ${Array.from({ length: 40 }, (_, j) => `include:${w}x${j}.wide.example`).join(' ')} -all"`);
      for (let j = 0; j < 40; j++) lines.push(`${w}x${j} TXT "v=spf1 ip4:198.51.100.${j} mx -all"`);
    }
    const wide = await startDnsServer({ zone: parseZone(lines.join('\n')) });
    try {
      const resolver = buildResolver({ servers: [wide.address], zoneFiles: [], timeoutMs: 2000 });
      const t0 = performance.now();
      const r = await checkDomain(resolver, { domain: 'wide.example', ips: ['203.0.113.9'], expectations: [], skip: new Set([...RECEIVING, 'dkim', 'dmarc']) }, () => performance.now());
      expect(performance.now() - t0).toBeLessThan(2000);
      expect(ids(r)).toContain('spf.lookups-exceeded');
      expect(ids(r)).not.toContain('dns.query-failed');
      expect(wide.log.length).toBeLessThan(400);
    } finally {
      await wide.close();
    }
  });
});

describe('DMARC discovery', () => {
  it('takes an organizational-domain policy and says where it came from', async () => {
    const r = await check('notif.dmarc-cases.example');
    expect(r.data.dmarc).toMatchObject({ name: '_dmarc.dmarc-cases.example', source: 'organizational', policy: 'quarantine' });
  });

  it('tells the RFC 9989 tree walk answer apart from the RFC 7489 PSL one', async () => {
    const r = await check('portail.dept.ministere-exemple.example');
    expect(r.data.dmarc).toMatchObject({ name: '_dmarc.dept.ministere-exemple.example', pslName: null });
  });
});

describe('DKIM', () => {
  it.each([
    ['good', ['dkim.valid'], 'ok'],
    ['weak', ['dkim.weak-key'], 'warning'],
    ['tiny', ['dkim.weak-key'], 'error'],
    ['revoked', ['dkim.revoked'], 'warning'],
    ['testing', ['dkim.testing', 'dkim.valid'], 'info'],
    ['ed', ['dkim.valid'], 'ok'],
    ['cut', ['dkim.syntax'], 'error'],
    ['absent', ['dkim.missing'], 'error'],
  ])('selector %s: %j', async (selector, expected, severity) => {
    const r = await check('keys.example', { selectors: [selector] });
    const dkim = r.findings.filter((f) => f.id.startsWith('dkim.'));
    expect(dkim.map((f) => f.id).sort()).toEqual(expected);
    expect(dkim.find((f) => f.id === expected[0])?.severity).toBe(severity === 'info' ? 'info' : severity);
  });
});

describe('expected provider records', () => {
  it('reports present, pointing elsewhere, and missing with the doubled-domain mistake', async () => {
    const r = await check('facturation-exemple.fr', {
      expectations: [
        { type: 'CNAME', name: 'em4821', value: 'u4821.wl022.sendgrid.net' },
        { type: 'CNAME', name: 's1._domainkey', value: 's1.domainkey.u4821.wl022.sendgrid.net' },
        { type: 'CNAME', name: 's2._domainkey.facturation-exemple.fr', value: 's2.domainkey.u4821.wl022.sendgrid.net.' },
        { type: 'TXT', name: '@', value: 'v=spf1 include:mail.ovh.net include:sendgrid.net ~all' },
        { type: 'TXT', name: '@', value: 'google-site-verification=xyz' },
        { type: 'MX', name: '@', value: 'mx1.mail.ovh.net' },
        { type: 'MX', name: '@', value: 'aspmx.l.google.com' },
      ],
    });
    const got = r.findings.filter((f) => /^(cname|txt|mx\.expected)/.test(f.id)).map((f) => [f.id, f.subject]);
    expect(got).toEqual([
      ['cname.present', 'em4821.facturation-exemple.fr'],
      ['cname.mismatch', 's1._domainkey.facturation-exemple.fr'],
      ['cname.missing', 's2._domainkey.facturation-exemple.fr'],
      ['txt.present', 'facturation-exemple.fr'],
      ['txt.missing', 'facturation-exemple.fr'],
      ['mx.expected-present', 'facturation-exemple.fr'],
      ['mx.expected-missing', 'facturation-exemple.fr'],
    ]);
    expect(r.findings.find((f) => f.id === 'cname.mismatch')?.data?.actual).toBe('s1.domainkey.u4000.wl001.sendgrid.net');
    expect(r.findings.find((f) => f.id === 'cname.missing')?.data?.doubledAt).toBe('s2._domainkey.facturation-exemple.fr.facturation-exemple.fr');
  });
});

describe('speed: one cache per run', () => {
  it('never asks the same question twice for one domain', async () => {
    const before = dns.log.length;
    await check('mairie-exemple.fr', { ips: ['212.146.241.127', '198.51.100.7'] });
    const asked = dns.log.slice(before).filter((q) => q.transport === 'udp').map((q) => `${q.type} ${q.name}`);
    expect(asked.length).toBe(new Set(asked).size);
  });
});

describe('the receiving side: TLS-RPT, BIMI, reverse DNS', () => {
  const receiving = (r: Report) => ids(r).filter((id) => /^(tlsrpt|bimi|ptr)\./.test(id));
  it.each([
    ['good.receiving.example', ['bimi.valid', 'ptr.valid', 'tlsrpt.valid']],
    ['broken.receiving.example', ['bimi.dmarc-prerequisite', 'bimi.invalid', 'ptr.missing', 'ptr.not-confirmed', 'tlsrpt.invalid']],
    ['mairie-exemple.fr', ['bimi.none', 'ptr.valid', 'tlsrpt.none']],
  ])('%s', async (domain, expected) => {
    const r = await check(domain, { skip: new Set(['mta-sts', 'dnssec']) });
    expect(receiving(r)).toEqual(expected);
  });

  it('confirms an IPv6 PTR by address, and leaves out what --skip names', async () => {
    const r = await check('good.receiving.example', { skip: new Set(['mta-sts', 'dnssec']) });
    expect((r.data.ptr as Array<{ ip: string; status: string }>).map((p) => `${p.ip} ${p.status}`)).toEqual(['192.0.2.121 confirmed', '2001:db8:121::25 confirmed']);
    const skipped = await check('good.receiving.example', { skip: new Set(['tls-rpt', 'bimi', 'ptr', 'mta-sts', 'dnssec', 'dkim']) });
    expect(ids(skipped).filter((id) => /^(tlsrpt|bimi|ptr|dkim)\./.test(id))).toEqual([]);
  });

  it('no published MTA-STS, TLS-RPT or BIMI is info: an otherwise right domain still passes', async () => {
    const r = await check('mairie-exemple.fr', { skip: new Set(['dnssec']) });
    expect(r.status).toBe('pass');
  });
});

describe('MTA-STS, against a local HTTPS policy server', () => {
  let policies: PolicyServer;
  let ca: TestCert;
  const hosts = ['good', 'testing', 'uncovered', 'nopolicy', 'notxt', 'badpolicy', 'redirect', 'withdrawn'].map((d) => `mta-sts.${d}.sts.example`);
  beforeAll(async () => {
    ca = await makeCa();
    const cert = await makeServerCert({ names: hosts, ca });
    policies = await startPolicyServer(cert, {
      'mta-sts.good.sts.example': { status: 200, body: 'version: STSv1\r\nmode: enforce\r\nmx: mx1.good.sts.example\r\nmx: *.relay.good.sts.example\r\nmax_age: 604800\r\n' },
      'mta-sts.testing.sts.example': { status: 200, body: 'version: STSv1\nmode: testing\nmx: mx1.testing.sts.example\nmax_age: 86400\n' },
      'mta-sts.uncovered.sts.example': { status: 200, body: 'version: STSv1\nmode: enforce\nmx: mx1.uncovered.sts.example\nmax_age: 604800\n' },
      'mta-sts.notxt.sts.example': { status: 200, body: 'version: STSv1\nmode: enforce\nmx: mx1.notxt.sts.example\nmax_age: 604800\n' },
      'mta-sts.badpolicy.sts.example': { status: 200, body: 'version: STSv2\nmode: enforcing\nmx mx1.badpolicy.sts.example\n' },
      'mta-sts.redirect.sts.example': { status: 301, location: 'https://www.redirect.sts.example/mta-sts.txt' },
      'mta-sts.withdrawn.sts.example': { status: 200, body: 'version: STSv1\nmode: none\nmax_age: 86400\n' },
    });
  });
  afterAll(() => policies.close());

  const sts = (r: Report) => ids(r).filter((id) => id.startsWith('mta-sts.'));
  const withSts = (domain: string, caPem: string | undefined = ca?.cert) =>
    check(domain, { skip: new Set<Area>(['tls-rpt', 'bimi', 'ptr', 'dnssec']), https: { port: policies.port, timeoutMs: 3000, ...(caPem ? { ca: caPem } : {}) } });

  it.each([
    ['good.sts.example', ['mta-sts.valid']],
    ['testing.sts.example', ['mta-sts.testing', 'mta-sts.valid']],
    ['uncovered.sts.example', ['mta-sts.mx-not-covered']],
    ['nopolicy.sts.example', ['mta-sts.unreachable']],
    ['notxt.sts.example', ['mta-sts.none']],
    ['badpolicy.sts.example', ['mta-sts.policy-invalid', 'mta-sts.txt-invalid']],
    ['withdrawn.sts.example', ['mta-sts.mode-none']],
    ['redirect.sts.example', ['mta-sts.unreachable']],
    ['mairie-exemple.fr', ['mta-sts.none']],
  ])('%s', async (domain, expected) => {
    expect(sts(await withSts(domain))).toEqual(expected);
  });

  it('names the uncovered MX, the redirect it did not follow, and every policy error', async () => {
    const uncovered = await withSts('uncovered.sts.example');
    expect(uncovered.findings.find((f) => f.id === 'mta-sts.mx-not-covered')?.data).toMatchObject({ host: 'backup-mx.other-provider.example', mode: 'enforce' });
    const redirect = await withSts('redirect.sts.example');
    expect(words(redirect.findings.find((f) => f.id === 'mta-sts.unreachable')?.data?.reason)).toMatch(/HTTP 301 to https:\/\/www\.redirect.*not followed/);
    const bad = await withSts('badpolicy.sts.example');
    expect(bad.findings.filter((f) => f.id === 'mta-sts.policy-invalid').map((f) => words(f.data?.reason))).toEqual([
      '"mx mx1.badpolicy.sts.example" is not a "key: value" line',
      'version "STSv2" is not STSv1',
      'mode "enforcing" is not enforce, testing or none',
      'max_age must be a number of seconds up to 31557600 (one year)',
      'there is no "mx:" line',
    ]);
  });

  it('a policy host whose certificate is not trusted cannot serve the policy', async () => {
    const r = await withSts('good.sts.example', '');
    expect(words(r.findings.find((f) => f.id === 'mta-sts.unreachable')?.data?.reason)).toMatch(/SELF_SIGNED|UNABLE_TO|CERT/);
  });

  it('contacts the policy host only when a TXT record says a policy exists', async () => {
    // A resolver that rewrites NXDOMAIN gives mta-sts.<any domain> an address: nothing is fetched from it.
    const before = dns.log.length;
    await withSts('notxt.sts.example');
    expect(policies.requests).not.toContain('mta-sts.notxt.sts.example/.well-known/mta-sts.txt');
    expect(dns.log.slice(before).some((q) => q.name === 'mta-sts.notxt.sts.example')).toBe(false);
  });

  it('resolves the policy host through the run resolver, not the system', async () => {
    const before = dns.log.length;
    await withSts('good.sts.example');
    expect(dns.log.slice(before).some((q) => q.name === 'mta-sts.good.sts.example' && q.type === 'A')).toBe(true);
    expect(policies.requests).toContain('mta-sts.good.sts.example/.well-known/mta-sts.txt');
  });
});

describe('SPF with the real sender and HELO (RFC 7208 §7)', () => {
  const spf = async (domain: string, ip: string, extra: Partial<DomainCheckInput> = {}) => {
    const r = await check(domain, { ips: [ip], skip: new Set<Area>(AREAS.filter((a) => a !== 'spf')), ...extra });
    return { r, verdict: r.data.ips![0]!, ids: ids(r) };
  };

  it('--helo feeds %{h}: a per-HELO record passes only with the relay\'s real HELO name', async () => {
    expect((await spf('ehlo.spf-macros.example', '192.0.2.25', { helo: 'out.relay-exemple.fr' })).verdict).toMatchObject({ result: 'pass', helo: 'out.relay-exemple.fr' });
    expect((await spf('ehlo.spf-macros.example', '192.0.2.25')).verdict).toMatchObject({ result: 'fail', helo: 'ehlo.spf-macros.example' });
  });

  it('--sender feeds %{l}, %{s}, %{o}: only the authorised sender passes', async () => {
    expect((await spf('user.spf-macros.example', '192.0.2.26', { sender: 'factures@user.spf-macros.example' })).verdict).toMatchObject({ result: 'pass', sender: 'factures@user.spf-macros.example' });
    expect((await spf('user.spf-macros.example', '192.0.2.26')).verdict).toMatchObject({ result: 'fail', sender: 'postmaster@user.spf-macros.example' });
  });

  it('a domain-spec with ":" and "/" is a name, not a syntax error', async () => {
    const { ids: found, verdict } = await spf('colon.spf-macros.example', '192.0.2.30');
    expect(found).toEqual(['spf.ip-fail', 'spf.valid']);
    expect(verdict.result).toBe('fail');
  });

  it('a fail shows the explanation of exp=, expanded', async () => {
    const { r } = await spf('exp.spf-macros.example', '192.0.2.99');
    const fail = r.findings.find((f) => f.id === 'spf.ip-fail')!;
    expect(fail.data?.explanation).toBe("192.0.2.99 is not one of exp.spf-macros.example's mail servers: see https://www.spf-macros.example/envoi");
    expect(fail.message).toContain('"192.0.2.99 is not one of');
    expect((await spf('exp.spf-macros.example', '192.0.2.5')).verdict.explanation).toBeUndefined();
  });

  it('%{p} is the validated name of the IP, "unknown" when none resolves back, and reported as discouraged', async () => {
    const valid = await spf('pmacro.spf-macros.example', '198.18.0.40');
    expect(valid.verdict.result).toBe('pass');
    expect(valid.ids).toContain('spf.ptr');
    expect((await spf('pmacro.spf-macros.example', '198.18.0.41')).verdict.result).toBe('fail');
  });

  it('over 10 lookups: says which given IPs still pass (matched before the 11th lookup) and which get permerror', async () => {
    const { r } = await spf('eleven.spf-limits.example', '192.0.2.1', { ips: ['192.0.2.1', '192.0.2.200'] });
    const over = r.findings.find((f) => f.id === 'spf.lookups-exceeded')!;
    expect(over.data).toMatchObject({ passing: ['192.0.2.1'], failing: ['192.0.2.200'] });
    expect(over.message).toMatch(/stops at the 11th lookup with permerror: an address matched before that still passes.*192\.0\.2\.200 gets permerror\. 192\.0\.2\.1 passes/);
  });
});

describe('DMARC policy discovery (RFC 9989 §4.10)', () => {
  it('the first record walking up applies (a parent\'s), while the organizational domain is the highest record found', async () => {
    const r = await check('mail.dept.agence-exemple.example');
    expect(ids(r)).toEqual(['dkim.none-found', 'dmarc.discovery-differs', 'dmarc.subdomain-policy', 'dmarc.valid', 'mx.valid', 'spf.missing']);
    expect(r.data.dmarc).toMatchObject({
      name: '_dmarc.dept.agence-exemple.example',
      source: 'parent',
      policy: 'quarantine',
      orgDomain: 'agence-exemple.example',
      orgName: '_dmarc.agence-exemple.example',
      pslName: '_dmarc.agence-exemple.example',
    });
    expect(r.findings.find((f) => f.id === 'dmarc.subdomain-policy')?.data).toMatchObject({ orgDomain: 'dept.agence-exemple.example', policy: 'quarantine' });
  });

  it('a subdomain that does not exist gets the np= policy (RFC 9989), one that exists sp=', async () => {
    const ghost = await check('ghost.agence-exemple.example');
    expect(ids(ghost)).toEqual(['dns.domain-nxdomain']);
    expect(ghost.data.dmarc).toMatchObject({ name: '_dmarc.agence-exemple.example', policy: 'reject', nonExistent: true });
    const real = await check('mx.agence-exemple.example', { skip: new Set<Area>([...RECEIVING, 'dkim']) });
    expect(real.data.dmarc).toMatchObject({ source: 'organizational', policy: 'none' });
    expect(real.data.dmarc?.nonExistent).toBeUndefined();
  });
});

describe('DKIM selectors answered by a wildcard TXT', () => {
  it('a guessed selector whose TXT is not a key record is not a DKIM key, nor an error', async () => {
    const r = await check('wild-txt.example');
    expect(ids(r).filter((id) => id.startsWith('dkim.'))).toEqual(['dkim.none-found']);
    expect(r.data.dkim?.selectors).toEqual([]);
  });

  it('a selector the user named gets dkim.syntax for what is there', async () => {
    const r = await check('wild-txt.example', { selectors: ['s1'] });
    expect(ids(r).filter((id) => id.startsWith('dkim.'))).toEqual(['dkim.syntax']);
  });
});

describe('DKIM selectors inferred from the domain\'s records', () => {
  const dkimOnly = new Set<Area>(AREAS.filter((a) => a !== 'dkim'));

  it('Microsoft 365 and SendGrid in the SPF record: their selectors are asked, the common list is not', async () => {
    const before = dns.log.length;
    const r = await check('mairie-exemple.fr', { skip: dkimOnly });
    const asked = dns.log.slice(before).filter((q) => q.name.endsWith('._domainkey.mairie-exemple.fr') && q.type === 'TXT').map((q) => q.name.split('.')[0]);
    expect([...new Set(asked)].sort()).toEqual(['s1', 's2', 'selector1', 'selector2', 'smtpapi'].sort());
    expect(r.data.dkim?.tried).toContainEqual({ selector: 'selector1', why: 'platform', platform: 'Microsoft 365', namedBy: 'spf' });
    expect(r.data.dkim?.selectors.map((x) => x.selector)).toEqual(['selector1', 'selector2', 's1', 's2']);
  });

  it('records that name no platform: the common list is asked, and none-found names every selector tried', async () => {
    const r = await check('nodmarc.example', { skip: dkimOnly });
    expect(r.data.dkim?.tried.some((t) => t.why === 'common')).toBe(true);
    const none = r.findings.find((f) => f.id === 'dkim.none-found');
    expect(none?.data?.tried).toEqual(r.data.dkim?.tried.map((t) => t.selector));
  });

  it('a selector a provider asked for (--expect-cname s1._domainkey=...) is tried first', async () => {
    const r = await check('keys.example', { skip: dkimOnly, expectations: [{ type: 'CNAME', name: 'custom._domainkey', value: 'x.example' }] });
    expect(r.data.dkim?.tried[0]).toEqual({ selector: 'custom', why: 'expected' });
  });

  it('on every fixture domain, the inferred guess finds the same keys and findings as the whole common list', async () => {
    const zone = loadZoneFixture(...allDnsFixtures());
    const domains = [...new Set(zone.records.filter((r) => r.type === 'SOA' || r.type === 'MX' || (r.type === 'TXT' && /^v=spf1/i.test(r.data.join('')))).map((r) => r.name))].filter((n) => n && !n.includes('_') && !n.endsWith('.arpa'));
    expect(domains.length).toBeGreaterThan(50);
    const differ: string[] = [];
    for (const domain of domains) {
      const [inferred, full] = await Promise.all([check(domain, { skip: dkimOnly }), check(domain, { skip: dkimOnly, dkimGuessAll: true })]);
      const keys = (r: Report) => JSON.stringify([ids(r), (r as ReportOf<'check-dns'>).data.dkim?.selectors.map((x) => x.selector).sort()]);
      if (keys(inferred) !== keys(full)) differ.push(`${domain}: ${keys(inferred)} vs ${keys(full)}`);
    }
    expect(differ).toEqual([]);
  });
});

describe('--only spf', () => {
  it('asks SPF alone: no MX, no address of an MX host, no DMARC, so nothing else can hold up the verdict', async () => {
    const before = dns.log.length;
    const skip = new Set<Area>(AREAS.filter((a) => a !== 'spf'));
    const r = await check('mairie-exemple.fr', { skip, ips: ['212.146.241.127'] });
    const asked = dns.log.slice(before);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((q) => q.type === 'MX' || q.name.startsWith('_dmarc.') || q.type === 'PTR')).toEqual([]);
    expect(ids(r)).toEqual(['spf.ip-pass', 'spf.valid']);
    expect(r.data.mx).toBeUndefined();
  });
});

describe('zone files before publishing', () => {
  it('flags a TXT string over 255 characters, which no DNS server could serve as one string', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'maildiag-zone-'));
    const long = Array.from({ length: 20 }, (_, i) => `ip4:198.51.100.${i + 1}`).join(' ');
    const file = join(dir, 'draft.zone');
    writeFileSync(file, `$ORIGIN draft.example.\n@ SOA ns hostmaster 1 2 3 4 5\n@ TXT "v=spf1 ${long} -all"\n@ MX 10 mx\nmx A 192.0.2.1\n`);
    const r = await check('draft.example', {}, 3000, [file]);
    expect(r.findings.find((f) => f.id === 'spf.record-size')?.data).toMatchObject({ longestString: expect.any(Number) });
    expect((r.findings.find((f) => f.id === 'spf.record-size')?.data?.longestString as number) > 255).toBe(true);
  });
});

describe('coverage of the catalogue', () => {
  it('every check-dns finding id is produced by a test above', async () => {
    const { catalogue } = await import('../../src/core/catalogue/index.js');
    // The --smtp ids (mx.tls-*, mx.starttls-*, mx.cert-*, mx.unreachable) are covered by mx-tls.test.ts.
    const dnsIds = Object.keys(catalogue).filter((id) => /^(dns|spf|dmarc|dkim|mx|cname|txt|tlsrpt|bimi|ptr|mta-sts)\./.test(id) && !/^mx\.(tls|starttls|cert|unreachable)/.test(id));
    expect(dnsIds.filter((id) => !produced.has(id))).toEqual([]);
  });
});

describe('the first questions check-dns asks while its checks load', () => {
  // FIRST_QUESTIONS is a promise about the areas: each is a question its area asks of every domain.
  it.each(FIRST_QUESTIONS.map((q) => [q.area, q] as const))('%s asks its own first question', async (area, q) => {
    const resolver = buildResolver({ servers: [dns.address], zoneFiles: [], timeoutMs: 3000 });
    const asked: string[] = [];
    const query = resolver.query.bind(resolver);
    resolver.query = ((name: string, type: Parameters<typeof query>[1]) => {
      asked.push(`${type} ${name}`);
      return query(name, type);
    }) as typeof resolver.query;
    for (const domain of ['mairie-exemple.fr', 'nothing-here.example']) {
      await checkDomain(resolver, { domain, ips: [], expectations: [], skip: new Set(AREAS.filter((a) => a !== area)) }, () => performance.now());
      expect(asked).toContain(`${q.type} ${q.name(domain)}`);
    }
  });
});
