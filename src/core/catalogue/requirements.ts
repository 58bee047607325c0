import { spec } from './define.js';
import type { Reason } from './reasons.js';
import { reasonText } from './reason-words.js';
import { byLanguage } from './by-language.js';
import type { Applies, Rule } from '../requirements.js';

/** Each rule in words: its name, and what to change when it is not met. */
export const RULE_WORDS: Record<Rule, { title: string; fix: string }> = {
  'spf-or-dkim': { title: 'SPF or DKIM passes', fix: 'Publish SPF for the servers that send (include: your platform), and sign with DKIM (the CNAMEs or key your platform gives): check-dns <domain> --ip <sending IP> shows what is missing.' },
  spf: { title: 'SPF passes', fix: 'Add the sending server to the SPF record of the envelope (Return-Path) domain: check-dns <domain> --ip <sending IP> says which include or ip4: is missing.' },
  dkim: { title: 'DKIM passes', fix: 'Sign every message with DKIM for your domain: publish the key or CNAMEs your sending platform gives, and turn signing on there.' },
  'dkim-key-size': { title: 'DKIM key of 1024 bits or more', fix: 'Generate a 2048-bit key, publish it under a new selector, switch signing to it, then remove the old key.' },
  'dmarc-record': { title: 'DMARC record (p=none at least)', fix: 'Publish a TXT record at _dmarc.<domain>: "v=DMARC1; p=none; rua=mailto:dmarc@<domain>", then read the reports before tightening the policy.' },
  'dmarc-aligned': { title: 'DMARC passes (SPF or DKIM aligned with From)', fix: 'Make DKIM sign with the From domain (the platform\'s DKIM CNAMEs for your domain), or use a Return-Path (bounce domain) under your domain so SPF aligns.' },
  ptr: { title: 'Sending IP has forward-confirmed reverse DNS', fix: 'Ask whoever runs the sending IP (the hosting or mail provider) for a PTR record naming the server, with that name resolving back to the IP.' },
  'ptr-not-generic': { title: 'Reverse DNS names the sender, not a generic host', fix: 'Ask the owner of the IP for a PTR under your own domain (mail.<domain>), not the provider\'s default name.' },
  tls: { title: 'Delivered over TLS', fix: 'Turn on STARTTLS (opportunistic TLS) for outgoing mail on the sending server or application.' },
  format: { title: 'RFC 5322 format', fix: 'Fix the sending application: exactly one From, Date and Message-ID, no repeated single fields, and header lines folded under 998 characters.' },
  'one-click': { title: 'One-click unsubscribe (RFC 8058)', fix: 'Add "List-Unsubscribe: <https://...>, <mailto:...>" and "List-Unsubscribe-Post: List-Unsubscribe=One-Click", and include both in the DKIM signature (h=): mailing platforms have a setting for it.' },
  'list-unsubscribe': { title: 'List-Unsubscribe (one-click, or mailto)', fix: 'Add a List-Unsubscribe field with an https: one-click URI (and List-Unsubscribe-Post), or at least a mailto: address.' },
  'unsubscribe-link': { title: 'Visible unsubscribe link in the body', fix: 'Put a clearly visible unsubscribe link in the message body (the footer of the template).' },
  'spam-rate': { title: 'Spam complaint rate under 0.3%', fix: 'Watch the rate in Google Postmaster Tools and Yahoo Sender Hub; send only to people who asked, and honour unsubscribes within two days.' },
};

/** The rule words per language, for the renderers (the French ones join with the French catalogue). */
export const ruleWords = byLanguage(RULE_WORDS);

/** Evidence that says a message, not the DNS, shows the rule. */
export const PER_MESSAGE: ReadonlySet<string> = new Set(['req.not-in-dns', 'req.alignment-per-message']);

export type ProviderApplies = Array<{ provider: string; applies: Applies }>;

export const providerList = (providers: ProviderApplies, bulkWord: string) => providers.map((p) => (p.applies === 'bulk' ? `${p.provider} (${bulkWord})` : p.provider)).join(', ');

/** check-dns and inspect-headers --requirements: the rules of Gmail, Yahoo and Outlook.com (core/requirements.ts). */
export const requirementFindings = {
  'requirements.not-met': spec<{ rule: Rule; providers: ProviderApplies; evidence: Reason; codes: string[] }>({
    section: 'requirements',
    severity: 'error',
    title: 'A sender requirement is not met',
    message: (a) => `${RULE_WORDS[a.rule].title}: not met, required by ${providerList(a.providers, 'bulk senders')}: ${reasonText(a.evidence)}.${a.codes.length ? ` Refusals name it ${a.codes.join(', ')}.` : ''}`,
    hint: (a) => RULE_WORDS[a.rule].fix,
    ref: 'support.google.com/a/answer/81126; senders.yahooinc.com/best-practices; Outlook.com high-volume senders (May 2025); RFC 8058',
  }),
  'requirements.unknown': spec<{ rules: Rule[]; providers: ProviderApplies; evidence: Reason }>({
    section: 'requirements',
    severity: 'info',
    title: 'Sender requirements that cannot be told here',
    message: (a) => `${a.rules.map((r) => RULE_WORDS[r].title).join('; ')} (${providerList(a.providers, 'bulk senders')}): cannot be told here: ${reasonText(a.evidence)}.`,
    hint: (a) =>
      `${PER_MESSAGE.has(a.evidence.code) ? 'A message shows it: run maildiag inspect-headers --requirements on one sent to Gmail, Yahoo or Outlook.com. ' : ''}${a.rules.length === 1 ? `Meanwhile, what the rule asks: ${RULE_WORDS[a.rules[0]!].fix}` : `Meanwhile, follow what each rule asks (docs/findings.md, "Sender requirements").`}`,
  }),
  'requirements.verdict': spec<{ provider: string; since: string; asOf: string; met: number; notMet: Rule[]; unknown: number; exempt: number }>({
    section: 'requirements',
    severity: 'ok',
    title: "A provider's sender requirements, in one verdict",
    message: (a) =>
      `${a.provider} (rules in force since ${a.since}, as of ${a.asOf}): ${a.notMet.length ? `${a.notMet.length} not met (${a.notMet.map((r) => RULE_WORDS[r].title).join('; ')})` : 'nothing found missing'}, ${a.met} met${a.unknown ? `, ${a.unknown} not visible here` : ''}${a.exempt ? `, ${a.exempt} not for this message` : ''}.`,
    hint: (a) => (a.notMet.length ? `Fix the rules not met (their findings say how); a refusal from ${a.provider} names the rule in its reply.` : `Keep it so; the rules not visible here are checked with the other command (check-dns or inspect-headers --requirements).`),
  }),
};
