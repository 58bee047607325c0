/**
 * The names of check-dns's areas, in the order they are checked and reported. Light on purpose: the
 * option help (--skip, --only) reads it without loading any check. The areas themselves: areas.ts.
 */
export const AREAS = ['spf', 'rdns', 'dnsbl', 'dmarc', 'dkim', 'mx', 'expected', 'tls-rpt', 'bimi', 'ptr', 'mta-sts', 'smtp', 'dnssec', 'requirements'] as const;
export type Area = (typeof AREAS)[number];

/** Areas that run only when an option asks for them (--smtp, --requirements); --skip and --only name the others. */
export const OPT_IN_AREAS: readonly Area[] = ['smtp', 'requirements'];
export const SKIPPABLE_AREAS: readonly Area[] = AREAS.filter((a) => !OPT_IN_AREAS.includes(a));

/**
 * The first question of the areas whose answers start the longest chains (SPF's includes, DMARC's walk,
 * the MX hosts and the DKIM selectors they suggest). check-dns asks them for the domains named on the
 * command line as soon as its resolver exists, and loads the checks while the answers travel: the
 * answers are in the cache when the checks ask. A test holds each to be a question its area asks.
 */
export const FIRST_QUESTIONS: ReadonlyArray<{ area: Area; name: (domain: string) => string; type: 'TXT' | 'MX' }> = [
  { area: 'spf', name: (d) => d, type: 'TXT' },
  { area: 'dmarc', name: (d) => `_dmarc.${d}`, type: 'TXT' },
  { area: 'mx', name: (d) => d, type: 'MX' },
];
