/** --verify against the test DNS server: a message signed here with a key published there, then tampered with. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseZone } from '../../src/dns/zonefile.js';
import { runCli } from '../helpers/cli.js';
import { fixturePath, startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';
import { reasonText } from '../../src/core/catalogue/reason-words.js';

const require = createRequire(import.meta.url);
const { dkimSign } = require('mailauth/lib/dkim/sign') as { dkimSign: (m: Buffer, o: Record<string, unknown>) => Promise<{ signatures: string }> };

const dir = mkdtempSync(join(tmpdir(), 'maildiag-verify-'));
let dns: DnsTestServer;
let privateKey: string;

beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pub = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const chunks = pub.match(/.{1,200}/g)!.map((c) => `"${c}"`).join(' ');
  dns = await startDnsServer({
    zone: parseZone(`$ORIGIN signed.example.
@ SOA ns hostmaster 1 3600 600 1209600 300
@ TXT "v=spf1 ip4:192.0.2.10 -all"
@ MX 10 mail
mail A 192.0.2.10
_dmarc TXT "v=DMARC1; p=reject; adkim=s; rua=mailto:dmarc@signed.example"
test._domainkey TXT ( "v=DKIM1; k=rsa; p=" ${chunks} )
test._domainkey.mail TXT ( "v=DKIM1; k=rsa; p=" ${chunks} )
$ORIGIN 2.0.192.in-addr.arpa.
@ SOA ns hostmaster 1 3600 600 1209600 300
10 PTR mail.signed.example.
$ORIGIN 113.0.203.in-addr.arpa.
@ SOA ns hostmaster 1 3600 600 1209600 300
4 PTR relay.hebergeur-exemple.example.
$ORIGIN hebergeur-exemple.example.
@ SOA ns hostmaster 1 3600 600 1209600 300
relay A 203.0.113.4
${readFileSync(fixturePath('dns/blocklists.zone'), 'utf8')}
`),
  });
});
afterAll(() => dns.close());

async function signedMessage(domain = 'signed.example', body = 'Votre demande a bien été enregistrée.\r\n'): Promise<string> {
  const message = [
    'From: Service <notifications@signed.example>',
    'To: usager@example.net',
    'Subject: Confirmation',
    'Date: Tue, 19 Nov 2024 10:00:00 +0100',
    'Message-ID: <confirm-1@signed.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
  ].join('\r\n');
  const { signatures } = await dkimSign(Buffer.from(message), {
    canonicalization: 'relaxed/relaxed',
    algorithm: 'rsa-sha256',
    signatureData: [{ signingDomain: domain, selector: 'test', privateKey }],
  });
  const received = [
    'Received: from mail.signed.example (mail.signed.example [192.0.2.10])\r\n\tby mx.receiver.example (Postfix) with ESMTPS id 4XmV1; Tue, 19 Nov 2024 10:00:02 +0100',
    'Return-Path: <bounces@signed.example>',
  ].join('\r\n');
  return `${received}\r\n${signatures}${message}`;
}

async function verify(content: string) {
  const file = join(dir, `m-${Math.random().toString(36).slice(2)}.eml`);
  writeFileSync(file, content);
  const r = await runCli(['inspect-headers', file, '--verify', '--resolver', dns.address, '--json']);
  return { ...r, report: JSON.parse(r.stdout) };
}

describe('--verify', () => {
  it('an intact signed message: DKIM, SPF and DMARC pass when checked now', async () => {
    const { report, code } = await verify(await signedMessage());
    const now = report.findings.filter((f: { id: string }) => f.id === 'auth.verify-result').map((f: { data: { method: string; now: string } }) => `${f.data.method}: ${f.data.now}`);
    expect(now).toEqual(['DKIM (s=test): pass', 'SPF from 192.0.2.10: pass', 'DMARC (adkim=s, aspf=r): pass']);
    expect(report.findings.map((f: { id: string }) => f.id)).not.toContain('auth.dkim-fail');
    expect(code).toBe(0);
  });

  it('a body changed after signing: auth.dkim-fail, an error', async () => {
    const tampered = (await signedMessage()).replace('bien été enregistrée', 'été annulée');
    const { report, code } = await verify(tampered);
    const f = report.findings.find((x: { id: string }) => x.id === 'auth.dkim-fail');
    expect(f).toMatchObject({ severity: 'error', data: { domain: 'signed.example' } });
    expect(reasonText(f.data.reason)).toMatch(/body hash/i);
    expect(f.data.reason).toEqual({ code: 'dkim.checked-now', args: { detail: { code: 'dkim.body-hash', args: {} } } });
    expect(code).toBe(2);
  });

  it('strict DKIM alignment (adkim=s) is applied, unlike mailauth 4 which treats it as relaxed', async () => {
    // Signed by the subdomain mail.signed.example, sent from an IP SPF does not list: only a relaxed DKIM match exists.
    const msg = (await signedMessage('mail.signed.example')).replace('[192.0.2.10]', '[198.51.100.99]');
    const { report } = await verify(msg);
    const dmarc = report.findings.find((x: { id: string; data: { method?: string } }) => x.id === 'auth.verify-result' && x.data.method?.startsWith('DMARC'));
    expect(dmarc.data.now).toBe('fail');
    expect(report.findings.map((x: { id: string }) => x.id)).toContain('auth.dmarc-fail');
  });
});

describe('--verify: the sending IPs judged now, as check-dns --ip judges them', () => {
  const message = [
    'Received: from relay.hebergeur-exemple.example (relay.hebergeur-exemple.example [203.0.113.4])\r\n\tby mx.receiver.example (Postfix) with ESMTPS id 4XmV2; Tue, 19 Nov 2024 10:00:03 +0100',
    'Received: from [192.168.1.20] (unknown [203.0.113.10])\r\n\t(Authenticated sender: agent@signed.example)\r\n\tby relay.hebergeur-exemple.example (Postfix) with ESMTPSA id 9QzT1; Tue, 19 Nov 2024 10:00:01 +0100',
    'From: Agent <agent@signed.example>',
    'To: usager@example.net',
    'Subject: Rendez-vous',
    'Date: Tue, 19 Nov 2024 10:00:00 +0100',
    'Message-ID: <rdv-1@signed.example>',
    '',
    'Bonjour,',
    '',
  ].join('\r\n');

  it('the delivering relay: its reverse DNS and its listings (an error); the client that logged in: PBL is a warning', async () => {
    const { report } = await verify(message);
    const f = (id: string) => report.findings.filter((x: { id: string }) => x.id === id);
    expect(f('ip.ptr-ok').map((x: { subject: string }) => x.subject)).toEqual(['203.0.113.4']);
    expect(f('ip.listed').map((x: { subject: string; severity: string; data: { list: string } }) => [x.subject, x.data.list, x.severity])).toEqual([
      ['203.0.113.4', 'Spamhaus ZEN', 'error'],
      ['203.0.113.4', 'Barracuda', 'error'],
      ['203.0.113.10', 'Spamhaus ZEN', 'warning'],
    ]);
    expect(report.data.verify.ips.map((x: { ip: string; role: string }) => [x.ip, x.role])).toEqual([
      ['203.0.113.4', 'relay'],
      ['203.0.113.10', 'client'],
    ]);
  });

  it('text output draws the reverse DNS and blocklist tables', async () => {
    const file = join(dir, 'relay.eml');
    writeFileSync(file, message);
    const r = await runCli(['inspect-headers', file, '--verify', '--resolver', dns.address]);
    expect(r.stdout).toMatch(/Reverse DNS of the delivering relay \(checked now\)/);
    expect(r.stdout).toMatch(/203\.0\.113\.4 \(delivering relay\)\s*│ Spamhaus ZEN \(XBL\), Barracuda/);
    expect(r.stdout).toMatch(/203\.0\.113\.10 \(submitting client\)\s*│ Spamhaus ZEN \(PBL\)/);
  });
});
