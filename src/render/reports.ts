/** What maildiag reports shows besides its findings: the senders, the sources by IP, the TLS policies. */
import type { ReportOf } from '../core/model.js';
import type { Lang } from '../i18n/lang.js';
import { formatNumber } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Section } from './types.js';
import { topKeys } from '../reports/aggregate.js';

/** The sources table shows the biggest senders' IPs; the JSON has them all. */
const MAX_SOURCE_ROWS = 25;

const top = (c: Record<string, number>) => topKeys(c, 2).join(', ');

export function reportsSections(report: ReportOf<'reports'>, lang: Lang): Section[] {
  const d = report.data;
  const h = (key: Parameters<typeof t>[0]) => t(key as 'rep.head.sender', undefined, lang);
  const num = (x: number) => formatNumber(x, lang);
  const pct = (part: number, whole: number) => (whole ? `${formatNumber(Math.round((part / whole) * 1000) / 10, lang)} %` : '—');
  const input: Section = { area: 'reports-input', title: h('rep.section.input') };
  if (d.kind === 'file' || !d.kind) return [input];
  if (d.kind === 'tls-rpt') {
    const tls: Section = { area: 'reports-tls', title: h('rep.section.tls') };
    if (d.tls?.length) {
      tls.table = {
        head: [h('rep.head.policy'), h('rep.head.successes'), h('rep.head.failures'), h('rep.head.failure-types')],
        rows: d.tls.map((p) => [p.type, num(p.successes), num(p.failures), Object.entries(p.failureTypes).map(([k, v]) => `${k} (${num(v.sessions)})`).join(', ') || '—']),
      };
    }
    return [input, tls];
  }
  const dmarc: Section = { area: 'reports-dmarc', title: h('rep.section.senders') };
  if (d.senders?.length) {
    dmarc.table = {
      head: [h('rep.head.sender'), h('rep.head.ips'), h('rep.head.messages'), h('rep.head.dmarc-pass'), h('rep.head.verdict')],
      rows: d.senders.map((s) => [`${s.name}${s.by ? ` (${s.by})` : ''}`, num(s.ips.length), num(s.messages), pct(s.dmarcPass, s.messages), t(`rep.verdict.${s.verdict}`, undefined, lang)]),
    };
  }
  const sources: Section = { area: 'reports-sources', title: h('rep.section.sources') };
  if (d.sources?.length) {
    sources.table = {
      head: [h('rep.head.ip'), h('rep.head.ptr'), h('rep.head.messages'), 'SPF', 'DKIM', h('rep.head.aligned'), h('rep.head.disposition')],
      rows: d.sources.slice(0, MAX_SOURCE_ROWS).map((s) => [s.ip, s.ptr ?? '—', num(s.messages), top(s.spf) || '—', top(s.dkim) || '—', `SPF ${pct(s.spfAligned, s.messages)}, DKIM ${pct(s.dkimAligned, s.messages)}`, top(s.dispositions)]),
    };
    if (d.sources.length > MAX_SOURCE_ROWS) sources.lines = [t('rep.more-sources', { n: d.sources.length - MAX_SOURCE_ROWS }, lang)];
  }
  return [input, dmarc, sources];
}
