import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Finding, Report, Severity } from '../core/model.js';
import { safeText } from '../core/sanitize.js';
import { layout, statusWord, summaryTable, verdictWords, type Section, type TreeNode } from './sections.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { RenderOptions } from './index.js';

const ICON: Record<Severity, string> = { ok: '✔', info: 'ℹ', warning: '⚠', error: '✖' };

function paint(c: ChalkInstance, severity: Severity | Report['status'], text: string): string {
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

function drawTable(section: Section, c: ChalkInstance, width: number): string {
  const t = section.table!;
  const table = new Table({
    head: t.head.map((h) => c.bold(safeText(h))),
    style: { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: false,
    colWidths: fitColumns(t.head, t.rows, width),
  });
  for (const row of t.rows) table.push(row.map((cell) => safeText(cell)));
  return table.toString();
}

/** Share the terminal width between columns, giving narrow columns what they need first. */
function fitColumns(head: string[], rows: string[][], width: number): Array<number | null> {
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)) + 2);
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

function drawFinding(f: Finding, c: ChalkInstance, lang: Lang): string[] {
  const head = `  ${paint(c, f.severity, `${ICON[f.severity]} ${t(`severity.${f.severity}`, undefined, lang).padEnd(9)}`)} ${c.dim(f.id)}`;
  const lines = [head, `    ${safeText(f.message)}`];
  if (f.hint && f.severity !== 'ok') lines.push(`    ${c.dim('→')} ${safeText(f.hint)}`);
  return lines;
}

function renderOne(report: Report, c: ChalkInstance, width: number, lang: Lang): string {
  const out: string[] = [];
  const via = typeof report.data.resolver === 'string' ? `  ·  ${t('via', undefined, lang)} ${safeText(report.data.resolver)}` : '';
  out.push(c.bold(`maildiag ${report.command} ${safeText(report.target)}`) + c.dim(`${via}  ·  ${report.durationMs} ms`));
  for (const { section, findings } of layout(report, lang)) {
    out.push('', c.bold.underline(safeText(section.title)));
    if (section.table && section.table.rows.length) out.push(drawTable(section, c, width));
    if (section.tree) out.push(...drawTree(section.tree).map((l) => `  ${l}`));
    for (const line of section.lines ?? []) out.push(`  ${safeText(line)}`);
    for (const f of findings) out.push(...drawFinding(f, c, lang));
  }
  out.push('', verdictLine(report, c, lang));
  return out.join('\n');
}

function verdictLine(report: Report, c: ChalkInstance, lang: Lang): string {
  const icon = report.status === 'pass' ? ICON.ok : report.status === 'warn' ? ICON.warning : ICON.error;
  return paint(c, report.status, `${icon} ${safeText(report.target)}${lang === 'fr' ? ' :' : ':'} ${statusWord(report.status, lang)}`) + ` (${verdictWords(report, lang)})`;
}

/**
 * One line per row, cells cut with "…" rather than wrapped: a summary of 10,000 messages stays
 * 10,000 lines and renders in milliseconds (cli-table3's wrapping took seconds).
 */
function plainTable(head: string[], rows: string[][], width: number, paintCell: (row: number, col: number, text: string) => string): string {
  const natural = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const widths = [...natural];
  const budget = Math.max(40, width - 2 * (head.length - 1));
  // Shrink the widest column until the row fits.
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= 6) break;
    widths[widest]!--;
  }
  const cell = (text: string, i: number) => (text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text.padEnd(widths[i]!));
  const lines = [head.map(cell).join('  '), widths.map((w) => '─'.repeat(w)).join('  ')];
  rows.forEach((r, ri) => lines.push(head.map((_, i) => paintCell(ri, i, cell(r[i] ?? '', i))).join('  ').trimEnd()));
  return lines.join('\n');
}

export function renderText(reports: readonly Report[], opts: RenderOptions): string {
  const c = new Chalk({ level: opts.colorLevel });
  const blocks = opts.summary ? [] : reports.map((r) => renderOne(r, c, opts.width, opts.lang));
  if (reports.length > 1 || opts.summary) {
    const summary = summaryTable(reports, opts.lang);
    const statusColumn = summary.head.indexOf(t('head.status', undefined, opts.lang));
    const rows = summary.rows.map((row) => row.map((cell) => safeText(cell)));
    const table = plainTable(summary.head, rows, opts.width, (ri, ci, text) => (ci === statusColumn ? paint(c, reports[ri]!.status, text) : text));
    blocks.push(`${c.bold.underline(t('summary', undefined, opts.lang))}\n${table}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
