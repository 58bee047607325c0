/**
 * What a report shows besides its findings, described once as data (tables, trees) so text and
 * Markdown render the same content. Each command contributes its own sections.
 */
import type { Finding, Report } from '../core/model.js';
import { checkDnsSections } from './check-dns.js';
import { smtpTestSections } from './smtp-test.js';
import { inspectHeadersSections, inspectHeadersSummary } from './inspect-headers.js';

export interface Table {
  head: string[];
  rows: string[][];
}

export interface TreeNode {
  label: string;
  children: TreeNode[];
}

export interface Section {
  /** Findings whose area matches land in this section. */
  area: string;
  title: string;
  table?: Table;
  tree?: TreeNode;
  lines?: string[];
}

/** The area of a finding id: its first part, with the expected-record ids grouped together. */
export function areaOf(id: string): string {
  if (id.startsWith('cname.') || id.startsWith('txt.') || id.startsWith('mx.expected-')) return 'expected';
  if (id.startsWith('spf.ip-')) return 'spf-ip';
  if (/^mx\.(tls|starttls|cert|unreachable)/.test(id)) return 'mx-tls';
  if (/^smtp\.(tls-|cert-)/.test(id)) return 'tls';
  if (id.startsWith('headers.') || id.startsWith('delivery.')) return 'route';
  if (id.startsWith('ms.')) return 'auth';
  if (id.startsWith('forwarding.') || id.startsWith('expect.')) return 'sender';
  return id.slice(0, id.indexOf('.'));
}

export function sectionsFor(report: Report): Section[] {
  switch (report.command) {
    case 'check-dns':
      return checkDnsSections(report);
    case 'smtp-test':
      return smtpTestSections(report);
    case 'inspect-headers':
      return inspectHeadersSections(report);
    default:
      return [];
  }
}

/** Sections with their findings, plus one for findings no section claims, in a stable order. */
export function layout(report: Report): Array<{ section: Section; findings: Finding[] }> {
  const sections = sectionsFor(report);
  const byArea = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const area = areaOf(f.id);
    const list = byArea.get(area);
    if (list) list.push(f);
    else byArea.set(area, [f]);
  }
  const out: Array<{ section: Section; findings: Finding[] }> = [];
  const claimed = new Set<string>();
  for (const s of sections) {
    const findings = byArea.get(s.area) ?? [];
    claimed.add(s.area);
    const hasContent = (s.table && s.table.rows.length > 0) || s.tree || s.lines?.length;
    if (hasContent || findings.length) out.push({ section: s, findings });
  }
  const rest = report.findings.filter((f) => !claimed.has(areaOf(f.id)));
  if (rest.length) out.unshift({ section: { area: 'other', title: 'General' }, findings: rest });
  return out;
}

export function countBySeverity(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const c = { ok: 0, info: 0, warning: 0, error: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function verdictWords(report: Report): string {
  const c = countBySeverity(report.findings);
  const parts = [
    c.error && `${c.error} error${c.error > 1 ? 's' : ''}`,
    c.warning && `${c.warning} warning${c.warning > 1 ? 's' : ''}`,
    c.info && `${c.info} info`,
    c.ok && `${c.ok} ok`,
  ].filter(Boolean);
  return parts.join(', ') || 'no findings';
}

export const STATUS_WORD: Record<Report['status'], string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  error: 'COULD NOT CHECK',
};

/** The summary table of a multi-target run: per command, the columns that tell targets apart. */
export function summaryTable(reports: readonly Report[]): Table {
  if (reports.every((r) => r.command === 'inspect-headers')) return inspectHeadersSummary(reports);
  return { head: ['Target', 'Status', 'Findings'], rows: reports.map((r) => [r.target, STATUS_WORD[r.status], verdictWords(r)]) };
}
