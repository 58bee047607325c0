/**
 * Fuzz targets shared by the bounded test (test/fuzz.test.ts) and the long campaign (npm run fuzz).
 * Each target takes a hostile string and must return normally or throw one of maildiag's typed errors,
 * and within bounded time. Inputs are arbitrary strings and mutations of the real fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isKnownError } from '../../src/core/errors.js';
import { localize } from '../../src/core/localize.js';
import type { Report } from '../../src/core/model.js';
import { checkDomain } from '../../src/dns/check-domain.js';
import { parseDkim } from '../../src/dns/dkim.js';
import { parseDmarc } from '../../src/dns/dmarc.js';
import { parseMtaStsPolicy } from '../../src/dns/receiving/mta-sts.js';
import { expandMacros, macroError, parseSpf } from '../../src/dns/spf/parse.js';
import type { DnsResult, RecordData, RecordType, Resolver } from '../../src/dns/types.js';
import { parseZone } from '../../src/dns/zonefile.js';
import { ownAnswer } from '../../src/dns/resolver.js';
import { readReply } from '../../src/dns/wire.js';
import * as packet from 'dns-packet';
import { parseAuthResults, parseDkimSignature, parseReceivedSpf } from '../../src/headers/auth-results.js';
import { decoders } from '../../src/headers/decoders.js';
import { decodeWords } from '../../src/headers/encoded-words.js';
import { inspectMessage, type Decoders } from '../../src/headers/inspect.js';
import { decodeBytes, parseHeaderBlock } from '../../src/headers/message.js';
import { parseMailDate, parseReceived } from '../../src/headers/received.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderText } from '../../src/render/text.js';
import { redactText, secretForms } from '../../src/smtp/redact.js';
import { WIRE_CHECKS } from '../../src/smtp/wire-values.js';
import { parseDmarcXml, ReportError } from '../../src/reports/dmarc-xml.js';
import { parseTlsRpt } from '../../src/reports/tlsrpt.js';
import { ReportSet } from '../../src/reports/aggregate.js';
import { groupSenders, readiness } from '../../src/reports/senders.js';
import { checkDmarcDomain, checkTlsDomain } from '../../src/reports/check.js';
import { finding, makeReport } from '../../src/core/finding.js';
import { gunzipSync } from 'node:zlib';
import { parseDsnFields, parseLine, parseTextBounce } from '../../src/bounce/parse.js';
import { explain } from '../../src/bounce/explain.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

/** Characters and fragments that break parsers and terminals. */
const HOSTILE = [
  ';', '=', ':', ',', '(', ')', '"', '\\', '<', '>', '@', '%{', '%{d}', '%{i1r}', '}', '/', ' ', '\t', '\r', '\n', '\r\n ', '\0',
  '\x1b[2J', '\x1b]8;;http://x\x07', '\x1b]0;pwned\x07', '\u009b31m', '\u202e', '\u2066', '\ufeff', '\ud800', 'é', '𝒳',
  'v=spf1', 'v=DMARC1', 'v=DKIM1', 'include:', 'redirect=', 'p=', 'rua=mailto:', 'b=', 'h=', 'by ', 'from ', 'with ', 'id ', 'for ',
  '(comment (nested', '=?utf-8?B?', '=?iso-8859-1?Q?', '?=', '-all', '~all', '+', 'a'.repeat(300), '('.repeat(200), ' '.repeat(500),
];

/** Real records and header values from the fixtures: the seeds mutations start from. */
export function corpus(): { txt: string[]; headers: string[]; messages: string[]; zones: string[]; replies: string[]; reports: string[]; bounces: string[] } {
  const zones = readdirSync(join(FIXTURES, 'dns')).map((f) => readFileSync(join(FIXTURES, 'dns', f), 'utf8'));
  const txt = zones.flatMap((z) => [...z.matchAll(/"([^"]*)"/g)].map((m) => m[1]!)).filter((s) => s.length > 3);
  const messages = readdirSync(join(FIXTURES, 'messages')).map((f) => readFileSync(join(FIXTURES, 'messages', f), 'latin1'));
  const headers = messages.flatMap((m) => parseHeaderBlock(m.split(/\r?\n\r?\n/)[0]!).fields.map((f) => f.value));
  // The report fixtures as their XML or JSON (gzip opened; zips and messages are left to the CLI tests).
  const reports = ['reports', 'reports-hostile'].flatMap((d) =>
    readdirSync(join(FIXTURES, d)).flatMap((f) => {
      const b = readFileSync(join(FIXTURES, d, f));
      if (b[0] === 0x1f && b[1] === 0x8b && b.length < 10_000) return [gunzipSync(b).toString('utf8')];
      const s = b.toString('utf8');
      return /^\s*(<\?xml|<feedback|\{)/.test(s) ? [s] : [];
    }),
  );
  const bounces = readdirSync(join(FIXTURES, 'bounces')).map((f) => readFileSync(join(FIXTURES, 'bounces', f), 'utf8').slice(0, 6000));
  return { txt: [...new Set(txt)], headers: [...new Set(headers)], messages, zones, replies: replies(txt.slice(0, 12)), reports, bounces };
}

/** Wire replies to "TXT fuzz.example" (as latin1 strings): plain, through CNAMEs, for another name, NXDOMAIN. */
function replies(txt: string[]): string[] {
  const q = [{ name: 'fuzz.example', type: 'TXT' as const, class: 'IN' as const }];
  const rr = (name: string, data: string): packet.Answer => ({ name, type: 'TXT', class: 'IN', ttl: 300, data: [data] });
  const cname = (name: string, data: string): packet.Answer => ({ name, type: 'CNAME', class: 'IN', ttl: 300, data });
  const answers: packet.Answer[][] = [
    txt.map((t) => rr('fuzz.example', t)),
    [cname('fuzz.example', 'a.provider.example'), cname('a.provider.example', 'b.provider.example'), rr('b.provider.example', txt[0] ?? 'v=spf1 -all')],
    [rr('other.example', 'v=spf1 +all')],
    [cname('fuzz.example', 'fuzz.example')],
  ];
  const out = answers.map((a) => packet.encode({ type: 'response', id: 1, flags: packet.RECURSION_AVAILABLE, questions: q, answers: a }));
  out.push(packet.encode({ type: 'response', id: 1, flags: 3, questions: q }));
  return out.map((b) => b.toString('latin1'));
}

type Edit = { at: number; cut: number; insert: string; repeat: number };

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  cut: fc.nat({ max: 20 }),
  insert: fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 8 })),
  repeat: fc.oneof(fc.constant(1), fc.constant(1), fc.integer({ min: 2, max: 50 })),
});

function applyEdits(seed: string, edits: readonly Edit[]): string {
  let s = seed;
  for (const e of edits) {
    const at = s.length ? e.at % (s.length + 1) : 0;
    s = s.slice(0, at) + e.insert.repeat(e.repeat) + s.slice(at + e.cut);
  }
  return s;
}

/** A real value with a few hostile edits, or any string at all. */
export function hostile(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: 6 })).map(([s, e]) => applyEdits(s, e)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE), { maxLength: 40 }).map((a) => a.join('')) },
  );
}

/** Answers every question from a map of fuzzed records; anything else does not exist. */
export class FuzzResolver implements Resolver {
  readonly description = 'fuzz';
  constructor(private readonly txt: Map<string, string>) {}
  async query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    const n = name.toLowerCase().replace(/\.$/, '');
    if (type === 'TXT' && this.txt.has(n)) {
      const value = this.txt.get(n)!;
      const chunks = value.match(/[\s\S]{1,255}/g) ?? [''];
      return { status: 'found', records: [[...chunks]] as unknown as RecordData[T][] };
    }
    if (type === 'MX' && n === 'fuzz.example') return { status: 'found', records: [{ priority: 10, exchange: this.txt.get('mx') ?? 'mx.fuzz.example' }] as RecordData[T][] };
    return { status: n.endsWith('fuzz.example') ? 'nodata' : 'nxdomain' };
  }
}

/** Control characters no text or Markdown output may carry raw (tab and newline are layout). */
// eslint-disable-next-line no-control-regex
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function assertRendersSafely(reports: Report[]): void {
  for (const lang of ['en', 'fr'] as const) {
    const local = reports.map((r) => localize(r, lang));
    const text = renderText(local, { lang, colorLevel: 0, many: false, width: 100 });
    const md = renderMarkdown(local, { lang, colorLevel: 0, many: false, width: 100 });
    JSON.parse(renderJson(local, false));
    for (const [format, out] of [['text', text], ['markdown', md]] as const) {
      const m = RAW_CONTROL.exec(out);
      if (m) throw new Error(`raw U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} in ${format} output at ${m.index}`);
    }
  }
}

export interface Target {
  name: string;
  arbitrary: fc.Arbitrary<string>;
  run: (input: string) => unknown;
}

let decodersP: Promise<Decoders> | undefined;

export function targets(): Target[] {
  const c = corpus();
  const txt = hostile(c.txt);
  const hdr = hostile(c.headers);
  const macroCtx = { sender: 'a@b.example', domain: 'b.example', ip: '192.0.2.1', helo: 'h.example' };
  return [
    { name: 'SPF record parser', arbitrary: txt, run: (s) => parseSpf(s) },
    { name: 'SPF macros', arbitrary: txt, run: (s) => (macroError(s) === undefined ? expandMacros(s, macroCtx) : undefined) },
    { name: 'DMARC record parser', arbitrary: txt, run: (s) => parseDmarc(s) },
    { name: 'DKIM key record parser', arbitrary: txt, run: (s) => parseDkim(s) },
    { name: 'MTA-STS policy parser', arbitrary: hostile(['version: STSv1\nmode: enforce\nmx: *.mail.example\nmax_age: 604800\n']), run: (s) => parseMtaStsPolicy(s) },
    { name: 'Received parser', arbitrary: hdr, run: (s) => parseReceived(s) },
    { name: 'mail date parser', arbitrary: hostile(['Tue, 3 Nov 2026 10:01:02 +0100 (CET)', 'Mon, 2 Nov 2026 23:59:60 -0000']), run: (s) => parseMailDate(s) },
    { name: 'Authentication-Results parser', arbitrary: hdr, run: (s) => parseAuthResults(s, 0) },
    { name: 'Received-SPF parser', arbitrary: hdr, run: (s) => parseReceivedSpf(s, 0) },
    { name: 'DKIM-Signature parser', arbitrary: hdr, run: (s) => parseDkimSignature(s, 0) },
    { name: 'RFC 2047 decoder', arbitrary: hdr, run: (s) => decodeWords(s) },
    { name: 'address parser (From, Sender, Reply-To)', arbitrary: hdr, run: async (s) => (await (decodersP ??= decoders())).parseAddresses(s) },
    { name: 'header-block reader', arbitrary: hostile(c.messages.map((m) => m.slice(0, 4000))), run: (s) => parseHeaderBlock(decodeBytes(Buffer.from(s, 'latin1'))) },
    {
      name: 'DNS reply reader',
      arbitrary: hostile(c.replies),
      run: (s) => {
        const read = readReply(Buffer.from(s, 'latin1'), 'fuzz.example', 'TXT', 'fuzz');
        if ('ok' in read && read.ok) return ownAnswer('fuzz.example', 'TXT', read.reply.answers ?? [], 'fuzz');
        return read;
      },
    },
    {
      name: 'values reaching the SMTP wire (addresses, EHLO, TLS name, login)',
      arbitrary: hostile(['app@mairie-exemple.fr', '"jean dupont"@example.fr', 'postmaster@[IPv6:2001:db8::1]', 'josé@évry.fr', 'smtp.example.fr', '[192.0.2.1]', 'DOMAIN\\user']),
      run: (s) => {
        for (const [kind, check] of Object.entries(WIRE_CHECKS)) {
          // eslint-disable-next-line no-control-regex
          if (check(s) && /[\u0000-\u001f\u007f]/.test(s)) throw new Error(`${kind} accepted a control character`);
        }
      },
    },
    {
      name: 'server replies echoing the password split across lines',
      arbitrary: hostile(c.headers.slice(0, 20)),
      run: (s) => {
        const user = 'app@mairie-exemple.fr';
        const password = 'Tr0ub4dor&3';
        for (const secret of [password, Buffer.from(password).toString('base64')]) {
          const k = (s.length % (secret.length - 1)) + 1;
          const reply = `535-5.7.8 ${s}${secret.slice(0, k)}\n535 5.7.8 ${secret.slice(k)}${s.slice(0, 40)}`;
          const out = redactText(reply, secretForms(user, password));
          const joined = out.split('\n').map((l) => l.replace(/^\d{3}[ -](?:[245]\.\d{1,3}\.\d{1,3} )?/, '')).join('');
          if (joined.includes(secret)) throw new Error('the secret survived, split over two lines');
        }
      },
    },
    {
      name: 'DMARC aggregate report, parsed, judged and rendered (a refusal is a ReportError)',
      arbitrary: hostile(c.reports.filter((r) => r.trimStart().startsWith('<'))),
      run: (s) => {
        let r;
        try {
          r = parseDmarcXml(s);
        } catch (err) {
          if (err instanceof ReportError) return;
          throw err;
        }
        const set = new ReportSet();
        set.addDmarc('fuzz.xml', r);
        const reports = [...set.dmarc.values()].map((d) => {
          const senders = groupSenders(d, new Map(), (n) => n.split('.').slice(-2).join('.'));
          return makeReport({ command: 'reports', target: d.domain, findings: checkDmarcDomain(d, senders, readiness(d, senders), (n) => n), data: { kind: 'dmarc', domain: d.domain, senders, sources: [] }, startedAt: 0, now: 0 });
        });
        assertRendersSafely(reports);
      },
    },
    {
      name: 'TLS-RPT report, parsed, judged and rendered (a refusal is a ReportError)',
      arbitrary: hostile(c.reports.filter((r) => r.trimStart().startsWith('{'))),
      run: (s) => {
        let r;
        try {
          r = parseTlsRpt(s);
        } catch (err) {
          if (err instanceof ReportError) return;
          throw err;
        }
        const set = new ReportSet();
        set.addTls(r);
        assertRendersSafely([...set.tls.values()].map((d) => makeReport({ command: 'reports', target: d.domain, findings: checkTlsDomain(d), data: { kind: 'tls-rpt', domain: d.domain, tls: Object.values(d.policies) }, startedAt: 0, now: 0 })));
      },
    },
    {
      name: 'bounce texts (DSN fields, MTA families, reply lines), explained and rendered',
      arbitrary: hostile(c.bounces),
      run: (s) => {
        const recipients = [...parseDsnFields(s).recipients, ...parseTextBounce(s).recipients, ...parseLine(s)].map((r) => explain(r, { senderDomain: null }));
        const findings = recipients.map((r) => finding('bounce.recipient', r.recipient ?? '?', { recipient: r.recipient ?? '?', reason: r.reason, status: r.status, smtpCode: r.smtpCode, provider: r.provider?.name ?? null, providerCode: r.provider?.code ?? null, remoteMta: r.remoteMta, diagnostic: r.diagnostic, side: r.side, severity: r.severity, next: r.next, willRetryUntil: r.willRetryUntil }));
        assertRendersSafely([makeReport({ command: 'bounce', target: 'fuzz.eml', findings, data: { kind: 'text', recipients }, startedAt: 0, now: 0 })]);
      },
    },
    { name: 'zone-file reader', arbitrary: hostile(c.zones.map((z) => z.slice(0, 3000))), run: (s) => parseZone(s, { origin: 'fuzz.example.' }) },
    {
      name: 'inspect-headers, parsed and rendered',
      arbitrary: hostile(c.messages.map((m) => m.slice(0, 6000))),
      run: async (s) => {
        const d = await (decodersP ??= decoders());
        const raw = { source: 'fuzz.eml', header: Buffer.from(s.split(/\r?\n\r?\n/)[0]!, 'latin1'), truncated: false };
        const report = await inspectMessage(raw, { trusted: [], relays: [] }, d, undefined, 0, () => 0);
        assertRendersSafely([report]);
      },
    },
    {
      name: 'check-dns over hostile records, rendered',
      arbitrary: fc.tuple(txt, txt, txt, txt, hostile(['mx.fuzz.example', 'mail.protection.outlook.com'])).map((t) => JSON.stringify(t)),
      run: async (s) => {
        const [spf, dmarc, dkim, tlsrpt, mx] = JSON.parse(s) as string[];
        const records = new Map([
          ['fuzz.example', spf!],
          ['_dmarc.fuzz.example', dmarc!],
          ['sel._domainkey.fuzz.example', dkim!],
          ['_smtp._tls.fuzz.example', tlsrpt!],
          ['default._bimi.fuzz.example', dkim!],
          ['mx', mx!],
        ]);
        const report = await checkDomain(new FuzzResolver(records), {
          domain: 'fuzz.example',
          skip: new Set(['ptr', 'mta-sts', 'dnssec', 'smtp']),
          ips: ['192.0.2.1', '2001:db8::1'],
          selectors: ['sel'],
          expectations: [],
        }, () => 0);
        assertRendersSafely([report]);
      },
    },
  ];
}

/**
 * The property behind each target: no untyped exception, and no input that takes more than `budgetMs`.
 * `onCase` sees each input first (the campaign keeps it where a watchdog can read it if the case never ends).
 */
export function property(target: Target, budgetMs: number, onCase?: (input: string) => void): fc.IAsyncPropertyWithHooks<[string]> {
  return fc.asyncProperty(target.arbitrary, async (input) => {
    onCase?.(input);
    const started = performance.now();
    try {
      await target.run(input);
    } catch (err) {
      if (!isKnownError(err)) throw err;
    }
    const took = performance.now() - started;
    if (took > budgetMs) throw new Error(`took ${Math.round(took)} ms (budget ${budgetMs} ms)`);
  });
}
