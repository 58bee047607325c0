/**
 * The import graph of src/: no circle, and no import from a lower layer to a higher one. Layers as in
 * README's layout, lowest first; type-only and lazy imports count like the others.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const LAYERS = ['i18n', 'core', 'smtp', 'dns', 'headers', 'reports', 'bounce', 'render', 'commands', 'runner.ts', 'cli.ts'] as const;

const root = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

function specifiersOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

function importsOf(file: string): string[] {
  return specifiersOf(file).filter((s) => s.startsWith('.')).map((s) => relative(root, normalize(join(dirname(file), s.replace(/\.js$/, '.ts')))));
}

/** The one directory (or file) of src/ each heavy or protocol package may be imported from. */
const PACKAGE_HOMES: Record<string, string[]> = {
  mailparser: ['headers/'],
  mailauth: ['headers/'],
  libmime: ['headers/'],
  // headers/ uses only nodemailer's address parser (nodemailer/lib/addressparser).
  nodemailer: ['smtp/', 'headers/decoders.ts'],
  'dns-packet': ['dns/'],
  ora: ['runner.ts'],
  saxes: ['reports/'],
  yauzl: ['reports/'],
};

const graph = new Map(sources(root).map((f) => [relative(root, f), importsOf(f)]));
const layerOf = (file: string) => LAYERS.findIndex((l) => file === l || file.startsWith(`${l}/`));

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function circles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const out: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do scc.push((w = stack.pop()!));
      while (w !== v);
      if (scc.length > 1 || graph.get(v)!.includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

describe('the import graph of src/', () => {
  it('reads every source file and resolves every relative import', () => {
    expect(graph.size).toBeGreaterThan(50);
    const missing = [...graph].flatMap(([f, deps]) => deps.filter((d) => !graph.has(d)).map((d) => `${f} -> ${d}`));
    expect(missing).toEqual([]);
  });

  it('puts every file in a layer', () => {
    expect([...graph.keys()].filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('has no circle', () => {
    expect(circles()).toEqual([]);
  });

  it('never imports upward', () => {
    const upward = [...graph].flatMap(([f, deps]) => deps.filter((d) => layerOf(d) > layerOf(f)).map((d) => `${f} -> ${d}`));
    expect(upward).toEqual([]);
  });

  it('imports each heavy package only from its home', () => {
    const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    const stray = sources(root).flatMap((file) => {
      const f = relative(root, file);
      return specifiersOf(file)
        .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
        .filter((s) => PACKAGE_HOMES[packageOf(s)] && !PACKAGE_HOMES[packageOf(s)]!.some((home) => f === home || f.startsWith(home)))
        .map((s) => `${f} -> ${s}`);
    });
    expect(stray).toEqual([]);
  });

  it('sees a circle and an upward import when there is one', () => {
    // The detector itself: a two-file circle, and core importing from commands.
    graph.set('core/x.ts', ['commands/y.ts']);
    graph.set('commands/y.ts', ['core/x.ts']);
    try {
      expect(circles()).toContainEqual(['commands/y.ts', 'core/x.ts']);
      expect([...graph].some(([f, deps]) => deps.some((d) => layerOf(d) > layerOf(f)))).toBe(true);
    } finally {
      graph.delete('core/x.ts');
      graph.delete('commands/y.ts');
    }
  });
});
