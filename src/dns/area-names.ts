/**
 * The names of check-dns's areas, in the order they are checked and reported. Light on purpose: the
 * option help (--skip, --only) reads it without loading any check. The areas themselves: areas.ts.
 */
export const AREAS = ['spf', 'rdns', 'dnsbl', 'dmarc', 'dkim', 'mx', 'expected', 'tls-rpt', 'bimi', 'ptr', 'mta-sts', 'smtp', 'dnssec', 'requirements'] as const;
export type Area = (typeof AREAS)[number];

/** Areas that run only when an option asks for them (--smtp, --requirements); --skip and --only name the others. */
export const OPT_IN_AREAS: readonly Area[] = ['smtp', 'requirements'];
export const SKIPPABLE_AREAS: readonly Area[] = AREAS.filter((a) => !OPT_IN_AREAS.includes(a));
