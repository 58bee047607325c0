/** The closing summary of a multi-target run: counts per status, the most frequent findings, the slowest targets. */
import { safeText } from '../core/sanitize.js';
import { formatNumber, type Lang } from '../i18n/lang.js';
import { t as tr } from '../i18n/ui.js';
import type { RunTally } from './stream.js';

export function renderRunSummary(t: RunTally, opts: { lang: Lang; interrupted?: boolean; output?: string; dns?: { questions: number; retried: number; lost: number } }): string {
  const counts = (['pass', 'warn', 'fail', 'error'] as const).map((s) => `${formatNumber(t.byStatus[s], opts.lang)} ${tr(`status.${s}`, undefined, opts.lang)}`).join(', ');
  const lines = [tr('run.checked', { total: t.total, interrupted: Boolean(opts.interrupted), output: opts.output ? safeText(opts.output) : null, counts }, opts.lang)];
  const top = t.topIds();
  if (top.length) {
    lines.push(tr('run.frequent', undefined, opts.lang));
    for (const [id, n] of top) lines.push(`  ${formatNumber(n, opts.lang).padStart(6)}  ${id}`);
  }
  if (t.total > 1 && t.slowest.length) {
    lines.push(tr('run.slowest', undefined, opts.lang));
    for (const s of t.slowest) lines.push(`  ${formatNumber(s.ms, opts.lang).padStart(6)} ms  ${safeText(s.target)}`);
  }
  if (opts.dns?.questions) {
    const n = (x: number) => formatNumber(x, opts.lang);
    lines.push(tr('run.dns', { questions: n(opts.dns.questions), retried: n(opts.dns.retried), lost: n(opts.dns.lost) }, opts.lang));
  }
  return `${lines.join('\n')}\n`;
}
