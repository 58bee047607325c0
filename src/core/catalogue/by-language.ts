import type { Lang } from '../../i18n/lang.js';

/**
 * Words kept per language: English given here, another language added when its catalogue loads
 * (fr/index.ts, which a French run loads before it words anything), so an English run never loads the
 * French tables. Until then, or for a key it lacks, English answers.
 */
export function byLanguage<T>(en: T): { of(lang: Lang): T; add(lang: Lang, table: T): void } {
  const tables: Partial<Record<Lang, T>> = { en };
  return {
    of: (lang) => tables[lang] ?? en,
    add: (lang, table) => {
      tables[lang] = table;
    },
  };
}
