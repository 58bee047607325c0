/**
 * The sender requirements of Gmail, Yahoo and Outlook.com: each rule met, not met and cannot-tell, from
 * messages (inspect-headers, spawned as users run it, --verify against the test DNS server) and from
 * zones (check-dns through the test DNS server).
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES, type Rule, type RuleState } from '../../src/core/requirements.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { runCli } from '../helpers/cli.js';
import { fixturePath, loadZoneFixture, startDnsServer, type DnsTestServer } from '../helpers/dns-server.js';

const require = createRequire(import.meta.url);
const { dkimSign } = require('mailauth/lib/dkim/sign') as { dkimSign: (m: Buffer, o: Record<string, unknown>) => Promise<{ signatures: string }> };

const dir = mkdtempSync(join(tmpdir(), 'maildiag-requirements-'));
const fixture = (name: string) => readFileSync(fixturePath(`messages/${name}`), 'utf8');

interface Row {
  provider: string;
  rule: Rule;
  applies: string;
  state: RuleState;
  evidence: { code: string; args: Record<string, unknown> };
}
interface Finding {
  id: string;
  severity: string;
  data?: { rule?: string };
}

/** Every (rule, state) some test below produced: the last test checks each rule was seen in each state it can take. */
const seen = new Map<Rule, Set<RuleState>>();
function record(rows: Row[]) {
  for (const r of rows) {
    if (!seen.has(r.rule)) seen.set(r.rule, new Set());
    seen.get(r.rule)!.add(r.state);
  }
}

/** One state per rule (the same for every provider that has it, except where a test says otherwise). */
function states(rows: Row[], provider = 'gmail'): Partial<Record<Rule, RuleState>> {
  const out: Partial<Record<Rule, RuleState>> = {};
  for (const r of rows) if (r.provider === provider || !(r.rule in out)) out[r.rule] = r.state;
  return out;
}

async function inspect(content: string, args: string[] = ['--requirements']) {
  const file = join(dir, `m-${Math.random().toString(36).slice(2)}.eml`);
  writeFileSync(file, content);
  const r = await runCli(['inspect-headers', file, ...args, '--json']);
  const report = JSON.parse(r.stdout);
  const rows: Row[] = report.data.requirements?.rows ?? [];
  record(rows);
  return { code: r.code, report, rows, findings: report.findings as Finding[] };
}

const notMet = (findings: Finding[]) => findings.filter((f) => f.id === 'requirements.not-met').map((f) => `${f.data!.rule}:${f.severity}`);

describe('inspect-headers --requirements, from the headers alone', () => {
  it('a compliant newsletter from a mailing platform: one-click signed by the From domain, a body link, DMARC aligned', async () => {
    const { rows, findings, code } = await inspect(fixture('newsletter-one-click.eml'));
    expect(states(rows)).toMatchObject({ 'spf-or-dkim': 'met', spf: 'met', dkim: 'met', 'dmarc-record': 'met', 'dmarc-aligned': 'met', ptr: 'met', tls: 'met', format: 'met', 'one-click': 'met', 'unsubscribe-link': 'met', 'dkim-key-size': 'unknown', 'spam-rate': 'unknown' });
    expect(states(rows, 'yahoo')).toMatchObject({ 'list-unsubscribe': 'met', 'ptr-not-generic': 'met' });
    expect(rows.find((r) => r.rule === 'one-click')!.evidence).toEqual({ code: 'req.lu-one-click', args: { host: 'r.asso-exemple.fr', domain: 'asso-exemple.fr' } });
    expect(notMet(findings)).toEqual([]);
    expect(findings.filter((f) => f.id === 'requirements.verdict').map((f) => f.severity)).toEqual(['ok', 'ok', 'ok']);
    expect(code).toBe(0);
  });

  it('every row carries its provider, rule, scope, state, evidence, source and date', async () => {
    const { rows, report } = await inspect(fixture('newsletter-one-click.eml'));
    expect(report.data.requirements.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(['gmail', 'yahoo', 'outlook']));
    for (const r of rows) expect(Object.keys(r).sort()).toEqual(['applies', 'asOf', 'codes', 'evidence', 'provider', 'rule', 'source', 'state']);
    expect(rows.find((r) => r.provider === 'outlook' && r.rule === 'dkim')).toMatchObject({ applies: 'bulk', codes: ['5.7.515'] });
    expect(rows.find((r) => r.provider === 'gmail' && r.rule === 'ptr')).toMatchObject({ applies: 'all', codes: ['4.7.23', '5.7.25'], source: 'https://support.google.com/a/answer/81126' });
  });

  it('the unsubscribe fields not covered by the passing DKIM signature: one-click is not met (RFC 8058 §4), a warning for a bulk rule', async () => {
    const { rows, findings, code } = await inspect(fixture('newsletter-unsubscribe-unsigned.eml'));
    expect(states(rows)['one-click']).toBe('not-met');
    expect(rows.find((r) => r.rule === 'one-click')!.evidence.code).toBe('req.lu-not-signed');
    // Yahoo accepts the mailto: the field offers.
    expect(states(rows, 'yahoo')['list-unsubscribe']).toBe('met');
    expect(notMet(findings)).toEqual(['one-click:warning']);
    expect(code).toBe(1);
  });

  it('--bulk makes a bulk rule not met an error', async () => {
    const { findings, code } = await inspect(fixture('newsletter-unsubscribe-unsigned.eml'), ['--requirements', '--bulk']);
    expect(notMet(findings)).toEqual(['one-click:error']);
    expect(code).toBe(2);
  });

  it('a list whose List-Unsubscribe is a mailto only: not one-click for Gmail, accepted by Yahoo', async () => {
    const { rows } = await inspect(fixture('list-mailto-unsubscribe.eml'));
    expect(rows.find((r) => r.provider === 'gmail' && r.rule === 'one-click')).toMatchObject({ state: 'not-met', evidence: { code: 'req.lu-mailto-only' } });
    expect(rows.find((r) => r.provider === 'yahoo' && r.rule === 'list-unsubscribe')).toMatchObject({ state: 'met', evidence: { code: 'req.lu-mailto-accepted' } });
    expect(states(rows)['unsubscribe-link']).toBe('met');
  });

  it('a transactional invoice is exempt from the unsubscribe rules, not failed', async () => {
    const { rows, findings } = await inspect(fixture('o365-inbound-invoice.eml'));
    expect(states(rows)).toMatchObject({ 'one-click': 'exempt', 'unsubscribe-link': 'exempt' });
    expect(states(rows, 'yahoo')['list-unsubscribe']).toBe('exempt');
    // Microsoft 365 does not record the client's reverse name: it takes --verify.
    expect(states(rows)).toMatchObject({ ptr: 'unknown', 'ptr-not-generic': 'unknown' });
    expect(notMet(findings)).toEqual([]);
  });

  it('two From fields: the RFC 5322 rule is not met, an error (every sender); the receiver\'s DMARC fail is not aligned', async () => {
    const { rows, findings, code } = await inspect(fixture('two-from-headers.eml'));
    expect(rows.find((r) => r.rule === 'format')!.evidence).toEqual({ code: 'req.format-problems', args: { problems: [{ code: 'req.fmt-from-count', args: { count: 2 } }] } });
    expect(states(rows)).toMatchObject({ dkim: 'not-met', 'dmarc-aligned': 'not-met', 'dmarc-record': 'met' });
    expect(notMet(findings)).toEqual(['dkim:warning', 'dmarc-aligned:warning', 'format:error']);
    expect(code).toBe(2);
  });

  it('a 1,200-character header line: not RFC 5322 (998 at most)', async () => {
    const { rows } = await inspect(fixture('long-header-line.eml'));
    const problems = (rows.find((r) => r.rule === 'format')!.evidence.args as { problems: Array<{ code: string; args: { name: string; length: number } }> }).problems;
    expect(problems.map((p) => [p.code, p.args.name])).toEqual([['req.fmt-long-line', 'X-Campaign-Data']]);
    expect(problems[0]!.args.length).toBeGreaterThan(1200);
  });

  it('a List-Id that is not <label.domain> (RFC 2919) is a format problem', async () => {
    const { rows } = await inspect(fixture('newsletter-one-click.eml').replace("List-Id: Lettre de l'association <lettre.asso-exemple.fr>", 'List-Id: lettre-asso'));
    expect(rows.find((r) => r.rule === 'format')!.evidence).toMatchObject({ code: 'req.format-problems', args: { problems: [{ code: 'req.fmt-list-id' }] } });
  });

  it('a delivery over plaintext SMTP: the TLS rule is not met, an error', async () => {
    const { rows, findings, code } = await inspect(fixture('plaintext-delivery.eml'));
    expect(rows.find((r) => r.rule === 'tls')).toMatchObject({ state: 'not-met', evidence: { code: 'req.plaintext', args: { by: 'mx.fai-exemple.fr', with: 'ESMTP' } } });
    expect(notMet(findings)).toEqual(['tls:error']);
    expect(code).toBe(2);
  });

  it('a hop that does not say how it was delivered: TLS cannot be told', async () => {
    const { rows } = await inspect(fixture('plaintext-delivery.eml').replace(' with ESMTP id', ' id'));
    expect(states(rows).tls).toBe('unknown');
  });

  it('a spoofed message: neither SPF nor DKIM passes, an error for every sender', async () => {
    const { rows, findings } = await inspect(fixture('spoofed-dmarc-fail.eml'));
    expect(states(rows)).toMatchObject({ 'spf-or-dkim': 'not-met', spf: 'not-met', dkim: 'not-met', 'dmarc-aligned': 'not-met' });
    expect(notMet(findings)).toContain('spf-or-dkim:error');
  });

  it('no authentication results at all: SPF, DKIM and DMARC cannot be told without --verify', async () => {
    const stripped = fixture('newsletter-one-click.eml')
      .replace(/^(?:ARC-)?Authentication-Results:.*\n(?:[ \t].*\n)*/gm, '')
      .replace(/^Received-SPF:.*\n/m, '');
    const { rows } = await inspect(stripped);
    expect(states(rows)).toMatchObject({ 'spf-or-dkim': 'unknown', spf: 'unknown', dkim: 'unknown', 'dmarc-record': 'unknown', 'dmarc-aligned': 'unknown', 'one-click': 'unknown' });
    expect(rows.find((r) => r.rule === 'one-click')!.evidence.code).toBe('req.lu-dkim-unknown');
  });

  it('a receiver that found no DMARC record (dmarc=none): the record rule is not met', async () => {
    const { rows } = await inspect(fixture('newsletter-one-click.eml').replace(/dmarc=pass \(p=NONE sp=NONE dis=NONE\)/g, 'dmarc=none'));
    expect(states(rows)['dmarc-record']).toBe('not-met');
  });

  it('a list without List-Unsubscribe: neither one-click nor Yahoo\'s List-Unsubscribe', async () => {
    const { rows } = await inspect(fixture('newsletter-one-click.eml').replace(/^List-Unsubscribe(?:-Post)?:.*\n/gm, ''));
    expect(states(rows)['one-click']).toBe('not-met');
    expect(rows.find((r) => r.provider === 'yahoo' && r.rule === 'list-unsubscribe')).toMatchObject({ state: 'not-met', evidence: { code: 'req.lu-missing' } });
  });

  it('https only, unsigned: Yahoo\'s List-Unsubscribe cannot be told either', async () => {
    const httpsOnly = fixture('newsletter-one-click.eml')
      .replace(', <mailto:unsub-a1b2c3d4@bnc.asso-exemple.fr>', '')
      .replace(/^(?:ARC-)?Authentication-Results:.*\n(?:[ \t].*\n)*/gm, '');
    const { rows } = await inspect(httpsOnly);
    expect(states(rows, 'yahoo')['list-unsubscribe']).toBe('unknown');
  });

  it('a newsletter without a link in its body: the body rule is not met; its header block alone cannot tell', async () => {
    const { rows } = await inspect(fixture('postfix-newsletter-brevo.eml'));
    expect(states(rows)['unsubscribe-link']).toBe('not-met');
    const whole = fixture('newsletter-one-click.eml');
    const headerOnly = await inspect(whole.slice(0, whole.indexOf('\n\n') + 1));
    expect(states(headerOnly.rows)['unsubscribe-link']).toBe('unknown');
  });

  it('a generic reverse name recorded by the receiver: Yahoo\'s bulk rule is not met', async () => {
    const generic = fixture('plaintext-delivery.eml').replace('from smtp.mairie-exemple.fr (smtp.mairie-exemple.fr [192.0.2.25])', 'from smtp.mairie-exemple.fr (ec2-198-51-100-13.eu-west-3.compute.amazonaws.com [198.51.100.13])');
    const { rows } = await inspect(generic);
    expect(states(rows, 'yahoo')['ptr-not-generic']).toBe('not-met');
  });

  it('mail from a platform shows the section unasked; a personal message does not', async () => {
    const platform = await inspect(fixture('newsletter-one-click.eml'), []);
    expect(platform.report.data.requirements.bulk.signs).toEqual(['List-Unsubscribe', 'List-Id', 'Feedback-ID', 'X-CSA-Complaints', 'X-MJ-Mid (Mailjet)']);
    const personal = await inspect(fixture('gmail-to-gmail.eml'), []);
    expect(personal.report.data.requirements).toBeUndefined();
  });

  it('unasked, a transactional message from a platform is judged by its headers (its body is not read); asked, by its body too', async () => {
    const unasked = await inspect(fixture('gmail-from-sendgrid.eml'), []);
    expect(unasked.rows.find((r) => r.rule === 'unsubscribe-link')).toMatchObject({ state: 'exempt', evidence: { code: 'req.transactional-headers' } });
    const asked = await inspect(fixture('gmail-from-sendgrid.eml'));
    expect(asked.rows.find((r) => r.rule === 'unsubscribe-link')).toMatchObject({ state: 'exempt', evidence: { code: 'req.transactional' } });
  });

  it('--mbox --requirements judges each message with its body', async () => {
    const mbox = join(dir, 'lettres.mbox');
    writeFileSync(mbox, ['newsletter-one-click.eml', 'plaintext-delivery.eml'].map((f) => `From MAILER-DAEMON Tue Nov 19 10:00:00 2024\n${fixture(f).replace(/^From /gm, '>From ')}\n`).join(''));
    const r = await runCli(['inspect-headers', '--mbox', mbox, '--requirements', '--json']);
    const reports = JSON.parse(r.stdout) as Array<{ status: string; data: { requirements: { rows: Row[] } } }>;
    for (const rep of reports) record(rep.data.requirements.rows);
    expect(reports.map((x) => x.status)).toEqual(['pass', 'fail']);
    expect(states(reports[0]!.data.requirements.rows)['unsubscribe-link']).toBe('met');
  });

  it('--bulk alone is a usage error', async () => {
    const r = await runCli(['inspect-headers', fixturePath('messages/newsletter-one-click.eml'), '--bulk']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/--bulk goes with --requirements/);
  });

  it('text and Markdown draw one row per rule and a column per provider, in English and in French; the unsubscribe URL is never fetched', async () => {
    const text = await runCli(['inspect-headers', fixturePath('messages/list-mailto-unsubscribe.eml'), '--requirements']);
    expect(text.stdout).toMatch(/Sender requirements of Gmail, Yahoo and Outlook\.com/);
    expect(text.stdout).toMatch(/│ One-click unsubscribe \(RFC\s+│ NO \*\s+│ —/);
    expect(text.stdout).toMatch(/Rules as of \d{4}-\d{2}-\d{2}/);
    const fr = await runCli(['inspect-headers', fixturePath('messages/list-mailto-unsubscribe.eml'), '--requirements', '--lang', 'fr', '--format', 'markdown']);
    expect(fr.stdout).toMatch(/\| Règle \| Gmail \| Yahoo \| Outlook\.com \| Constat \|/);
    expect(fr.stdout).toMatch(/Désabonnement en un clic \(RFC 8058\) \| NON \\\* \|/);
  });
});

describe('inspect-headers --requirements --verify: what only DNS tells now', () => {
  let dns: DnsTestServer;
  const keys: Record<number, string> = {};
  beforeAll(async () => {
    const zone: string[] = [];
    for (const bits of [2048, 1024]) {
      const pair = generateKeyPairSync('rsa', { modulusLength: bits });
      keys[bits] = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const pub = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
      zone.push(`k${bits}._domainkey TXT ( "v=DKIM1; k=rsa; p=" ${pub.match(/.{1,200}/g)!.map((c) => `"${c}"`).join(' ')} )`);
    }
    dns = await startDnsServer({
      zone: parseZone(`$ORIGIN lettre.example.
@ SOA ns hostmaster 1 3600 600 1209600 300
@ TXT "v=spf1 ip4:192.0.2.10 -all"
_dmarc TXT "v=DMARC1; p=none; rua=mailto:dmarc@lettre.example"
mail A 192.0.2.10
${zone.join('\n')}
$ORIGIN 2.0.192.in-addr.arpa.
@ SOA ns hostmaster 1 3600 600 1209600 300
10 PTR mail.lettre.example.
`),
    });
  });
  afterAll(() => dns.close());

  async function signed(bits: number, ip = '192.0.2.10') {
    const message = [
      'From: La lettre <lettre@lettre.example>',
      'To: abonne@example.net',
      'Subject: Novembre',
      'Date: Tue, 19 Nov 2024 10:00:00 +0100',
      'Message-ID: <lettre-11@lettre.example>',
      'List-Unsubscribe: <https://lettre.example/u/42>',
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Les nouvelles du mois.\r\nSe désabonner : https://lettre.example/u/42\r\n',
    ].join('\r\n');
    const { signatures } = await dkimSign(Buffer.from(message), {
      canonicalization: 'relaxed/relaxed',
      algorithm: 'rsa-sha256',
      headerList: 'from:to:subject:date:message-id:list-unsubscribe:list-unsubscribe-post',
      signatureData: [{ signingDomain: 'lettre.example', selector: `k${bits}`, privateKey: keys[bits] }],
    });
    return `Received: from mail.lettre.example (mail.lettre.example [${ip}])\r\n\tby mx.receiver.example (Postfix) with ESMTPS id 4XmV1; Tue, 19 Nov 2024 10:00:02 +0100\r\nReturn-Path: <bounces@lettre.example>\r\n${signatures}${message}`;
  }

  it('a 2048-bit key, a confirmed PTR, the DMARC record read now: met', async () => {
    const { rows } = await inspect(await signed(2048), ['--requirements', '--verify', '--resolver', dns.address]);
    expect(states(rows)).toMatchObject({ 'dkim-key-size': 'met', dkim: 'met', spf: 'met', 'dmarc-record': 'met', 'dmarc-aligned': 'met', ptr: 'met', 'one-click': 'met' });
    expect(rows.find((r) => r.rule === 'dkim-key-size')!.evidence.args).toMatchObject({ bits: 2048, selector: 'k2048' });
    expect(rows.find((r) => r.rule === 'dmarc-record')!.evidence.args).toMatchObject({ record: 'v=DMARC1; p=none; rua=mailto:dmarc@lettre.example' });
  });

  it('a signature that does not verify now: no key to judge, the key rule is not met', async () => {
    const tampered = (await signed(1024)).replace('Les nouvelles du mois.', 'Autre chose.');
    const { rows } = await inspect(tampered, ['--requirements', '--verify', '--resolver', dns.address]);
    expect(rows.find((r) => r.rule === 'dkim-key-size')).toMatchObject({ state: 'not-met', evidence: { code: 'req.key-no-pass' } });
  });

  it('a relay without reverse DNS, looked up now: the PTR rule is not met, an error', async () => {
    const { rows, findings } = await inspect((await signed(2048, '192.0.2.99')).replace('mail.lettre.example (mail.lettre.example [192.0.2.99])', 'mail.lettre.example ([192.0.2.99])'), ['--requirements', '--verify', '--resolver', dns.address]);
    expect(rows.find((r) => r.rule === 'ptr')).toMatchObject({ state: 'not-met', evidence: { code: 'req.ptr-missing', args: { ip: '192.0.2.99' } } });
    expect(notMet(findings)).toContain('ptr:error');
  });
});

describe('check-dns --requirements: what the DNS shows', () => {
  let dns: DnsTestServer;
  beforeAll(async () => {
    dns = await startDnsServer({ zone: loadZoneFixture('dns/keys-and-mx.zone', 'dns/dmarc-cases.zone', 'dns/sending-ip.zone', 'dns/spf-limits.zone') });
  });
  afterAll(() => dns.close());

  async function checkDns(args: string[]) {
    const r = await runCli(['check-dns', ...args, '--requirements', '--resolver', dns.address, '--skip', 'dnsbl', '--json']);
    const report = JSON.parse(r.stdout);
    const rows: Row[] = report.data.requirements.rows;
    record(rows);
    return { code: r.code, report, rows, findings: report.findings as Finding[] };
  }

  it('SPF, DMARC p=none with reports, a 2048-bit key: met; what only a message shows: not visible from DNS', async () => {
    const { rows, findings } = await checkDns(['keys.example', '--dkim-selector', 'good']);
    expect(states(rows)).toMatchObject({ 'spf-or-dkim': 'met', spf: 'met', dkim: 'met', 'dkim-key-size': 'met', 'dmarc-record': 'met', 'dmarc-aligned': 'unknown', ptr: 'unknown', tls: 'unknown', format: 'unknown', 'one-click': 'unknown', 'unsubscribe-link': 'unknown', 'spam-rate': 'unknown' });
    expect(states(rows, 'yahoo')['list-unsubscribe']).toBe('unknown');
    expect(rows.find((r) => r.rule === 'tls')!.evidence.code).toBe('req.not-in-dns');
    expect(rows.find((r) => r.rule === 'dmarc-record')!.evidence).toEqual({ code: 'req.dmarc-policy', args: { policy: 'none', rua: true } });
    expect(notMet(findings)).toEqual([]);
  });

  it('a 512-bit key: the key rule is not met (a warning, an error with --bulk); a selector with no key: DKIM not met', async () => {
    const tiny = await checkDns(['keys.example', '--dkim-selector', 'tiny']);
    expect(states(tiny.rows)['dkim-key-size']).toBe('not-met');
    expect(notMet(tiny.findings)).toContain('dkim-key-size:warning');
    const bulk = await checkDns(['keys.example', '--dkim-selector', 'tiny', '--bulk']);
    expect(notMet(bulk.findings)).toContain('dkim-key-size:error');
    const none = await checkDns(['keys.example', '--dkim-selector', 'absent']);
    expect(rows(none)).toMatchObject({ dkim: 'not-met' });
  });

  it('no DMARC record; no DKIM key among the guessed selectors (cannot tell)', async () => {
    const { rows } = await checkDns(['nodmarc.example']);
    expect(states(rows)).toMatchObject({ 'dmarc-record': 'not-met', dkim: 'unknown', 'dkim-key-size': 'unknown' });
  });

  it('an SPF record over 10 lookups (permerror): the SPF rule is not met', async () => {
    const { rows } = await checkDns(['eleven.spf-limits.example']);
    expect(rows.find((r) => r.rule === 'spf')).toMatchObject({ state: 'not-met', evidence: { code: 'req.spf-broken' } });
  });

  it('--ip: SPF pass and a confirmed PTR; no PTR (an error); a generic name (Yahoo, bulk); an IP SPF does not list', async () => {
    const good = await checkDns(['sending-ip.example', '--ip', '198.51.100.10']);
    expect(states(good.rows)).toMatchObject({ spf: 'met', ptr: 'met' });
    expect(states(good.rows, 'yahoo')['ptr-not-generic']).toBe('met');
    const missing = await checkDns(['sending-ip.example', '--ip', '198.51.100.12']);
    expect(states(missing.rows).ptr).toBe('not-met');
    expect(notMet(missing.findings)).toContain('ptr:error');
    expect(missing.code).toBe(2);
    const generic = await checkDns(['sending-ip.example', '--ip', '198.51.100.13']);
    expect(states(generic.rows, 'yahoo')['ptr-not-generic']).toBe('not-met');
    const unlisted = await checkDns(['sending-ip.example', '--ip', '203.0.113.9']);
    expect(rows(unlisted)).toMatchObject({ spf: 'not-met' });
  });

  it('a resolver that does not answer: the DNS rules cannot be told, they are not failed', async () => {
    // A resolver that was there and is gone: its port is closed.
    const closed = await startDnsServer({ zone: loadZoneFixture('dns/keys-and-mx.zone') });
    await closed.close();
    const r = await runCli(['check-dns', 'keys.example', '--requirements', '--dkim-selector', 'good', '--resolver', closed.address, '--timeout', '1', '--json']);
    const rows: Row[] = JSON.parse(r.stdout).data.requirements.rows;
    record(rows);
    expect(states(rows)).toMatchObject({ spf: 'unknown', dkim: 'unknown', 'dmarc-record': 'unknown' });
    expect(rows.find((x) => x.rule === 'spf')!.evidence.code).toBe('req.dns-failed');
  });

  it('French text output draws the table', async () => {
    const r = await runCli(['check-dns', 'keys.example', '--requirements', '--resolver', dns.address, '--skip', 'dnsbl', '--lang', 'fr']);
    expect(r.stdout).toMatch(/Exigences d’envoi de Gmail, Yahoo et Outlook\.com/);
    expect(r.stdout).toMatch(/invisible dans le DNS/);
  });
});

function rows(r: { rows: Row[] }) {
  return states(r.rows);
}

describe('coverage', () => {
  it('each rule was seen met, not met and cannot-tell (the complaint rate is never visible)', () => {
    const missing = RULES.flatMap((rule) => (rule === 'spam-rate' ? ['unknown'] : ['met', 'not-met', 'unknown']).filter((s) => !seen.get(rule)?.has(s as RuleState)).map((s) => `${rule}:${s}`));
    expect(missing).toEqual([]);
  });
});
