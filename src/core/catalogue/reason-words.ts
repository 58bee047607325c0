/** A reason in words, in the language asked for (English by default, as report data is). */
import type { Lang } from '../../i18n/lang.js';
import { reasonsEn, type Reason, type ReasonLike, type ReasonWording } from './reasons.js';

type Table = Record<string, ReasonWording<never>>;
const TABLES: Partial<Record<Lang, Table>> = { en: reasonsEn as Table };

/**
 * Another language's words join when that language's catalogue loads (fr/index.ts, which a French run
 * loads before it words anything): an English run never loads the French reasons (22 KB of start-up).
 */
export function addReasonWords(lang: Lang, table: Table): void {
  TABLES[lang] = table;
}

export function reasonText(r: Reason | ReasonLike, lang: Lang = 'en'): string {
  const wording = TABLES[lang]?.[r.code] ?? TABLES.en![r.code];
  // A code no table knows (report data of another version): its arguments, as they are.
  if (!wording) return `${r.code} ${JSON.stringify(r.args)}`;
  return wording(r.args as never, (inner) => reasonText(inner, lang));
}
