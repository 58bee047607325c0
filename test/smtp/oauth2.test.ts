/** smtp-test with OAuth 2.0 access tokens (XOAUTH2) against a real smtp-server on 127.0.0.1. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCa, makeServerCert, type TestCert } from '../helpers/certs.js';
import { runCli } from '../helpers/cli.js';
import { startSmtpServer, type SmtpTestServer } from '../helpers/smtp-server.js';
import { readClaims, tokenProblems, decodeRefusal, saslResponse } from '../../src/smtp/oauth2.js';
import { splitCommand } from '../../src/commands/password.js';

const USER = 'notifications@mairie-exemple.fr';
/** A JWT as Microsoft 365 issues for SMTP (unsigned: maildiag reads the claims, never the signature). */
function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}
const inAnHour = Math.floor(Date.now() / 1000) + 3600;
const TOKEN = jwt({ aud: 'https://outlook.office.com', scp: 'SMTP.Send', upn: USER, exp: inAnHour });
const dir = mkdtempSync(join(tmpdir(), 'maildiag-oauth-'));
let ca: TestCert;
let caFile: string;
let server: SmtpTestServer;

beforeAll(async () => {
  ca = await makeCa();
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, ca.cert);
  server = await startSmtpServer({ mode: 'implicit', cert: await makeServerCert({ names: ['localhost'], ca }), users: { [USER]: 'unused-password' }, tokens: { [USER]: TOKEN } });
});
afterAll(() => server.close());

const base = () => ['smtp-test', '--host', 'localhost', '--port', String(server.port), '--security', 'tls', '--user', USER, '--from', USER, '--ca', caFile, '--timeout', '3'];
async function smtpTest(extra: string[], env: Record<string, string> = {}, input?: string) {
  const r = await runCli([...base(), '--json', ...extra], { env, ...(input !== undefined ? { input } : {}) });
  return { ...r, report: r.stdout ? JSON.parse(r.stdout) : undefined };
}
const ids = (report: { findings: Array<{ id: string }> }) => report.findings.map((f) => f.id);

describe('OAuth 2.0 logins', () => {
  it('--oauth2-token-env: XOAUTH2 accepted, then the sender and recipient', async () => {
    const r = await smtpTest(['--oauth2-token-env', 'M365_TOKEN'], { M365_TOKEN: TOKEN });
    expect(ids(r.report)).toEqual(['smtp.tls-ok', 'smtp.auth-ok', 'smtp.sender-accepted', 'smtp.recipient-accepted']);
    expect(r.report.data.auth).toMatchObject({ ok: true, mechanism: 'XOAUTH2' });
    expect(r.report.data.token.claims).toMatchObject({ audience: 'https://outlook.office.com', permissions: ['SMTP.Send'], user: USER });
    expect(r.code).toBe(0);
  });

  it('--oauth2-token-stdin and --oauth2-token-cmd (no shell) read the same token', async () => {
    expect(ids((await smtpTest(['--oauth2-token-stdin'], {}, `${TOKEN}\n`)).report)).toContain('smtp.auth-ok');
    const cmd = `${process.execPath} -e "console.log(process.env.T)"`;
    expect(ids((await smtpTest(['--oauth2-token-cmd', cmd], { T: TOKEN })).report)).toContain('smtp.auth-ok');
  });

  it('a refused token: the 334 challenge decoded into words (smtp.oauth2-failed)', async () => {
    const r = await smtpTest(['--oauth2-token-env', 'T'], { T: jwt({ aud: 'https://outlook.office.com', scp: 'SMTP.Send', upn: USER, exp: inAnHour, nonce: 'other' }) });
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.oauth2-failed');
    expect(f.data).toMatchObject({ mechanism: 'XOAUTH2', code: '535', status: '401', scope: 'https://outlook.office.com/SMTP.Send' });
    expect(f.message).toMatch(/invalid or has expired/);
    expect(r.code).toBe(2);
  });

  it.each([
    ['expired', { aud: 'https://outlook.office.com', scp: 'SMTP.Send', upn: USER, exp: 1_700_000_000 }, /expired at 2023-11-14/],
    ['for Microsoft Graph', { aud: 'https://graph.microsoft.com', scp: 'Mail.Send', upn: USER, exp: inAnHour }, /is for https:\/\/graph\.microsoft\.com/],
    ['without SMTP.Send', { aud: 'https://outlook.office.com', scp: 'IMAP.AccessAsUser.All', upn: USER, exp: inAnHour }, /does not carry the SMTP permission/],
    ['for another mailbox', { aud: 'https://outlook.office.com', scp: 'SMTP.Send', upn: 'agent@mairie-exemple.fr', exp: inAnHour }, /issued to agent@mairie-exemple\.fr/],
  ])('a token %s is said so from its own claims (smtp.oauth2-token)', async (_name, claims, message) => {
    const r = await smtpTest(['--oauth2-token-env', 'T'], { T: jwt(claims) });
    const f = r.report.findings.find((x: { id: string }) => x.id === 'smtp.oauth2-token');
    expect(f.message).toMatch(message);
  });

  it('the token never appears: raw, base64, inside the XOAUTH2 string, in any format, transcript or error', async () => {
    const bad = jwt({ aud: 'https://outlook.office.com', scp: 'SMTP.Send', upn: USER, exp: inAnHour, n: 2 });
    const forms = (t: string) => [t, Buffer.from(t).toString('base64'), saslResponse('XOAUTH2', USER, t, 'localhost', server.port), t.split('.')[2]!];
    for (const token of [TOKEN, bad]) {
      for (const format of ['json', 'text', 'markdown']) {
        const r = await runCli([...base(), '--oauth2-token-env', 'T', '--transcript', '--verbose', '--format', format], { env: { T: token } });
        for (const secret of forms(token)) expect(r.stdout + r.stderr).not.toContain(secret);
      }
    }
  });

  it('OAUTHBEARER (RFC 7628) where the server offers only that: accepted, and a refusal decoded', async () => {
    const { startOAuthBearerServer } = await import('../helpers/fault-server.js');
    const f = await startOAuthBearerServer(USER, TOKEN);
    try {
      const args = (token: string) => runCli(['smtp-test', '--host', '127.0.0.1', '--port', String(f.port), '--security', 'none', '--allow-cleartext-auth', '--user', USER, '--from', USER, '--oauth2-token-env', 'T', '--json', '--timeout', '2'], { env: { T: token } });
      const ok = JSON.parse((await args(TOKEN)).stdout);
      expect(ok.data.auth).toMatchObject({ ok: true, mechanism: 'OAUTHBEARER' });
      const refused = JSON.parse((await args(`${TOKEN}x`)).stdout);
      expect(refused.findings.find((x: { id: string }) => x.id === 'smtp.oauth2-failed').data).toMatchObject({ mechanism: 'OAUTHBEARER', code: '535', status: 'invalid_token', scope: 'https://mail.example/smtp' });
      // The client answers the error challenge with %x01 (RFC 7628 §3.2.3), base64.
      expect(f.commands).toContain('AQ==');
    } finally {
      await f.close();
    }
  });

  it('a token is a credential: never sent on an unencrypted session', async () => {
    const plain = await startSmtpServer({ mode: 'plain', users: { [USER]: 'x' }, tokens: { [USER]: TOKEN } });
    try {
      const r = await runCli(['smtp-test', '--host', '127.0.0.1', '--port', String(plain.port), '--user', USER, '--oauth2-token-env', 'T', '--json', '--timeout', '2'], { env: { T: TOKEN } });
      expect(JSON.parse(r.stdout).findings.map((f: { id: string }) => f.id)).toContain('smtp.auth-cleartext-blocked');
      expect(plain.commands.some((c) => /^AUTH/i.test(c))).toBe(false);
    } finally {
      await plain.close();
    }
  });

  it.each([
    [['--oauth2-token-env', 'T', '--password-env', 'P'], /one credential only/],
    [['--oauth2-token-cmd', '/nonexistent/get-token'], /--oauth2-token-cmd: \/nonexistent\/get-token gave no token: no such program/],
    [['--oauth2-token-cmd', `${process.execPath} -e "console.error('AADSTS700016: application not found'); process.exit(1)"`], /gave no token: AADSTS700016: application not found/],
    [['--oauth2-token-cmd', `${process.execPath} -e "setTimeout(() => {}, 60000)"`, '--timeout', '1'], /no token within 1 s/],
  ])('%j: one line, exit 3, before any connection', async (extra, message) => {
    const r = await runCli([...base(), ...extra], { env: { T: TOKEN, P: 'x' } });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it('a token without --user: one line, exit 3 (the login names the mailbox the token is for)', async () => {
    const r = await runCli(['smtp-test', '--host', 'localhost', '--port', String(server.port), '--oauth2-token-env', 'T', '--json'], { env: { T: TOKEN } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/give it with --user/);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});

describe('what a token says, pure', () => {
  it('reads a JWT without its signature, and an opaque token as nothing', () => {
    expect(readClaims(TOKEN)).toMatchObject({ audience: 'https://outlook.office.com', user: USER });
    expect(readClaims('ya29.a0AfB_byOpaqueGoogleToken')).toBeNull();
    expect(tokenProblems(readClaims(jwt({ aud: '00000002-0000-0ff1-ce00-000000000000', roles: ['SMTP.SendAsApp'], exp: inAnHour }))!, USER, Date.now())).toEqual([]);
  });

  it('decodes the 334 challenge of a refusal', () => {
    expect(decodeRefusal(Buffer.from('{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}').toString('base64'))).toEqual({ status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' });
    expect(decodeRefusal('not base64 json')).toBeNull();
  });

  it.each([
    ['az account get-access-token --query accessToken -o tsv', ['az', 'account', 'get-access-token', '--query', 'accessToken', '-o', 'tsv']],
    [`node -e "console.log('a b')"`, ['node', '-e', "console.log('a b')"]],
    [`print-token 'it''s'`, ['print-token', 'its']],
    ['a\\ b c', ['a b', 'c']],
  ])('splits %j as a shell would, without one', (line, argv) => expect(splitCommand(line)).toEqual(argv));
});
