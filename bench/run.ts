/**
 * npm run bench: speed as ratios against baselines measured in the same run, never asserted.
 *  - start-up: `maildiag --version` and `--help` next to bare `node -e 0` (target within 1.5x)
 *  - check-dns, one domain with a 3-level include chain at 20 ms per query, next to the floor of
 *    dependency depth x 20 ms (target under 1.5x the floor, plus start-up)
 *  - check-dns over 1,000 domains from --file at 20 ms per query (target over 200 domains/s), peak RSS
 *  - inspect-headers: a 50 MB .eml and a 10,000-message mbox, each next to mailparser's simpleParser over
 *    the same input (targets: 20x faster; over 10,000 messages/s), and one message next to node -e 0 (< 2x)
 *  - reports: 10,000 gzipped DMARC reports in a directory, next to reading, gunzipping and parsing them
 *    with saxes alone (target within 1.5x, peak RSS under 150 MB)
 *  - smtp-test: a full probe (connect, STARTTLS, AUTH, MAIL, RCPT, RSET) next to the bare minimum to the
 *    same server (connect, greeting, EHLO, STARTTLS, TLS handshake) (target under 2x)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseZone } from '../src/dns/zonefile.js';
import net from 'node:net';
import tls from 'node:tls';
import { loadZoneFixture, startDnsServer } from '../test/helpers/dns-server.js';
import { makeCa, makeServerCert } from '../test/helpers/certs.js';
import { startSmtpServer } from '../test/helpers/smtp-server.js';
import { rssHook } from '../test/helpers/rss.js';
import { probeSmtp, type ProbeOptions } from '../src/smtp/probe.js';
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';

const BIN = fileURLToPath(new URL('../bin/maildiag.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'maildiag-bench-'));
// Prints the child's own peak resident memory on exit (VmHWM on Linux: see test/helpers/rss.ts), so the bench can read it from stderr.
const RSS_HOOK = rssHook();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeSync(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    times.push(performance.now() - t0);
    if (r.status !== 0 && !args.includes('-e')) throw new Error(`${args.join(' ')} exited ${r.status}`);
  }
  return median(times);
}

function runCli(args: string[], nodeOptions: string[] = []): Promise<{ ms: number; code: number | null; stdout: string; maxRssMb: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeOptions, '--import', RSS_HOOK, BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const kb = Number(stderr.match(/maxrss_kb=(\d+)/)?.[1] ?? 0);
      resolve({ ms: performance.now() - t0, code, stdout, maxRssMb: kb / 1024 });
    });
  });
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

async function startup() {
  const runs = 21;
  timeSync(['-e', '0'], 3); // warm the file cache
  const bare = timeSync(['-e', '0'], runs);
  const version = timeSync([BIN, '--version'], runs);
  const help = timeSync([BIN, '--help'], runs);
  console.log('start-up (median of %d runs)', runs);
  console.log(`  node -e 0            ${fmt(bare)}   baseline`);
  console.log(`  maildiag --version   ${fmt(version)}   ${ratio(version, bare)}   (target <= 1.20x)`);
  console.log(`  maildiag --help      ${fmt(help)}   ${ratio(help, bare)}`);
  return { bare, version };
}

async function oneDomain(bare: number, ownStartup: number) {
  const latency = 20;
  const dns = await startDnsServer({ zone: loadZoneFixture('dns/spf-limits.zone', 'dns/providers.zone'), latencyMs: latency });
  try {
    // Depth of the longest chain of dependent queries: TXT root -> l1 -> l2 -> l3 (DMARC, MX, DKIM are shallower).
    const depth = 4;
    const floor = depth * latency;
    const times: number[] = [];
    for (let i = 0; i < 7; i++) times.push((await runCli(['check-dns', 'chain.spf-limits.example', '--resolver', dns.address, '--json'])).ms);
    const wall = median(times);
    console.log(`check-dns, one domain, 3-level include chain, ${latency} ms per query (median of 7)`);
    console.log(`  floor (depth ${depth} x ${latency} ms)   ${fmt(floor)}`);
    console.log(`  floor + start-up        ${fmt(floor + bare)}   baseline`);
    console.log(`  maildiag check-dns      ${fmt(wall)}   ${ratio(wall, floor + bare)} of floor + bare node (target < 1.50x)`);
    console.log(`                                     ${ratio(wall, floor + ownStartup)} of floor + maildiag --version (${fmt(ownStartup)})`);
  } finally {
    await dns.close();
  }
}

/** --ip's added queries (PTR, the name back, one per blocklist and its test points) go out at once. */
async function sendingIp() {
  const latency = 20;
  const dns = await startDnsServer({ zone: loadZoneFixture('dns/sending-ip.zone', 'dns/blocklists.zone'), latencyMs: latency });
  try {
    const base = ['check-dns', 'sending-ip.example', '--ip', '198.51.100.10', '--resolver', dns.address, '--json'];
    const withLists: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < 7; i++) {
      withLists.push((await runCli(base)).ms);
      without.push((await runCli([...base, '--skip', 'dnsbl'])).ms);
    }
    console.log(`check-dns, one domain, one --ip, ${latency} ms per query (median of 7, interleaved)`);
    console.log(`  --skip dnsbl            ${fmt(median(without))}   baseline`);
    console.log(`  with the blocklists     ${fmt(median(withLists))}   ${ratio(median(withLists), median(without))}   (target <= 1.20x)`);
  } finally {
    await dns.close();
  }
}

async function manyDomains(count: number, concurrency?: number, streamed = false, extra: string[] = [], nodeOptions: string[] = [], loss = 0): Promise<{ ms: number; maxRssMb: number }> {
  const latency = 20;
  const lines = ['$ORIGIN bench.example.', '$TTL 300', '@ SOA ns1 hostmaster 1 3600 600 1209600 300'];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = `d${i}`;
    names.push(`${d}.bench.example`);
    lines.push(`${d} TXT "v=spf1 include:_spf.google.com ip4:192.0.2.${i % 250} -all"`, `${d} MX 10 aspmx.l.google.com.`, `_dmarc.${d} TXT "v=DMARC1; p=quarantine; rua=mailto:dmarc@${d}.bench.example"`);
  }
  const zone = parseZone(lines.join('\n'));
  const providers = loadZoneFixture('dns/providers.zone');
  const dns = await startDnsServer({ zone: { apexes: [...zone.apexes, ...providers.apexes], records: [...zone.records, ...providers.records] }, latencyMs: latency });
  dns.setLoss(loss);
  const file = join(tmp, `domains-${count}.txt`);
  writeFileSync(file, names.join('\n'));
  try {
    const out = join(tmp, `results-${count}.jsonl`);
    const args = ['check-dns', '--file', file, '--resolver', dns.address, ...(streamed ? ['--format', 'jsonl', '--output', out] : ['--json']), ...(concurrency ? ['--concurrency', String(concurrency)] : []), ...extra];
    const r = await runCli(args, nodeOptions);
    const reports = (streamed ? readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : JSON.parse(r.stdout)) as Array<{ findings: Array<{ id: string }> }>;
    const done = reports.length;
    // A question that got no answer at all shows as dns.query-failed in its domain's report.
    const failed = reports.filter((x) => x.findings.some((f) => f.id === 'dns.query-failed')).length;
    const perSecond = (done / r.ms) * 1000;
    console.log(`check-dns --file, ${count} domains, ${latency} ms per query${loss ? `, ${loss * 100}% of UDP queries lost` : ''}${concurrency ? `, --concurrency ${concurrency}` : ', default concurrency'}${streamed ? ', --format jsonl --output' : ', --json'}${extra.length ? ` ${extra.join(' ')}` : ''}${nodeOptions.length ? ` (node ${nodeOptions.join(' ')})` : ''}`);
    const target = concurrency === 200 ? ' (target >= 500/s, peak RSS < 150 MB)' : !concurrency && !loss ? ' (target >= 400/s)' : '';
    console.log(`  ${fmt(r.ms)} wall, ${perSecond.toFixed(0)} domains/s${target}, ${done} of ${count} results (${failed} with a failed query), ${dns.log.length} queries, peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    return { ms: r.ms, maxRssMb: r.maxRssMb };
  } finally {
    await dns.close();
  }
}

/** The least a client must do before it could log in: TCP, greeting, EHLO, STARTTLS, TLS handshake. */
function bareStartTls(port: number, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const s = net.connect(port, '127.0.0.1');
    let buf = '';
    let step = 0;
    s.on('error', reject);
    s.on('data', (d) => {
      buf += d;
      if (!/^\d{3} .*\r\n$/m.test(buf.split('\r\n').slice(-2).join('\r\n'))) return;
      buf = '';
      if (step === 0) s.write('EHLO bench.example\r\n');
      else if (step === 1) s.write('STARTTLS\r\n');
      else if (step === 2) {
        s.removeAllListeners('data');
        const t = tls.connect({ socket: s, servername: 'localhost', ca }, () => {
          resolve(performance.now() - t0);
          t.destroy();
        });
        t.on('error', reject);
      }
      step++;
    });
  });
}

async function smtpProbe() {
  const ca = await makeCa();
  const cert = await makeServerCert({ names: ['localhost', '127.0.0.1'], ca });
  const server = await startSmtpServer({ mode: 'starttls', cert, users: { 'app@bench.example': 'bench-password' } });
  try {
    const runs = 25;
    const opts: ProbeOptions = {
      host: '127.0.0.1',
      port: server.port,
      security: 'starttls' as const,
      credential: { method: 'password' as const, user: 'app@bench.example', password: 'bench-password' },
      from: 'app@bench.example',
      send: false,
      servername: 'localhost',
      ca: ca.cert,
      insecure: false,
      requireTls: false,
      allowCleartextAuth: false,
      timeoutMs: 5000,
      version: 'bench',
    };
    await probeSmtp(opts); // loads nodemailer once, as one CLI run would
    await bareStartTls(server.port, ca.cert);
    const bare: number[] = [];
    const full: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await bareStartTls(server.port, ca.cert));
      const t0 = performance.now();
      const r = await probeSmtp(opts);
      full.push(performance.now() - t0);
      if (!r.recipient?.accepted) throw new Error(`probe did not get through: ${JSON.stringify(r.failure)}`);
    }
    console.log(`smtp-test probe vs bare connect + STARTTLS handshake, same server (median of ${runs})`);
    console.log(`  TCP + greeting + EHLO + STARTTLS + TLS   ${fmt(median(bare))}   baseline`);
    console.log(`  full probe (+ AUTH, MAIL, RCPT, RSET)    ${fmt(median(full))}   ${ratio(median(full), median(bare))}   (target < 2.00x)`);
  } finally {
    await server.close();
  }
}

/** smtp-test as a whole process against swaks (Debian package swaks), both STARTTLS + AUTH + RCPT on one server. */
async function smtpVsSwaks() {
  const { execFileSync } = await import('node:child_process');
  let swaks = '';
  try {
    swaks = execFileSync('sh', ['-c', 'command -v swaks'], { encoding: 'utf8' }).trim();
  } catch {
    console.log('smtp-test vs swaks: swaks is not installed (apt-get install swaks): line skipped');
    return;
  }
  const ca = await makeCa();
  const cert = await makeServerCert({ names: ['localhost', '127.0.0.1'], ca });
  const server = await startSmtpServer({ mode: 'starttls', cert, users: { 'app@bench.example': 'bench-password' } });
  const caFile = join(tmp, 'bench-ca.pem');
  writeFileSync(caFile, ca.cert);
  process.env.BENCH_SMTP_PASSWORD = 'bench-password';
  try {
    const runs = 11;
    const ours = ['smtp-test', '--host', '127.0.0.1', '--port', String(server.port), '--security', 'starttls', '--servername', 'localhost', '--ca', caFile, '--user', 'app@bench.example', '--password-env', 'BENCH_SMTP_PASSWORD', '--from', 'app@bench.example', '--json'];
    const theirs = ['--server', `127.0.0.1:${server.port}`, '--tls', '--auth', 'PLAIN', '--auth-user', 'app@bench.example', '--auth-password', 'bench-password', '--from', 'app@bench.example', '--to', 'app@bench.example', '--quit-after', 'RCPT'];
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await runCli(ours);
      const report = JSON.parse(r.stdout) as { findings: Array<{ id: string; severity: string }> };
      if (r.code !== 0 && r.code !== 1) throw new Error(`smtp-test did not pass (${r.code}): ${report.findings.filter((f) => f.severity !== "ok").map((f) => f.id).join(", ")}`);
      a.push(r.ms);
      // Spawned, not spawnSync: the server answering swaks lives in this process's event loop.
      const t0 = performance.now();
      const status = await new Promise<number | null>((done) => spawn(swaks, theirs, { stdio: 'ignore' }).on('close', done));
      if (status !== 0) throw new Error(`swaks failed (${status})`);
      b.push(performance.now() - t0);
    }
    console.log(`smtp-test vs swaks, STARTTLS + AUTH + RCPT, whole processes (median of ${runs}, interleaved)`);
    console.log(`  swaks                                    ${fmt(median(b))}   baseline`);
    console.log(`  maildiag smtp-test                       ${fmt(median(a))}   ${ratio(median(a), median(b))}   (target <= 1.50x)`);
  } finally {
    await server.close();
  }
}

// `npm run bench -- fleet` (or startup, domain, headers, smtp) runs one group only.
const only = process.argv[2];
const want = (group: string) => !only || only === group;
const { bare, version } = await startup();
if (want('domain')) {
  await oneDomain(bare, version);
  await sendingIp();
}
if (want('fleet')) {
  const lossless = await manyDomains(1000);
  const lossy = await manyDomains(1000, undefined, false, [], [], 0.02);
  console.log(`  2% loss: ${ratio(lossy.ms, lossless.ms)} of the lossless run (target <= 1.30x)`);
  // Fleets: streamed output, memory flat whatever the count (targets: > 500/s at --concurrency 200, < 150 MB,
  // 1,000 and 10,000 domains within 20% of each other), with no heap cap.
  const small = await manyDomains(1000, 200, true);
  const large = await manyDomains(10_000, 200, true);
  console.log(`  peak RSS, 10,000 vs 1,000 domains: ${ratio(large.maxRssMb, small.maxRssMb)} (target <= 1.20x)`);
}
/**
 * maildiag reports over 10,000 gzipped DMARC reports in a directory (--offline: no DNS), next to a bare
 * process that only reads, gunzips and parses the same files with saxes, receiving the elements and their
 * text as any reader of the values must (the floor of the work), and doing nothing with them.
 */
async function manyReports() {
  const { gzipSync } = await import('node:zlib');
  const { mkdirSync } = await import('node:fs');
  const dir = join(tmp, 'reports');
  mkdirSync(dir);
  const count = 10_000;
  for (let i = 0; i < count; i++) {
    const domain = `commune${i % 40}.example.fr`;
    const records = Array.from({ length: 8 }, (_, j) => {
      const ip = `198.51.${(i + j) % 200}.${j * 7 + 1}`;
      const pass = j % 3 !== 0;
      return `<record><row><source_ip>${ip}</source_ip><count>${(i % 50) + j + 1}</count><policy_evaluated><disposition>none</disposition><dkim>${pass ? 'pass' : 'fail'}</dkim><spf>${pass ? 'pass' : 'fail'}</spf></policy_evaluated></row><identifiers><header_from>${domain}</header_from></identifiers><auth_results><dkim><domain>${pass ? domain : 'sendgrid.info'}</domain><selector>s1</selector><result>pass</result></dkim><spf><domain>${domain}</domain><result>${pass ? 'pass' : 'softfail'}</result></spf></auth_results></record>`;
    }).join('\n');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<feedback><report_metadata><org_name>reporter${i % 7}.example</org_name><email>dmarc@reporter.example</email><report_id>${i}</report_id><date_range><begin>${1732060800 + (i % 30) * 86400}</begin><end>${1732147199 + (i % 30) * 86400}</end></date_range></report_metadata><policy_published><domain>${domain}</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><pct>100</pct></policy_published>\n${records}\n</feedback>\n`;
    writeFileSync(join(dir, `reporter${i % 7}.example!${domain}!${i}.xml.gz`), gzipSync(xml));
  }
  const floor = join(tmp, 'reports-floor.mjs');
  writeFileSync(
    floor,
    `import { readdirSync, readFileSync } from 'node:fs';\nimport { gunzipSync } from 'node:zlib';\nimport { createRequire } from 'node:module';\nconst { SaxesParser } = createRequire(${JSON.stringify(fileURLToPath(new URL('../package.json', import.meta.url)))})('saxes');\nlet n = 0;\nfor (const f of readdirSync(process.argv[2])) { const p = new SaxesParser({ xmlns: true }); p.on('opentag', () => n++); p.on('text', (t) => (n += t.length)); p.on('closetag', () => n++); p.write(gunzipSync(readFileSync(process.argv[2] + '/' + f)).toString('utf8')).close(); }\nconsole.log(n);\n`,
  );
  const runs = 3;
  const ours: number[] = [];
  const theirs: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [floor, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
    theirs.push(performance.now() - t0);
    const r = await runCli(['reports', dir, '--offline', '--json']);
    if (r.code === 3) throw new Error('maildiag reports could not run');
    ours.push(r.ms);
    rss = Math.max(rss, r.maxRssMb);
  }
  console.log(`reports, ${count} gzipped DMARC reports in a directory (median of ${runs}, whole process)`);
  console.log(`  read + gunzip + saxes, nothing else      ${fmt(median(theirs))}   baseline (the floor)`);
  console.log(`  maildiag reports --offline --json        ${fmt(median(ours))}   ${ratio(median(ours), median(theirs))}   (target <= 1.50x), peak RSS ${rss.toFixed(0)} MB (target < 150 MB)`);
}

async function inspectHeaders(bare: number) {
  const sample = readFileSync(new URL('../fixtures/messages/o365-inbound-invoice.eml', import.meta.url), 'utf8');
  const header = sample.split('\n\n')[0]!;
  // 50 MB: a message with a large base64 attachment, as an invoice PDF or a scan would be.
  const big = join(tmp, 'large.eml');
  const line = `${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3'}\n`;
  const attachment = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
  writeFileSync(
    big,
    `${header.replace('Content-Type: text/plain; charset=utf-8', 'Content-Type: multipart/mixed; boundary="b1"')}\n\n--b1\nContent-Type: text/plain; charset=utf-8\n\nVoir la pièce jointe.\n--b1\nContent-Type: application/pdf; name="scan.pdf"\nContent-Transfer-Encoding: base64\n\n${attachment}--b1--\n`,
  );
  const runs = 5;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push((await runCli(['inspect-headers', big, '--json'])).ms);
    const t0 = performance.now();
    await simpleParser(readFileSync(big));
    theirs.push(performance.now() - t0);
  }
  // The same work in process, without Node's start-up: read the header block, analyse, check.
  const { readHeaderBlock } = await import('../src/headers/read.js');
  const { inspectMessage } = await import('../src/headers/inspect.js');
  const { decoders } = await import('../src/headers/decoders.js');
  const d = await decoders();
  const inProcess: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const raw = await readHeaderBlock(big, process.stdin, false);
    await inspectMessage(raw, { relays: [], trusted: [] }, d, undefined, t0, () => performance.now());
    inProcess.push(performance.now() - t0);
  }
  console.log(`inspect-headers, one 50 MB message (median of ${runs})`);
  console.log(`  simpleParser (in process)                ${fmt(median(theirs))}   baseline`);
  console.log(`  maildiag, same work in process           ${fmt(median(inProcess))}   ${(median(theirs) / median(inProcess)).toFixed(0)}x faster (target >= 20x)`);
  console.log(`  maildiag inspect-headers (whole CLI)     ${fmt(median(ours))}   ${(median(theirs) / median(ours)).toFixed(1)}x faster, Node's start-up included`);

  const mbox = join(tmp, 'archive.mbox');
  const messages = ['o365-inbound-invoice.eml', 'gmail-from-sendgrid.eml', 'postfix-newsletter-brevo.eml', 'auto-forwarded.eml'].map((f) =>
    readFileSync(new URL(`../fixtures/messages/${f}`, import.meta.url), 'utf8').replace(/^From /gm, '>From '),
  );
  const count = 10_000;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`From MAILER-DAEMON Tue Nov 19 10:00:00 2024\n${messages[i % messages.length]}\n`);
  writeFileSync(mbox, parts.join(''));
  const r = await runCli(['inspect-headers', '--mbox', mbox, '--json']);
  const rows = (JSON.parse(r.stdout) as unknown[]).length;
  const t0 = performance.now();
  for (const m of parts) await simpleParser(m);
  const sp = performance.now() - t0;
  console.log(`inspect-headers --mbox, ${count} messages`);
  console.log(`  simpleParser over each message           ${fmt(sp)}   ${((count / sp) * 1000).toFixed(0)} messages/s   baseline`);
  console.log(`  maildiag inspect-headers --mbox --json   ${fmt(r.ms)}   ${((rows / r.ms) * 1000).toFixed(0)} messages/s (target >= 15000/s), ${(sp / r.ms).toFixed(1)}x, peak RSS ${r.maxRssMb.toFixed(0)} MB`);

  const one = fileURLToPath(new URL('../fixtures/messages/gmail-from-sendgrid.eml', import.meta.url));
  const single = timeSync([BIN, 'inspect-headers', one, '--json'], 15);
  console.log(`inspect-headers, one message (median of 15)`);
  console.log(`  node -e 0                                ${fmt(bare)}   baseline`);
  console.log(`  maildiag inspect-headers message.eml     ${fmt(single)}   ${ratio(single, bare)}   (target <= 1.50x)`);
}

if (want('headers')) await inspectHeaders(bare);
if (want('reports')) await manyReports();
if (want('smtp')) {
  await smtpProbe();
  await smtpVsSwaks();
}