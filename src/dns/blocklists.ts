/**
 * The DNS blocklists check-dns asks (RFC 5782), as data: where each is queried, what each answer means,
 * which answers are the list's own error codes (never a listing), its RFC 5782 test points, and where a
 * listed owner asks for removal. The lists asked by default, and why, are documented in docs/blocklists.md
 * (a test keeps the two in step). SORBS closed in 2024: it is not here and must not be added.
 */
import { reason, type Reason } from '../core/catalogue/reasons.js';
import type { IpFamily } from '../core/ip-family.js';

export interface ListingCode {
  /** The list's own name for the entry (SBL, XBL, PBL...). */
  label: string;
  meaning: Reason;
  /** A policy listing (Spamhaus PBL): the range should not deliver mail itself, whatever it sent. */
  policy?: true;
}

export interface Blocklist {
  name: string;
  /** The zone asked by default. */
  zone: string;
  /** Other zones of the same list and codes (Spamhaus DQS: <key>.zen.dq.spamhaus.net). */
  sameCodes?: RegExp;
  kind: 'ip' | 'domain';
  /** The address families an IP list covers. */
  families: readonly IpFamily[];
  /** What each answer (an address in 127.0.0.0/8) means. */
  codes?: Readonly<Record<string, ListingCode>>;
  /** Lists that add up bits in the last octet (SURBL). */
  bits?: Readonly<Record<number, ListingCode>>;
  /** Answers that report a problem with the query, not a listing. */
  errors?: Readonly<Record<string, Reason>>;
  /** Every answer in this network is an error code, known or not. */
  errorNet?: { network: string; prefix: number };
  /** RFC 5782 §5 test points, under the zone: the first must be listed, the second must not. */
  test: { listed: string; unlisted: string };
  /** Where the owner of a listed address or domain asks for removal (unknown for a list given by --dnsbl). */
  delist?: string;
  default: boolean;
}

/** RFC 5782 §5: an IP list must list 127.0.0.2 and must not list 127.0.0.1. */
const IP_TEST_POINTS = { listed: '2.0.0.127', unlisted: '1.0.0.127' };

const SPAMHAUS_ERRORS: Record<string, Reason> = {
  '127.255.255.252': reason('bl.error-typo'),
  '127.255.255.254': reason('bl.error-public-resolver'),
  '127.255.255.255': reason('bl.error-excess'),
};
const SPAMHAUS_ERROR_NET = { network: '127.255.255.0', prefix: 24 };

export const BLOCKLISTS: readonly Blocklist[] = [
  {
    name: 'Spamhaus ZEN',
    zone: 'zen.spamhaus.org',
    sameCodes: /(^|\.)zen\.dq\.spamhaus\.net$/,
    kind: 'ip',
    families: [4, 6],
    codes: {
      '127.0.0.2': { label: 'SBL', meaning: reason('bl.sbl') },
      '127.0.0.3': { label: 'CSS', meaning: reason('bl.css') },
      '127.0.0.4': { label: 'XBL', meaning: reason('bl.xbl') },
      '127.0.0.9': { label: 'DROP', meaning: reason('bl.drop') },
      '127.0.0.10': { label: 'PBL', meaning: reason('bl.pbl-isp'), policy: true },
      '127.0.0.11': { label: 'PBL', meaning: reason('bl.pbl-spamhaus'), policy: true },
      '127.0.0.30': { label: 'BCL', meaning: reason('bl.bcl') },
    },
    errors: SPAMHAUS_ERRORS,
    errorNet: SPAMHAUS_ERROR_NET,
    test: IP_TEST_POINTS,
    delist: 'https://check.spamhaus.org/',
    default: true,
  },
  {
    name: 'SpamCop',
    zone: 'bl.spamcop.net',
    kind: 'ip',
    families: [4],
    codes: { '127.0.0.2': { label: 'SCBL', meaning: reason('bl.spamcop') } },
    test: IP_TEST_POINTS,
    delist: 'https://www.spamcop.net/bl.shtml',
    default: true,
  },
  {
    name: 'Barracuda',
    zone: 'b.barracudacentral.org',
    kind: 'ip',
    families: [4],
    codes: { '127.0.0.2': { label: 'BRBL', meaning: reason('bl.barracuda') } },
    test: IP_TEST_POINTS,
    delist: 'https://www.barracudacentral.org/rbl/removal-request',
    default: true,
  },
  {
    name: 'PSBL',
    zone: 'psbl.surriel.com',
    kind: 'ip',
    families: [4],
    codes: { '127.0.0.2': { label: 'PSBL', meaning: reason('bl.psbl') } },
    test: IP_TEST_POINTS,
    delist: 'https://psbl.org/remove',
    default: true,
  },
  {
    name: 'Spamhaus DBL',
    zone: 'dbl.spamhaus.org',
    sameCodes: /(^|\.)dbl\.dq\.spamhaus\.net$/,
    kind: 'domain',
    families: [],
    codes: {
      '127.0.1.2': { label: 'DBL', meaning: reason('bl.dbl-spam') },
      '127.0.1.4': { label: 'DBL', meaning: reason('bl.dbl-phish') },
      '127.0.1.5': { label: 'DBL', meaning: reason('bl.dbl-malware') },
      '127.0.1.6': { label: 'DBL', meaning: reason('bl.dbl-botnet') },
      '127.0.1.102': { label: 'DBL abused', meaning: reason('bl.dbl-abused', { use: 'spam' }) },
      '127.0.1.103': { label: 'DBL abused', meaning: reason('bl.dbl-abused', { use: 'redirector' }) },
      '127.0.1.104': { label: 'DBL abused', meaning: reason('bl.dbl-abused', { use: 'phishing' }) },
      '127.0.1.105': { label: 'DBL abused', meaning: reason('bl.dbl-abused', { use: 'malware' }) },
      '127.0.1.106': { label: 'DBL abused', meaning: reason('bl.dbl-abused', { use: 'botnet' }) },
    },
    errors: { ...SPAMHAUS_ERRORS, '127.0.1.255': reason('bl.error-ip-on-domain-list') },
    errorNet: SPAMHAUS_ERROR_NET,
    test: { listed: 'dbltest.com', unlisted: 'invalid' },
    delist: 'https://check.spamhaus.org/',
    default: true,
  },
  {
    name: 'SURBL',
    zone: 'multi.surbl.org',
    kind: 'domain',
    families: [],
    bits: {
      4: { label: 'DM', meaning: reason('bl.surbl-disposable') },
      8: { label: 'PH', meaning: reason('bl.surbl-phishing') },
      16: { label: 'MW', meaning: reason('bl.surbl-malware') },
      32: { label: 'CT', meaning: reason('bl.surbl-click-tracker') },
      64: { label: 'ABUSE', meaning: reason('bl.surbl-abuse') },
      128: { label: 'CR', meaning: reason('bl.surbl-cracked') },
    },
    test: { listed: 'test.surbl.org', unlisted: 'invalid' },
    delist: 'https://surbl.org/surbl-analysis',
    default: true,
  },
];

/** A zone given with --dnsbl: a known list (a DQS key zone takes its list's codes), else an IP list read by RFC 5782 alone. */
export function blocklistForZone(zone: string): Blocklist {
  const z = zone.toLowerCase().replace(/\.$/, '');
  const known = BLOCKLISTS.find((b) => b.zone === z || b.sameCodes?.test(z));
  if (known) return { ...known, zone: z, name: known.zone === z ? known.name : `${known.name} (${z.replace(/^[^.]+(?=\.(zen|dbl)\.dq\.)/, '<key>')})` };
  return { name: z, zone: z, kind: 'ip', families: [4, 6], test: IP_TEST_POINTS, default: false };
}

/** The lists of a run: the defaults and those given (--dnsbl), or only those given (--dnsbl-only). */
export function blocklistsOf(zones: readonly string[] = [], only = false): Blocklist[] {
  const given = zones.map(blocklistForZone);
  const lists = only ? given : [...BLOCKLISTS.filter((b) => b.default && !given.some((g) => g.zone === b.zone)), ...given];
  return lists;
}
