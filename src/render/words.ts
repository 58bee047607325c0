/** Words every renderer uses for a report: its status, and its findings counted by severity. */
import type { Finding, Report } from '../core/model.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';

export function countBySeverity(findings: readonly Finding[]): Record<Finding['severity'], number> {
  const c = { ok: 0, info: 0, warning: 0, error: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function verdictWords(report: Report, lang: Lang): string {
  const c = countBySeverity(report.findings);
  const parts = [
    c.error && t('count.errors', { n: c.error }, lang),
    c.warning && t('count.warnings', { n: c.warning }, lang),
    c.info && t('count.info', { n: c.info }, lang),
    c.ok && t('count.ok', { n: c.ok }, lang),
  ].filter(Boolean);
  return parts.join(', ') || t('count.none', undefined, lang);
}

export function statusWord(status: Report['status'], lang: Lang): string {
  return t(`status.${status}`, undefined, lang);
}
