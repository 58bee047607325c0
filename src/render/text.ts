import type { ChalkInstance } from 'chalk';
import type { Finding, Report, Severity } from '../core/model.js';
import { safeText } from '../core/sanitize.js';
import { layout, summaryTable } from './sections.js';
import type { RenderOptions, Section, TreeNode } from './types.js';
import { statusWord, verdictWords } from './words.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { clusters, textWidth } from './width.js';

const ICON: Record<Severity, string> = { ok: '✔', info: 'ℹ', warning: '⚠', error: '✖' };

/** The styles the text report uses. Without colour (a pipe, a file, NO_COLOR) they are the identity, and chalk is never loaded. */
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  title(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
  yellow(s: string): string;
  red(s: string): string;
}
const same = (s: string) => s;
export const PLAIN: Paint = { bold: same, dim: same, title: same, green: same, cyan: same, yellow: same, red: same };

/** The styles, from chalk at the run's colour level. */
export function chalkPaint(c: ChalkInstance): Paint {
  return { bold: (s) => c.bold(s), dim: (s) => c.dim(s), title: (s) => c.bold.underline(s), green: (s) => c.green(s), cyan: (s) => c.cyan(s), yellow: (s) => c.yellow(s), red: (s) => c.red(s) };
}

function paint(c: Paint, severity: Severity | Report['status'], text: string): string {
  switch (severity) {
    case 'ok':
    case 'pass':
      return c.green(text);
    case 'info':
      return c.cyan(text);
    case 'warning':
    case 'warn':
      return c.yellow(text);
    default:
      return c.red(text);
  }
}

function drawTree(node: TreeNode, prefix = '', last = true, root = true): string[] {
  const lines = [root ? safeText(node.label) : `${prefix}${last ? '└─ ' : '├─ '}${safeText(node.label)}`];
  const childPrefix = root ? '' : `${prefix}${last ? '   ' : '│  '}`;
  node.children.forEach((child, i) => lines.push(...drawTree(child, childPrefix, i === node.children.length - 1, false)));
  return lines;
}

/**
 * A boxed table, cells wrapped to their column. Drawn here rather than with cli-table3, which
 * re-measures a whole cell for every line it draws: a hostile 3 KB header of wide characters took
 * seconds (found by fuzzing).
 */
function drawTable(section: Section, c: Paint, width: number): string {
  const t = section.table!;
  const fitted = fitColumns(t.head, t.rows, width);
  const cells = (row: string[]) => row.map((cell, i) => wrapCell(safeText(cell), fitted[i] ?? null).split('\n'));
  const head = cells(t.head);
  const body = t.rows.map(cells);
  const widths = t.head.map((_, i) => fitted[i] ?? Math.max(...[head, ...body].flatMap((r) => (r[i] ?? ['']).map(textWidth))) + 2);
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const draw = (row: string[][], style: (s: string) => string) => {
    const height = Math.max(1, ...row.map((lines) => lines.length));
    const out: string[] = [];
    for (let k = 0; k < height; k++) {
      out.push('│' + widths.map((w, i) => {
        const text = row[i]?.[k] ?? '';
        return ` ${style(text)}${' '.repeat(Math.max(0, w - 2 - textWidth(text)))} `;
      }).join('│') + '│');
    }
    return out;
  };
  const lines = [rule('┌', '┬', '┐'), ...draw(head, (s) => (s ? c.bold(s) : s))];
  for (const row of body) lines.push(rule('├', '┼', '┤'), ...draw(row, (s) => s));
  lines.push(rule('└', '┴', '┘'));
  return lines.join('\n');
}

/**
 * Hard-wraps a cell to its column, at spaces where it can, counting terminal columns. Done here
 * rather than with cli-table3's wordWrap, which never returned on some hostile records (long blank
 * runs mixed with astral characters) and truncated over-wide lines in quadratic time: both found by
 * fuzzing.
 */
export function wrapCell(text: string, colWidth: number | null): string {
  if (colWidth === null) return text;
  const max = Math.max(2, colWidth - 2);
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const cps = clusters(line);
    let from = 0;
    while (from < cps.length) {
      let end = from;
      let used = 0;
      let lastSpace = -1;
      while (end < cps.length) {
        const w = cps[end]!.width;
        if (used + w > max) break;
        if (cps[end]!.text === ' ') lastSpace = end;
        used += w;
        end++;
      }
      if (end < cps.length && cps[end]!.text !== ' ' && lastSpace > from + (end - from) / 2) end = lastSpace;
      if (end === from) end++;
      out.push(cps.slice(from, end).map((c) => c.text).join('').trimEnd());
      from = end;
      if (from < cps.length) while (cps[from]?.text === ' ') from++;
    }
    if (cps.length === 0) out.push('');
  }
  return out.join('\n');
}

/** Share the terminal width between columns, giving narrow columns what they need first. */
function fitColumns(head: string[], rows: string[][], width: number): Array<number | null> {
  const natural = head.map((h, i) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? ''))) + 2);
  const budget = Math.max(40, width - head.length - 1);
  if (natural.reduce((a, b) => a + b, 0) <= budget) return natural.map(() => null);
  const out = [...natural];
  let remaining = budget;
  const order = natural.map((n, i) => [n, i] as const).sort((a, b) => a[0] - b[0]);
  order.forEach(([n, i], k) => {
    const fair = Math.floor(remaining / (order.length - k));
    out[i] = Math.max(6, Math.min(n, fair));
    remaining -= out[i]!;
  });
  return out;
}

function drawFinding(f: Finding, c: Paint, lang: Lang): string[] {
  const head = `  ${paint(c, f.severity, `${ICON[f.severity]} ${t(`severity.${f.severity}`, undefined, lang).padEnd(9)}`)} ${c.dim(f.id)}`;
  const lines = [head, `    ${safeText(f.message)}`];
  if (f.hint && f.severity !== 'ok') lines.push(`    ${c.dim('→')} ${safeText(f.hint)}`);
  return lines;
}

function renderOne(report: Report, c: Paint, width: number, lang: Lang): string {
  const out: string[] = [];
  const via = report.command === 'check-dns' && typeof report.data.resolver === 'string' ? `  ·  ${t('via', undefined, lang)} ${safeText(report.data.resolver)}` : '';
  out.push(c.bold(`maildiag ${report.command} ${safeText(report.target)}`) + c.dim(`${via}  ·  ${report.durationMs} ms`));
  for (const { section, findings } of layout(report, lang)) {
    out.push('', c.title(safeText(section.title)));
    if (section.table && section.table.rows.length) out.push(drawTable(section, c, width));
    if (section.tree) out.push(...drawTree(section.tree).map((l) => `  ${l}`));
    for (const line of section.lines ?? []) out.push(`  ${safeText(line)}`);
    for (const f of findings) out.push(...drawFinding(f, c, lang));
  }
  out.push('', verdictLine(report, c, lang));
  return out.join('\n');
}

function verdictLine(report: Report, c: Paint, lang: Lang): string {
  const icon = report.status === 'pass' ? ICON.ok : report.status === 'warn' ? ICON.warning : ICON.error;
  return paint(c, report.status, `${icon} ${safeText(report.target)}${lang === 'fr' ? ' :' : ':'} ${statusWord(report.status, lang)}`) + ` (${verdictWords(report, lang)})`;
}

/**
 * One line per row, cells cut with "…" rather than wrapped: a summary of 10,000 messages stays
 * 10,000 lines and renders in milliseconds (cli-table3's wrapping took seconds).
 */
function plainTable(head: string[], rows: string[][], width: number, paintCell: (row: number, col: number, text: string) => string): string {
  const natural = head.map((h, i) => Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? ''))));
  const widths = [...natural];
  const budget = Math.max(40, width - 2 * (head.length - 1));
  // Shrink the widest column until the row fits.
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  // Measured in terminal columns, so a subject in Chinese or with emoji keeps the columns aligned.
  const cell = (text: string, i: number) => {
    const w = widths[i]!;
    const used = textWidth(text);
    if (used <= w) return text + ' '.repeat(w - used);
    let cut = '';
    let width = 0;
    for (const ch of clusters(text)) {
      if (width + ch.width > w - 1) break;
      cut += ch.text;
      width += ch.width;
    }
    return `${cut}…${' '.repeat(w - 1 - width)}`;
  };
  const lines = [head.map(cell).join('  '), widths.map((w) => '─'.repeat(w)).join('  ')];
  rows.forEach((r, ri) => lines.push(head.map((_, i) => paintCell(ri, i, cell(r[i] ?? '', i))).join('  ').trimEnd()));
  return lines.join('\n');
}

export function renderText(reports: readonly Report[], opts: RenderOptions, c: Paint = PLAIN): string {
  const blocks = opts.summary ? [] : reports.map((r) => renderOne(r, c, opts.width, opts.lang));
  if (reports.length > 1 || opts.summary) {
    const summary = summaryTable(reports, opts.lang);
    const statusColumn = summary.head.indexOf(t('head.status', undefined, opts.lang));
    const rows = summary.rows.map((row) => row.map((cell) => safeText(cell)));
    const table = plainTable(summary.head, rows, opts.width, (ri, ci, text) => (ci === statusColumn ? paint(c, reports[ri]!.status, text) : text));
    blocks.push(`${c.title(t('summary', undefined, opts.lang))}\n${table}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
