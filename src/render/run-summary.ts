/** The closing summary of a multi-target run: counts per status, the most frequent findings, the slowest targets. */
import { safeText } from '../core/sanitize.js';
import { STATUS_WORD } from './sections.js';
import type { RunTally } from './stream.js';

export function renderRunSummary(t: RunTally, opts: { interrupted?: boolean; output?: string }): string {
  const lines = [`${t.total} target${t.total === 1 ? '' : 's'} checked${opts.interrupted ? ' before Ctrl-C' : ''}${opts.output ? `, written to ${safeText(opts.output)}` : ''}: ${(['pass', 'warn', 'fail', 'error'] as const).map((s) => `${t.byStatus[s]} ${STATUS_WORD[s]}`).join(', ')}`];
  const top = t.topIds();
  if (top.length) {
    lines.push('Most frequent findings:');
    for (const [id, n] of top) lines.push(`  ${String(n).padStart(6)}  ${id}`);
  }
  if (t.total > 1 && t.slowest.length) {
    lines.push('Slowest:');
    for (const s of t.slowest) lines.push(`  ${String(s.ms).padStart(6)} ms  ${safeText(s.target)}`);
  }
  return `${lines.join('\n')}\n`;
}
