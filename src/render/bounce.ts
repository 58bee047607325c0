/** What maildiag bounce shows besides its findings: one row per recipient. */
import { bounceReasonWords } from '../core/catalogue/bounce.js';
import type { ReportOf } from '../core/model.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Section } from './types.js';

export function bounceSections(report: ReportOf<'bounce'>, lang: Lang): Section[] {
  const d = report.data;
  const h = (key: Parameters<typeof t>[0]) => t(key as 'bounce.head.recipient', undefined, lang);
  const words = bounceReasonWords.of(lang);
  const section: Section = { area: 'bounce', title: h('bounce.section') };
  if (d.recipients?.length) {
    section.table = {
      head: [h('bounce.head.recipient'), h('bounce.head.reason'), h('bounce.head.code'), h('bounce.head.remote'), h('bounce.head.kind')],
      rows: d.recipients.map((r) => [r.recipient ?? '?', `${r.reason}: ${words[r.reason].title}`, [r.smtpCode, r.status].filter(Boolean).join(' ') || '—', r.remoteMta ?? '—', t(`bounce.kind.${r.severity}`, undefined, lang)]),
    };
  }
  const lines: string[] = [];
  if (d.kind && d.kind !== 'not-a-bounce') lines.push(t('bounce.read-as', { kind: d.kind, family: d.family ?? d.reportingMta ?? '' }, lang));
  if (lines.length) section.lines = lines;
  return [section];
}
