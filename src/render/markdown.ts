import type { Report, Severity } from '../core/model.js';
import { safeText } from '../core/sanitize.js';
import { layout, STATUS_WORD, summaryTable, verdictWords, type Table, type TreeNode } from './sections.js';
import type { RenderOptions } from './index.js';

const ICON: Record<Severity, string> = { ok: '✅', info: 'ℹ️', warning: '⚠️', error: '❌' };

/** Text from outside, made safe for a Markdown table cell or line: no controls, no pipes or markup breaking the layout. */
function md(text: string): string {
  return safeText(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([`*_<>[\]])/g, '\\$1');
}

function table(t: Table): string[] {
  return [`| ${t.head.map(md).join(' | ')} |`, `|${t.head.map(() => ' --- ').join('|')}|`, ...t.rows.map((r) => `| ${r.map(md).join(' | ')} |`)];
}

function tree(node: TreeNode, depth = 0): string[] {
  return [`${'  '.repeat(depth)}- ${md(node.label)}`, ...node.children.flatMap((c) => tree(c, depth + 1))];
}

function renderOne(report: Report): string {
  const out = [`## maildiag ${report.command}: \`${safeText(report.target).replace(/`/g, "'")}\` — ${STATUS_WORD[report.status]}`, ''];
  out.push(`${verdictWords(report)} · maildiag ${report.version} · ${report.durationMs} ms`, '');
  for (const { section, findings } of layout(report)) {
    out.push(`### ${md(section.title)}`, '');
    if (section.table && section.table.rows.length) out.push(...table(section.table), '');
    if (section.tree) out.push(...tree(section.tree), '');
    for (const line of section.lines ?? []) out.push(md(line), '');
    for (const f of findings) {
      out.push(`- ${ICON[f.severity]} **${f.severity}** \`${f.id}\`: ${md(f.message)}`);
      if (f.hint && f.severity !== 'ok') out.push(`  - *What to do:* ${md(f.hint)}`);
    }
    if (findings.length) out.push('');
  }
  return out.join('\n');
}

export function renderMarkdown(reports: readonly Report[], opts?: RenderOptions): string {
  if (opts?.summary) return `## maildiag ${reports[0]?.command ?? ''}: ${reports.length} messages\n\n${table(summaryTable(reports)).join('\n')}\n`;
  return `${reports.map(renderOne).join('\n---\n\n')}\n`;
}
