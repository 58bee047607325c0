/** Output that reaches a terminal: CSV, the spinner, terminals of no width. */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { hasScript, onTerminal } from './helpers/terminal.js';
import { RAW_CONTROL } from './fuzz/targets.js';

const FIXTURE = new URL('../fixtures/messages/hostile-escapes.eml', import.meta.url).pathname;
const OSC = '\x1b]0;pwned\x07';

describe('CSV goes through the same sanitiser as text', () => {
  it('a Subject with ESC, OSC, BEL, C1 and U+202E is written as visible escapes, formulas still defused', async () => {
    const r = await runCli(['inspect-headers', FIXTURE, '--format', 'csv']);
    expect(r.code).toBe(0);
    const body = r.stdout.replace(/\r\n/g, '\n');
    expect(body).not.toMatch(RAW_CONTROL);
    expect(body).toMatch(/Facture \\x1B\[31mURGENTE\\x1B\[0m \\u\{202E\}gpj\.exe/);
    const { csvCell } = await import('../src/render/stream.js');
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('\u0085\u009b31m')).toBe('\\x85\\x9B31m');
  });
});

describe.skipIf(!hasScript)('at a terminal (a pseudo-terminal through script(1))', () => {
  it('a file name with an escape sequence is shown escaped by the spinner, never raw', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maildiag-term-'));
    const evil = join(dir, `facture${OSC}.eml`);
    copyFileSync(FIXTURE, evil);
    const { screen, code } = await onTerminal(['inspect-headers', evil]);
    expect(code).toBe(0);
    expect(screen).not.toContain(OSC);
    expect(screen).toContain('\\x1B]0;pwned\\x07');
  });

  it('a terminal that reports 0 columns gets no spinner, and the run ends', async () => {
    const { screen, code, killed } = await onTerminal(['inspect-headers', FIXTURE], { columns: 0, timeoutMs: 10_000 });
    expect(killed).toBe(false);
    expect(code).toBe(0);
    expect(screen).toMatch(/hostile-escapes\.eml: PASS/);
  });
});

describe('the narrow characters measured without segmenting', () => {
  it('each character the fast path counts as one column is one column for string-width, alone and after another', async () => {
    const { NARROW, textWidth } = await import('../src/render/width.js');
    const { default: stringWidth } = await import('string-width');
    const wrong: string[] = [];
    for (let c = 0x20; c < 0x3000; c++) {
      const ch = String.fromCodePoint(c);
      if (!NARROW.test(ch)) continue;
      if (stringWidth(ch) !== 1 || stringWidth(`a${ch}`) !== 2) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    // A variation selector or a combining accent leaves the fast path: ⚠️ is two columns, é (e + U+0301) one.
    expect([textWidth('⚠\ufe0f'), textWidth('e\u0301'), textWidth('│ Réponse │')]).toEqual([2, 1, 11]);
  });
});
