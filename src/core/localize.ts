import type { FindingId } from './catalogue/index.js';
import type { Finding, Report } from './model.js';
import type { Lang } from '../i18n/lang.js';
import { wordingFr } from './catalogue/fr/index.js';

/**
 * A report in another language: each finding's message and hint worded again from its data (its
 * arguments), nothing else changed, so JSON differs between languages only in those two strings.
 */
export function localize(report: Report, lang: Lang): Report {
  if (lang === 'en') return report;
  return { ...report, findings: report.findings.map((f) => localizeFinding(f)) };
}

function localizeFinding(f: Finding): Finding {
  const w = wordingFr(f.id as FindingId);
  if (!w) return f;
  const args = f.data ?? {};
  const out: Finding = { ...f, message: w.message(args) };
  if (f.hint !== undefined && w.hint) out.hint = w.hint(args);
  return out;
}
