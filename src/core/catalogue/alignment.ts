/**
 * The one-sentence DMARC explanation, worded per language from the alignment data
 * ("SPF passed for bounces.mailer.example but is not aligned with example.com; DKIM d=example.com is
 * aligned, so DMARC passes").
 */
import type { Lang } from '../../i18n/lang.js';

export interface AlignmentFacts {
  fromDomain: string;
  spf: { domain: string; result: string; relaxed: boolean; strict: boolean } | null;
  dkim: Array<{ domain: string; result: string; relaxed: boolean; strict: boolean }>;
  verdict: 'pass' | 'fail' | 'unknown';
  /** Set when checked now (--verify) under the policy's modes. */
  modes: { adkim: 'r' | 's'; aspf: 'r' | 's' } | null;
}

export function explainAlignment(a: AlignmentFacts, lang: Lang): string {
  const from = a.fromDomain;
  const parts: string[] = [];
  if (lang === 'fr') {
    if (a.modes) parts.push(`vérifié maintenant avec adkim=${a.modes.adkim}, aspf=${a.modes.aspf}`);
    if (a.spf) {
      parts.push(
        a.spf.result !== 'pass'
          ? `SPF ${a.spf.result} pour ${a.spf.domain}`
          : a.spf.relaxed
            ? `SPF a réussi pour ${a.spf.domain}, aligné avec ${from}${a.spf.strict ? '' : ' (alignement relâché seulement)'}`
            : `SPF a réussi pour ${a.spf.domain} mais n'est pas aligné avec ${from}`,
      );
    } else parts.push('aucun résultat SPF noté');
    if (a.dkim.length) {
      for (const d of a.dkim) {
        parts.push(
          d.result !== 'pass'
            ? `DKIM d=${d.domain} ${d.result}`
            : d.relaxed
              ? `DKIM d=${d.domain} est aligné${d.strict ? '' : ' (alignement relâché seulement)'}`
              : `DKIM d=${d.domain} a réussi mais n'est pas aligné avec ${from}`,
        );
      }
    } else parts.push('aucun résultat DKIM noté');
    const verdict =
      a.verdict === 'pass' ? 'donc DMARC réussit' : a.verdict === 'fail' ? "donc DMARC échoue : ni SPF ni DKIM ne réussit en étant aligné avec le domaine From" : 'donc DMARC ne peut pas être établi';
    return `${parts.join(' ; ')} ; ${verdict}.`;
  }
  if (a.modes) parts.push(`checked now with adkim=${a.modes.adkim}, aspf=${a.modes.aspf}`);
  if (a.spf) {
    parts.push(
      a.spf.result !== 'pass'
        ? `SPF ${a.spf.result} for ${a.spf.domain}`
        : a.spf.relaxed
          ? `SPF passed for ${a.spf.domain}, aligned with ${from}${a.spf.strict ? '' : ' (relaxed only)'}`
          : `SPF passed for ${a.spf.domain} but is not aligned with ${from}`,
    );
  } else parts.push('no SPF result recorded');
  if (a.dkim.length) {
    for (const d of a.dkim) {
      parts.push(d.result !== 'pass' ? `DKIM d=${d.domain} ${d.result}` : d.relaxed ? `DKIM d=${d.domain} is aligned${d.strict ? '' : ' (relaxed only)'}` : `DKIM d=${d.domain} passed but is not aligned with ${from}`);
    }
  } else parts.push('no DKIM result recorded');
  const verdict = a.verdict === 'pass' ? 'so DMARC passes' : a.verdict === 'fail' ? 'so DMARC fails: neither SPF nor DKIM passes aligned with the From domain' : 'so DMARC cannot be told';
  return `${parts.join('; ')}; ${verdict}.`;
}
