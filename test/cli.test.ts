/** The real bin, spawned as users run it: exit codes, formats, schema, errors, terminal safety. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZoneFixture, startDnsServer, type DnsTestServer } from './helpers/dns-server.js';
import { allDnsFixtures } from './helpers/fixtures.js';
import { runCli } from './helpers/cli.js';

const schema = JSON.parse(readFileSync(new URL('../docs/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

let dns: DnsTestServer;
beforeAll(async () => {
  dns = await startDnsServer({ zone: loadZoneFixture(...allDnsFixtures()) });
});
afterAll(() => dns.close());

const tmp = mkdtempSync(join(tmpdir(), 'maildiag-cli-'));
const viaTestDns = () => ['--resolver', dns.address, '--timeout', '3'];

describe('check-dns: the sender given as the domain', () => {
  it('user@domain keeps its local part for SPF (%{l}); --sender and --helo are used', async () => {
    const r = await runCli(['check-dns', 'factures@user.spf-macros.example', '--ip', '192.0.2.26', '--only', 'spf', '--json', ...viaTestDns()]);
    expect(JSON.parse(r.stdout).data.ips[0]).toMatchObject({ result: 'pass', sender: 'factures@user.spf-macros.example' });
    const h = await runCli(['check-dns', 'ehlo.spf-macros.example', '--ip', '192.0.2.25', '--helo', 'out.relay-exemple.fr', '--sender', 'x@ehlo.spf-macros.example', '--only', 'spf', '--json', ...viaTestDns()]);
    expect(JSON.parse(h.stdout).data.ips[0]).toMatchObject({ result: 'pass', helo: 'out.relay-exemple.fr', sender: 'x@ehlo.spf-macros.example' });
  });
});

describe('exit codes follow the report status', () => {
  it.each([
    [0, 'pass', ['check-dns', 'mairie-exemple.fr']],
    [1, 'warn', ['check-dns', 'facturation-exemple.fr']],
    [2, 'fail', ['check-dns', 'eleven.spf-limits.example']],
  ])('exit %i for a %s report', async (code, status, args) => {
    const r = await runCli([...args, ...viaTestDns(), '--json']);
    expect(r.code).toBe(code);
    expect(JSON.parse(r.stdout).status).toBe(status);
  });

  it('exit 3 when no DNS answer comes at all, with a finding that says so', async () => {
    dns.setFault('*', 'refused');
    try {
      const r = await runCli(['check-dns', 'mairie-exemple.fr', ...viaTestDns(), '--json']);
      expect(r.code).toBe(3);
      const report = JSON.parse(r.stdout);
      expect(report.status).toBe('error');
      expect(report.findings[0].id).toBe('dns.no-answer');
    } finally {
      dns.setFault('*', undefined);
    }
  });

  it.each([
    [['check-dns', '--bogus']],
    [['check-dns']],
    [['check-dns', 'not a domain!']],
    [['check-dns', 'example.fr', '--resolver', 'dns.google']],
    [['check-dns', 'example.fr', '--ip', '300.1.1.1']],
    [['check-dns', 'example.fr', '--timeout', 'soon']],
    [['check-dns', 'example.fr', '--expect-cname', 'nothing']],
    [['check-dns', 'example.fr', '--zone-file', '/nonexistent/zone']],
    [['check-dns', '--file', '/nonexistent/list']],
    [['check-dns', '--file', '/tmp']],
    [['check-dns', 'example.fr', '--format', 'yaml']],
    [['check-dns', 'example.fr', '--timeout', '0']],
    [['inspect-headers', '--mbox', '/dev/null']],
    [['frobnicate']],
    [['smtp-test']],
  ])('%j: one clean line on stderr, exit 3, nothing on stdout', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^maildiag: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  describe('invalid UTF-8 and NUL bytes in every kind of input', () => {
    const bad = (name: string, bytes: Buffer) => {
      const path = join(tmp, name);
      writeFileSync(path, bytes);
      return path;
    };
    const junk = Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]);
    it.each([
      ['a domain list (--file)', () => ['check-dns', '--file', bad('domains.txt', Buffer.concat([Buffer.from('mairie-exemple.fr\n'), junk, Buffer.from('bad\n')])), ...viaTestDns()], /domains\.txt:2: ".*" is not a valid domain name/],
      ['an SMTP config (--config)', () => ['smtp-test', '--config', bad('accounts.json', Buffer.concat([Buffer.from('{"accounts":[{"name":"'), junk, Buffer.from('","host":"127.0.0.1"}]}')])), '--all'], /--config: .*accounts\.json is not valid JSON/],
      ['a zone file (--zone-file)', () => ['check-dns', 'x.example', '--zone-file', bad('x.zone', Buffer.concat([Buffer.from('$ORIGIN x.example.\n@ SOA ns1 hostmaster 1 2 3 4 5\n'), junk, Buffer.from(' junk\n')])), ...viaTestDns()], /x\.zone:3: /],
      ['an --expect file', () => ['check-dns', 'x.example', '--expect', bad('expect.json', Buffer.concat([Buffer.from('['), junk, Buffer.from(']')])), ...viaTestDns()], /--expect: .*expect\.json is not valid JSON/],
    ])('%s: one line naming the place, exit 3', async (_name, args, message) => {
      const r = await runCli(args());
      expect(r.code).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    });

    it('a message: NUL bytes are input.not-a-message (exit 3); invalid UTF-8 alone is read as Latin-1 and analysed', async () => {
      const withNul = await runCli(['inspect-headers', bad('nul.eml', Buffer.concat([Buffer.from('From: a@mairie-exemple.fr\nSubject: '), junk, Buffer.from('\n\nbody\n')])), '--json']);
      expect(withNul.code).toBe(3);
      expect(JSON.parse(withNul.stdout).findings[0]).toMatchObject({ id: 'input.not-a-message' });
      const latin = await runCli(['inspect-headers', bad('latin.eml', Buffer.concat([Buffer.from('From: "Caf'), Buffer.from([0xe9, 0xff]), Buffer.from('" <a@mairie-exemple.fr>\nTo: b@example.net\nSubject: facture\nDate: Tue, 19 Nov 2024 10:00:00 +0100\n\nbody\n')])), '--json']);
      expect(latin.code).toBeLessThan(3);
      expect(JSON.parse(latin.stdout).data.from[0]).toMatchObject({ address: 'a@mairie-exemple.fr', name: 'Caf\u00e9\u00ff' });
    });
  });

  it('inspect-headers on an empty pipe: a finding that says so, exit 3', async () => {
    const r = await runCli(['inspect-headers', '--json'], { input: '' });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).findings[0]).toMatchObject({ id: 'input.not-a-message', message: expect.stringContaining('the input is empty'), data: { reason: { code: 'input.empty' } } });
  });

  it('a reader that closes the pipe early gets no stack trace', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('./helpers/cli.js');
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check-dns --help | head -1`], { encoding: 'utf8' });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
  });

  it('reports a zone-file syntax error with file and line', async () => {
    const r = await runCli(['check-dns', 'example.fr', '--zone-file', 'fixtures/dns/../../package.json']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/package\.json:\d+:/);
  });
});

describe('JSON output', () => {
  it('is one document matching docs/report.schema.json, with the areas in data', async () => {
    const r = await runCli(['check-dns', 'mairie-exemple.fr', '--ip', '212.146.241.127', '--expect-cname', 'em4821=u4821.wl022.sendgrid.net', ...viaTestDns(), '--json']);
    const report = JSON.parse(r.stdout);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(Object.keys(report.data)).toEqual(expect.arrayContaining(['spf', 'dmarc', 'dkim', 'mx', 'expected', 'ips']));
    expect(report).toMatchObject({ tool: 'maildiag', command: 'check-dns', target: 'mairie-exemple.fr' });
  });

  it('prints an array for several targets, each valid', async () => {
    const r = await runCli(['check-dns', 'mairie-exemple.fr', 'keys.example', 'eleven.spf-limits.example', ...viaTestDns(), '--format', 'json']);
    const reports = JSON.parse(r.stdout);
    expect(validate(reports), JSON.stringify(validate.errors)).toBe(true);
    expect(reports.map((x: { target: string }) => x.target)).toEqual(['mairie-exemple.fr', 'keys.example', 'eleven.spf-limits.example']);
    expect(r.code).toBe(2);
  });

  it('reads domains from stdin with --file -, skipping comments, and normalises IDNs and case', async () => {
    const r = await runCli(['check-dns', '--file', '-', ...viaTestDns(), '--json'], { input: '# sender domains\nMairie-Exemple.FR.\n\nfacturation-exemple.fr # invoices\nmairie-exemple.fr\n' });
    expect(JSON.parse(r.stdout).map((x: { target: string }) => x.target)).toEqual(['mairie-exemple.fr', 'facturation-exemple.fr']);
  });

  it('converts an IDN to its ASCII form', async () => {
    const r = await runCli(['check-dns', 'mairie-exémple.fr', ...viaTestDns(), '--json']);
    expect(JSON.parse(r.stdout).target).toBe('xn--mairie-exmple-jhb.fr');
  });

  it('escapes control and bidi characters from hostile records', async () => {
    const r = await runCli(['check-dns', 'hostile.example', ...viaTestDns(), '--json']);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(r.stdout).data.spf.record).toContain('\u001b[2J');
  });
});

describe('--expect', () => {
  it('checks every record of a provider file and reports what each points at', async () => {
    const r = await runCli(['check-dns', 'facturation-exemple.fr', '--expect', 'fixtures/expect/sendgrid-facturation.json', ...viaTestDns(), '--json']);
    const expected = JSON.parse(r.stdout).data.expected.map((e: { name: string; status: string }) => `${e.name} ${e.status}`);
    expect(expected).toEqual([
      'em4821.facturation-exemple.fr present',
      's1._domainkey.facturation-exemple.fr mismatch',
      's2._domainkey.facturation-exemple.fr missing',
      '_dmarc.facturation-exemple.fr present',
    ]);
    expect(r.code).toBe(2);
  });

  it.each([
    ['{ not json', /not valid JSON/],
    ['{"records": [{"type": "SRV", "name": "x", "value": "y"}]}', /type "SRV"/],
    ['{"records": [{"type": "CNAME", "name": "x"}]}', /needs a "value"/],
  ])('rejects a bad file (%s) with one line and exit 3', async (content, message) => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'maildiag-expect-')), 'expect.json');
    writeFileSync(file, content);
    const r = await runCli(['check-dns', 'facturation-exemple.fr', '--expect', file, ...viaTestDns()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('text and Markdown output', () => {
  it('text ends with the verdict and carries no colour under NO_COLOR', async () => {
    const r = await runCli(['check-dns', 'facturation-exemple.fr', ...viaTestDns()]);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^⚠ facturation-exemple\.fr: WARN \(1 warning/);
    expect(r.stdout).toContain('dmarc.no-reports');
  });

  it('FORCE_COLOR turns colour on, --no-color wins over it', async () => {
    const forced = await runCli(['check-dns', 'facturation-exemple.fr', ...viaTestDns()], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const off = await runCli(['check-dns', 'facturation-exemple.fr', ...viaTestDns(), '--no-color'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(off.stdout).not.toContain('\u001b[');
  });

  it('never lets a hostile record drive the terminal', async () => {
    for (const format of ['text', 'markdown']) {
      const r = await runCli(['check-dns', 'hostile.example', ...viaTestDns(), '--format', format], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
      // Our own colours are SGR sequences "ESC [ digits m"; nothing else may reach the terminal.
      const withoutOurColours = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
      expect(withoutOurColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      // Shown as visible escapes (Markdown escapes their backslash and bracket once more).
      expect(withoutOurColours).toMatch(/\\+x1B\\?\[2J/);
      expect(withoutOurColours).toMatch(/\\+u\{202E\}/);
    }
  });

  it('Markdown is a ticket-ready report', async () => {
    const r = await runCli(['check-dns', 'facturation-exemple.fr', ...viaTestDns(), '--format', 'markdown']);
    expect(r.stdout).toMatch(/^## maildiag check-dns: `facturation-exemple\.fr` — WARN/);
    expect(r.stdout).toContain('### DMARC');
    expect(r.stdout).toContain('| Tag | Value | Meaning |');
    expect(r.stdout).toContain('`dmarc.no-reports`');
    expect(r.stdout).toContain('*What to do:*');
  });
});

describe('help and the README quick start', () => {
  it.each([['check-dns'], ['smtp-test'], ['inspect-headers']])('%s --help shows examples and exits 0', async (cmd) => {
    const r = await runCli([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`maildiag ${cmd}`);
  });

  it('--help documents the exit codes; --version prints the version', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0 {2}every check passed[\s\S]*3 {2}the check could not be run/);
    const v = await runCli(['--version']);
    const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
    expect(v.stdout.trim()).toBe(version);
    const { spawnCli } = await import('./helpers/cli.js');
    for (const flag of ['--version', '-V']) expect(await spawnCli([flag])).toMatchObject({ stdout: `${version}\n`, code: 0 });
  });

  it.each([['--help'], ['--version'], ['check-dns', '--help']])('%s loads no heavy module', async (...args) => {
    const hook = new URL('./helpers/record-imports.mjs', import.meta.url).pathname;
    const { spawnSync } = await import('node:child_process');
    const { readFileSync } = await import('node:fs');
    const { fileURLToPath } = await import('node:url');
    const { BIN } = await import('./helpers/cli.js');
    const r = spawnSync(process.execPath, ['--import', hook, BIN, ...args], { encoding: 'utf8' });
    const imported = JSON.parse(r.stderr.match(/imported:(.*)/)![1]!) as string[];
    // --version alone answers from package.json in bin/maildiag.js: the CLI is not even loaded.
    expect(imported.some((u) => u.endsWith('/dist/cli.js'))).toBe(args[0] !== '--version');
    // Packages loaded from node_modules, and packages bundled into the dist chunks that were loaded
    // (esbuild marks each bundled module with a "// node_modules/<pkg>/..." comment).
    const heavy = /node_modules\/(nodemailer|mailparser|mailauth|libmime|chalk|cli-table3|ora|tldts)\//;
    const external = imported.filter((u) => heavy.test(u));
    const bundled = imported
      .filter((u) => u.includes('/dist/'))
      .flatMap((u) => readFileSync(fileURLToPath(u), 'utf8').match(new RegExp(`^// ${heavy.source}`, 'gm')) ?? []);
    expect([...external, ...bundled]).toEqual([]);
  });

  it('a text report to a pipe loads neither chalk nor string-width (nothing to paint, every character narrow); the French wording only in French', async () => {
    const hook = new URL('./helpers/record-imports.mjs', import.meta.url).pathname;
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('./helpers/cli.js');
    const file = new URL('../fixtures/messages/o365-inbound-invoice.eml', import.meta.url).pathname;
    const imported = (lang: string) => {
      const r = spawnSync(process.execPath, ['--import', hook, BIN, 'inspect-headers', file, '--lang', lang], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
      expect(r.stdout).toMatch(/Route, oldest hop first|Trajet, du plus ancien/);
      return JSON.parse(r.stderr.match(/imported:(.*)/)![1]!) as string[];
    };
    const en = imported('en');
    expect(en.filter((u) => /node_modules\/(chalk|string-width)\//.test(u) || /\/dist\/localize-/.test(u))).toEqual([]);
    expect(imported('fr').some((u) => /\/dist\/localize-/.test(u))).toBe(true);
  });

  it('the quick start runs offline: every answer comes from the example zone', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const line = readme.match(/^\s*(npx maildiag check-dns .*--zone-file fixtures\/example\/.*)$/m)?.[1];
    expect(line, 'README quick start command').toBeDefined();
    const args = line!.replace(/^npx maildiag /, '').split(/\s+/);
    // Port 9 on loopback has no server: any query that left the zone file would fail and show.
    const r = await runCli([...args, '--resolver', '127.0.0.1:9', '--timeout', '2', '--json']);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { id: string }) => f.id)).not.toContain('dns.query-failed');
    expect(r.code).toBe(1);
  });
});
