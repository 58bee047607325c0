/** smtp-test against real smtp-server instances and raw-socket faults on 127.0.0.1. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { makeCa, makeServerCert, type TestCert } from '../helpers/certs.js';
import { BIN, runCli as cliRun, type CliResult } from '../helpers/cli.js';
import { hasScript } from '../helpers/terminal.js';
import { startBlackHole, startFaultServer, type Fault } from '../helpers/fault-server.js';
import { startSmtpServer, type SmtpTestOptions, type SmtpTestServer } from '../helpers/smtp-server.js';
import { loadZoneFixture, startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';

const USER = 'app@mairie-exemple.fr';
const PASSWORD = 'Tr0ub4dor&3-maildiag';
const dir = mkdtempSync(join(tmpdir(), 'maildiag-smtp-'));
let ca: TestCert;
let caFile: string;
const servers: Array<{ close(): Promise<void> }> = [];
let dns: DnsTestServer;

beforeAll(async () => {
  ca = await makeCa();
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.cert);
  dns = await startDnsServer({ zone: loadZoneFixture('dns/large-txt.zone') });
});
afterAll(async () => {
  await Promise.all([...servers.map((s) => s.close()), dns.close()]);
});

async function server(opts: Partial<SmtpTestOptions> & { cert?: TestCert | 'trusted' }): Promise<SmtpTestServer> {
  const cert = opts.cert === 'trusted' || opts.cert === undefined ? await makeServerCert({ names: ['localhost', '127.0.0.1'], ca }) : opts.cert;
  const s = await startSmtpServer({ mode: 'starttls', users: { [USER]: PASSWORD }, ...opts, cert });
  servers.push(s);
  return s;
}

async function smtpTest(port: number, extra: string[] = [], env: Record<string, string> = {}): Promise<CliResult & { report: any }> {
  const args = ['smtp-test', '--host', 'localhost', '--port', String(port), '--user', USER, '--password-env', 'SMTP_PASSWORD', '--from', USER, '--ca', caFile, '--timeout', '2', '--json', ...extra];
  const r = await runCli(args, { env: { SMTP_PASSWORD: PASSWORD, ...env } });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}

const ids = (report: any) => report.findings.map((f: { id: string }) => f.id);

/** Every finding id any test here produced: the last test checks the catalogue is covered. */
const produced = new Set<string>();
/** Every JSON document any test here printed is checked against docs/report.schema.json (the last tests). */
const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8')));
const schemaErrors: unknown[] = [];
async function runCli(args: string[], opts: Parameters<typeof cliRun>[1] = {}): Promise<CliResult> {
  const r = await cliRun(args, opts);
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    return r; /* not JSON output */
  }
  if (!validate(json)) schemaErrors.push({ args: args.join(' '), errors: validate.errors });
  for (const rep of (Array.isArray(json) ? json : [json]) as Array<{ findings: Array<{ id: string }> }>) for (const f of rep.findings) produced.add(f.id);
  return r;
}

// Cases that wait on their own server run at once (describe.concurrent); those with tight time bounds run alone.
describe.concurrent('a working account', () => {
  it('implicit TLS (465 style): every step passes, exit 0', async () => {
    const s = await server({ mode: 'implicit' });
    const r = await smtpTest(s.port, ['--security', 'tls']);
    expect(ids(r.report)).toEqual(['smtp.tls-ok', 'smtp.auth-ok', 'smtp.sender-accepted', 'smtp.recipient-accepted']);
    expect(r.code).toBe(0);
    expect(r.report.data.phases.map((p: { name: string }) => p.name)).toEqual(['dns', 'connect', 'tls', 'greeting', 'ehlo', 'auth', 'mail', 'rcpt']);
    expect(r.report.data.tls).toMatchObject({ mode: 'implicit', trusted: true, hostnameMatch: true, altNames: ['localhost', '127.0.0.1'] });
    expect(s.messages).toHaveLength(0);
  });

  it('STARTTLS (587 style): AUTH listed before TLS is a warning, the rest passes', async () => {
    const s = await server({ mode: 'starttls' });
    const r = await smtpTest(s.port);
    expect(ids(r.report)).toEqual(['smtp.tls-ok', 'smtp.auth-cleartext', 'smtp.auth-ok', 'smtp.sender-accepted', 'smtp.recipient-accepted']);
    expect(r.report.data.ehlo.extensions).toEqual(expect.arrayContaining(['PIPELINING', '8BITMIME', 'SMTPUTF8', 'SIZE 10485760']));
    expect(r.report.data.ehloPlain.starttls).toBe(true);
    expect(r.code).toBe(1);
  });

  it('--send delivers one test message with a unique Message-ID and reports the queue id', async () => {
    const s = await server({ mode: 'implicit' });
    const r = await smtpTest(s.port, ['--security', 'tls', '--to', 'agent@example.net', '--send']);
    expect(ids(r.report)).toContain('smtp.message-accepted');
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.message-accepted');
    expect(f.data.queueId).toMatch(/^TEST\d+$/);
    expect(s.messages).toHaveLength(1);
    expect(s.messages[0]!.raw).toContain(`Message-ID: ${f.data.messageId}`);
    expect(s.messages[0]!.raw).toMatch(/X-Mailer: maildiag\//);
  });
});

describe.concurrent('each failure, at its phase, with its finding', () => {
  it.each<[string, Partial<SmtpTestOptions> & { cert?: TestCert | 'trusted' }, string[], string, number]>([
    ['wrong password', { mode: 'implicit' }, ['--security', 'tls'], 'smtp.auth-failed', 2],
    ['sender not owned by the login (refused at MAIL FROM)', { mode: 'implicit', senders: { [USER]: ['other@mairie-exemple.fr'] } }, ['--security', 'tls'], 'smtp.sender-rejected', 2],
    ['sender refused only at RCPT TO, as Postfix does', { mode: 'implicit', senders: { [USER]: ['other@mairie-exemple.fr'] }, senderCheckAtRcpt: true }, ['--security', 'tls'], 'smtp.sender-rejected', 2],
    ['relay denied', { mode: 'implicit', relayDomains: ['mairie-exemple.fr'] }, ['--security', 'tls', '--to', 'citizen@example.net'], 'smtp.recipient-rejected', 2],
    ['SendAsDenied after DATA, as Microsoft 365 does', { mode: 'implicit', senders: { [USER]: ['other@mairie-exemple.fr'] }, sendAsDeniedAfterData: true }, ['--security', 'tls', '--send'], 'smtp.sender-rejected', 2],
    ['no TLS at all on a plain server', { mode: 'plain' }, [], 'smtp.starttls-missing', 2],
    ['--require-tls on a plain server', { mode: 'plain' }, ['--require-tls'], 'smtp.tls-required', 2],
    ['a server without AUTH', { mode: 'implicit', users: undefined }, ['--security', 'tls'], 'smtp.auth-unsupported', 2],
  ])('%s: %s', async (_name, serverOpts, extra, id, code) => {
    const s = await server(serverOpts);
    const r = await smtpTest(s.port, [...extra, ...(_name === 'wrong password' ? [] : [])], _name === 'wrong password' ? { SMTP_PASSWORD: 'not-the-password' } : {});
    expect(ids(r.report)).toContain(id);
    expect(r.code).toBe(code);
  });

  it('tells the sender from the recipient when Postfix refuses at RCPT TO', async () => {
    const s = await server({ mode: 'implicit', senders: { [USER]: ['other@mairie-exemple.fr'] }, senderCheckAtRcpt: true });
    const r = await smtpTest(s.port, ['--security', 'tls']);
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.sender-rejected');
    expect(f.data).toMatchObject({ command: 'RCPT TO', code: '553', from: USER, user: USER });
    expect(f.hint).toMatch(/Reply-To/);
    expect(ids(r.report)).not.toContain('smtp.recipient-rejected');
  });

  it.each<[string, string, string, string | null]>([
    ['Microsoft 365, basic authentication off for the tenant', '535 5.7.139 Authentication unsuccessful, basic authentication is disabled. [PR3P191CA0023.EURP191.PROD.OUTLOOK.COM]', 'smtp.auth-basic-disabled', null],
    ['Microsoft 365, basic authentication removed', '550 5.7.30 Basic authentication is not supported for Client Submission.', 'smtp.auth-basic-disabled', null],
    ['Microsoft 365, SMTP AUTH off for the tenant', '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.', 'smtp.auth-failed', 'm365-smtp-auth-disabled'],
    ['Microsoft 365, wrong credentials', '535 5.7.3 Authentication unsuccessful [AM0PR02CA0123.eurprd02.prod.outlook.com]', 'smtp.auth-failed', 'm365-bad-credentials'],
    ['Google, app password required', '534-5.7.9 Application-specific password required. For more information, go to\r\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor a1-20020a170906.1 - gsmtp', 'smtp.auth-failed', 'google-app-password'],
    ['Google, credentials not accepted', '535-5.7.8 Username and Password not accepted. For more information, go to\r\n535 5.7.8  https://support.google.com/mail/?p=BadCredentials b2-20020a170906.2 - gsmtp', 'smtp.auth-failed', 'google-bad-credentials'],
    ['Google, STARTTLS first', '530 5.7.0 Must issue a STARTTLS command first. c3-20020a170906.3 - gsmtp', 'smtp.auth-failed', 'encryption-required'],
    ['Google, too many login attempts', '454-4.7.0 Too many login attempts, please try again later. For more information, go to\r\n454 4.7.0  https://support.google.com/mail/answer/7126229 d4-20020a170906.4 - gsmtp', 'smtp.auth-failed', 'temporary'],
  ])('a provider refuses the login: %s', async (_name, replyText, id, cause) => {
    const { startAuthReplyServer } = await import('../helpers/fault-server.js');
    const f = await startAuthReplyServer(replyText.replace(/\\r\\n/g, '\r\n'));
    servers.push(f);
    const r = await smtpTest(f.port, ['--allow-cleartext-auth', '--timeout', '2']);
    const found = r.report.findings.find((x: { id: string }) => x.id === id);
    expect(found).toBeDefined();
    if (cause) expect(found.data.cause).toBe(cause);
    expect(found.hint).toBeTruthy();
  });

  it('gives the known Microsoft 365 cause for 535 5.7.139', async () => {
    const { authCause } = await import('../../src/smtp/check.js');
    expect(authCause({ code: '535', enhanced: '5.7.139', text: '5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.' })).toBe('m365-smtp-auth-disabled');
    expect(authCause({ code: '534', enhanced: '5.7.9', text: '5.7.9 Application-specific password required.' })).toBe('google-app-password');
    expect(authCause({ code: '535', enhanced: '5.7.8', text: '5.7.8 Error: authentication failed' })).toBe('credentials');
  });
});

describe.concurrent('a credential never travels on an unencrypted session', () => {
  const after = (commands: string[], verb: string) => commands.slice(commands.findIndex((c) => c.toUpperCase().startsWith(verb)) + 1);

  it('--require-tls on a server that offers AUTH but no STARTTLS: nothing after EHLO but QUIT', async () => {
    const s = await server({ mode: 'plain' });
    const r = await smtpTest(s.port, ['--require-tls']);
    expect(ids(r.report)).toEqual(['smtp.starttls-missing', 'smtp.tls-required', 'smtp.auth-cleartext']);
    expect(r.code).toBe(2);
    await new Promise((done) => setTimeout(done, 100));
    expect(s.commands.map((c) => c.split(' ')[0]!.toUpperCase())).toEqual(['EHLO', 'QUIT']);
    expect(r.report.data.auth).toMatchObject({ user: USER, ok: false, withheld: 'require-tls' });
  });

  it('without --require-tls: the login is not sent, the step is shown as skipped, with a hint', async () => {
    const s = await server({ mode: 'plain' });
    const r = await smtpTest(s.port);
    expect(ids(r.report)).toEqual(['smtp.starttls-missing', 'smtp.auth-cleartext', 'smtp.auth-cleartext-blocked']);
    expect(r.code).toBe(2);
    await new Promise((done) => setTimeout(done, 100));
    expect(s.commands.some((c) => /^AUTH\b/i.test(c))).toBe(false);
    expect(after(s.commands, 'EHLO').map((c) => c.split(' ')[0])).toEqual(['QUIT']);
    expect(r.report.data.phases.find((p: { name: string }) => p.name === 'auth')).toMatchObject({ ok: false, skipped: true });
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.auth-cleartext-blocked');
    expect(f.hint).toMatch(/--security starttls/);
    const text = await runCli(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--user', USER, '--password-env', 'P', '--timeout', '2'], { env: { P: PASSWORD } });
    expect(text.stdout).toMatch(/auth\s+│?\s*not sent \(no encryption\)/);
  });

  it('--allow-cleartext-auth: the login is sent, and warned about', async () => {
    const s = await server({ mode: 'plain' });
    const r = await smtpTest(s.port, ['--allow-cleartext-auth']);
    expect(ids(r.report)).toEqual(['smtp.starttls-missing', 'smtp.auth-cleartext', 'smtp.auth-ok', 'smtp.sender-accepted', 'smtp.recipient-accepted']);
    expect(s.commands.some((c) => /^AUTH PLAIN/i.test(c))).toBe(true);
  });

  it('--security none without --allow-cleartext-auth asks for no password (none could be sent)', async () => {
    const s = await server({ mode: 'plain' });
    const r = await runCli(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'none', '--user', USER, '--from', USER, '--json', '--timeout', '2']);
    expect(ids(JSON.parse(r.stdout))).toContain('smtp.auth-cleartext-blocked');
    expect(s.commands.some((c) => /^AUTH\b/i.test(c))).toBe(false);
  });

  it('STARTTLS offered, then refused with 454: said so with the reply, the step failed, the login not sent', async () => {
    const f = await startFaultServer('starttls-454');
    servers.push(f);
    const r = await smtpTest(f.port);
    expect(ids(r.report)).toContain('smtp.starttls-refused');
    expect(ids(r.report)).not.toContain('smtp.starttls-missing');
    expect(ids(r.report)).not.toContain('smtp.auth-unsupported');
    expect(ids(r.report)).toContain('smtp.auth-cleartext-blocked');
    expect(r.report.findings.find((x: { id: string }) => x.id === 'smtp.starttls-refused').data).toMatchObject({ code: '454', reply: '4.7.0 TLS not available due to local problem' });
    expect(r.report.data.phases.find((p: { name: string }) => p.name === 'starttls')).toMatchObject({ ok: false });
  });

  it('a STARTTLS server still gets the login, over TLS only', async () => {
    const s = await server({ mode: 'starttls' });
    const r = await smtpTest(s.port);
    expect(ids(r.report)).toContain('smtp.auth-ok');
    const order = s.commands.map((c) => c.split(' ')[0]!.toUpperCase());
    expect(order.indexOf('STARTTLS')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('AUTH')).toBeGreaterThan(order.indexOf('STARTTLS'));
  });
});

describe.concurrent('no value can write commands of its own into the session', () => {
  const injected = 'app@mairie-exemple.fr>\r\nRCPT TO:<victim@example.net>\r\nDATA\r\nSubject: injected\r\n\r\nhello\r\n.\r\nQUIT';

  it.each([
    ['--from', ['--from', injected]],
    ['--to', ['--to', 'victim@example.net>\r\nRSET']],
    ['--ehlo-name', ['--ehlo-name', 'app.example.fr\r\nMAIL FROM:<x@example.fr>']],
    ['--servername', ['--servername', 'smtp.example.fr\nx']],
  ])('%s with CR/LF: one line, exit 3, and the server never hears from us', async (_option, extra) => {
    const s = await server({ mode: 'implicit' });
    const r = await runCli(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'tls', '--user', USER, '--password-env', 'P', '--from', USER, '--ca', caFile, '--timeout', '2', ...extra], { env: { P: PASSWORD } });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nothing was sent/);
    expect(r.stderr).toContain(_option);
    expect(s.commands).toEqual([]);
    expect(s.messages).toEqual([]);
  });

  it('an accounts file\'s "from" with CR/LF is refused before any profile connects', async () => {
    const s = await server({ mode: 'implicit' });
    const file = join(dir, 'injected-accounts.json');
    writeFileSync(file, JSON.stringify({ profiles: [{ name: 'ok', host: 'localhost', port: s.port, security: 'tls', user: USER, passwordEnv: 'P', from: USER, default: true }, { name: 'evil', host: 'localhost', port: s.port, security: 'tls', user: USER, passwordEnv: 'P', from: injected }] }));
    const r = await runCli(['smtp-test', '--config', file, '--all', '--ca', caFile, '--json'], { env: { P: PASSWORD } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/profile evil: "from"/);
    expect(s.commands).toEqual([]);
  });

  it('the protocol layer refuses a command line with CR or LF even when no check ran before it', async () => {
    const s = await server({ mode: 'implicit' });
    const { probeSmtp } = await import('../../src/smtp/probe.js');
    const probe = await probeSmtp({ host: 'localhost', port: s.port, security: 'tls', credential: { method: 'password', user: USER, password: PASSWORD }, from: injected, send: false, ca: ca.cert, insecure: false, requireTls: false, allowCleartextAuth: false, timeoutMs: 2000, version: 'test' });
    await new Promise((done) => setTimeout(done, 100));
    expect(probe.failure?.message).toMatch(/refused to send a command containing CR, LF or NUL/);
    expect(s.commands.some((c) => /^(RCPT|DATA)/i.test(c))).toBe(false);
    expect(s.commands.some((c) => /^MAIL/i.test(c))).toBe(false);
    expect(s.messages).toEqual([]);
  });
});

describe.concurrent('certificates', () => {
  it.each<[string, () => Promise<TestCert>, string[], string[], number]>([
    ['self-signed: stops before AUTH', () => makeServerCert({ names: ['localhost'] }), [], ['smtp.cert-untrusted'], 2],
    ['self-signed with --insecure: reported, then goes on', () => makeServerCert({ names: ['localhost'] }), ['--insecure'], ['smtp.cert-untrusted', 'smtp.auth-ok', 'smtp.sender-accepted', 'smtp.recipient-accepted'], 1],
    ['expired', () => makeServerCert({ names: ['localhost'], ca, validFromDays: -400, validToDays: -3 }), [], ['smtp.cert-expired'], 2],
    ['expiring in 5 days', () => makeServerCert({ names: ['localhost'], ca, validToDays: 5 }), [], ['smtp.cert-expiring', 'smtp.tls-ok', 'smtp.auth-ok', 'smtp.sender-accepted', 'smtp.recipient-accepted'], 1],
    ['for another name', () => makeServerCert({ names: ['mail.other-provider.example'], ca }), [], ['smtp.cert-hostname-mismatch'], 2],
  ])('%s', async (_name, cert, extra, expected, code) => {
    const s = await server({ mode: 'implicit', cert: await cert() });
    const r = await smtpTest(s.port, ['--security', 'tls', ...extra]);
    expect(ids(r.report)).toEqual(expected);
    expect(r.code).toBe(code);
    if (!extra.includes('--insecure') && code === 2) expect(r.report.data.auth).toBeUndefined();
  });

  it('TLS 1.1 is reported as outdated, not a failure to connect', async () => {
    const s = await server({ mode: 'implicit', minVersion: 'TLSv1', maxVersion: 'TLSv1.1' });
    const r = await smtpTest(s.port, ['--security', 'tls']);
    expect(ids(r.report)).toContain('smtp.tls-outdated');
    expect(r.report.data.tls.protocol).toBe('TLSv1.1');
  });
});

describe('SSL/TLS mode and port', () => {
  it('implicit TLS spoken to a STARTTLS port: says the port speaks plain SMTP', async () => {
    const s = await server({ mode: 'starttls' });
    const r = await smtpTest(s.port, ['--security', 'tls']);
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.tls-mode-mismatch');
    expect(f.data).toMatchObject({ speaks: 'plain SMTP', use: '--security starttls' });
  });

  it('STARTTLS spoken to an implicit-TLS port: says the port speaks TLS, within the timeout', async () => {
    const s = await server({ mode: 'implicit' });
    const t0 = performance.now();
    const r = await smtpTest(s.port, ['--security', 'starttls', '--timeout', '1']);
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.tls-mode-mismatch');
    expect(f.data).toMatchObject({ speaks: 'implicit TLS', use: '--security tls' });
    expect(performance.now() - t0).toBeLessThan(6000);
  });
});

describe('faults end within the timeout, with the phase named', () => {
  /** One fault server, one session at --timeout 1: the finding, the exit code, within the bound. */
  async function fault(name: Fault, id: string, code: number, expect: ExpectStatic): Promise<void> {
    const f = await startFaultServer(name);
    servers.push(f);
    const t0 = performance.now();
    // The fault servers speak plain SMTP: the login reaches them only when allowed in clear.
    const r = await smtpTest(f.port, ['--timeout', '1', '--allow-cleartext-auth']);
    expect(performance.now() - t0).toBeLessThan(6000);
    expect(ids(r.report)).toContain(id);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }

  // Each of these waits on its own server's silence or refusal: they run at once.
  it.concurrent.for<[Fault, string, number]>([
    ['silent', 'smtp.greeting-timeout', 3],
    ['greet-then-hang', 'smtp.connection-lost', 2],
    ['drop-during-tls', 'smtp.tls-failed', 2],
    ['garbage', 'smtp.protocol-error', 3],
    ['busy-421', 'smtp.greeting-refused', 3],
    ['close-after-auth', 'smtp.connection-lost', 2],
    ['no-crlf', 'smtp.greeting-timeout', 3],
  ])('%s: %s, exit %i', ([name, id, code], { expect }) => fault(name, id, code, expect));

  // These stream data as fast as they can: the client must read a whole over-long reply within the
  // second, so they run one at a time (run among the others, a busy CPU made the read miss it).
  it.each<[Fault, string, number]>([
    ['huge-line', 'smtp.protocol-error', 3],
    ['endless-continuation', 'smtp.protocol-error', 3],
  ])('%s: %s, exit %i', (name, id, code) => fault(name, id, code, expect));

  it.concurrent.for<[Fault, string]>([
    ['drip-ehlo', 'ehlo'],
    ['drip-auth', 'auth'],
  ])('%s (a continuation line now and then, forever): cut at its step within the timeout', async ([fault, step], { expect }) => {
    const f = await startFaultServer(fault);
    servers.push(f);
    const t0 = performance.now();
    const r = await smtpTest(f.port, ['--timeout', '1', '--allow-cleartext-auth']);
    expect(performance.now() - t0).toBeLessThan(2 * 1000 + 1500);
    const lost = r.report.findings.find((x: { id: string }) => x.id === 'smtp.connection-lost');
    expect(lost.data.phase).toBe(step);
    expect(lost.data.reason).toMatch(/no complete reply/);
  });

  it('a silent server ends within the stated bound, the TLS check included', async () => {
    const f = await startFaultServer('silent');
    servers.push(f);
    const t0 = performance.now();
    const r = await smtpTest(f.port, ['--timeout', '2']);
    expect(ids(r.report)).toContain('smtp.greeting-timeout');
    // 2 s for the greeting, 1 s at most to see whether the port waits for TLS (it took 2 s more, 4.5 s in all).
    expect(performance.now() - t0).toBeLessThan(2000 + 1000 + 800);
  });

  it('Ctrl-C ends a hung session at once, with its report', async () => {
    const f = await startFaultServer('drip-ehlo');
    servers.push(f);
    const child = spawn(process.execPath, [BIN, 'smtp-test', '--host', '127.0.0.1', '--port', String(f.port), '--timeout', '30', '--json'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    await new Promise((done) => setTimeout(done, 1500));
    const t0 = performance.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(code).not.toBeNull();
    expect(JSON.parse(stdout).findings.map((x: { id: string }) => x.id)).toContain('smtp.connection-lost');
  });

  it('a connect that never completes: smtp.connect-timeout naming port 25 advice, exit 3', async () => {
    const hole = await startBlackHole();
    servers.push(hole);
    const t0 = performance.now();
    const r = await smtpTest(hole.port, ['--timeout', '1']);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(ids(r.report)).toEqual(['smtp.connect-timeout']);
    expect(r.code).toBe(3);
  });

  it('connection refused: exit 3', async () => {
    const f = await startFaultServer('silent');
    await f.close();
    const r = await smtpTest(f.port);
    expect(ids(r.report)).toEqual(['smtp.connect-refused']);
    expect(r.code).toBe(3);
  });

  it('unknown host through --resolver: smtp.dns-failed, exit 3', async () => {
    const r = await runCli(['smtp-test', '--host', 'smtp.nowhere.big.example', '--resolver', dns.address, '--json']);
    expect(JSON.parse(r.stdout).findings.map((x: { id: string }) => x.id)).toEqual(['smtp.dns-failed']);
    expect(r.code).toBe(3);
  });
});

describe.concurrent('bad input: one line, exit 3', () => {
  it.each([
    [['smtp-test']],
    [['smtp-test', '--host', 'localhost', '--port', '99999']],
    [['smtp-test', '--host', 'localhost', '--security', 'ssl']],
    [['smtp-test', '--host', 'localhost', '--user', 'u', '--password-env', 'NOT_SET_ANYWHERE']],
    [['smtp-test', '--host', 'localhost', '--user', 'u']],
    [['smtp-test', '--host', 'localhost', '--ca', '/nonexistent.pem']],
    [['smtp-test', '--config', '/nonexistent.json', '--all']],
  ])('%j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('hostile server replies never reach the terminal raw', () => {
  it('escapes, a bare CR and bidi overrides in the greeting, EHLO and a 535 are shown as visible escapes', async () => {
    const f = await startFaultServer('hostile-replies');
    servers.push(f);
    for (const format of ['text', 'markdown']) {
      const r = await cliRun(['smtp-test', '--host', '127.0.0.1', '--port', String(f.port), '--security', 'none', '--allow-cleartext-auth', '--user', USER, '--password-env', 'SMTP_PASSWORD', '--from', USER, '--format', format, '--verbose', '--timeout', '2'], { env: { SMTP_PASSWORD: PASSWORD } });
      expect(r.code).toBe(2);
      expect(r.stdout).toMatch(/smtp\.auth-failed|535/);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(r.stdout).toMatch(/\\+x1B\\?\[2J/);
      expect(r.stdout).toMatch(/\\+u\{202E\}gnp\.exe/);
    }
  });
});

describe.concurrent('the password never appears', () => {
  it('in any format, transcript or error, across success and failure paths', async () => {
    const implicit = await server({ mode: 'implicit' });
    const starttls = await server({ mode: 'starttls' });
    const plain = await server({ mode: 'plain' });
    const closer = await startFaultServer('close-after-auth');
    servers.push(closer);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const forbidden = [PASSWORD, b64(PASSWORD), b64(`\u0000${USER}\u0000${PASSWORD}`)];
    const runs: Array<[number, string[], Record<string, string>]> = [
      [implicit.port, ['--security', 'tls'], {}],
      [implicit.port, ['--security', 'tls'], { SMTP_PASSWORD: PASSWORD.toUpperCase() }],
      [starttls.port, [], {}],
      [plain.port, [], {}],
      [plain.port, ['--allow-cleartext-auth'], {}],
      [plain.port, ['--security', 'none', '--allow-cleartext-auth'], {}],
      [closer.port, ['--timeout', '1'], {}],
    ];
    for (const [port, extra, env] of runs) {
      for (const format of ['json', 'text', 'markdown']) {
        const r = await runCli(
          ['smtp-test', '--host', 'localhost', '--port', String(port), '--user', USER, '--password-env', 'SMTP_PASSWORD', '--from', USER, '--ca', caFile, '--timeout', '2', '--transcript', '--verbose', '--format', format, ...extra],
          { env: { SMTP_PASSWORD: PASSWORD, ...env } },
        );
        for (const secret of [...forbidden, ...(env.SMTP_PASSWORD ? [env.SMTP_PASSWORD, b64(`\u0000${USER}\u0000${env.SMTP_PASSWORD}`)] : [])]) {
          expect(r.stdout + r.stderr).not.toContain(secret);
        }
      }
    }
  });

  it('not even split over continuation lines, in base64, or as a 1-3 character word', async () => {
    const echo = await startFaultServer('echo-secret');
    servers.push(echo);
    const b64 = (x: string) => Buffer.from(x).toString('base64');
    const half = (x: string) => [x.slice(0, Math.floor(x.length / 2)), x.slice(Math.floor(x.length / 2))];
    for (const [password, forbidden] of [
      [PASSWORD, [PASSWORD, ...half(PASSWORD), b64(PASSWORD), ...half(b64(PASSWORD))]],
      ['ab', [' ab ']],
    ] as const) {
      for (const format of ['json', 'text', 'markdown']) {
        const r = await runCli(
          ['smtp-test', '--host', '127.0.0.1', '--port', String(echo.port), '--allow-cleartext-auth', '--user', USER, '--password-env', 'SMTP_PASSWORD', '--from', USER, '--timeout', '2', '--transcript', '--verbose', '--format', format],
          { env: { SMTP_PASSWORD: password } },
        );
        expect(r.stdout).toMatch(/535/);
        for (const secret of forbidden) expect(r.stdout + r.stderr).not.toContain(secret);
      }
    }
  });

  it.each([['S3cr3t'], ['my secret password!'], ['Tr0ub4dor&3']])('--password-env %j (the password typed for the name) is not echoed back', async (value) => {
    const r = await runCli(['smtp-test', '--host', 'localhost', '--user', USER, '--password-env', value]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain(value);
  });

  it('--password-env with a real variable name that is not set says which', async () => {
    const r = await runCli(['smtp-test', '--host', 'localhost', '--user', USER, '--password-env', 'SMTP_PASSWORD_UNSET']);
    expect(r.stderr).toMatch(/SMTP_PASSWORD_UNSET is not set/);
  });

  it('--password on the command line works but is warned about', async () => {
    const s = await server({ mode: 'implicit' });
    const r = await runCli(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'tls', '--user', USER, '--password', PASSWORD, '--ca', caFile, '--json']);
    expect(JSON.parse(r.stdout).findings[0].id).toBe('smtp.password-visible');
    expect(r.stdout).not.toContain(PASSWORD);
  });

  it('--password-stdin reads the first line', async () => {
    const s = await server({ mode: 'implicit' });
    const r = await runCli(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'tls', '--user', USER, '--password-stdin', '--ca', caFile, '--json'], { input: `${PASSWORD}\n` });
    expect(JSON.parse(r.stdout).findings.map((f: { id: string }) => f.id)).toContain('smtp.auth-ok');
  });
});

describe.concurrent('--host as users paste it', () => {
  it.each([
    ['host:port', (port: number) => `localhost:${port}`, ['--security', 'tls']],
    ['smtps://host:port (implicit TLS, no --security needed)', (port: number) => `smtps://localhost:${port}`, []],
    ['a URL with a trailing slash', (port: number) => `smtps://localhost:${port}/`, []],
  ] as const)('%s', async (_name, host, extra) => {
    const s = await server({ mode: 'implicit' });
    const r = await runCli(['smtp-test', '--host', host(s.port), '--user', USER, '--password-env', 'SMTP_PASSWORD', '--ca', caFile, '--json', ...extra], { env: { SMTP_PASSWORD: PASSWORD } });
    const report = JSON.parse(r.stdout);
    expect(report.target).toBe(`localhost:${s.port}`);
    expect(ids(report)).toContain('smtp.auth-ok');
  });

  it.each([
    [['--host', 'smtp mairie-exemple.fr'], /--host: "smtp mairie-exemple\.fr" is not a server name or address/],
    [['--host', 'https://smtp.mairie-exemple.fr'], /is not a server name or address/],
    [['--host', 'smtp.mairie-exemple.fr:99999'], /is not a server name or address/],
    [['--host', 'smtp.mairie-exemple.fr:25', '--port', '587'], /name two different ports/],
  ])('%j: one line before any lookup, exit 3', async (args, message) => {
    const r = await runCli(['smtp-test', ...args, '--resolver', '127.0.0.1:9', '--timeout', '1']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!hasScript)('the password prompt at a terminal (through script(1))', () => {
  /** Runs the CLI on a pseudo-terminal; types `keys` once the prompt shows. Returns all the terminal showed. */
  function onTerminal(args: string[], keys: string, lang = 'en'): Promise<{ screen: string; code: number | null }> {
    const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'C', TERM: 'dumb' } });
    let screen = '';
    let typed = false;
    child.stdout.on('data', (d) => {
      screen += d;
      if (!typed && /(Password for|Mot de passe de) .*: $/.test(screen)) {
        typed = true;
        child.stdin.write(keys);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    return new Promise((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({ screen, code }))));
  }

  it('asks without echoing, honours Backspace, and logs in', async () => {
    const s = await server({ mode: 'implicit' });
    // A typo, erased with Backspace; an arrow key, ignored.
    const { screen, code } = await onTerminal(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'tls', '--user', USER, '--ca', caFile, '--json'], `${PASSWORD}x\u007f\u001b[D\r`);
    expect(screen).toMatch(/Password for app@mairie-exemple\.fr \(not shown\): /);
    expect(screen).toMatch(/"smtp\.auth-ok"/);
    expect(screen).not.toContain(PASSWORD);
    expect(screen).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(code).toBe(0);
  });

  it('asks in French, and Ctrl-C at the prompt exits 130 with the terminal restored', async () => {
    const s = await server({ mode: 'implicit' });
    const { screen, code } = await onTerminal(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'tls', '--user', USER, '--ca', caFile], 'abc\u0003', 'fr');
    expect(screen).toMatch(/Mot de passe de app@mairie-exemple\.fr \(non affiché\) : /);
    expect(screen).not.toContain('abc');
    expect(code).toBe(130);
  });
});

describe.concurrent('--config: several accounts, one default', () => {
  async function config(profiles: unknown[]): Promise<string> {
    const file = join(dir, `accounts-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify({ profiles }));
    return file;
  }

  it('--all tests active profiles at once, lists inactive ones as skipped, checks the defaults', async () => {
    const slow = await server({ mode: 'implicit', greetingDelayMs: 1000 });
    const slow2 = await server({ mode: 'implicit', greetingDelayMs: 1000 });
    const file = await config([
      { name: 'notifications', host: 'localhost', port: slow.port, security: 'tls', user: USER, passwordEnv: 'P1', from: USER, active: true, default: true },
      { name: 'marketing', host: 'localhost', port: slow2.port, security: 'tls', user: USER, passwordEnv: 'P1', from: USER, active: true, default: true },
      { name: 'old relay', host: 'localhost', port: 1, active: false },
    ]);
    const t0 = performance.now();
    const r = await runCli(['smtp-test', '--config', file, '--all', '--ca', caFile, '--json'], { env: { P1: PASSWORD } });
    const elapsed = performance.now() - t0;
    const reports = JSON.parse(r.stdout);
    expect(reports.map((x: { target: string }) => x.target)).toEqual([`config ${file}`, `notifications (localhost:${slow.port})`, `marketing (localhost:${slow2.port})`]);
    expect(reports[0].findings.map((f: { id: string }) => f.id)).toEqual(['config.multiple-defaults', 'config.profile-skipped']);
    expect(reports[1].status).toBe('pass');
    // Two profiles with a 1 s greeting each: concurrent, so close to 1 s, not 2.
    expect(elapsed).toBeLessThan(1900 + 1000);
    expect(r.code).toBe(2);
  });

  it('--resume skips the profiles an earlier run finished, matched by profile name, not by the start of the target', async () => {
    const s = await server({ mode: 'implicit' });
    const profile = (name: string) => ({ name, host: 'localhost', port: s.port, security: 'tls', user: USER, passwordEnv: 'P1', from: USER, active: true, default: name === 'mairie' });
    const file = await config([profile('mairie'), profile('mairie (secours)'), profile('ecoles')]);
    const first = await runCli(['smtp-test', '--config', file, '--all', '--ca', caFile, '--format', 'jsonl', '--timeout', '2'], { env: { P1: PASSWORD } });
    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l));
    // The earlier run was cut after "mairie (secours)": only that account is finished.
    const previous = join(dir, `resume-${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(previous, `${JSON.stringify(lines.find((l) => l.data.profile === 'mairie (secours)'))}\n{"target":"cut`);
    const r = await runCli(['smtp-test', '--config', file, '--all', '--ca', caFile, '--format', 'jsonl', '--timeout', '2', '--resume', previous], { env: { P1: PASSWORD } });
    const tested = r.stdout.trim().split('\n').map((l) => JSON.parse(l).data.profile).filter(Boolean);
    expect(tested.sort()).toEqual(['ecoles', 'mairie']);
  });

  it.each([
    [[{ name: 'a', host: 'localhost', port: 1 }], 'config.no-default'],
    [[{ name: 'a', host: 'localhost', port: 1, active: false, default: true }, { name: 'b', host: 'localhost', port: 1 }], 'config.default-inactive'],
  ])('config checks: %j gives %s', async (profiles, id) => {
    const file = await config(profiles);
    const r = await runCli(['smtp-test', '--config', file, '--all', '--json', '--timeout', '1']);
    expect(JSON.parse(r.stdout)[0].findings.map((f: { id: string }) => f.id)).toContain(id);
  });

  it.each([
    ['{ "profiles": [ { "name": "a", "host": ', /not valid JSON/],
    ['{ "profiles": [ { "name": "a", "host": "localhost", "user": "u", "passwordEnv": "UNSET_VAR_X" } ] }', /UNSET_VAR_X is not set/],
    ['{ "profiles": [ { "name": "a" } ] }', /has no "host"/],
  ])('a broken config file is one line and exit 3: %s', async (content, message) => {
    const file = join(dir, `broken-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, content);
    const r = await runCli(['smtp-test', '--config', file, '--all']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
  });
});

describe.concurrent('the rest of the session', () => {
  it('without --user: says AUTH was not checked', async () => {
    const s = await server({ mode: 'implicit', users: undefined });
    const r = await runCli(['smtp-test', '--host', 'localhost', '--port', String(s.port), '--security', 'tls', '--ca', caFile, '--from', USER, '--json']);
    expect(JSON.parse(r.stdout).findings.map((f: { id: string }) => f.id)).toEqual(['smtp.tls-ok', 'smtp.auth-skipped', 'smtp.sender-accepted', 'smtp.recipient-accepted']);
  });

  it('a message refused after DATA for its content is not called a sender problem', async () => {
    const s = await server({ mode: 'implicit', rejectDataWith: '5.7.1 Message content rejected, spam suspected' });
    const r = await smtpTest(s.port, ['--security', 'tls', '--send']);
    expect(ids(r.report)).toContain('smtp.message-rejected');
    expect(ids(r.report)).not.toContain('smtp.sender-rejected');
  });
});

describe('docs/report.schema.json', () => {
  it('describes every JSON document the tests above printed', () => {
    expect(schemaErrors).toEqual([]);
  });
});

describe('coverage of the catalogue', () => {
  it('every smtp-test finding id is produced by a test above', async () => {
    const { catalogue } = await import('../../src/core/catalogue/index.js');
    // The OAuth 2.0 findings are produced by test/smtp/oauth2.test.ts.
    const elsewhere = new Set(['smtp.oauth2-failed', 'smtp.oauth2-token']);
    const smtpIds = Object.keys(catalogue).filter((id) => /^(smtp|config)\./.test(id) && !elsewhere.has(id));
    expect(smtpIds.filter((id) => !produced.has(id))).toEqual([]);
  });
});
