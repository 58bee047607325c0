/** inspect-headers over messages modelled on real ones, spawned as users run it. */
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { BIN, runCli } from '../helpers/cli.js';
import { rssHook } from '../helpers/rss.js';
import stringWidth from 'string-width';

const dir = mkdtempSync(join(tmpdir(), 'maildiag-headers-'));

/**
 * Root reads any file through two capabilities: as root, the permission test runs the CLI without them
 * (setpriv, from util-linux), so a mode-000 file is refused to it as to anyone.
 */
const withoutReadOverride = (args: string[]): [string, string[]] =>
  process.getuid?.() === 0 ? ['setpriv', ['--bounding-set', '-dac_override,-dac_read_search', process.execPath, ...args]] : [process.execPath, args];
const canTestPermissions = process.platform !== 'win32' && spawnSync(...withoutReadOverride([BIN, '--version'])).status === 0;
const fixture = (name: string) => `fixtures/messages/${name}`;

/** Every finding id any test here produced: the last test checks the catalogue is covered. */
const produced = new Set<string>();

async function inspect(args: string[], input?: string) {
  const r = await runCli(['inspect-headers', ...args, '--json'], input !== undefined ? { input } : {});
  const report = r.stdout ? JSON.parse(r.stdout) : undefined;
  for (const rep of report ? (Array.isArray(report) ? report : [report]) : []) for (const f of rep.findings) produced.add(f.id);
  return { ...r, report };
}
const ids = (report: { findings: Array<{ id: string }> }) => report.findings.map((f) => f.id);
/** The requirements findings (rule by rule), then one verdict per provider. */
const requirements = (rules: string[]) => [...rules, 'requirements.verdict', 'requirements.verdict', 'requirements.verdict'];

describe('real-world messages', () => {
  it.each([
    ['o365-inbound-invoice.eml', ['delivery.route', 'auth.dmarc-pass', 'ms.verdict'], 0],
    // Mail from a mailing platform shows the sender requirements unasked (X-SG-EID, List-Unsubscribe).
    ['gmail-from-sendgrid.eml', ['delivery.route', 'auth.dmarc-pass', 'auth.arc', ...requirements(['requirements.unknown', 'requirements.unknown'])], 0],
    // The newsletter's body has no unsubscribe link: a bulk rule, a warning without --bulk.
    ['postfix-newsletter-brevo.eml', ['delivery.route', 'auth.dmarc-pass', 'auth.not-aligned', ...requirements(['requirements.not-met', 'requirements.unknown', 'requirements.unknown'])], 1],
    ['exim-submission-private-hop.eml', ['delivery.route', 'auth.dkim-fail', 'auth.dmarc-pass'], 1],
    ['auto-forwarded.eml', ['delivery.route', 'auth.dmarc-pass', 'auth.not-aligned', 'auth.arc', 'forwarding.auto'], 0],
    ['inline-forward.eml', ['delivery.route', 'auth.dmarc-pass', 'forwarding.inline'], 1],
    ['resent-redirect.eml', ['headers.slow-hop', 'delivery.route', 'auth.dmarc-pass', 'auth.not-aligned', 'forwarding.auto'], 1],
    ['spoofed-dmarc-fail.eml', ['delivery.route', 'auth.spf-fail', 'auth.dmarc-fail'], 2],
    ['postfix-nat-submission.eml', ['delivery.route', 'auth.dmarc-pass'], 0],
    ['gmail-to-gmail.eml', ['delivery.route', 'auth.dmarc-pass'], 0],
    ['o365-to-o365.eml', ['delivery.route', 'auth.dmarc-pass'], 0],
    ['gateway-disagrees.eml', ['delivery.route', 'delivery.receiver-disagrees', 'auth.dmarc-pass'], 1],
    ['garbage-received.eml', ['headers.received-unparsed', 'delivery.route', 'auth.no-results'], 0],
    ['forward-encoded.eml', ['delivery.route', 'auth.no-results', 'forwarding.inline'], 1],
    ['forward-html-only.eml', ['delivery.route', 'auth.no-results', 'forwarding.inline'], 1],
    ['broken-headers.eml', ['headers.received-unparsed', 'headers.slow-hop', 'headers.clock-skew', 'headers.missing-date', 'headers.missing-message-id', 'delivery.route', 'auth.no-results'], 1],
  ])('%s', async (file, expected, code) => {
    const r = await inspect([fixture(file)]);
    expect(ids(r.report)).toEqual(expected);
    expect(r.code).toBe(code);
  });

  it('a bounce read by inspect-headers says to run maildiag bounce', async () => {
    const { report } = await inspect(['fixtures/bounces/postfix-dsn-user-unknown.eml']);
    expect(report.findings.find((f: { id: string }) => f.id === 'headers.is-bounce')).toMatchObject({ severity: 'info', data: { source: 'fixtures/bounces/postfix-dsn-user-unknown.eml' } });
    const plain = await inspect([fixture('o365-inbound-invoice.eml')]);
    expect(ids(plain.report)).not.toContain('headers.is-bounce');
  });

  it('Microsoft 365: the delivering relay is the first host outside Exchange Online, and the verdict is decoded', async () => {
    const { report } = await inspect([fixture('o365-inbound-invoice.eml')]);
    expect(report.data.delivering).toEqual({
      host: 'mail.facturation-exemple.fr',
      ip: '198.51.100.23',
      by: 'am4pepf00027a5f.mail.protection.outlook.com',
      decidedBy: 'trust boundary',
      receiverEvidence: { ip: '198.51.100.23', source: 'authentication-results', agrees: true },
    });
    expect(report.data.hops.map((h: { side: string }) => h.side)).toEqual(['before', 'handoff', 'receiver', 'receiver', 'receiver']);
    expect(report.data.origin).toEqual({ host: 'mail.facturation-exemple.fr', ip: '198.51.100.23', privateIp: false, decidedBy: 'oldest public hop' });
    expect(report.data.hops[0]).toMatchObject({ ip: '10.20.0.15', privateIp: true });
    expect(report.data.microsoft).toMatchObject({ scl: 1, bcl: 0, sfv: 'NSPM', cat: 'NONE', cip: '198.51.100.23' });
    expect(report.data.authResults[0].authservId).toBeNull();
  });

  it('Gmail: trusts its Authentication-Results written below its Received line, and explains alignment in one sentence', async () => {
    const { report } = await inspect([fixture('gmail-from-sendgrid.eml')]);
    expect(report.data.delivering.ip).toBe('167.89.105.22');
    // The sentence is worded from the alignment data, in the run's language (the data holds no prose).
    expect((await runCli(['inspect-headers', fixture('gmail-from-sendgrid.eml')])).stdout).toContain(
      'SPF passed for em4821.mairie-exemple.fr, aligned with mairie-exemple.fr (relaxed only); DKIM d=mairie-exemple.fr is aligned; DKIM d=sendgrid.info passed but is not aligned with mairie-exemple.fr; so DMARC passes.',
    );
    expect(report.data.alignment).not.toHaveProperty('explanation');
    expect(report.data.subject).toBe('Votre rendez-vous du 14 novembre est confirmé');
    // The SendGrid hop without ";" before its date still gets its time.
    expect(report.data.hops[0]).toMatchObject({ by: 'geopod-ismtpd-3', with: 'HTTP' });
    expect(report.data.hops[0].time).toBe(Date.parse('2024-11-12T09:15:32.987Z'));
  });

  it('ignores Authentication-Results written by the sending side', async () => {
    const { report } = await inspect([fixture('postfix-newsletter-brevo.eml')]);
    expect(report.data.untrustedAuthResults).toBe(1);
    expect(report.data.authResults.every((a: { authservId: string }) => a.authservId === 'mx1.mairie-exemple.fr')).toBe(true);
  });

  it('keeps header order as the truth and flags the clock, never re-sorting hops', async () => {
    const { report } = await inspect([fixture('broken-headers.eml')]);
    expect(report.data.hops.map((h: { by: string | null }) => h.by)).toEqual(['mx.relais-exemple.fr', null, 'mx.mairie-exemple.fr']);
    expect(report.data.hops[1].parsed).toBe(false);
  });
});

describe('--expect-relay and --expect-from answer yes or no', () => {
  it.each([
    [['--expect-relay', 'mail.facturation-exemple.fr', '--expect-from', 'factures@facturation-exemple.fr'], ['expect.relay-seen', 'expect.from-match'], 0],
    [['--expect-relay', '198.51.100.23', '--expect-from', 'facturation-exemple.fr'], ['expect.relay-seen', 'expect.from-match'], 0],
    [['--expect-relay', 'smtp.mairie-exemple.fr'], ['expect.relay-missing'], 2],
    [['--expect-from', 'notifications@mairie-exemple.fr'], ['expect.from-mismatch'], 2],
  ])('%j', async (args, expected, code) => {
    const r = await inspect([fixture('o365-inbound-invoice.eml'), ...args]);
    expect(ids(r.report).filter((id: string) => id.startsWith('expect.'))).toEqual(expected);
    expect(r.code).toBe(code);
  });
});

describe('--trusted moves the trust boundary', () => {
  it('names the relay after the trusted gateway as the delivering one', async () => {
    const { report } = await inspect([fixture('resent-redirect.eml'), '--trusted', 'cabinet-exemple.fr']);
    expect(report.data.delivering).toMatchObject({ host: 'mail.fournisseur-exemple.fr', ip: '192.0.2.210' });
  });
});

describe('input forms', () => {
  const headersOnly = readFileSync(fixture('spoofed-dmarc-fail.eml'), 'utf8').split('\n\n')[0]!;
  it.each([
    ['a header block pasted without a blank line', headersOnly],
    ['the same with CRLF line ends', headersOnly.replace(/\n/g, '\r\n')],
    ['unfolded long lines', headersOnly.replace(/\n\t/g, ' ')],
  ])('%s, on stdin', async (_name, input) => {
    const r = await inspect([], input);
    expect(ids(r.report)).toEqual(['delivery.route', 'auth.spf-fail', 'auth.dmarc-fail']);
  });

  it('reads a header field with 8-bit Latin-1 bytes without losing it', async () => {
    const file = join(dir, 'latin1.eml');
    writeFileSync(file, Buffer.concat([Buffer.from('From: '), Buffer.from('Andr\xe9 <andre@example.fr>', 'latin1'), Buffer.from('\nSubject: caf\xe9\nDate: Tue, 19 Nov 2024 10:00:00 +0100\nMessage-ID: <a@b>\n\n', 'latin1')]));
    const { report } = await inspect([file]);
    expect(report.data.from[0]).toMatchObject({ name: 'André', address: 'andre@example.fr' });
    expect(report.data.subject).toBe('café');
  });

  it.each([
    ['an empty file', Buffer.alloc(0), /empty/],
    ['binary junk', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), /binary/],
    ['a body with no headers', Buffer.from('\nBonjour,\nvoici le message.\n'), /no header fields/],
    ['plain prose', Buffer.from('Bonjour,\nvoici le message sans en-têtes.\nCordialement.\n'), /header field/],
  ])('%s: a clear finding and exit 3', async (_name, bytes, reason) => {
    const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.eml`);
    writeFileSync(file, bytes);
    const r = await inspect([file]);
    expect(ids(r.report)).toEqual(['input.not-a-message']);
    expect(r.report.findings[0].message).toMatch(reason);
    expect(r.code).toBe(3);
  });

  it.each([
    [['/nonexistent/message.eml'], /no such file/],
    [['/tmp'], /is a directory/],
  ])('%j: one line, exit 3', async (args, message) => {
    const r = await runCli(['inspect-headers', ...args]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a symbolic-link loop: one line, exit 3, for a message and for check-dns --file', async () => {
    const a = join(dir, 'loop-a');
    const b = join(dir, 'loop-b');
    symlinkSync(b, a);
    symlinkSync(a, b);
    for (const args of [['inspect-headers', a], ['check-dns', '--file', a]]) {
      const r = await runCli(args);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`maildiag: ${a}: symbolic link loop\n`);
    }
  });

  it.skipIf(!canTestPermissions)('a file without read permission: one line, exit 3 (as root too, without the capabilities that bypass it)', async () => {
    const file = join(dir, 'secret.eml');
    writeFileSync(file, 'From: a@b.example\n\n');
    chmodSync(file, 0o000);
    const r = spawnSync(...withoutReadOverride([BIN, 'inspect-headers', file]), { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    expect(r.status).toBe(3);
    expect(r.stderr).toBe(`maildiag: ${file}: permission denied\n`);
  });
});

describe('hostile and huge input', () => {
  it('escape sequences and bidi marks in headers never reach the terminal raw', async () => {
    for (const format of ['text', 'markdown', 'json']) {
      const r = await runCli(['inspect-headers', fixture('hostile-escapes.eml'), '--format', format], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
      const withoutOurColours = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    }
  });

  it('a 50 MB message: only the header block is read', async () => {
    const file = join(dir, 'large.eml');
    const header = readFileSync(fixture('o365-inbound-invoice.eml'), 'utf8').split('\n\n')[0]!;
    writeFileSync(file, `${header}\n\n${'A'.repeat(76)}\n`.padEnd(50 * 1024 * 1024, 'QUFBQUFBQUFBQUFBQUFB\n'));
    const t0 = performance.now();
    const r = await inspect([file]);
    expect(ids(r.report)).toContain('auth.dmarc-pass');
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('5,000 Received headers and a 1 MB header line: handled, never a crash', async () => {
    const file = join(dir, 'many.eml');
    const hops = Array.from({ length: 5000 }, (_, i) => `Received: from relay${i}.example.net (relay${i}.example.net [192.0.2.${i % 250}]) by relay${i + 1}.example.net (Postfix) with ESMTP id X${i}; Tue, 19 Nov 2024 10:00:00 +0100`).join('\n');
    writeFileSync(file, `${hops}\nX-Long: ${'x'.repeat(1024 * 1024)}\nFrom: a@example.net\nDate: Tue, 19 Nov 2024 10:00:00 +0100\nMessage-ID: <a@example.net>\n\nbody\n`);
    const r = await inspect([file]);
    expect(r.report.data.hops).toHaveLength(5000);
    expect(r.code).toBeLessThan(3);
  });
});

describe('mbox', () => {
  it('one report per message, detected by its "From " line, with a summary table in text', async () => {
    const file = join(dir, 'archive.mbox');
    const msgs = ['o365-inbound-invoice.eml', 'spoofed-dmarc-fail.eml', 'inline-forward.eml'].map((f) => readFileSync(fixture(f), 'utf8'));
    writeFileSync(file, msgs.map((m, i) => `From MAILER-DAEMON Tue Nov 19 10:0${i}:00 2024\n${m.replace(/^From /gm, '>From ')}\n`).join(''));
    const { report, code } = await inspect([file]);
    expect(report.map((r: { target: string }) => r.target)).toEqual([`${file}#1`, `${file}#2`, `${file}#3`]);
    expect(report[1].findings.map((f: { id: string }) => f.id)).toContain('auth.dmarc-fail');
    expect(code).toBe(2);
    const text = await runCli(['inspect-headers', file]);
    expect(text.stdout).toMatch(/Summary/);
    expect(text.stdout.split('\n').filter((l) => /^[123] {2,}/.test(l))).toHaveLength(3);
    expect(text.stdout).toMatch(/^3 targets checked: 1 PASS, 1 WARN, 1 FAIL, 0 COULD NOT CHECK$/m);
    expect(text.stdout).toMatch(/FAIL/);
    expect(text.stdout).not.toContain('Route, oldest hop first');
  });
});

describe('the mbox summary table', () => {
  it('keeps its columns aligned in terminal columns when subjects are Japanese or emoji', async () => {
    const file = join(dir, 'wide.mbox');
    const b64 = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
    // ✅, a family (7 code points) and a flag (2 regional indicators) are each 2 columns; a combining accent is 0.
    const subjects = ['Facture de novembre', b64('請求書のお知らせ 🧾 月末'), b64('🧾🧾'), 'Rappel rendez-vous', b64('✅ Paiement reçu'), b64('👨‍👩‍👧‍👦 Famille'), b64('🇫🇷 Mairie'), b64('Cafe\u0301 du marché')];
    writeFileSync(file, subjects.map((subject, i) => `From MAILER-DAEMON Tue Nov 19 10:0${i}:00 2024\nFrom: a@mairie-exemple.fr\nSubject: ${subject}\nDate: Tue, 19 Nov 2024 10:00:00 +0100\n\nbody\n`).join(''));
    const r = await runCli(['inspect-headers', file]);
    const rows = r.stdout.split('\n').filter((l) => /^[1-8]  /.test(l));
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((l) => stringWidth(l.slice(0, l.lastIndexOf('WARN')))))).toHaveLength(1);
  });
});

describe('an inline forward is confirmed from the first MB of the body, read once', () => {
  const forward = () => readFileSync(fixture('inline-forward.eml'), 'utf8');

  it('a FIFO with a "TR:" subject is opened once and confirmed (a second open waited forever)', async () => {
    const fifo = join(dir, 'forward.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, 'inspect-headers', fifo, '--json'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    // One writer, once: as a shell's `cat message.eml > fifo` would.
    await new Promise<void>((resolve, reject) => {
      const w = createWriteStream(fifo);
      w.on('error', reject);
      w.end(forward(), () => resolve());
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(code).not.toBeNull();
    expect(JSON.parse(stdout).data.forwarding.kind).toBe('inline');
  });

  it('a 300 MB "Fwd:" message on standard input: confirmed, in bounded memory, without reading it all', async () => {
    const head = forward();
    let sent = 0;
    const filler = `${'x'.repeat(1023)}\n`.repeat(1024);
    const body = new Readable({
      read() {
        if (sent === 0) this.push(head.replace(/^--------------b0undary42--\s*$/m, ''));
        if (sent >= 300 * 1024 * 1024) return this.push(null);
        sent += filler.length;
        this.push(filler);
      },
    });
    const child = spawn(process.execPath, [BIN, 'inspect-headers', '-', '--json'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', NODE_OPTIONS: `--import=${rssHook()}` } });
    child.stdin.on('error', () => {});
    body.pipe(child.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    body.destroy();
    expect([0, 1, 2]).toContain(code);
    expect(JSON.parse(stdout).data.forwarding.evidence).toContain('the body quotes "-------- Message transféré --------"');
    expect(stderr.replace(/maxrss_kb=\d+\n/, '')).toBe('');
    expect(Number(stderr.match(/maxrss_kb=(\d+)/)?.[1]) / 1024).toBeLessThan(200);
    expect(sent).toBeLessThan(100 * 1024 * 1024);
  }, 60_000);

  it('a 1 GB "TR:" message file: confirmed from its first MB, peak RSS under 200 MB (it read the whole file)', async () => {
    const file = join(dir, 'huge-forward.eml');
    writeFileSync(file, forward().replace(/^--------------b0undary42--\s*$/m, ''));
    // Sparse: a gigabyte of body that costs no disk.
    truncateSync(file, 1024 ** 3);
    const child = spawn(process.execPath, [BIN, 'inspect-headers', file, '--json'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', NODE_OPTIONS: `--import=${rssHook()}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([0, 1, 2]).toContain(code);
    expect(stderr.replace(/maxrss_kb=\d+\n/, '')).toBe('');
    expect(JSON.parse(stdout).data.forwarding.evidence).toContain('the body quotes "-------- Message transféré --------"');
    expect(Number(stderr.match(/maxrss_kb=(\d+)/)?.[1]) / 1024).toBeLessThan(200);
  }, 60_000);
});

describe('a header block too large to be a message', () => {
  it('is read up to 4 MB and said so', async () => {
    const file = join(dir, 'huge-header.eml');
    writeFileSync(file, `From: a@example.net\nX-Junk: ${'y'.repeat(5 * 1024 * 1024)}\n\nbody\n`);
    const r = await inspect([file]);
    expect(ids(r.report)).toContain('headers.too-large');
  });
});

describe('coverage of the catalogue', () => {
  it('every inspect-headers finding id is produced by a test above (auth.verify-result by verify.test.ts)', async () => {
    const { catalogue } = await import('../../src/core/catalogue/index.js');
    const headerIds = Object.keys(catalogue).filter((id) => /^(input|headers|delivery|auth|ms|forwarding|expect)\./.test(id) && id !== 'auth.verify-result');
    expect(headerIds.filter((id) => !produced.has(id))).toEqual([]);
  });
});
