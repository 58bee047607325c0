/**
 * The sender requirements of Gmail, Yahoo and Outlook.com, as data: which rule each provider asks of
 * every sender or of bulk senders only, where it is published, since when, and the rejection codes that
 * name it. Each command finds the facts it can see (inspect-headers in a message, check-dns in DNS) as one
 * state per rule; judgeRequirements() turns them into one row per provider and rule (requirement-findings.ts
 * words them as findings). Pure.
 */
import { reason, type Reason } from './catalogue/reasons.js';

export const RULES = ['spf-or-dkim', 'spf', 'dkim', 'dkim-key-size', 'dmarc-record', 'dmarc-aligned', 'ptr', 'ptr-not-generic', 'tls', 'format', 'one-click', 'list-unsubscribe', 'unsubscribe-link', 'spam-rate'] as const;
export type Rule = (typeof RULES)[number];

export type Provider = 'gmail' | 'yahoo' | 'outlook';
/** all: every sender; bulk: senders of about 5,000 messages a day or more to the provider's users. */
export type Applies = 'all' | 'bulk';
/** exempt: the rule is not for this message (the unsubscribe rules, for a transactional message). */
export type RuleState = 'met' | 'not-met' | 'unknown' | 'exempt';

/** When the table was last compared with the providers' pages (the "as of" of every row). */
export const RULES_AS_OF = '2026-12-03';

interface ProviderRules {
  name: string;
  /** The page the rules are published on. */
  source: string;
  /** When the provider started enforcing them. */
  since: string;
  rules: ReadonlyArray<{ rule: Rule; applies: Applies; codes?: readonly string[] }>;
}

export const PROVIDERS: Record<Provider, ProviderRules> = {
  gmail: {
    name: 'Gmail',
    source: 'https://support.google.com/a/answer/81126',
    since: '2024-02-01',
    rules: [
      { rule: 'spf-or-dkim', applies: 'all', codes: ['5.7.26'] },
      { rule: 'ptr', applies: 'all', codes: ['4.7.23', '5.7.25'] },
      { rule: 'tls', applies: 'all', codes: ['4.7.29', '5.7.29'] },
      { rule: 'format', applies: 'all' },
      { rule: 'spam-rate', applies: 'all' },
      { rule: 'spf', applies: 'bulk', codes: ['4.7.27', '5.7.27'] },
      { rule: 'dkim', applies: 'bulk', codes: ['4.7.30', '5.7.30'] },
      { rule: 'dkim-key-size', applies: 'bulk' },
      { rule: 'dmarc-record', applies: 'bulk', codes: ['4.7.31'] },
      { rule: 'dmarc-aligned', applies: 'bulk', codes: ['4.7.32'] },
      { rule: 'one-click', applies: 'bulk' },
      { rule: 'unsubscribe-link', applies: 'bulk' },
    ],
  },
  yahoo: {
    name: 'Yahoo',
    source: 'https://senders.yahooinc.com/best-practices/',
    since: '2024-02-01',
    rules: [
      { rule: 'spf-or-dkim', applies: 'all' },
      { rule: 'ptr', applies: 'all' },
      { rule: 'format', applies: 'all' },
      { rule: 'spam-rate', applies: 'all' },
      { rule: 'spf', applies: 'bulk' },
      { rule: 'dkim', applies: 'bulk' },
      { rule: 'dmarc-record', applies: 'bulk' },
      { rule: 'dmarc-aligned', applies: 'bulk' },
      { rule: 'ptr-not-generic', applies: 'bulk' },
      { rule: 'list-unsubscribe', applies: 'bulk' },
      { rule: 'unsubscribe-link', applies: 'bulk' },
    ],
  },
  outlook: {
    name: 'Outlook.com',
    source: 'https://techcommunity.microsoft.com/blog/microsoftdefenderforoffice365blog/strengthening-email-ecosystem-outlook%E2%80%99s-new-requirements-for-high%E2%80%90volume-senders/4399730',
    since: '2025-05-05',
    rules: [
      { rule: 'spf', applies: 'bulk', codes: ['5.7.515'] },
      { rule: 'dkim', applies: 'bulk', codes: ['5.7.515'] },
      { rule: 'dmarc-record', applies: 'bulk', codes: ['5.7.515'] },
      { rule: 'dmarc-aligned', applies: 'bulk', codes: ['5.7.515'] },
    ],
  },
};

/** What a command could tell about one rule, with the evidence (or what would tell, when unknown). */
export interface RuleFact {
  state: RuleState;
  evidence: Reason;
}
export type RuleFacts = Record<Rule, RuleFact>;

/**
 * "SPF or DKIM passes", from the two rules: met when one is, not met when both are not (with both reasons),
 * else the one that cannot be told (`first` says which when both cannot).
 */
export function eitherRule(spf: RuleFact, dkim: RuleFact, first: 'spf' | 'dkim' = 'spf'): RuleFact {
  if (spf.state === 'met') return spf;
  if (dkim.state === 'met') return dkim;
  if (spf.state === 'not-met' && dkim.state === 'not-met') return { state: 'not-met', evidence: reason('req.neither', { spf: spf.evidence, dkim: dkim.evidence }) };
  const [a, b] = first === 'spf' ? [spf, dkim] : [dkim, spf];
  return a.state === 'unknown' ? a : b;
}

/** One provider's rule, judged: the JSON row (provider, rule, applies, state, evidence, source, asOf). */
export interface RequirementRow extends RuleFact {
  provider: Provider;
  rule: Rule;
  applies: Applies;
  codes: string[];
  source: string;
  asOf: string;
}

/** How the run knows whether the bulk rules apply: --bulk, signs in the message, or nothing. */
export interface BulkContext {
  /** --bulk: the user says the domain sends 5,000 or more a day. */
  declared: boolean;
  /** Signs of bulk mail seen in the message (List-Unsubscribe, Feedback-ID, a mailing platform's headers). */
  signs: string[];
}

export interface RequirementsData {
  asOf: string;
  bulk: BulkContext;
  rows: RequirementRow[];
}

export function judgeRequirements(facts: RuleFacts, bulk: BulkContext): RequirementsData {
  const rows = (Object.keys(PROVIDERS) as Provider[]).flatMap((provider) => {
    const p = PROVIDERS[provider];
    return p.rules.map((r) => ({ provider, rule: r.rule, applies: r.applies, ...facts[r.rule], codes: [...(r.codes ?? [])], source: p.source, asOf: RULES_AS_OF }));
  });
  return { asOf: RULES_AS_OF, bulk, rows };
}
