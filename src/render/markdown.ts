import type { Report, Severity } from '../core/model.js';
import { safeText } from '../core/sanitize.js';
import { layout, summaryTable } from './sections.js';
import type { RenderOptions, Table, TreeNode } from './types.js';
import { statusWord, verdictWords } from './words.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

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

function renderOne(report: Report, lang: Lang): string {
  const out = [`## maildiag ${report.command}: \`${safeText(report.target).replace(/`/g, "'")}\` — ${statusWord(report.status, lang)}`, ''];
  out.push(`${verdictWords(report, lang)} · maildiag ${report.version} · ${report.durationMs} ms`, '');
  for (const { section, findings } of layout(report, lang)) {
    out.push(`### ${md(section.title)}`, '');
    if (section.table && section.table.rows.length) out.push(...table(section.table), '');
    if (section.tree) out.push(...tree(section.tree), '');
    for (const line of section.lines ?? []) out.push(md(line), '');
    for (const f of findings) {
      out.push(`- ${ICON[f.severity]} **${t(`severity.${f.severity}`, undefined, lang)}** \`${f.id}\`: ${md(f.message)}`);
      if (f.hint && f.severity !== 'ok') out.push(`  - *${t('what-to-do', undefined, lang)}* ${md(f.hint)}`);
    }
    if (findings.length) out.push('');
  }
  return out.join('\n');
}

export function renderMarkdown(reports: readonly Report[], opts: RenderOptions): string {
  if (opts.summary) return `## maildiag ${reports[0]?.command ?? ''}: ${t('headers.messages', { n: reports.length }, opts.lang)}\n\n${table(summaryTable(reports, opts.lang)).join('\n')}\n`;
  return `${reports.map((r) => renderOne(r, opts.lang)).join('\n---\n\n')}\n`;
}
