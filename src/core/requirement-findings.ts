/** The sender requirements judged (requirements.ts), as findings: shared by check-dns and inspect-headers. */
import { finding } from './finding.js';
import type { Finding, Severity } from './model.js';
import type { ProviderApplies } from './catalogue/requirements.js';
import type { Reason } from './catalogue/reasons.js';
import { PROVIDERS, RULES, type Provider, type RequirementsData, type Rule, type RuleState } from './requirements.js';

/**
 * One finding per rule not met (error when a provider asks it of every sender; warning when only of bulk
 * senders, unless --bulk), one per reason rules cannot be told ("not visible from DNS" names them all at
 * once), and one verdict per provider.
 */
export function requirementFindings(data: RequirementsData): Finding[] {
  const out: Finding[] = [];
  const unknown = new Map<string, { rules: Rule[]; providers: ProviderApplies; evidence: Reason }>();
  for (const rule of RULES) {
    const rows = data.rows.filter((r) => r.rule === rule);
    if (!rows.length) continue;
    const { state, evidence } = rows[0]!;
    const providers = rows.map((r) => ({ provider: PROVIDERS[r.provider].name, applies: r.applies }));
    const codes = [...new Set(rows.flatMap((r) => r.codes))];
    if (state === 'not-met') {
      const everySender = rows.some((r) => r.applies === 'all');
      const severity: Severity = everySender || data.bulk.declared ? 'error' : 'warning';
      out.push(finding('requirements.not-met', rule, { rule, providers, evidence, codes }, { severity }));
    } else if (state === 'unknown') {
      const key = JSON.stringify(evidence);
      const group = unknown.get(key) ?? { rules: [], providers: [], evidence };
      group.rules.push(rule);
      for (const p of providers) if (!group.providers.some((q) => q.provider === p.provider && q.applies === p.applies)) group.providers.push(p);
      unknown.set(key, group);
    }
  }
  for (const g of unknown.values()) out.push(finding('requirements.unknown', g.rules.join(', '), g));
  for (const provider of Object.keys(PROVIDERS) as Provider[]) {
    const rows = data.rows.filter((r) => r.provider === provider);
    const count = (s: RuleState) => rows.filter((r) => r.state === s).map((r) => r.rule);
    const notMet = count('not-met');
    const args = { provider: PROVIDERS[provider].name, since: PROVIDERS[provider].since, asOf: data.asOf, met: count('met').length, notMet, unknown: count('unknown').length, exempt: count('exempt').length };
    out.push(finding('requirements.verdict', PROVIDERS[provider].name, args, notMet.length ? { severity: 'info' } : {}));
  }
  return out;
}
