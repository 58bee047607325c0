/** The language of a run: --lang, else LC_ALL, LC_MESSAGES or LANG (fr_FR, fr_BE, fr_CA... mean French), else English. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

export function detectLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (value === 'fr' || value === 'en') return value;
  }
  // POSIX precedence: LC_ALL overrides LC_MESSAGES, which overrides LANG.
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^fr([_.@-]|$)/i.test(locale) ? 'fr' : 'en';
}

/** Decided once per run, like colour: help, errors and progress read it; renderers get it passed. */
let current: Lang = 'en';

export function setLanguage(lang: Lang): void {
  current = lang;
}

export function language(): Lang {
  return current;
}

/** Numbers as the language writes them: 1 234,5 in French, 1,234.5 in English. */
export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 1 }).format(n);
}

/** A calendar date (from an ISO string): 21/11/2026 in French, 2026-11-21 in English. */
export function formatDate(iso: string, lang: Lang): string {
  if (lang === 'en') return iso.slice(0, 10);
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC' }).format(d);
}
