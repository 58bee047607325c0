/** docs/findings.md, generated from the catalogue so the list of ids can never drift from the code. */
import { DMARC_TAGS } from '../src/dns/dmarc.js';
import { catalogue } from '../src/core/catalogue/index.js';
import type { FindingSpec } from '../src/core/catalogue/define.js';
import { SECTIONS, type SectionId } from '../src/core/catalogue/sections.js';

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
  return out.join('\n');
}
