/** French and English: the catalogues are complete and parallel, and every command speaks French when asked. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../src/core/catalogue/index.js';
import { catalogueFr } from '../src/core/catalogue/fr/index.js';
import { detectLang } from '../src/i18n/lang.js';
import { en, fr } from '../src/i18n/ui.js';
import fc from 'fast-check';
import { reason, textReason, type Reason } from '../src/core/catalogue/reasons.js';
import { reasonText } from '../src/core/catalogue/reason-words.js';
import { parseDkim } from '../src/dns/dkim.js';
import { parseDmarc } from '../src/dns/dmarc.js';
import { parseMtaStsPolicy } from '../src/dns/receiving/mta-sts.js';
import { parseSpf } from '../src/dns/spf/parse.js';
import { corpus, hostile } from './fuzz/targets.js';
import { runCli } from './helpers/cli.js';
import { loadZoneFixture, startDnsServer, type DnsTestServer } from './helpers/dns-server.js';
import { allDnsFixtures } from './helpers/fixtures.js';
import { startSmtpServer, type SmtpTestServer } from './helpers/smtp-server.js';

/** The argument names a wording function reads (a.name, a.count...), from its source. */
function argNames(fn: unknown): string[] {
  if (typeof fn !== 'function') return [];
  return [...new Set([...fn.toString().matchAll(/\ba\.([A-Za-z_]\w*)/g)].map((m) => m[1]!))].sort();
}

describe('the catalogues', () => {
  it('every finding id has French, and the same ids exist in both', () => {
    expect(Object.keys(catalogueFr).sort()).toEqual(Object.keys(catalogue).sort());
  });

  it('every finding with an English hint has a French one, and a French title', () => {
    for (const [id, spec] of Object.entries(catalogue)) {
      const w = catalogueFr[id as keyof typeof catalogueFr];
      expect(w.title, id).toBeTruthy();
      expect(Boolean(w.hint), `${id} hint`).toBe(Boolean((spec as { hint?: unknown }).hint));
    }
  });

  it('French wording reads only arguments the English finding has', () => {
    for (const [id, spec] of Object.entries(catalogue)) {
      const w = catalogueFr[id as keyof typeof catalogueFr];
      const english = new Set([...argNames(spec.message), ...argNames((spec as { hint?: unknown }).hint)]);
      for (const name of [...argNames(w.message), ...argNames(w.hint)]) expect(english.has(name) || name === 'length', `${id}: a.${name}`).toBe(true);
    }
  });

  it('every UI key exists in both languages, with the same arguments', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(typeof fr[key], key).toBe(typeof en[key]);
      expect(argNames(fr[key]), key).toEqual(argNames(en[key]));
    }
  });

  it.each([
    [[], { LANG: 'fr_FR.UTF-8' }, 'fr'],
    [[], { LANG: 'fr_BE.UTF-8' }, 'fr'],
    [[], { LANG: 'fr_CA' }, 'fr'],
    [[], { LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_FR.UTF-8' }, 'fr'],
    [[], { LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }, 'en'],
    [[], { LANG: 'fr_FR.UTF-8', LC_ALL: 'en_GB.UTF-8' }, 'en'],
    [['--lang', 'en'], { LANG: 'fr_FR.UTF-8' }, 'en'],
    [['--lang=fr'], {}, 'fr'],
    [[], {}, 'en'],
  ])('detectLang(%j, %j) is %s', (argv, env, expected) => expect(detectLang(argv, env)).toBe(expected));
});

let dns: DnsTestServer;
let smtp: SmtpTestServer;
const dir = mkdtempSync(join(tmpdir(), 'maildiag-i18n-'));
beforeAll(async () => {
  dns = await startDnsServer({ zone: loadZoneFixture(...allDnsFixtures()) });
  smtp = await startSmtpServer({ mode: 'plain', users: { u: 'p-a-s-s' } });
});
afterAll(async () => {
  await Promise.all([dns.close(), smtp.close()]);
});

const COMMANDS: Array<[string, () => string[], RegExp[]]> = [
  ['check-dns', () => ['check-dns', 'facturation-exemple.fr', '--resolver', dns.address, '--skip', 'dnssec'], [/Enregistrement SPF/, /politique DMARC de facturation-exemple\.fr est p=none/, /Que faire|→ /, /AVERTISSEMENT/]],
  ['smtp-test', () => ['smtp-test', '--host', '127.0.0.1', '--port', String(smtp.port), '--security', 'none', '--allow-cleartext-auth', '--user', 'u', '--password-env', 'P', '--from', 'u@example.fr'], [/Session SMTP/, /Identifiant accepté|a accepté l'identifiant/, /Étape/]],
  ['inspect-headers', () => ['inspect-headers', 'fixtures/messages/gmail-from-sendgrid.eml'], [/Trajet, du plus ancien relais au plus récent/, /DMARC réussit pour mairie-exemple\.fr/, /alignement relâché seulement/, /Remis par o1\.ptr4821/]],
];

describe('every command in French', () => {
  it.each(COMMANDS)('%s with --lang fr', async (_name, args, phrases) => {
    const r = await runCli([...args(), '--lang', 'fr'], { env: { P: 'p-a-s-s' } });
    for (const p of phrases) expect(r.stdout).toMatch(p);
  });

  it.each(COMMANDS)('%s with LANG=fr_FR.UTF-8', async (_name, args, phrases) => {
    const r = await runCli(args(), { env: { P: 'p-a-s-s', LANG: 'fr_FR.UTF-8' } });
    for (const p of phrases) expect(r.stdout).toMatch(p);
  });

  it.each(COMMANDS)('%s: the JSON differs only in message and hint', async (_name, args) => {
    const [enRun, frRun] = await Promise.all([runCli([...args(), '--json', '--lang', 'en'], { env: { P: 'p-a-s-s' } }), runCli([...args(), '--json', '--lang', 'fr'], { env: { P: 'p-a-s-s' } })]);
    const strip = (text: string) => {
      const r = JSON.parse(text);
      r.durationMs = 0;
      const walk = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(walk);
        if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !['ms', 'time', 'delayMs', 'totalDelayMs', 'at'].includes(k)).map(([k, x]) => [k, walk(x)]));
        return v;
      };
      const out = walk(r) as { findings: Array<Record<string, unknown>>; data: Record<string, unknown> };
      for (const f of out.findings) {
        delete f.message;
        delete f.hint;
      }
      // Timings in the data vary from run to run, not with the language.
      delete out.data.phases;
      delete out.data.transcript;
      return out;
    };
    const a = JSON.parse(enRun.stdout);
    const b = JSON.parse(frRun.stdout);
    expect(a.findings.map((f: { message: string }) => f.message)).not.toEqual(b.findings.map((f: { message: string }) => f.message));
    expect(strip(frRun.stdout)).toEqual(strip(enRun.stdout));
  });

  it('help, errors and the Markdown report are in French too', async () => {
    const help = await runCli(['check-dns', '--help'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(help.stdout).toMatch(/^Utilisation :/m);
    expect(help.stdout).toMatch(/vérifie le DNS d'un domaine d'envoi/);
    expect(help.stdout).toMatch(/Exemples :/);
    expect(help.stdout).toMatch(/Codes de sortie :/);
    const err = await runCli(['check-dns', '--bogus'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(err.stderr).toBe("maildiag: option inconnue '--bogus'\n");
    expect(help.stdout).toMatch(/interroge ce serveur DNS/);
    expect(help.stdout).not.toMatch(/ask this DNS server/);
    const smtpHelp = await runCli(['smtp-test', '--help', '--lang', 'fr']);
    expect(smtpHelp.stdout).not.toMatch(/read the password from/);
    const missing = await runCli(['check-dns', '--file', join(dir, 'absent.txt'), '--lang', 'fr']);
    expect(missing.stderr).toMatch(/absent\.txt : fichier introuvable/);
    expect(missing.code).toBe(3);
    const md = await runCli(['check-dns', 'facturation-exemple.fr', '--resolver', dns.address, '--skip', 'dnssec', '--format', 'markdown', '--lang', 'fr']);
    expect(md.stdout).toMatch(/— AVERTISSEMENT/);
    expect(md.stdout).toMatch(/\*Que faire :\*/);
    const file = join(dir, 'x.txt');
    writeFileSync(file, 'facturation-exemple.fr\nmairie-exemple.fr\n');
    const many = await runCli(['check-dns', '--file', file, '--resolver', dns.address, '--skip', 'dnssec', '--lang', 'fr']);
    expect(many.stdout).toMatch(/2 cibles vérifiées : 1 OK, 1 AVERTISSEMENT, 0 ÉCHEC, 0 VÉRIFICATION IMPOSSIBLE/);
  });

  it('errors about zone files, configs, lists and options are in French, and only then', async () => {
    const zone = join(dir, 'bad.zone');
    writeFileSync(zone, '$ORIGIN x.example.\n@ SOA ns1 hostmaster 1 2 3 4 5\nwww A 300.1.1.1\n');
    const config = join(dir, 'bad-config.json');
    writeFileSync(config, JSON.stringify({ profiles: [{ name: 'notif', host: 'smtp.example.fr', port: 99999 }] }));
    const expected = join(dir, 'bad-expect.json');
    writeFileSync(expected, JSON.stringify([{ name: 'x', type: 'SRV', value: 'y' }]));
    const cases: Array<[string[], RegExp, RegExp]> = [
      [['check-dns', 'x.example', '--zone-file', zone], /bad\.zone:3: « 300\.1\.1\.1 » n'est pas une adresse IPv4$/, /bad\.zone:3: "300\.1\.1\.1" is not an IPv4 address$/],
      [['smtp-test', '--config', config, '--all'], /--config : profil 1 de .*\(notif\) : le port 99999 est hors limites/, /--config: profile 1 in .*\(notif\): port 99999 is out of range/],
      [['check-dns', 'x.example', '--expect', expected], /l'enregistrement 1 de .* est de type « SRV »/, /record 1 in .* has type "SRV"/],
      [['check-dns', 'x.example', '--skip', 'spam'], /« spam » n'est pas un contrôle connu/, /"spam" is not an area/],
      [['check-dns', 'x.example', '--resolver', '127.0.0.1:70000'], /--resolver : le port 70000 est hors limites/, /--resolver: port 70000 is out of range/],
      [['smtp-test', '--host', 'h', '-4', '-6'], /-4 et -6 s’excluent/, /-4 and -6 exclude each other/],
    ];
    for (const [args, fr, en] of cases) {
      const f = await runCli([...args, '--lang', 'fr']);
      const e = await runCli([...args, '--lang', 'en']);
      expect(f.code, args.join(' ')).toBe(3);
      expect(f.stderr.trim()).toMatch(fr);
      expect(e.stderr.trim()).toMatch(en);
    }
  });
});

describe('reasons from parsers, in French', () => {
  it('every reason the SPF, DKIM, DMARC and MTA-STS parsers give over 4,000 hostile records is a catalogue code, worded in French', () => {
    const c = corpus();
    const records = fc.sample(hostile([...c.txt, 'v=spf1 ip4:1.2.3.4/33 include: mx:a..b %{z} -all', 'v=DKIM1; k=dsa; p=###', 'v=DMARC2;;p=none']), { numRuns: 3000, seed: 20261122 });
    // This sample once held a line that took the old MTA-STS parser 557 s (see test/fuzz.test.ts).
    const policies = fc.sample(hostile(['version: STSv1\nmode: enforce\nmx: *.mail.example\nmax_age: 604800\n', 'version: STSv2\nmode: strict\nmax_age: x\n']), { numRuns: 1000, seed: 20261122 });
    const reasons: Reason[] = [];
    for (const r of records) {
      for (const e of parseSpf(r).errors) reasons.push(e.reason);
      reasons.push(...parseDkim(r).errors, ...parseDmarc(r).syntaxErrors);
    }
    for (const p of policies) reasons.push(...parseMtaStsPolicy(p).errors);
    const codes = new Set(reasons.map((r) => r.code));
    expect(codes.size).toBeGreaterThan(20);
    // No parser reason is outside words; each reads differently in French than in English.
    expect(codes.has('text')).toBe(false);
    expect(reasons.filter((r) => reasonText(r, 'fr') === reasonText(r, 'en')).map((r) => r.code)).toEqual([]);
  });

  it('evaluation and receiving-side reasons, nested ones included; outside words stay as they came', () => {
    for (const [r, en, fr] of [
      [reason('spf.too-many-lookups', { term: 'include:leaf6.spf-limits.example' }), 'more than 10 DNS lookups (the 11th is include:leaf6.spf-limits.example)', 'plus de 10 requêtes DNS (la 11e est include:leaf6.spf-limits.example)'],
      [
        reason('spf.syntax-in', { domain: 'a.example', term: 'ip4:1.2.3.4/33', reason: reason('spf.prefix-length', { text: '/33', version: 4 }) }),
        'syntax error in the SPF of a.example: "ip4:1.2.3.4/33": "/33" is not an IPv4 prefix length (0-32)',
        'erreur de syntaxe dans le SPF de a.example : « ip4:1.2.3.4/33 » : « /33 » n\'est pas une longueur de préfixe IPv4 (0-32)',
      ],
      [reason('spf.query-failed', { type: 'TXT', name: '_spf.example.com', failure: 'TIMEOUT' }), 'TXT query for _spf.example.com failed (TIMEOUT)', 'la requête TXT pour _spf.example.com a échoué (TIMEOUT)'],
      [reason('tlsrpt.no-rua'), 'there is no rua= (where reports go)', 'il n’y a pas de rua= (où envoyer les rapports)'],
      [reason('net.no-address', { host: 'mta-sts.example.fr' }), 'mta-sts.example.fr does not resolve', 'mta-sts.example.fr ne se résout pas'],
      [textReason('CERT_HAS_EXPIRED'), 'CERT_HAS_EXPIRED', 'CERT_HAS_EXPIRED'],
    ] as Array<[Reason, string, string]>) {
      expect(reasonText(r)).toBe(en);
      expect(reasonText(r, 'fr')).toBe(fr);
    }
  });
});


describe('numbers', () => {
  it('formatNumber writes what Intl.NumberFormat writes, to one decimal, in both languages', async () => {
    const { formatNumber } = await import('../src/i18n/lang.js');
    const values = [0, 0.04, 0.05, 0.15, 1, 1.45, 2.25, 9.95, 12.34, 999.96, 1000, 1234.5, 12345.67, 1e6, 123456789.05, 1e14 + 0.3, -3.2, 1e21, Number.NaN];
    // A fixed pseudo-random sequence: the same values every run.
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let i = 0; i < 5000; i++) values.push(Math.round(next() * 10 ** (1 + (i % 9)) * 1000) / 1000, next() * 10 ** (i % 12));
    for (const lang of ['en', 'fr'] as const) {
      const intl = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 1 });
      expect(values.filter((v) => formatNumber(v, lang) !== intl.format(v))).toEqual([]);
    }
  });
});

describe('the words the renderers look up by language', () => {
  // Spawned runs: the French tables join only when a French run loads the French catalogue, as here.
  // Markdown, whose tables do not wrap a cell across lines.
  it('a French run draws the requirement rules and bounce reasons in French; an English one in English', async () => {
    const { RULE_WORDS } = await import('../src/core/catalogue/requirements.js');
    const { RULE_WORDS_FR } = await import('../src/core/catalogue/fr/requirements.js');
    const { BOUNCE_REASON_WORDS } = await import('../src/core/catalogue/bounce.js');
    const { BOUNCE_REASON_WORDS_FR } = await import('../src/core/catalogue/fr/bounce.js');
    const { spawnCli } = await import('./helpers/cli.js');
    const message = fileURLToPath(new URL('../fixtures/messages/newsletter-one-click.eml', import.meta.url));
    const bounce = fileURLToPath(new URL('../fixtures/bounces/bounce-of-a-bounce.eml', import.meta.url));
    const run = (lang: string, args: string[]) => spawnCli([...args, '--lang', lang, '--format', 'markdown']).then((r) => r.stdout);
    const [reqFr, reqEn, bounceFr, bounceEn] = await Promise.all([
      run('fr', ['inspect-headers', '--requirements', message]),
      run('en', ['inspect-headers', '--requirements', message]),
      run('fr', ['bounce', bounce]),
      run('en', ['bounce', bounce]),
    ]);
    expect(reqFr).toContain(RULE_WORDS_FR['spf-or-dkim'].title);
    expect(reqFr).not.toContain(RULE_WORDS['spf-or-dkim'].title);
    expect(reqEn).toContain(RULE_WORDS['spf-or-dkim'].title);
    expect(bounceFr).toContain(`user-unknown: ${BOUNCE_REASON_WORDS_FR['user-unknown'].title}`);
    expect(bounceEn).toContain(`user-unknown: ${BOUNCE_REASON_WORDS['user-unknown'].title}`);
  });
});
