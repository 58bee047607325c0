/** check-dns --smtp: STARTTLS on every MX, each MX on its own loopback address, all on one port. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseZone } from '../../src/dns/zonefile.js';
import { makeCa, makeServerCert, type TestCert } from '../helpers/certs.js';
import { runCli } from '../helpers/cli.js';
import { startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';
import { startBlackHole, startFaultServer } from '../helpers/fault-server.js';
import { startSmtpServer } from '../helpers/smtp-server.js';

const CASES = {
  good: '127.0.0.2',
  plain: '127.0.0.3',
  selfsigned: '127.0.0.4',
  expired: '127.0.0.5',
  wrongname: '127.0.0.6',
  down: '127.0.0.7',
  hole: '127.0.0.8',
  dropped: '127.0.0.9',
  old: '127.0.0.10',
  expiring: '127.0.0.11',
  drip: '127.0.0.12',
} as const;

let dns: DnsTestServer;
let ca: TestCert;
let caFile: string;
let port = 0;
const closers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  ca = await makeCa();
  caFile = join(mkdtempSync(join(tmpdir(), 'maildiag-mxtls-')), 'ca.pem');
  writeFileSync(caFile, ca.cert);
  const cert = (name: string, extra: Partial<Parameters<typeof makeServerCert>[0]> = {}) => makeServerCert({ names: [name], ca, ...extra });
  // The first server picks the port; every other MX listens on the same port at its own address.
  const good = await startSmtpServer({ mode: 'starttls', cert: await cert('mx1.good.tls.example'), host: CASES.good });
  port = good.port;
  closers.push(
    good,
    await startSmtpServer({ mode: 'plain', host: CASES.plain, port }),
    await startSmtpServer({ mode: 'starttls', cert: await makeServerCert({ names: ['mx1.selfsigned.tls.example'] }), host: CASES.selfsigned, port }),
    await startSmtpServer({ mode: 'starttls', cert: await cert('mx1.expired.tls.example', { validFromDays: -400, validToDays: -2 }), host: CASES.expired, port }),
    await startSmtpServer({ mode: 'starttls', cert: await cert('mail.hosting-provider.example'), host: CASES.wrongname, port }),
    await startSmtpServer({ mode: 'starttls', cert: await cert('mx1.old.tls.example'), minVersion: 'TLSv1', maxVersion: 'TLSv1.1', host: CASES.old, port }),
    await startSmtpServer({ mode: 'starttls', cert: await cert('mx1.expiring.tls.example', { validToDays: 6 }), host: CASES.expiring, port }),
    await startFaultServer('drop-during-tls', { host: CASES.dropped, port }),
    await startFaultServer('drip-ehlo', { host: CASES.drip, port }),
    await startBlackHole(20_000, CASES.hole, port),
  );
  const zone = [`$ORIGIN tls.example.`, `@ SOA ns hostmaster 1 3600 600 1209600 300`];
  for (const [name, ip] of Object.entries(CASES)) {
    if (name === 'hole') continue;
    zone.push(`${name} MX 10 mx1.${name}`, `mx1.${name} A ${ip}`, `${name} TXT "v=spf1 mx -all"`);
  }
  // One healthy MX and one that never answers: the slow one must not stall the other.
  zone.push('twomx MX 10 mx1.good', 'twomx MX 20 mx1.hole', `mx1.hole A ${CASES.hole}`, 'twomx TXT "v=spf1 mx -all"');
  dns = await startDnsServer({ zone: parseZone(zone.join('\n')) });
});
afterAll(async () => {
  await Promise.all([...closers.map((c) => c.close()), dns.close()]);
});

async function checkSmtp(domain: string, timeout = '2') {
  const r = await runCli(['check-dns', domain, '--smtp', '--smtp-port', String(port), '--ca', caFile, '--resolver', dns.address, '--timeout', timeout, '--skip', 'dkim', '--skip', 'mta-sts', '--skip', 'bimi', '--skip', 'tls-rpt', '--skip', 'ptr', '--json']);
  return JSON.parse(r.stdout);
}
const mxIds = (report: { findings: Array<{ id: string }> }) => report.findings.map((f) => f.id).filter((id) => /^mx\.(tls|starttls|cert|unreachable)/.test(id));

describe('check-dns --smtp', () => {
  it.each([
    ['good', ['mx.tls-ok']],
    ['plain', ['mx.starttls-missing']],
    ['selfsigned', ['mx.cert-untrusted']],
    ['expired', ['mx.cert-expired']],
    ['wrongname', ['mx.cert-hostname-mismatch']],
    ['old', ['mx.tls-outdated']],
    ['dropped', ['mx.tls-failed']],
    ['down', ['mx.unreachable']],
    ['expiring', ['mx.cert-expiring']],
  ])('%s.tls.example: %j', async (name, expected) => {
    expect(mxIds(await checkSmtp(`${name}.tls.example`))).toEqual(expected);
  });

  it('a slow MX does not stall the rest: both reported within the timeout', async () => {
    const t0 = performance.now();
    const report = await checkSmtp('twomx.tls.example', '1');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(report.findings.filter((f: { id: string }) => /^mx\.(tls-ok|unreachable)/.test(f.id)).map((f: { id: string; subject: string }) => `${f.id} ${f.subject}`)).toEqual([
      'mx.tls-ok mx1.good.tls.example [127.0.0.2]',
      'mx.unreachable mx1.hole.tls.example [127.0.0.8]',
    ]);
  });

  it('an MX that drips continuation lines after EHLO is cut within two timeouts, and the others reported', async () => {
    const t0 = performance.now();
    const report = await checkSmtp('drip.tls.example', '1');
    expect(performance.now() - t0).toBeLessThan(2 * 1000 + 1500);
    expect(mxIds(report)).toEqual(['mx.unreachable']);
  });

  it('is off by default: no connection to any MX without --smtp', async () => {
    const r = await runCli(['check-dns', 'good.tls.example', '--resolver', dns.address, '--json']);
    expect(JSON.parse(r.stdout).data.mxTls).toBeUndefined();
  });

  it('under an enforced MTA-STS policy a bad MX certificate is an error', async () => {
    const { checkMxTls } = await import('../../src/dns/receiving/mx-tls.js');
    const probe = { tls: { trusted: false, hostnameMatch: true, daysLeft: 30, validTo: '2030-01-01', protocol: 'TLSv1.3', selfSigned: true, issuer: 'x', subject: 'x', altNames: [] } } as never;
    expect(checkMxTls([{ host: 'mx.example', ip: '192.0.2.1', probe }], 25, true)[0]).toMatchObject({ id: 'mx.cert-untrusted', severity: 'error' });
    expect(checkMxTls([{ host: 'mx.example', ip: '192.0.2.1', probe }], 25, false)[0]).toMatchObject({ id: 'mx.cert-untrusted', severity: 'warning' });
  });
});

describe('coverage of the catalogue', () => {
  it('every --smtp finding id is in the table above', async () => {
    const { catalogue } = await import('../../src/core/catalogue/index.js');
    const ids = Object.keys(catalogue).filter((id) => /^mx\.(tls|starttls|cert|unreachable)/.test(id)).sort();
    expect(ids).toEqual(['mx.cert-expired', 'mx.cert-expiring', 'mx.cert-hostname-mismatch', 'mx.cert-untrusted', 'mx.starttls-missing', 'mx.tls-failed', 'mx.tls-ok', 'mx.tls-outdated', 'mx.unreachable']);
  });
});
