/**
 * Who sends as the domain: each reported IP named and grouped into senders. The domain's own SPF names
 * most of them (an IP that passes through include:sendgrid.net is SendGrid for this domain, found with
 * check-dns's check_host()); else the reverse-DNS name's organizational domain, with mailbox providers
 * known as forwarders. Each sender gets a verdict, and the domain a readiness for p=quarantine/p=reject.
 * The lookups go through the run's resolver (none with --offline); the grouping is pure.
 */
import { PLATFORM_SELECTORS } from '../dns/dkim.js';
import type { ReverseDns } from '../dns/reverse.js';
import { reverseDns } from '../dns/reverse.js';
import { evaluateSpf, type SpfVerdict } from '../dns/spf/evaluate.js';
import type { Resolver } from '../dns/types.js';
import { topKeys, type Counts, type DmarcDomain, type SourceStats, type Tallies } from './aggregate.js';

/** Mailbox providers whose servers forward their users' mail (a forward fails SPF; DKIM survives it, ARC tells). */
export const FORWARDERS: ReadonlyArray<{ org: RegExp; name: string }> = [
  { org: /^(google\.com|googlemail\.com)$/, name: 'Google (Gmail, Google Groups)' },
  { org: /^(outlook\.com|hotmail\.com|office365\.com)$/, name: 'Microsoft (Outlook.com, Microsoft 365)' },
  { org: /^(yahoo\.com|yahoodns\.net)$/, name: 'Yahoo' },
  { org: /^(orange\.fr|wanadoo\.fr)$/, name: 'Orange' },
  { org: /^free\.fr$/, name: 'Free' },
  { org: /^sfr\.net$|^sfr\.fr$/, name: 'SFR' },
  { org: /^laposte\.net$/, name: 'La Poste' },
  { org: /^(gmx\.net|web\.de|1und1\.de|ionos\.com)$/, name: 'GMX / WEB.DE / IONOS' },
  { org: /^(icloud\.com|apple\.com|me\.com)$/, name: 'Apple iCloud' },
  { org: /^(mail\.ru|yandex\.net|yandex\.ru)$/, name: 'Mail.ru / Yandex' },
  { org: /^ovh\.net$/, name: 'OVHcloud' },
  { org: /^gandi\.net$/, name: 'Gandi' },
];
/** A reverse name that looks like a mailing-list server. */
const LIST_HOST = /(^|[.-])(lists?|listes?|sympa|mailman|listserv|groups?)([.-]|$)/i;
const FORWARD_REASONS = ['forwarded', 'mailing_list', 'trusted_forwarder'];

export interface IpFacts {
  ip: string;
  ptr: Pick<ReverseDns, 'status' | 'names' | 'confirmedName'> | null;
  spf: Pick<SpfVerdict, 'result' | 'mechanism' | 'path' | 'matchedIn' | 'reason'> | null;
}

/** The IPs whose naming the DNS could not answer (SPF temperror, or the PTR lookup failed), with one reason. */
export function lookupFailures(facts: ReadonlyMap<string, IpFacts>): { ips: string[]; reason: import('../core/catalogue/reasons.js').Reason | null } {
  const failed = [...facts.values()].filter((f) => f.spf?.result === 'temperror' || f.ptr?.status === 'error');
  return { ips: failed.map((f) => f.ip), reason: failed.find((f) => f.spf?.reason)?.spf?.reason ?? null };
}

export async function fetchIpFacts(resolver: Resolver, domain: string, ips: readonly string[], concurrency = 20): Promise<Map<string, IpFacts>> {
  const out = new Map<string, IpFacts>();
  let next = 0;
  const worker = async () => {
    while (next < ips.length) {
      const ip = ips[next++]!;
      const [ptr, spf] = await Promise.all([reverseDns(resolver, ip), evaluateSpf(resolver, domain, ip)]);
      out.set(ip, { ip, ptr, spf });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ips.length) }, worker));
  return out;
}

export type SenderKind = 'authorised' | 'signed' | 'forwarder' | 'mailing-list' | 'unknown';
export type SenderVerdict = 'aligned' | 'not-aligned' | 'forwarded' | 'unknown-failing' | 'unknown-passing';

export interface Sender extends Tallies {
  name: string;
  kind: SenderKind;
  /** How it was named: the SPF term that authorises it, the reverse-DNS name, or nothing. */
  by: string | null;
  verdict: SenderVerdict;
  ips: string[];
}

/** The platform an SPF path names (include:sendgrid.net -> SendGrid), or the include's own domain. */
function platformOf(path: readonly string[], orgDomain: (n: string) => string): { name: string; by: string } | null {
  for (const term of path) {
    const target = term.replace(/^(include:|redirect=)/i, '').toLowerCase();
    const p = PLATFORM_SELECTORS.find((x) => x.spf?.test(target));
    if (p) return { name: p.platform, by: term };
  }
  const first = path[0];
  return first ? { name: orgDomain(first.replace(/^(include:|redirect=)/i, '').toLowerCase()), by: first } : null;
}

function nameOf(s: SourceStats, f: IpFacts | undefined, domain: string, orgDomain: (n: string) => string): { name: string; kind: SenderKind; by: string | null } {
  const ptrName = f?.ptr?.confirmedName ?? f?.ptr?.names[0] ?? null;
  if (f?.spf?.result === 'pass') {
    const platform = platformOf(f.spf.path, orgDomain);
    return platform ? { ...platform, kind: 'authorised' } : { name: domain, kind: 'authorised', by: f.spf.mechanism ?? null };
  }
  const ptrOrg = ptrName ? orgDomain(ptrName.replace(/\.$/, '').toLowerCase()) : null;
  const forwarder = ptrOrg ? FORWARDERS.find((x) => x.org.test(ptrOrg)) : undefined;
  if (s.dkimAligned > 0 && !forwarder) return { name: ptrOrg ?? s.ip, kind: 'signed', by: ptrName };
  if (forwarder) return { name: forwarder.name, kind: 'forwarder', by: ptrName };
  if (ptrName && LIST_HOST.test(ptrName)) return { name: ptrOrg ?? ptrName, kind: 'mailing-list', by: ptrName };
  if (s.reasons.mailing_list) return { name: ptrOrg ?? s.ip, kind: 'mailing-list', by: ptrName };
  if (FORWARD_REASONS.some((r) => s.reasons[r])) return { name: ptrOrg ?? s.ip, kind: 'forwarder', by: ptrName };
  return { name: ptrOrg ?? s.ip, kind: 'unknown', by: ptrName };
}

const add = (a: Counts, b: Counts) => {
  for (const [k, v] of Object.entries(b)) a[k] = (a[k] ?? 0) + v;
};

/** The senders of a domain, biggest first. */
export function groupSenders(d: DmarcDomain, facts: ReadonlyMap<string, IpFacts>, orgDomain: (n: string) => string): Sender[] {
  const groups = new Map<string, Sender>();
  for (const s of d.sources.values()) {
    const n = nameOf(s, facts.get(s.ip), d.domain, orgDomain);
    const key = `${n.kind}\u0000${n.name}`;
    let g = groups.get(key);
    if (!g) {
      g = { name: n.name, kind: n.kind, by: n.by, verdict: 'unknown-failing', ips: [], messages: 0, dmarcPass: 0, spfAligned: 0, dkimAligned: 0, dispositions: {}, reasons: {}, spf: {}, dkim: {} };
      groups.set(key, g);
    }
    g.ips.push(s.ip);
    g.messages += s.messages;
    g.dmarcPass += s.dmarcPass;
    g.spfAligned += s.spfAligned;
    g.dkimAligned += s.dkimAligned;
    add(g.dispositions, s.dispositions);
    add(g.reasons, s.reasons);
    add(g.spf, s.spf);
    add(g.dkim, s.dkim);
  }
  for (const g of groups.values()) {
    const allPass = g.dmarcPass === g.messages;
    g.verdict =
      g.kind === 'authorised' || g.kind === 'signed' ? (allPass ? 'aligned' : 'not-aligned') : g.kind === 'forwarder' || g.kind === 'mailing-list' ? 'forwarded' : g.dmarcPass > 0 && allPass ? 'unknown-passing' : 'unknown-failing';
  }
  return [...groups.values()].sort((a, b) => b.messages - a.messages);
}

export interface Readiness {
  /** Messages from the domain's own senders (authorised by its SPF, or signed with its DKIM). */
  legitimate: number;
  /** Of those, how many passed DMARC (aligned). */
  passing: number;
  /** What p=quarantine or p=reject would catch of the domain's own mail today, by sender. */
  blocked: Array<{ name: string; messages: number }>;
  /** The policy the reports saw most. */
  current: string | null;
}

export function readiness(d: DmarcDomain, senders: readonly Sender[]): Readiness {
  const own = senders.filter((s) => s.kind === 'authorised' || s.kind === 'signed');
  const current = topKeys(d.policies, 1)[0] ?? null;
  return {
    legitimate: own.reduce((n, s) => n + s.messages, 0),
    passing: own.reduce((n, s) => n + s.dmarcPass, 0),
    blocked: own.filter((s) => s.dmarcPass < s.messages).map((s) => ({ name: s.name, messages: s.messages - s.dmarcPass })),
    current,
  };
}
