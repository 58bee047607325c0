/** maildiag bounce over our own bounces, written the way each MTA family writes them, spawned as users run it. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixturePath } from '../helpers/dns-server.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);
const dir = mkdtempSync(join(tmpdir(), 'maildiag-bounce-'));
const bounce = (name: string) => fixturePath(`bounces/${name}`);

interface Recipient {
  recipient: string | null;
  reason: string;
  status: string | null;
  smtpCode: string | null;
  remoteMta: string | null;
  severity: string;
  side: string;
  ip: string | null;
  next: string | null;
  provider: { name: string } | null;
}

async function run(args: string[], input?: string) {
  const r = await runCli(['bounce', ...args, '--json'], input !== undefined ? { input } : {});
  const parsed = JSON.parse(r.stdout);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  for (const rep of list) expect(validate(rep) ? [] : validate.errors, rep.target).toEqual([]);
  return { ...r, list, report: list[0] };
}

describe('every family: the recipient, the code, the server that refused, the reason', () => {
  it.each([
    ['postfix-dsn-user-unknown.eml', 'dsn', 'jean.martin@exemple.net', '5.1.1', 'mx1.exemple.net', 'user-unknown', 'hard', 'recipient'],
    ['postfix-fr-mailbox-full.eml', 'text', 'paul.durand@fai-exemple.fr', '5.2.2', 'mx.fai-exemple.fr', 'mailbox-full', 'hard', 'recipient'],
    ['postfix-dsn-delayed.eml', 'dsn', 'secretariat@petite-commune.fr', '4.4.1', 'mx.petite-commune.fr', 'host-unreachable', 'delayed', 'recipient'],
    ['gmail-dmarc-blocked.eml', 'text', 'lucie.bernard@gmail.com', '5.7.26', 'Gmail (gsmtp)', 'policy-dmarc', 'hard', 'sender-domain'],
    ['gmail-address-not-found.eml', 'text', 'marc.petit.1987@gmail.com', '5.1.1', 'Gmail (gsmtp)', 'user-unknown', 'hard', 'recipient'],
    ['m365-ndr-5.7.708.eml', 'text', 'contact@partenaire-exemple.fr', '5.7.708', 'PR3P192MB0789.EURP192.PROD.OUTLOOK.COM', 'blocked-ip', 'hard', 'sender-server'],
    ['m365-fr-5.7.515.eml', 'text', 'abonne.exemple@hotmail.fr', '5.7.515', 'DB8EUR05FT044.eop-eur05.prod.protection.outlook.com', 'policy-auth', 'hard', 'sender-domain'],
    ['exim-mailbox-full.eml', 'text', 'claire.moreau@exemple-sante.fr', '5.2.2', 'mx.exemple-sante.fr', 'mailbox-full', 'hard', 'recipient'],
    ['qmail-user-unknown.eml', 'text', 'benevole@club-exemple.fr', '5.1.1', '192.0.2.61', 'user-unknown', 'hard', 'recipient'],
    ['sendmail-user-unknown.eml', 'text', 'etudiant.ancien@universite-exemple.fr', '5.1.1', 'mail.universite-exemple.fr', 'user-unknown', 'hard', 'recipient'],
    ['yahoo-tss04-deferred.eml', 'text', 'lecteur.exemple@yahoo.fr', '4.7.0', null, 'rate-limited', 'delayed', 'nobody'],
    ['orange-ip-blocked-fr.eml', 'text', 'famille.leroy@orange.fr', '5.7.1', 'smtp-in.orange.fr', 'blocked-ip', 'hard', 'sender-server'],
    ['ses-bounce-notification.eml', 'text', 'compta@client-exemple.fr', '5.1.1', '192.0.2.70', 'user-unknown', 'hard', 'recipient'],
    ['postfix-log-line.txt', 'line', 'jean.martin@exemple.net', '5.1.1', 'mx1.exemple.net', 'user-unknown', 'hard', 'recipient'],
    ['gmail-reply-line.txt', 'line', null, '5.7.26', 'Gmail (gsmtp)', 'policy-dmarc', 'hard', 'sender-domain'],
    ['gandi-postfix-relay-denied.eml', 'text', 'partenaire@autre-exemple.org', '5.7.1', 'mx.autre-exemple.org', 'relay-denied', 'hard', 'sender-server'],
    ['exchange-html-only.eml', 'text', 'agent.parti@collectivite-exemple.fr', '5.1.10', 'EXCH01.collectivite-exemple.local', 'user-unknown', 'hard', 'recipient'],
    ['global-dsn-rfc6533.eml', 'dsn', 'élodie.lefèvre@exemple-idn.fr', '5.1.1', 'mx.exemple-idn.fr', 'user-unknown', 'hard', 'recipient'],
    ['sfr-ip-blocked-fr.eml', 'text', 'client.abonne@sfr.fr', '5.7.1', 'smtp-in.sfr.fr', 'blocked-ip', 'hard', 'sender-server'],
    ['laposte-mailbox-full-exim.eml', 'text', 'parent.eleve@laposte.net', '5.2.2', 'smtp-in.laposte.net', 'mailbox-full', 'hard', 'recipient'],
    ['ovh-gmail-spam.eml', 'dsn', 'cliente.fidele@gmail.com', '5.7.1', 'gmail-smtp-in.l.google.com', 'blocked-content', 'hard', 'sender-server'],
    // A form no family describes (Free's own words, in ISO-8859-1): the address next to the code.
    ['free-fr-generic.eml', 'text', 'adherent.ancien@free.fr', '5.1.1', null, 'user-unknown', 'hard', 'recipient'],
    // Mailing platforms' webhook events, pasted by support staff.
    ['sendgrid-webhook-events.json', 'text', 'jean.dupont@exemple-client.fr', '5.1.1', null, 'user-unknown', 'hard', 'recipient'],
    ['mailjet-webhook-event.json', 'text', 'boite.pleine@exemple-client.fr', '4.2.2', null, 'mailbox-full', 'delayed', 'recipient'],
    ['brevo-webhook-event.json', 'text', 'ancien.agent@exemple-client.fr', '5.1.1', null, 'user-unknown', 'hard', 'recipient'],
  ])('%s', async (name, kind, recipient, status, remoteMta, reason, severity, side) => {
    const { report } = await run([bounce(name)]);
    expect(report.data.kind).toBe(kind);
    expect(report.data.recipients.map((r: Recipient) => [r.recipient, r.status, r.remoteMta, r.reason, r.severity, r.side])).toEqual([[recipient, status, remoteMta, reason, severity, side]]);
  });

  it('hard is an error, temporary and delayed are not (exit codes 2, 0)', async () => {
    expect((await run([bounce('postfix-dsn-user-unknown.eml')])).code).toBe(2);
    const delayed = await run([bounce('postfix-dsn-delayed.eml')]);
    expect(delayed.report.findings.find((f: { id: string }) => f.id === 'bounce.recipient').severity).toBe('info');
    expect(delayed.report.data.recipients[0].willRetryUntil).toBe('Mon, 25 Nov 2024 10:14:05 +0100 (CET)');
  });

  it("names the provider's own meaning, and the next command with the domain and IP the bounce names", async () => {
    const gmail = await run([bounce('gmail-dmarc-blocked.eml')]);
    expect(gmail.report.data.recipients[0]).toMatchObject({ provider: { name: 'Gmail' }, next: 'maildiag check-dns mairie-exemple.fr --ip <IP>' });
    const orange = await run([bounce('orange-ip-blocked-fr.eml')]);
    expect(orange.report.data.recipients[0]).toMatchObject({ ip: '203.0.113.50', next: 'maildiag check-dns mairie-exemple.fr --ip 203.0.113.50' });
    const yahoo = await run([bounce('yahoo-tss04-deferred.eml')]);
    expect(yahoo.report.data.recipients[0]).toMatchObject({ provider: { name: 'Yahoo' }, ip: '203.0.113.50' });
    const line = await run([bounce('gmail-reply-line.txt')]);
    expect(line.report.data.recipients[0].next).toBe('maildiag check-dns mairie-exemple.fr --ip <IP>');
  });

  it('ties the bounce to the message that was sent', async () => {
    const { report } = await run([bounce('postfix-dsn-user-unknown.eml')]);
    expect(report.data.original).toEqual({ from: 'Mairie Exemple <notifications@mairie-exemple.fr>', messageId: '<rdv-20241119-0042@mairie-exemple.fr>', subject: 'Votre rendez-vous du 21 novembre', date: 'Tue, 19 Nov 2024 10:14:04 +0100', lastRelay: 'smtp.mairie-exemple.fr' });
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual(['bounce.recipient', 'bounce.original']);
  });
});

describe('input that is not what it seems', () => {
  it('a bounce of a bounce says so', async () => {
    const { report } = await run([bounce('bounce-of-a-bounce.eml')]);
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual(['bounce.recipient', 'bounce.original', 'bounce.of-a-bounce']);
  });

  it('a bounce carrying a 50 MB original: answered (the test timeout bounds it)', async () => {
    const d = readFileSync(bounce('postfix-dsn-user-unknown.eml'), 'latin1');
    const big = `${d.slice(0, d.indexOf('Received: from webapp01'))}From: a@b.example\nSubject: big\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n${'eHh4'.repeat(12 * 1024 * 1024).replace(/.{76}/g, '$&\n')}\n${d.slice(d.indexOf('--4XmQ7v2Kb1z9sRc.1732007647/smtp.mairie-exemple.fr--'))}`;
    const path = join(dir, 'big.eml');
    writeFileSync(path, big, 'latin1');
    const { report } = await run([path]);
    expect(report.data.recipients[0].reason).toBe('user-unknown');
    expect(report.data.original.subject).toBe('big');
  });

  it('a normal message is not a bounce, and says so', async () => {
    const { report, code } = await run([fixturePath('messages/o365-inbound-invoice.eml')]);
    expect(report.data.kind).toBe('not-a-bounce');
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual(['bounce.not-a-bounce']);
    expect(code).toBe(0);
  });

  it('a bounce with nothing readable in it: a warning naming the file', async () => {
    const path = join(dir, 'empty-bounce.eml');
    writeFileSync(path, 'From: MAILER-DAEMON@mail.example.fr\nTo: app@example.fr\nSubject: Undelivered Mail Returned to Sender\n\nSomething went wrong.\n');
    const { report, code } = await run([path]);
    expect(report.findings.map((f: { id: string }) => f.id)).toEqual(['bounce.no-recipient']);
    expect(code).toBe(1);
  });

  it('a refusal line pasted on standard input', async () => {
    const { report } = await run([], '554 5.7.1 Service unavailable; Client host [203.0.113.50] blocked using zen.spamhaus.org\n');
    expect(report.data.recipients[0]).toMatchObject({ reason: 'blocked-ip', status: '5.7.1', ip: '203.0.113.50' });
  });

  it('a DSN for 1,000 recipients, an mbox of bounces, broken MIME: an answer each time', async () => {
    const recipients = Array.from({ length: 1000 }, (_, i) => `Final-Recipient: rfc822; user${i}@exemple.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n`).join('\n');
    const dsn = `From: MAILER-DAEMON@mail.example.fr\nTo: app@example.fr\nSubject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n--B\nContent-Type: text/plain\n\nFailed.\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mail.example.fr\n\n${recipients}\n--B--\n`;
    const path = join(dir, 'many.eml');
    writeFileSync(path, dsn);
    const many = await run([path]);
    expect(many.report.data.recipients).toHaveLength(1000);
    const mbox = join(dir, 'rejets.mbox');
    writeFileSync(mbox, ['postfix-dsn-user-unknown.eml', 'exim-mailbox-full.eml'].map((f) => `From MAILER-DAEMON Tue Nov 19 10:00:00 2024\n${readFileSync(bounce(f), 'utf8').replace(/^From /gm, '>From ')}\n`).join(''));
    const fromMbox = await run([mbox]);
    expect(fromMbox.list.map((r: { target: string; data: { recipients: Recipient[] } }) => [r.target.split('#')[1], r.data.recipients[0]!.reason])).toEqual([['1', 'user-unknown'], ['2', 'mailbox-full']]);
    const broken = join(dir, 'broken.eml');
    writeFileSync(broken, 'From: MAILER-DAEMON@x\nSubject: failure notice\nContent-Type: multipart/report; boundary="never-closed"\n\n--never-closed\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.2\n');
    const b = await run([broken]);
    expect(b.report.data.recipients[0]).toMatchObject({ recipient: 'a@b.example', reason: 'domain-not-found' });
  });
});

describe('output', () => {
  it('text in English and French: the table and the advice', async () => {
    const en = await runCli(['bounce', bounce('gmail-dmarc-blocked.eml')]);
    expect(en.stdout).toMatch(/What the bounce says, per recipient/);
    expect(en.stdout).toMatch(/To act: the sender's domain/);
    const fr = await runCli(['bounce', bounce('m365-fr-5.7.515.eml'), '--lang', 'fr']);
    expect(fr.stdout).toMatch(/Ce que dit le rejet, par destinataire/);
    expect(fr.stdout).toMatch(/Qui doit agir : le domaine expéditeur/);
  });

  it('--help lists the command', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/bounce\s+a bounce or a refusal line/);
  });
});
