/** The sender requirements section, shared by check-dns and inspect-headers: one row per rule, one column per provider. */
import { ruleWords } from '../core/catalogue/requirements.js';
import { reasonText } from '../core/catalogue/reason-words.js';
import { PROVIDERS, RULES, type Provider, type RequirementsData } from '../core/requirements.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Section } from './types.js';

export function requirementsSection(data: RequirementsData | undefined, lang: Lang): Section {
  const section: Section = { area: 'requirements', title: t('req.section', undefined, lang) };
  if (!data) return section;
  const providers = Object.keys(PROVIDERS) as Provider[];
  const words = ruleWords.of(lang);
  const rows = RULES.flatMap((rule) => {
    const cells = data.rows.filter((r) => r.rule === rule);
    if (!cells.length) return [];
    return [
      [
        words[rule].title,
        ...providers.map((p) => {
          const c = cells.find((r) => r.provider === p);
          return c ? `${t(`req.state.${c.state}`, undefined, lang)}${c.applies === 'bulk' ? ` ${t('req.bulk', undefined, lang)}` : ''}` : '—';
        }),
        reasonText(cells[0]!.evidence, lang),
      ],
    ];
  });
  section.table = { head: [t('req.head.rule', undefined, lang), ...providers.map((p) => PROVIDERS[p].name), t('req.head.evidence', undefined, lang)], rows };
  const since = providers.map((p) => `${PROVIDERS[p].name} ${PROVIDERS[p].since}`).join(', ');
  section.lines = [
    t('req.as-of', { asOf: data.asOf, since }, lang),
    data.bulk.declared ? t('req.bulk.declared', undefined, lang) : data.bulk.signs.length ? t('req.bulk.signs', { signs: data.bulk.signs.join(', ') }, lang) : t('req.bulk.none', undefined, lang),
  ];
  return section;
}
