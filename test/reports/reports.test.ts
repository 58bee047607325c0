/**
 * maildiag reports over our own fixtures in the shapes the big reporters send (Google's zip, Microsoft's
 * and Orange's gzip, Yahoo's mislabelled gzip, an RFC 9990 report, Google's and Microsoft's TLS-RPT, the
 * message that carries a report) and hostile ones, spawned as users run it; the senders are named through
 * the test DNS server (the town hall's zone and the reverse zones of fixtures/dns/reports.zone).
 */
import { readFileSync, mkdtempSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { crc32, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { rssHook } from '../helpers/rss.js';
import { fixturePath, loadZoneFixture, startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);
const dir = mkdtempSync(join(tmpdir(), 'maildiag-reports-'));
const good = fixturePath('reports');
const hostile = fixturePath('reports-hostile');
const file = (name: string) => join(good, name);
const GOOGLE = 'google.com!mairie-exemple.fr!1732060800!1732147199';

interface Finding {
  id: string;
  severity: string;
  data: Record<string, unknown>;
}
interface Report {
  target: string;
  status: string;
  findings: Finding[];
  data: {
    kind: string;
    domain: string | null;
    reports: number;
    messages: number;
    senders: Array<{ name: string; kind: string; verdict: string; messages: number; dmarcPass: number; ips: string[] }>;
    sources: Array<{ ip: string; ptr: string | null; sender: string }>;
    readiness: { legitimate: number; passing: number; blocked: Array<{ name: string; messages: number }>; current: string | null } | null;
    tls: Array<{ type: string; successes: number; failures: number; failureTypes: Record<string, { sessions: number; sendingMtas: string[] }> }>;
    reporters: Array<{ name: string }>;
  };
}

let dns: DnsTestServer;
beforeAll(async () => {
  dns = await startDnsServer({ zone: loadZoneFixture('example/mairie-exemple.fr.zone', 'dns/reports.zone') });
});
afterAll(() => dns.close());

async function reports(args: string[], opts: { input?: string | Buffer; offline?: boolean } = {}) {
  const r = await runCli(['reports', ...args, ...(opts.offline ? ['--offline'] : ['--resolver', dns.address]), '--json'], opts.input !== undefined ? { input: opts.input as string } : {});
  const parsed = r.stdout ? JSON.parse(r.stdout) : [];
  const list: Report[] = Array.isArray(parsed) ? parsed : [parsed];
  for (const rep of list) expect(validate(rep) ? [] : validate.errors, rep.target).toEqual([]);
  return { ...r, list, dmarc: list.find((x) => x.data.kind === 'dmarc'), tls: list.find((x) => x.data.kind === 'tls-rpt') };
}
const ids = (r: Report | undefined) => (r?.findings ?? []).map((f) => f.id);

describe('maildiag reports: a directory of real-shaped reports', () => {
  it('names each sender through the domain\'s SPF and reverse DNS, and gives each a verdict', async () => {
    const { dmarc, code } = await reports([good]);
    expect(dmarc!.target).toBe('mairie-exemple.fr');
    expect(dmarc!.data.senders.map((s) => [s.name, s.kind, s.verdict, s.messages, s.dmarcPass])).toEqual([
      ['SendGrid', 'authorised', 'not-aligned', 1612, 0],
      ['Microsoft 365', 'authorised', 'aligned', 696, 696],
      ['mairie-exemple.fr', 'authorised', 'aligned', 98, 98],
      ['198.51.100.7', 'unknown', 'unknown-failing', 37, 0],
      ['univ-exemple.fr', 'mailing-list', 'forwarded', 14, 0],
      ['Google (Gmail, Google Groups)', 'forwarder', 'forwarded', 9, 9],
    ]);
    expect(dmarc!.data.sources.find((s) => s.ip === '167.89.105.22')).toMatchObject({ ptr: 'o1.ptr4821.mairie-exemple.fr', sender: 'SendGrid' });
    expect(code).toBe(2);
  });

  it('counts a report given twice once (the Google zip, and the message that carried it)', async () => {
    const { dmarc } = await reports([good]);
    // Google, Microsoft, Orange, Yahoo (gzip saved as .xml) and the RFC 9990 report: five, not six.
    expect(dmarc!.data.reports).toBe(5);
    expect(dmarc!.data.reporters.map((r) => r.name).sort()).toEqual(['Enterprise Outlook', 'Orange', 'Yahoo', 'google.com', 'mail.fai-exemple.fr']);
    expect(dmarc!.findings.find((f) => f.id === 'reports.duplicates')?.data).toEqual({ count: 1 });
  });

  it('says whether p=quarantine or p=reject would block the domain\'s own mail today, and whose', async () => {
    const { dmarc } = await reports([good]);
    expect(dmarc!.data.readiness).toEqual({ legitimate: 2406, passing: 794, blocked: [{ name: 'SendGrid', messages: 1612 }], current: 'p=none; sp=none' });
    const f = dmarc!.findings.find((x) => x.id === 'dmarc-report.not-ready')!;
    expect(f).toMatchObject({ severity: 'warning', data: { share: 33 } });
  });

  it('explains a sender that fails only because the policy asks strict SPF alignment (aspf=s)', async () => {
    const { dmarc } = await reports([good]);
    const f = dmarc!.findings.find((x) => x.id === 'dmarc-report.sender-not-aligned')!;
    expect(f.data).toMatchObject({ sender: 'SendGrid', by: 'include:sendgrid.net', strictOnly: ['em4821.mairie-exemple.fr'] });
    expect(f.severity).toBe('warning');
  });

  it('notes a report whose date range spans more than a day, and counts it', async () => {
    const { dmarc } = await reports([file('orange.fr!mairie-exemple.fr!1732060800!1732147199.xml.gz')]);
    expect(ids(dmarc)).toContain('dmarc-report.span');
    expect(dmarc!.data.messages).toBe(318);
  });

  it('TLS-RPT: Google\'s (with sending-mta-ip) and Microsoft\'s (without) add up per policy, each failure type with its fix', async () => {
    const { tls } = await reports([file(`${GOOGLE}!001.json.gz`), file('microsoft-tlsrpt.json')]);
    expect(tls!.data.tls).toMatchObject([{ type: 'sts', successes: 2817, failures: 8 }]);
    expect(tls!.data.tls[0]!.failureTypes['certificate-host-mismatch']).toMatchObject({ sessions: 6, sendingMtas: ['209.85.220.69'] });
    expect(tls!.data.tls[0]!.failureTypes['sts-policy-fetch-error']).toMatchObject({ sessions: 2, sendingMtas: [] });
    const failures = tls!.findings.filter((f) => f.id === 'tls-report.failure');
    // MTA-STS in enforce mode: a failed session is mail not delivered.
    expect(failures.map((f) => [f.data.type, f.severity])).toEqual([
      ['certificate-host-mismatch', 'error'],
      ['sts-policy-fetch-error', 'error'],
    ]);
    expect(failures[1]!.data.fix).toEqual({ code: 'tls.fix.sts-fetch', args: {} });
  });

  it('an MTA-STS policy in testing mode: its failures are warnings', async () => {
    const json = readFileSync(file('microsoft-tlsrpt.json'), 'utf8').replace('mode: enforce', 'mode: testing').replace('133764384001234567', 'testing-1');
    const path = join(dir, 'testing.json');
    writeFileSync(path, json);
    const { tls } = await reports([path]);
    expect(tls!.findings.find((f) => f.id === 'tls-report.failure')?.severity).toBe('warning');
  });
});

describe('every container, recognised by its content', () => {
  it.each([
    [`${GOOGLE}.zip`, 'google.com', 1794],
    ['enterprise.protection.outlook.com!mairie-exemple.fr!1732060800!1732147200.xml.gz', 'Enterprise Outlook', 247],
    ['yahoo.com!mairie-exemple.fr!1732060800!1732147199.xml', 'Yahoo', 95],
    ['rfc9990-report.xml', 'mail.fai-exemple.fr', 12],
    ['google-report-message.eml', 'google.com', 1794],
  ])('%s', async (name, reporter, messages) => {
    const { dmarc } = await reports([file(name)], { offline: true });
    expect(dmarc!.data.reporters.map((r) => r.name)).toEqual([reporter]);
    expect(dmarc!.data.messages).toBe(messages);
  });

  it('an mbox of report messages, and a report on standard input', async () => {
    const mbox = join(dir, 'rapports.mbox');
    writeFileSync(mbox, `From noreply-dmarc-support@google.com Thu Nov 21 09:12:04 2024\n${readFileSync(file('google-report-message.eml'), 'latin1').replace(/^From /gm, '>From ')}\n`, 'latin1');
    const fromMbox = await reports([mbox], { offline: true });
    expect(fromMbox.dmarc!.data.messages).toBe(1794);
    const fromStdin = await reports(['-'], { input: readFileSync(file('rfc9990-report.xml'), 'utf8'), offline: true });
    expect(fromStdin.dmarc!.data.messages).toBe(12);
  });

  it('a resolver that does not answer: the senders it could not name are said, not silently judged unknown', async () => {
    // A resolver that was there and is gone: its port is closed.
    const closed = await startDnsServer({ zone: loadZoneFixture('dns/reports.zone') });
    await closed.close();
    const r = await runCli(['reports', file('rfc9990-report.xml'), '--resolver', closed.address, '--timeout', '1', '--json']);
    const [report] = JSON.parse(r.stdout) as Report[];
    expect(report!.findings[0]).toMatchObject({ id: 'reports.lookups-failed', severity: 'warning', data: { failed: 1, total: 1, ips: ['212.146.241.127'] } });
  });

  it('--offline asks no DNS: senders are the IPs, those signed with the domain\'s DKIM kept as its own', async () => {
    const before = dns.log.length;
    const { dmarc } = await reports([good], { offline: true });
    expect(dns.log.length).toBe(before);
    expect(dmarc!.data.senders.find((s) => s.ips.includes('40.107.22.54'))).toMatchObject({ kind: 'signed', verdict: 'aligned' });
    expect(dmarc!.data.sources.every((s) => s.ptr === null)).toBe(true);
  });
});

/** A zip of one stored member, as a reporter's zip library writes it (APPNOTE 4.3). */
function zipOf(name: string, data: Buffer): Buffer {
  const n = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

/** The message a reporter sends a report in: the file as a base64 attachment. */
function messageOf(name: string, data: Buffer, type: string): Buffer {
  const b64 = data.toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    [
      'From: reporter@reporter.example',
      'To: rapports-dmarc@mairie-exemple.fr',
      `Subject: Report domain: mairie-exemple.fr Report-ID: ${name}`,
      'Date: Thu, 21 Nov 2024 01:12:04 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="rep"',
      '',
      '--rep',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'This is an aggregate report.',
      '--rep',
      `Content-Type: ${type}; name="${name}"`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="${name}"`,
      '',
      b64,
      '--rep--',
      '',
    ].join('\r\n'),
  );
}

describe('each reporter\'s report in every container: the same counts', () => {
  const sources = [
    [`${GOOGLE}.zip`, 1794],
    ['enterprise.protection.outlook.com!mairie-exemple.fr!1732060800!1732147200.xml.gz', 247],
    ['orange.fr!mairie-exemple.fr!1732060800!1732147199.xml.gz', 318],
    ['yahoo.com!mairie-exemple.fr!1732060800!1732147199.xml', 95],
    ['rfc9990-report.xml', 12],
    [`${GOOGLE}!001.json.gz`, 0],
    ['microsoft-tlsrpt.json', 0],
  ] as const;
  /** The report's own XML or JSON, out of whatever container the fixture is in. */
  const plain = async (name: string): Promise<Buffer> => {
    const { unpack } = await import('../../src/reports/unpack.js');
    return (await unpack(name, readFileSync(file(name)))).found[0]!.bytes;
  };
  it.each(sources)('%s as .xml/.json, gzip, zip, a gzip in a zip, a message and an mbox', async (name, messages) => {
    const body = await plain(name);
    const ext = body.toString('utf8').trimStart().startsWith('{') ? 'json' : 'xml';
    const base = name.replace(/\.(xml|json|zip)(\.gz)?$/, '');
    const forms: Array<[string, Buffer]> = [
      [`${base}.${ext}`, body],
      [`${base}.${ext}.gz`, gzipSync(body)],
      [`${base}.zip`, zipOf(`${base}.${ext}`, body)],
      [`${base}.gz.zip`, zipOf(`${base}.${ext}.gz`, gzipSync(body))],
      [`${base}.eml`, messageOf(`${base}.${ext}.gz`, gzipSync(body), 'application/gzip')],
      [`${base}.mbox`, Buffer.concat([Buffer.from('From reporter@reporter.example Thu Nov 21 01:12:04 2024\n'), messageOf(`${base}.zip`, zipOf(`${base}.${ext}`, body), 'application/zip'), Buffer.from('\n')])],
    ];
    for (const [form, bytes] of forms) {
      const path = join(dir, form);
      writeFileSync(path, bytes);
      const { dmarc, tls, list } = await reports([path], { offline: true });
      expect(list.filter((r) => r.data.kind === 'file'), form).toEqual([]);
      if (ext === 'xml') expect(dmarc!.data.messages, form).toBe(messages);
      else expect(tls!.data.tls.length, form).toBe(1);
    }
  });
});

describe('hostile and broken input: a finding naming the file, and the others still read', () => {
  it.each([
    ['billion-laughs.xml', 'rep.doctype'],
    ['external-entity.xml', 'rep.doctype'],
    ['undefined-entity.xml', 'rep.xml'],
    ['truncated.xml', 'rep.xml'],
    ['path-traversal.zip', 'rep.bad-zip'],
    ['zip-bomb.zip', 'rep.bomb'],
    ['gzip-bomb.xml.gz', 'rep.bomb'],
    ['not-a-report.txt', 'rep.not-a-report'],
  ])('%s is refused: %s', async (name, code) => {
    const { list, dmarc, code: exit } = await reports([join(hostile, name), join(hostile, 'good.xml')], { offline: true });
    const refused = list.find((r) => r.data.kind === 'file')!;
    expect(refused.target).toBe(join(hostile, name));
    expect(refused.findings).toMatchObject([{ id: 'reports.unreadable', severity: 'warning', data: { reason: { code } } }]);
    expect(dmarc!.data.reports).toBe(1);
    expect(exit).toBe(1);
  });

  it('a zip with two reports: both read; the bombs cost bounded memory and time', async () => {
    const { dmarc } = await reports([join(hostile, 'two-members.zip')], { offline: true });
    expect(dmarc!.data.reports).toBe(2);
    // Every hostile file at once, in a process of its own: its peak memory stays bounded.
    const r = await spawnCli(['reports', hostile, '--offline', '--json'], { env: { NODE_OPTIONS: `--import=${rssHook()}` } });
    const kb = Number(r.stderr.match(/maxrss_kb=(\d+)/)?.[1]);
    expect(kb / 1024).toBeLessThan(200);
  });

  it('a gzip that claims little and inflates to gigabytes is stopped at the stated limit', async () => {
    const path = join(dir, 'huge.xml.gz');
    writeFileSync(path, gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 }));
    const { list } = await reports([path], { offline: true });
    expect(list[0]!.findings[0]!.data.reason).toMatchObject({ code: 'rep.bomb' });
  });

  it('no report at all: one line and exit 3; no input: a usage error', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = await runCli(['reports', empty, '--offline']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toEqual(['maildiag: no DMARC or TLS-RPT report found in the input']);
    const bad = await runCli(['reports', join(dir, 'missing.xml'), '--offline']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).not.toMatch(/at .*\.js/);
  });
});

describe('output', () => {
  it('text and Markdown draw the senders and sources; French too', async () => {
    const text = await runCli(['reports', good, '--resolver', dns.address]);
    expect(text.stdout).toMatch(/Who sends as the domain/);
    expect(text.stdout).toMatch(/│ SendGrid \(include:sendgrid\.net\)\s+│ 1\s+│ 1,612\s+│ 0 %\s+│ yours, NOT aligned/);
    const fr = await runCli(['reports', good, '--resolver', dns.address, '--lang', 'fr', '--format', 'markdown']);
    expect(fr.stdout).toMatch(/Qui envoie au nom du domaine/);
    expect(fr.stdout).toMatch(/le vôtre, NON aligné/);
  });

  it('CSV: one row per domain, with the senders and their verdicts', async () => {
    const copy = join(dir, 'one');
    mkdirSync(copy, { recursive: true });
    copyFileSync(file(`${GOOGLE}.zip`), join(copy, 'g.zip'));
    const r = await runCli(['reports', copy, '--resolver', dns.address, '--format', 'csv']);
    const [head, row] = r.stdout.trim().split('\r\n');
    expect(head).toMatch(/^target,status,errors,warnings,kind,first,last,reports,messages,dmarc_pass_share,senders,finding_ids,duration_ms$/);
    expect(row).toMatch(/^mairie-exemple\.fr,warn,0,\d,dmarc,2024-11-20T00:00:00\.000Z,2024-11-20T23:59:59\.000Z,1,1794,/);
    expect(row).toMatch(/SendGrid=not-aligned/);
  });

  it('--format jsonl: one row per record, TLS policy and failure, and unreadable file, each valid against docs/reports-row.schema.json', async () => {
    const rowSchema = JSON.parse(readFileSync(new URL('../../docs/reports-row.schema.json', import.meta.url), 'utf8'));
    const check = new Ajv({ strict: false }).compile(rowSchema);
    const r = await runCli(['reports', good, join(hostile, 'truncated.xml'), '--offline', '--format', 'jsonl']);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    for (const row of lines) expect(check(row) ? [] : check.errors, JSON.stringify(row).slice(0, 120)).toEqual([]);
    const count = (type: string) => lines.filter((l) => l.row_type === type).length;
    // 5 DMARC reports (the Google one given twice is written once): 5 + 2 + 1 + 2 + 1 records.
    expect([count('dmarc-record'), count('tls-policy'), count('tls-failure'), count('unreadable')]).toEqual([11, 2, 2, 1]);
    expect(lines.find((l) => l.row_type === 'dmarc-record' && l.file.includes('.eml'))?.file).toBe(`${file('google-report-message.eml')} > ${GOOGLE}.zip > ${GOOGLE}.xml`);
    expect(r.code).toBe(2);
  });

  it('--help lists the command', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/reports\s+DMARC and TLS-RPT reports/);
  });
});
