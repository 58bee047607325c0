/**
 * Bounded fuzzing in every test run: a fixed seed, so a failure reproduces; `npm run fuzz` runs the
 * same properties much longer with fresh seeds. Below them, the crashes fuzzing found, kept as
 * regression tests, and 100 KB hostile lines through every parser.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decoders } from '../src/headers/decoders.js';
import { parseDkim } from '../src/dns/dkim.js';
import { parseDmarc } from '../src/dns/dmarc.js';
import { parseMtaStsPolicy } from '../src/dns/receiving/mta-sts.js';
import { reason } from '../src/core/catalogue/reasons.js';
import { reasonText } from '../src/core/catalogue/reason-words.js';
import { parseSpf } from '../src/dns/spf/parse.js';
import { parseZone } from '../src/dns/zonefile.js';
import { parseAuthResults, parseDkimSignature, parseReceivedSpf } from '../src/headers/auth-results.js';
import { decodeWords } from '../src/headers/encoded-words.js';
import { parseHeaderBlock } from '../src/headers/message.js';
import { parseMailDate, parseReceived } from '../src/headers/received.js';
import { renderText, wrapCell } from '../src/render/text.js';
import { FuzzResolver, property, RAW_CONTROL, targets } from './fuzz/targets.js';
import { checkDomain } from '../src/dns/check-domain.js';

const RUNS = 150;

describe('fuzzing: hostile input never crashes a parser, hangs, or reaches the terminal raw', () => {
  for (const target of targets()) {
    it(target.name, async () => {
      await fc.assert(property(target, 2_000), { seed: 20261122, numRuns: RUNS, endOnFailure: true });
    });
  }
});

describe('regressions found by fuzzing', () => {
  it('an SPF record of long blank runs and astral characters renders (cli-table3 wordWrap never returned)', async () => {
    const record = `v=spf1 include:_s${' '.repeat(1847)}\r\n${' '.repeat(864)}\u{1f8ea}\u{93825}\u{1d34e}${' '.repeat(737)}\u{a7b4b}\u{6eeaa}\u{de279}\u{a822c}\u{2e83d}${' '.repeat(3071)}>${' '.repeat(448)}`;
    const report = await checkDomain(new FuzzResolver(new Map([['fuzz.example', record]])), { domain: 'fuzz.example', skip: new Set(['ptr', 'mta-sts', 'dnssec', 'smtp']), ips: [], expectations: [] }, () => 0);
    const text = renderText([report], { lang: 'en', colorLevel: 0, many: false, width: 100 });
    expect(text).toMatch(/spf\.syntax|is invalid/);
    expect(text).not.toMatch(RAW_CONTROL);
  });

  it('wrapCell cuts at spaces, hard-cuts long words, and keeps every character', () => {
    expect(wrapCell('Votre rendez-vous du 14 novembre est confirmé', 22)).toBe('Votre rendez-vous du\n14 novembre est\nconfirmé');
    expect(wrapCell('v=spf1 include:_spf.google.com ~all', 20)).toBe('v=spf1 include:_sp\nf.google.com ~all');
    expect(wrapCell('日本語のテキスト', 8)).toBe('日本語\nのテキ\nスト');
    const long = 'p=' + 'A'.repeat(400);
    expect(wrapCell(long, 40).replace(/\n/g, '')).toBe(long);
    expect(wrapCell('short', null)).toBe('short');
  });

  it('wrapCell measures grapheme clusters: a family, a flag and ✅ are 2 columns, a combining accent 0, none split', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(wrapCell(`${family}${family}`, 4)).toBe(`${family}\n${family}`);
    expect(wrapCell('🇫🇷🇧🇪', 4)).toBe('🇫🇷\n🇧🇪');
    expect(wrapCell('✅✅✅', 6)).toBe('✅✅\n✅');
    expect(wrapCell('Cafe\u0301s', 6)).toBe('Cafe\u0301\ns');
  });

  it('a 150 KB cell of kanji, emoji and blank runs wraps in linear time (Intl.Segmenter over it whole took 35 s)', () => {
    const cell = (`${'👨‍👩‍👧‍👦'} 日本語 ✅🇫🇷 é${' '.repeat(50)}`).repeat(2000);
    const started = performance.now();
    const out = wrapCell(cell, 40);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(out.replace(/[\s]/g, '')).toBe(cell.replace(/[\s]/g, ''));
  });
});

describe('a 100 KB hostile line is parsed quickly by every parser', () => {
  const lines: Record<string, string> = {
    spaces: ' '.repeat(100_000),
    parens: '('.repeat(50_000) + ')'.repeat(50_000),
    semicolons: 'a=b;'.repeat(25_000),
    equals: '='.repeat(100_000),
    quotes: '"\\'.repeat(50_000),
    words: '=?utf-8?B?'.repeat(10_000),
    received: 'from x by y with z id '.repeat(4_500),
    mechanisms: 'ip4:1.2.3.4 '.repeat(8_000),
    // A long blank run then one more character: what made /:\s*(.*?)\s*$/ backtrack cubically (MTA-STS).
    'spaces then a mark': `${' '.repeat(99_999)}\u202e`,
    // The line the fuzzer found: 12,000 spaces, a mark, carriage returns (which "." does not match): 557 s.
    'spaces, a mark, CRs': `${' '.repeat(50_000)}\u202e=?utf-8?B?${'\r'.repeat(40)}le`,
    'tabs then a letter': `${'\t'.repeat(99_999)}x`,
    colons: 'a:'.repeat(50_000),
  };
  const parsers: Record<string, (s: string) => unknown> = {
    parseSpf: (s) => parseSpf(`v=spf1 ${s}`),
    parseDmarc: (s) => parseDmarc(`v=DMARC1; ${s}`),
    parseDkim: (s) => parseDkim(`v=DKIM1; ${s}`),
    parseReceived,
    parseMailDate,
    parseAuthResults: (s) => parseAuthResults(s, 0),
    parseReceivedSpf: (s) => parseReceivedSpf(s, 0),
    parseDkimSignature: (s) => parseDkimSignature(s, 0),
    decodeWords,
    parseAddresses: (s) => addresses!(`"${s}" <a@b.example>, ${s}, group: ${s};`),
    parseHeaderBlock: (s) => parseHeaderBlock(`Subject: ${s}\r\n`),
    parseMtaStsPolicy: (s) => parseMtaStsPolicy(`version:${s}\nmode: ${s}\nmx:${s}\nmax_age: ${s}\n${s}`),
    reasonText: (s) => reasonText(reason('spf.syntax-in', { domain: 'a.example', term: s, reason: reason('spf.unknown-mechanism', { name: s }) }), 'fr'),
    parseZone: (s) => {
      try {
        return parseZone(`@ IN TXT "${s.replace(/"/g, '')}"\n`, { origin: 'x.example.' });
      } catch {
        return undefined;
      }
    },
  };
  let addresses: ((s: string) => unknown) | undefined;
  beforeAll(async () => {
    addresses = (await decoders()).parseAddresses;
  });
  for (const [pname, parse] of Object.entries(parsers)) {
    it(pname, () => {
      // A guard against catastrophic backtracking (minutes), not a speed test: linear parsers take milliseconds.
      for (const [lname, line] of Object.entries(lines)) {
        const started = performance.now();
        parse(line);
        expect(performance.now() - started, `${pname} on ${lname}`).toBeLessThan(1_000);
      }
    });
  }
});
