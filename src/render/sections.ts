/**
 * What a report shows besides its findings, described once as data (tables, trees) so text and
 * Markdown render the same content. Each command contributes its own sections.
 */
import type { Finding, Report, ReportOf } from '../core/model.js';
import { catalogue, type FindingId } from '../core/catalogue/index.js';
import type { SectionId } from '../core/catalogue/sections.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import { checkDnsSections } from './check-dns.js';
import { smtpTestSections } from './smtp-test.js';
import { inspectHeadersSections, inspectHeadersSummary } from './inspect-headers.js';
import { reportsSections } from './reports.js';
import { bounceSections } from './bounce.js';
import type { Section, Table } from './types.js';
import { statusWord, verdictWords } from './words.js';

export type { Section, Table, TreeNode } from './types.js';

/** The section a finding is shown in: its catalogue entry says. */
export function areaOf(id: string): SectionId {
  return Object.hasOwn(catalogue, id) ? catalogue[id as FindingId].section : 'run';
}

export function sectionsFor(report: Report, lang: Lang): Section[] {
  switch (report.command) {
    case 'check-dns':
      return checkDnsSections(report, lang);
    case 'smtp-test':
      return smtpTestSections(report, lang);
    case 'inspect-headers':
      return inspectHeadersSections(report, lang);
    case 'reports':
      return reportsSections(report, lang);
    case 'bounce':
      return bounceSections(report, lang);
    default:
      return [];
  }
}

/** Sections with their findings, plus one for findings no section claims, in a stable order. */
export function layout(report: Report, lang: Lang): Array<{ section: Section; findings: Finding[] }> {
  const sections = sectionsFor(report, lang);
  const byArea = new Map<Section['area'], Finding[]>();
  for (const f of report.findings) {
    const area = areaOf(f.id);
    const list = byArea.get(area);
    if (list) list.push(f);
    else byArea.set(area, [f]);
  }
  const out: Array<{ section: Section; findings: Finding[] }> = [];
  const claimed = new Set<Section['area']>();
  for (const s of sections) {
    const findings = byArea.get(s.area) ?? [];
    claimed.add(s.area);
    const hasContent = (s.table && s.table.rows.length > 0) || s.tree || s.lines?.length;
    if (hasContent || findings.length) out.push({ section: s, findings });
  }
  const rest = report.findings.filter((f) => !claimed.has(areaOf(f.id)));
  if (rest.length) out.unshift({ section: { area: 'general', title: t('general', undefined, lang) }, findings: rest });
  return out;
}


/** The summary table of a multi-target run: per command, the columns that tell targets apart. */
export function summaryTable(reports: readonly Report[], lang: Lang): Table {
  if (reports.every((r): r is ReportOf<'inspect-headers'> => r.command === 'inspect-headers')) return inspectHeadersSummary(reports, lang);
  return {
    head: [t('head.target', undefined, lang), t('head.status', undefined, lang), t('head.findings', undefined, lang)],
    rows: reports.map((r) => [r.target, statusWord(r.status, lang), verdictWords(r, lang)]),
  };
}
