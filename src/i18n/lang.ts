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

/**
 * Numbers as the language writes them, to one decimal: 1 234,5 in French (a narrow no-break space between
 * groups, as Intl writes fr-FR), 1,234.5 in English. Written out rather than through Intl.NumberFormat,
 * whose first use loads locale data (7 ms of a 90 ms report); a test holds the two equal.
 */
export function formatNumber(n: number, lang: Lang): string {
  // Counts and milliseconds are what reports hold; anything else takes Intl's way.
  if (!(n >= 0 && n < 1e15)) return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-US', { maximumFractionDigits: 1 }).format(n);
  const [group, point] = lang === 'fr' ? ['\u202f', ','] : [',', '.'];
  // Rounded as Intl rounds: half away from zero, on the shortest decimal form of the number (0.15 -> 0.2).
  const [int, digits = ''] = (n < 1e-6 ? '0' : String(n)).split('.');
  let tenth = Number(digits[0] ?? 0) + (Number(digits[1] ?? 0) >= 5 ? 1 : 0);
  let units = Number(int);
  if (tenth === 10) [units, tenth] = [units + 1, 0];
  const whole = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const frac = tenth;
  return `${whole}${frac ? `${point}${frac}` : ''}`;
}

/** A calendar date (from an ISO string): 21/11/2026 in French, 2026-11-21 in English. */
export function formatDate(iso: string, lang: Lang): string {
  if (lang === 'en') return iso.slice(0, 10);
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC' }).format(d);
}
