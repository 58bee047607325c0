/** A reason in words, in the language asked for (English by default, as report data is). */
import type { Lang } from '../../i18n/lang.js';
import { reasonsEn, type Reason, type ReasonLike, type ReasonWording } from './reasons.js';
import { byLanguage } from './by-language.js';

/** The reasons' words per language (the French ones, 22 KB, only in a French run). */
export const reasonWords = byLanguage(reasonsEn as Record<string, ReasonWording<never>>);

export function reasonText(r: Reason | ReasonLike, lang: Lang = 'en'): string {
  const wording = reasonWords.of(lang)[r.code] ?? reasonWords.of('en')[r.code];
  // A code no table knows (report data of another version): its arguments, as they are.
  if (!wording) return `${r.code} ${JSON.stringify(r.args)}`;
  return wording(r.args as never, (inner) => reasonText(inner, lang));
}
