import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../src/core/catalogue/index.js';
import { findingsMarkdown } from '../scripts/findings-doc.js';
import { finding } from '../src/core/finding.js';
import { GENERAL_SECTIONS, SECTIONS, type SectionId } from '../src/core/catalogue/sections.js';
import { CHECK_AREAS } from '../src/dns/areas.js';
import { HEADER_CHECKS } from '../src/headers/check.js';

describe('the finding catalogue', () => {
  it('docs/findings.md is up to date (npm run docs)', () => {
    expect(readFileSync(new URL('../docs/findings.md', import.meta.url), 'utf8')).toBe(findingsMarkdown());
  });

  it('every section is drawn by its command\'s renderer (or is meant for "General"), and every section is used', () => {
    const drawn = (command: string) => new Set([...readFileSync(new URL(`../src/render/${command}.ts`, import.meta.url), 'utf8').matchAll(/\barea: '([a-z-]+)'/g)].map((m) => m[1]));
    const undrawn = (Object.entries(SECTIONS) as Array<[SectionId, (typeof SECTIONS)[SectionId]]>)
      .filter(([id, s]) => !GENERAL_SECTIONS.includes(id) && !drawn(s.command).has(id))
      .map(([id]) => id);
    expect(undrawn).toEqual([]);
    const used = new Set(Object.values(catalogue).map((s) => s.section));
    expect(Object.keys(SECTIONS).filter((id) => !used.has(id as SectionId))).toEqual([]);
  });

  it('every check-dns section is claimed by exactly one area, every inspect-headers section by some check', () => {
    const sectionsOf = (command: string) => (Object.entries(SECTIONS) as Array<[SectionId, { command: string }]>).filter(([, s]) => s.command === command).map(([id]) => id);
    const owners = (id: SectionId, list: ReadonlyArray<{ sections: readonly SectionId[] }>) => list.filter((o) => o.sections.includes(id)).length;
    expect(sectionsOf('check-dns').filter((id) => id !== 'dns' && owners(id, Object.values(CHECK_AREAS)) !== 1)).toEqual([]);
    expect(sectionsOf('inspect-headers').filter((id) => id !== 'input' && owners(id, HEADER_CHECKS) === 0)).toEqual([]);
  });

  it('every id is dotted, lowercase, and worded without the call site', () => {
    for (const id of Object.keys(catalogue)) expect(id).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });

  it('every non-ok finding tells what to change', () => {
    const missing = Object.entries(catalogue)
      .filter(([, s]) => s.severity !== 'ok' && !('hint' in s && s.hint))
      .map(([id]) => id);
    expect(missing).toEqual([]);
  });

  it('every id the code emits is in the catalogue, and the code emits every id (one search finds the check)', async () => {
    const { execFileSync } = await import('node:child_process');
    const src = execFileSync('grep', ['-rhoE', "finding\\('[a-z0-9.-]+'", 'src'], { encoding: 'utf8' });
    const emitted = new Set([...src.matchAll(/finding\('([^']+)'/g)].map((m) => m[1]!));
    expect([...emitted].filter((id) => !(id in catalogue))).toEqual([]);
    expect(Object.keys(catalogue).filter((id) => !emitted.has(id))).toEqual([]);
  });

  it('keeps the arguments as machine-readable data', () => {
    const f = finding('spf.lookups-exceeded', 'example.fr', { domain: 'example.fr', lookups: 12, crossedAt: 'include:x.example', passing: [], failing: [] });
    expect(f).toMatchObject({ id: 'spf.lookups-exceeded', severity: 'error', data: { lookups: 12 } });
    expect(f.message).toContain('12');
  });
});

describe('docs/blocklists.md', () => {
  it('documents every default list: its zone, and where a listed owner asks for removal', async () => {
    const { BLOCKLISTS } = await import('../src/dns/blocklists.js');
    const doc = readFileSync(new URL('../docs/blocklists.md', import.meta.url), 'utf8');
    const missing = BLOCKLISTS.filter((b) => b.default).flatMap((b) => [b.zone, b.delist ?? ''].filter((s) => !doc.includes(s)));
    expect(missing).toEqual([]);
    expect(BLOCKLISTS.some((b) => /sorbs/i.test(b.zone))).toBe(false);
  });
});
