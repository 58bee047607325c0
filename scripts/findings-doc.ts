/** docs/findings.md, generated from the catalogue so the list of ids can never drift from the code. */
import { DMARC_TAGS } from '../src/dns/dmarc.js';
import { catalogue } from '../src/core/catalogue/index.js';
import type { FindingSpec } from '../src/core/catalogue/define.js';
import { SECTIONS, type SectionId } from '../src/core/catalogue/sections.js';
import { PROVIDERS, RULES, RULES_AS_OF, type Provider } from '../src/core/requirements.js';
import { RULE_WORDS } from '../src/core/catalogue/requirements.js';
import { BOUNCE_REASONS } from '../src/core/bounce-reasons.js';
import { BOUNCE_REASON_WORDS, PROVIDER_CODE_WORDS, SIDE_WORDS } from '../src/core/catalogue/bounce.js';
import { PROVIDER_CODES, REASON_INFO } from '../src/bounce/codes.js';

export function findingsMarkdown(): string {
  const out = [
    '# Finding ids',
    '',
    'Every finding maildiag can report, by id. Ids are stable: scripts may depend on them. Severity is the default;',
    'a few findings are more severe in some cases (noted). Generated from `src/core/catalogue/` by `npm run docs`;',
    'a test fails when this file is stale.',
    '',
    'Severities: `ok` (checked and fine), `info` (worth knowing), `warning` (works, but a risk), `error` (mail will be',
    'rejected, junked or lost). A finding marked *aborts* means the check could not be run (status `error`, exit 3).',
    '',
  ];
  // One docs section per title, in the order of the sections registry; ids in catalogue order within it.
  const byTitle = new Map<string, Array<[string, FindingSpec<object>]>>(Object.values(SECTIONS).map((s) => [s.docs, []]));
  for (const [id, spec] of Object.entries(catalogue) as Array<[string, FindingSpec<object>]>) byTitle.get(SECTIONS[spec.section as SectionId].docs)!.push([id, spec]);
  for (const [title, list] of byTitle) {
    if (!list.length) continue;
    out.push(`## ${title}`, '', '| id | severity | what it means | reference |', '| --- | --- | --- | --- |');
    for (const [id, spec] of list) {
      out.push(`| \`${id}\` | ${spec.severity}${spec.aborts ? ', aborts' : ''} | ${spec.title} | ${spec.ref ?? ''} |`);
    }
    out.push('');
  }
  out.push('## DMARC tags', '', 'What check-dns validates in a DMARC record.', '', '| tag | default | meaning | valid values |', '| --- | --- | --- | --- |');
  for (const t of DMARC_TAGS) out.push(`| \`${t.tag}\` | ${t.default ?? ''} | ${t.meaning}${t.obsolete ? ' — removed by RFC 9989' : ''} | ${t.expected} |`);
  out.push('');
  // The sender requirements: one row per rule, one column per provider (src/core/requirements.ts).
  const providers = Object.keys(PROVIDERS) as Provider[];
  out.push(
    '## Sender requirements',
    '',
    `The rules \`--requirements\` judges (check-dns from DNS, inspect-headers from a message), as of ${RULES_AS_OF}. "all": every sender;`,
    '"bulk": senders of about 5,000 messages a day or more to the provider\'s users (a bulk rule not met is a warning, an error with `--bulk`).',
    'States in the JSON rows: `met`, `not-met`, `unknown` (cannot be told from what was given), `exempt` (the unsubscribe rules, for a transactional message).',
    'The findings carry the rule as data rather than in their id: `requirements.not-met` (data `rule`, `providers`, `evidence`, `codes`), `requirements.unknown` (data `rules`: those that cannot be told for the same reason), and one `requirements.verdict` per provider.',
    '',
    `| rule | what it asks | ${providers.map((p) => PROVIDERS[p].name).join(' | ')} | what to change when it is not met |`,
    `| --- | --- | ${providers.map(() => '---').join(' | ')} | --- |`,
  );
  for (const rule of RULES) {
    const cells = providers.map((p) => {
      const r = PROVIDERS[p].rules.find((x) => x.rule === rule);
      return r ? `${r.applies}${r.codes?.length ? ` (${r.codes.join(', ')})` : ''}` : '';
    });
    out.push(`| \`${rule}\` | ${RULE_WORDS[rule].title} | ${cells.join(' | ')} | ${RULE_WORDS[rule].fix.replace(/</g, '&lt;')} |`);
  }
  out.push('', ...providers.map((p) => `- ${PROVIDERS[p].name}, in force since ${PROVIDERS[p].since}: ${PROVIDERS[p].source}`), '');
  // The fixed reason set of maildiag bounce (src/core/bounce-reasons.ts), and the providers' codes it knows.
  out.push('## Bounce reasons', '', 'The reason `maildiag bounce` gives each failed recipient (`bounce.recipient`, data `reason`), who must act, and what to change.', '', '| reason | what happened | who acts | what to change |', '| --- | --- | --- | --- |');
  for (const r of BOUNCE_REASONS) out.push(`| \`${r}\` | ${BOUNCE_REASON_WORDS[r].title} | ${SIDE_WORDS[REASON_INFO[r].side]} | ${BOUNCE_REASON_WORDS[r].fix.replace(/</g, '&lt;')} |`);
  out.push('', "The providers' own codes it reads (a code several providers use counts as the provider's only when its server said it):", '', '| provider | code or words | meaning | reason |', '| --- | --- | --- | --- |');
  for (const p of PROVIDER_CODES) out.push(`| ${p.provider} | ${p.code ? `\`${p.code.source.replace(/^\^|\$$/g, '').replace(/\\\./g, '.')}\`` : ''}${p.text ? ` ${p.code ? 'with ' : ''}\`${p.text.source.replace(/\|/g, '\\|')}\`` : ''} | ${PROVIDER_CODE_WORDS[p.id]} | \`${p.reason}\` |`);
  out.push('');
  return out.join('\n');
}
