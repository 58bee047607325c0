/**
 * DMARC records (RFC 9989, which obsoletes RFC 7489): parsing, the DNS tree walk of RFC 9989 §4.10
 * beside RFC 7489's Public Suffix List method, external report-address authorisation, and checks.
 */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { normalizeName, type DnsFailure, type QueryFailure, type Resolver } from './types.js';
import { joinTxt } from './spf/parse.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';

interface TagSpec {
  tag: string;
  default?: string;
  meaning: string;
  meaningFr: string;
  /** Allowed values, for validation and messages. */
  expected: string;
  valid: (v: string) => boolean;
  /** Removed by RFC 9989 but still read by receivers that follow RFC 7489. */
  obsolete?: boolean;
}

const policy = (v: string) => /^(none|quarantine|reject)$/i.test(v);

/** The DMARC tags, with defaults and meaning; doubles as the help text in docs/findings.md. */
export const DMARC_TAGS: readonly TagSpec[] = [
  { tag: 'v', meaning: 'version, must be DMARC1 and come first', meaningFr: 'version, doit être DMARC1 et venir en premier', expected: 'DMARC1', valid: (v) => v === 'DMARC1' },
  { tag: 'p', meaning: 'policy for the domain', meaningFr: 'politique pour le domaine', expected: 'none, quarantine or reject', valid: policy },
  { tag: 'sp', meaning: 'policy for existing subdomains', meaningFr: 'politique pour les sous-domaines existants', default: 'p', expected: 'none, quarantine or reject', valid: policy },
  { tag: 'np', meaning: 'policy for non-existent subdomains', meaningFr: 'politique pour les sous-domaines inexistants', default: 'sp', expected: 'none, quarantine or reject', valid: policy },
  { tag: 'adkim', meaning: 'DKIM alignment: r relaxed, s strict', meaningFr: 'alignement DKIM : r relâché, s strict', default: 'r', expected: 'r or s', valid: (v) => /^[rs]$/i.test(v) },
  { tag: 'aspf', meaning: 'SPF alignment: r relaxed, s strict', meaningFr: 'alignement SPF : r relâché, s strict', default: 'r', expected: 'r or s', valid: (v) => /^[rs]$/i.test(v) },
  { tag: 'rua', meaning: 'where aggregate reports go', meaningFr: 'destination des rapports agrégés', expected: 'mailto: URIs separated by commas', valid: () => true },
  { tag: 'ruf', meaning: 'where failure reports go', meaningFr: "destination des rapports d'échec", expected: 'mailto: URIs separated by commas', valid: () => true },
  { tag: 'fo', meaning: 'when failure reports are sent', meaningFr: "quand envoyer les rapports d'échec", default: '0', expected: '0, 1, d or s, separated by ":"', valid: (v) => /^[01ds](\s*:\s*[01ds])*$/i.test(v) },
  { tag: 'psd', meaning: 'public suffix domain: y, n or u', meaningFr: 'domaine de suffixe public : y, n ou u', default: 'u', expected: 'y, n or u', valid: (v) => /^[ynu]$/i.test(v) },
  { tag: 't', meaning: 'testing: y applies one policy level lower', meaningFr: "test : y applique la politique d'un niveau inférieur", default: 'n', expected: 'y or n', valid: (v) => /^[yn]$/i.test(v) },
  { tag: 'pct', meaning: 'percentage of mail the policy applies to (RFC 7489)', meaningFr: 'pourcentage des messages concernés (RFC 7489)', default: '100', expected: 'a whole number from 0 to 100', valid: (v) => /^\d{1,3}$/.test(v) && Number(v) <= 100, obsolete: true },
  { tag: 'rf', meaning: 'failure report format (RFC 7489)', meaningFr: "format des rapports d'échec (RFC 7489)", default: 'afrf', expected: 'afrf', valid: (v) => /^(afrf|iodef)(\s*:\s*(afrf|iodef))*$/i.test(v), obsolete: true },
  { tag: 'ri', meaning: 'aggregate report interval in seconds (RFC 7489)', meaningFr: 'intervalle des rapports agrégés en secondes (RFC 7489)', default: '86400', expected: 'a whole number of seconds', valid: (v) => /^\d{1,10}$/.test(v), obsolete: true },
];

const TAGS = new Map(DMARC_TAGS.map((t) => [t.tag, t]));

export interface ReportUri {
  tag: 'rua' | 'ruf';
  uri: string;
  /** mailto: address, when it is one. */
  address?: string;
  domain?: string;
  valid: boolean;
}

export interface ParsedDmarc {
  tags: Record<string, string>;
  syntaxErrors: Reason[];
  invalid: Array<{ tag: string; value: string; expected: string }>;
  unknown: string[];
  reportUris: ReportUri[];
}

export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/i.test(text);
}

export function parseDmarc(record: string): ParsedDmarc {
  const out: ParsedDmarc = { tags: {}, syntaxErrors: [], invalid: [], unknown: [], reportUris: [] };
  const parts = record.split(';').map((p) => p.trim());
  if (parts[parts.length - 1] === '') parts.pop();
  parts.forEach((part, i) => {
    if (part === '') {
      out.syntaxErrors.push(reason('tags.empty', { position: i + 1 }));
      return;
    }
    const eq = part.indexOf('=');
    if (eq < 0) {
      out.syntaxErrors.push(reason('tags.not-a-pair', { part }));
      return;
    }
    const tag = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (i === 0 && tag !== 'v') out.syntaxErrors.push(reason('dmarc.version-first'));
    if (Object.hasOwn(out.tags, tag)) {
      out.syntaxErrors.push(reason('tags.repeated', { tag }));
      return;
    }
    out.tags[tag] = value;
    const spec = TAGS.get(tag);
    if (!spec) {
      out.unknown.push(tag);
      return;
    }
    if (tag === 'v' && value !== 'DMARC1') {
      out.syntaxErrors.push(reason('dmarc.version-case', { value }));
      return;
    }
    if (!spec.valid(value)) out.invalid.push({ tag, value, expected: spec.expected });
    if (tag === 'rua' || tag === 'ruf') out.reportUris.push(...parseReportUris(tag, value));
  });
  if (!Object.hasOwn(out.tags, 'p')) out.syntaxErrors.push(reason('dmarc.no-policy'));
  return out;
}

function parseReportUris(tag: 'rua' | 'ruf', value: string): ReportUri[] {
  return value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
    .map((uri) => {
      // mailto:address[!size[kmgt]] (RFC 9989 §4.7)
      const m = uri.match(/^mailto:([^!\s@]+@([^!\s@]+?))(?:![0-9]+[kmgt]?)?$/i);
      if (!m) return { tag, uri, valid: /^https?:\/\/\S+$/i.test(uri) };
      return { tag, uri, address: m[1]!, domain: normalizeName(m[2]!), valid: /^[a-z0-9.-]+\.[a-z0-9-]+$/i.test(m[2]!) };
    });
}

export interface DmarcLookup {
  name: string;
  status: 'found' | 'none' | 'nxdomain' | 'multiple' | 'error';
  record?: string;
  /** TXT records that look like DMARC but do not start with v=DMARC1: receivers ignore them. */
  ignored?: string[];
  count?: number;
  reason?: DnsFailure;
}

async function lookupAt(resolver: Resolver, domain: string): Promise<DmarcLookup> {
  const name = `_dmarc.${domain}`;
  const r = await resolver.query(name, 'TXT');
  if (r.status === 'error') return { name, status: 'error', reason: r.reason };
  if (r.status !== 'found') return { name, status: r.status === 'nxdomain' ? 'nxdomain' : 'none' };
  const texts = r.records.map(joinTxt);
  const records = texts.filter(isDmarcRecord);
  if (records.length === 0) {
    const ignored = texts.filter((t) => /v\s*=\s*dmarc|^\s*p\s*=\s*(none|quarantine|reject)/i.test(t));
    return { name, status: 'none', ...(ignored.length ? { ignored } : {}) };
  }
  if (records.length > 1) return { name, status: 'multiple', count: records.length };
  return { name, status: 'found', record: records[0]! };
}

/** Names the tree walk asks, in order: the domain, then its parent (or its last 7 labels when 8 or more), up to the TLD. */
export function treeWalkNames(domain: string): string[] {
  const labels = domain.split('.');
  const names = [domain];
  let rest = labels.length >= 8 ? labels.slice(-7) : labels.slice(1);
  while (rest.length >= 1) {
    names.push(rest.join('.'));
    rest = rest.slice(1);
  }
  return names;
}

type Psl = typeof import('tldts');
let psl: Promise<Psl> | undefined;
/** tldts holds the whole Public Suffix List: loaded on first use, while DNS answers are awaited. */
export function loadPsl(): Promise<Psl> {
  psl ??= import('tldts');
  return psl;
}

export async function orgDomainPsl(domain: string): Promise<string> {
  return (await loadPsl()).getDomain(domain, { allowPrivateDomains: false }) ?? domain;
}

export interface ReportDomainCheck {
  tag: 'rua' | 'ruf';
  address: string;
  domain: string;
  external: boolean;
  /** External only: <policy domain>._report._dmarc.<report domain> holds v=DMARC1. */
  authorized?: boolean;
  authName?: string;
  deliverable?: boolean;
  failures: QueryFailure[];
}

export interface DmarcData {
  domain: string;
  /** The name the policy came from (_dmarc.example.fr), or null. */
  name: string | null;
  record: string | null;
  /** Where the policy was found: the domain itself, its organizational domain, a parent below it, a public suffix's. */
  source: 'domain' | 'organizational' | 'parent' | 'public-suffix' | 'none';
  orgDomain: string;
  /** The organizational domain's own record name, when it is not the one whose policy applies. */
  orgName?: string;
  /** The answer of RFC 7489's method: _dmarc.<domain>, else _dmarc.<PSL organizational domain>. */
  pslName: string | null;
  pslOrgDomain: string;
  lookups: DmarcLookup[];
  parsed?: ParsedDmarc;
  /** The policy that applies to this domain (p; sp for a subdomain; np for one that does not exist). */
  policy?: string;
  /** The domain has no A, AAAA or MX... as far as its MX query tells: NXDOMAIN, so np= applies. */
  nonExistent?: boolean;
  reports: ReportDomainCheck[];
}

/**
 * Fetches everything DMARC needs: the domain's own record first (as receivers do), and only without one
 * the rest of the walk, all at once (at most 7 queries); then the report domains.
 */
export async function fetchDmarc(resolver: Resolver, domain: string, exists?: () => Promise<boolean>): Promise<DmarcData> {
  const names = treeWalkNames(domain);
  void loadPsl();
  const own = await lookupAt(resolver, domain);
  const lookups = own.status === 'found' ? [own] : [own, ...(await Promise.all(names.slice(1).map((n) => lookupAt(resolver, n))))];
  const pslOrg = await orgDomainPsl(domain);
  const data: DmarcData = { domain, name: null, record: null, source: 'none', orgDomain: domain, pslName: null, pslOrgDomain: pslOrg, lookups, reports: [] };

  // RFC 7489: the domain, else its PSL organizational domain.
  const pslLookup = own.status === 'found' ? own : lookups[names.indexOf(pslOrg)];
  data.pslName = pslLookup?.status === 'found' ? pslLookup.name : null;

  // RFC 9989: a record at the domain is the policy; else walk up, stopping at a psd tag.
  let chosen: { lookup: DmarcLookup; domain: string; source: DmarcData['source'] } | undefined;
  if (own.status === 'found') {
    chosen = { lookup: own, domain, source: 'domain' };
    data.orgDomain = domain;
  } else {
    const found: Array<{ lookup: DmarcLookup; domain: string; psd?: string }> = [];
    // Only "no such name" and "no record" let the walk go on: after a failed query, the policy is unknown
    // (the failed name may hold it), so the walk stops at what was found below it, if anything.
    for (let i = own.status === 'error' ? names.length : 1; i < names.length; i++) {
      const l = lookups[i]!;
      if (l.status === 'error') break;
      if (l.status !== 'found') continue;
      const psd = parseDmarc(l.record!).tags.psd?.toLowerCase();
      found.push({ lookup: l, domain: names[i]!, ...(psd ? { psd } : {}) });
      if (psd === 'y' || psd === 'n') break;
    }
    // Two answers from one walk (RFC 9989 §4.10): the policy is the first record found walking up from the
    // domain (§4.10.1); the organizational domain, used for alignment, is the one a psd=n record names, the
    // one below a psd=y record, else the highest record found (§4.10.2). dept.example's record applies to
    // mail.dept.example even when example has one too.
    const first = found[0];
    const last = found[found.length - 1];
    if (last?.psd === 'y') data.orgDomain = names[names.indexOf(last.domain) - 1] ?? domain;
    else if (last) data.orgDomain = last.domain;
    if (first) {
      const source: DmarcData['source'] = first.psd === 'y' && first.domain !== data.orgDomain ? 'public-suffix' : first.domain === data.orgDomain ? 'organizational' : 'parent';
      chosen = { lookup: first.lookup, domain: first.domain, source };
      const org = found.find((f) => f.domain === data.orgDomain);
      if (org && org !== first) data.orgName = org.lookup.name;
    }
  }
  if (!chosen) return data;

  data.name = chosen.lookup.name;
  data.record = chosen.lookup.record!;
  data.source = chosen.source;
  const parsed = parseDmarc(data.record);
  data.parsed = parsed;
  // A record found above the domain gives its sp= (or p=), and np= when the domain does not exist at all
  // (RFC 9989 §4.10.1: mail from a name nobody uses, often a spoof).
  if (chosen.source !== 'domain' && exists && !(await exists())) data.nonExistent = true;
  const t = parsed.tags;
  data.policy = (chosen.source === 'domain' ? t.p : ((data.nonExistent ? t.np : undefined) ?? t.sp ?? t.p))?.toLowerCase();

  const policyDomain = chosen.domain;
  const policyOrg = await orgDomainPsl(policyDomain);
  const seen = new Set<string>();
  data.reports = await Promise.all(
    parsed.reportUris
      .filter((u) => u.valid && u.domain && !seen.has(`${u.tag} ${u.domain}`) && seen.add(`${u.tag} ${u.domain}`))
      .map((u) => checkReportDomain(resolver, u, policyDomain, policyOrg)),
  );
  return data;
}

async function checkReportDomain(resolver: Resolver, u: ReportUri, policyDomain: string, policyOrg: string): Promise<ReportDomainCheck> {
  const domain = u.domain!;
  const external = (await orgDomainPsl(domain)) !== policyOrg;
  const check: ReportDomainCheck = { tag: u.tag, address: u.address!, domain, external, failures: [] };
  const authName = `${policyDomain}._report._dmarc.${domain}`;
  const [auth, mx] = await Promise.all([external ? resolver.query(authName, 'TXT') : undefined, resolver.query(domain, 'MX')]);
  if (auth) {
    check.authName = authName;
    if (auth.status === 'error') check.failures.push({ name: authName, type: 'TXT', reason: auth.reason });
    else check.authorized = auth.status === 'found' && auth.records.some((c) => isDmarcRecord(joinTxt(c)));
  }
  if (mx.status === 'error') {
    check.failures.push({ name: domain, type: 'MX', reason: mx.reason });
  } else if (mx.status === 'found') {
    check.deliverable = !mx.records.every((r) => r.exchange === '');
  } else {
    // No MX: mail goes to the domain's address record (RFC 5321 §5.1).
    const [a, aaaa] = await Promise.all([resolver.query(domain, 'A'), resolver.query(domain, 'AAAA')]);
    if (a.status === 'error' && aaaa.status === 'error') check.failures.push({ name: domain, type: 'A', reason: a.reason });
    else check.deliverable = a.status === 'found' || aaaa.status === 'found';
  }
  return check;
}

/** Pure: findings from fetched DMARC data. */
export function checkDmarc(d: DmarcData): Finding[] {
  const out: Finding[] = [];
  const subject = d.name ?? `_dmarc.${d.domain}`;
  for (const l of d.lookups) {
    if (l.status === 'multiple') out.push(finding('dmarc.multiple', l.name, { name: l.name, count: l.count ?? 2 }));
    for (const text of l.ignored ?? []) {
      out.push(finding('dmarc.syntax', l.name, { name: l.name, reason: reason('dmarc.not-dmarc', { text: text.slice(0, 60) }) }));
    }
  }
  const failed = d.lookups.filter((l) => l.status === 'error');
  if (!d.record) {
    // A failed query is not a missing record: say "missing" only when every name answered.
    if (failed.length === 0 && !d.lookups.some((l) => l.status === 'multiple')) out.push(finding('dmarc.missing', subject, { domain: d.domain }));
    return out;
  }
  const p = d.parsed!;
  for (const why of p.syntaxErrors) out.push(finding('dmarc.syntax', subject, { name: subject, reason: why }));
  for (const inv of p.invalid) out.push(finding('dmarc.invalid-tag', subject, { name: subject, ...inv }));
  for (const tag of p.unknown) out.push(finding('dmarc.unknown-tag', subject, { name: subject, tag }));
  for (const u of p.reportUris) if (!u.valid) out.push(finding('dmarc.rua-invalid', subject, { name: subject, uri: u.uri }));

  const pol = d.policy && policy(d.policy) ? d.policy : undefined;
  if (p.syntaxErrors.length === 0 && p.invalid.length === 0 && p.reportUris.every((u) => u.valid) && pol) out.push(finding('dmarc.valid', subject, { domain: d.domain, name: subject, policy: pol }));
  if (d.source !== 'domain' && pol) out.push(finding('dmarc.subdomain-policy', subject, { domain: d.domain, orgDomain: subject.replace(/^_dmarc\./, ''), policy: pol }));
  if (pol === 'none') out.push(finding('dmarc.policy-none', subject, { domain: d.domain }));
  if (p.tags.t?.toLowerCase() === 'y') out.push(finding('dmarc.testing', subject, { domain: d.domain }));
  if (p.tags.pct !== undefined && /^\d+$/.test(p.tags.pct)) {
    const pct = Number(p.tags.pct);
    out.push(finding('dmarc.pct-obsolete', subject, { name: subject, pct }, pct < 100 ? { severity: 'warning' } : {}));
  }
  const strict = ['adkim', 'aspf'].filter((t) => p.tags[t]?.toLowerCase() === 's').map((t) => `${t}=s`);
  if (strict.length) out.push(finding('dmarc.strict-alignment', subject, { domain: d.domain, tags: strict }));
  if (!p.reportUris.some((u) => u.tag === 'rua' && u.valid)) out.push(finding('dmarc.no-reports', subject, { domain: d.domain }));
  for (const r of d.reports) {
    if (r.external && r.authorized === false) {
      out.push(finding('dmarc.rua-unauthorized', subject, { domain: d.domain, tag: r.tag, address: r.address, authName: r.authName! }));
    }
    if (r.deliverable === false) out.push(finding('dmarc.rua-undeliverable', subject, { tag: r.tag, address: r.address, domain: r.domain }));
  }
  if (d.pslName !== d.name) {
    out.push(finding('dmarc.discovery-differs', subject, { domain: d.domain, treeWalk: d.name ?? null, psl: d.pslName ?? null }));
  }
  return out;
}

/** DNS failures met while fetching DMARC data, for dns.query-failed findings. */
export function dmarcFailures(d: DmarcData): QueryFailure[] {
  // Once the domain's own record is found, the rest of the walk does not matter.
  const walk = d.source === 'domain' ? [] : d.lookups;
  return [
    ...walk.filter((l) => l.status === 'error').map((l) => ({ name: l.name, type: 'TXT', reason: l.reason! })),
    ...d.reports.flatMap((r) => r.failures),
  ];
}
