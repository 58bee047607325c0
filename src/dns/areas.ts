/**
 * The areas of check-dns, one object each: how it fetches (through the run's resolver), which DNS
 * failures it saw, how it checks (pure functions over what was fetched), the report data it fills, and
 * the report sections its findings go to. checkDomain() runs them all at once; adding an area means an
 * entry here (and its name in area-names.ts), its module, its catalogue entries and its renderer section.
 */
import type { Finding } from '../core/model.js';
import type { SectionId } from '../core/catalogue/sections.js';
import { VERSION } from '../core/version.js';
import type { Area } from './area-names.js';
import { checkDkim, dkimHints, fetchDkim, type DkimData } from './dkim.js';
import { checkDmarc, dmarcFailures, fetchDmarc, type DmarcData } from './dmarc.js';
import { checkDnssec, fetchDnssec, type DnssecClient, type DnssecData } from './dnssec.js';
import { checkExpected, expectedFailures, fetchExpected, type Expectation, type ExpectationResult } from './expected.js';
import { checkMx, type MxData } from './mx.js';
import { checkMtaSts, fetchMtaSts, type HttpsOptions, type MtaStsData } from './receiving/mta-sts.js';
import { checkMxTls, fetchMxTls, type MxTlsOptions, type MxTlsResult } from './receiving/mx-tls.js';
import { checkBimi, checkPtr, checkTlsRpt, fetchBimi, fetchPtr, fetchTlsRpt, type BimiData, type PtrData, type TlsRptData } from './receiving/records.js';
import { checkIpVerdicts, checkSpf, spfFailures } from './spf/check.js';
import { evaluateSpf, type SpfVerdict } from './spf/evaluate.js';
import { buildSpfTree, treeForJson, type SpfNode } from './spf/tree.js';
import type { QueryFailure, Resolver } from './types.js';
export type { QueryFailure } from './types.js';
import { checkReverseDns, genericOf, reverseDns, type ReverseDns } from './reverse.js';
import { unmapIpv4 } from './ip.js';
import { blocklistsOf, type Blocklist } from './blocklists.js';
import { checkDnsbl, fetchDnsbl, type DnsblData } from './dnsbl.js';
import { reason } from '../core/catalogue/reasons.js';
import { judgeRequirements } from '../core/requirements.js';
import { requirementFindings } from '../core/requirement-findings.js';
import { domainFacts } from './requirements.js';

export interface DomainCheckInput {
  domain: string;
  /** Areas not to check. */
  skip?: ReadonlySet<Area>;
  bimiSelector?: string;
  /** How the MTA-STS policy is fetched (port, private CA, timeout). */
  https?: HttpsOptions;
  /** --smtp: STARTTLS on every MX. */
  smtp?: MxTlsOptions;
  /** The DNSSEC client for the run's servers, and the apexes a zone file answers for. */
  dnssec?: { client: DnssecClient; zoneApexes: string[] };
  ips: readonly string[];
  /** --sender, --helo (or the address given as the domain): the MAIL FROM and HELO SPF is evaluated with. */
  sender?: string;
  helo?: string;
  /** The blocklists to ask (--dnsbl, --dnsbl-only); none given means the defaults of blocklists.ts. */
  blocklists?: readonly Blocklist[];
  /** Ask the common selectors too, whatever the inferred ones find (tests compare the two guesses). */
  dkimGuessAll?: boolean;
  /** --requirements (and --bulk): the providers' sender rules, judged from what the other areas fetched. */
  requirements?: { bulk: boolean };
  /** Selectors to check; none means guess (dkim.ts). */
  selectors?: readonly string[];
  expectations: readonly Expectation[];
}

/** What each area fetched. */
export interface AreaData {
  spf: { tree: SpfNode; verdicts: SpfVerdict[] };
  rdns: ReverseDns[];
  dnsbl: DnsblData;
  dmarc: DmarcData;
  dkim: DkimData;
  mx: MxData;
  expected: ExpectationResult[];
  'tls-rpt': TlsRptData;
  bimi: BimiData;
  ptr: PtrData[];
  'mta-sts': MtaStsData;
  smtp: MxTlsResult[];
  dnssec: DnssecData;
  /** Nothing of its own: it reads what the other areas fetched. */
  requirements: Record<string, never>;
}

/** What an area's fetch gets: the domain's resolver, the input, and the MX set the receiving-side areas wait on (asked once, by the first that reads it). */
export interface FetchContext {
  domain: string;
  resolver: Resolver;
  input: DomainCheckInput;
  readonly mx: Promise<MxData>;
}

/** What an area's check gets besides its own data: what the other areas fetched (BIMI reads DMARC, MTA-STS the MX). */
export interface CheckContext {
  domain: string;
  input: DomainCheckInput;
  /** The run's resolver, as messages name it. */
  resolver: string;
  fetched: Partial<AreaData>;
}

export interface CheckArea<N extends Area> {
  name: N;
  /** The report sections its findings are shown in (each finding's catalogue entry names one of them). */
  sections: readonly SectionId[];
  /** Fetched even under --skip (only its checks are left out): the report always shows it. */
  always?: boolean;
  /** Fetched under --skip when one of these areas is checked, as they read its data (BIMI reads DMARC). */
  neededBy?: readonly Area[];
  /** false: the option it needs was not given (--smtp), so it is not checked, nor are the areas it reads fetched for it. */
  runs?(input: DomainCheckInput): boolean;
  /** Its data under --skip, when the report still shows it (DKIM: no selector tried). */
  skipped?: () => AreaData[N];
  /** undefined: not to be checked for this run (an option it needs was not given). */
  fetch(ctx: FetchContext): Promise<AreaData[N] | undefined>;
  failures?(data: AreaData[N]): QueryFailure[];
  check(data: AreaData[N], ctx: CheckContext): Finding[];
  /** Its part of the report's data (JSON); an area that judges the others' data reads them from the context. */
  report(data: AreaData[N], ctx: CheckContext): object;
}

export const CHECK_AREAS = {
  spf: {
    name: 'spf',
    sections: ['spf', 'spf-ip'],
    always: true,
    fetch: async ({ resolver, domain, input }) => {
      const [tree, verdicts] = await Promise.all([buildSpfTree(resolver, domain), Promise.all(input.ips.map((ip) => evaluateSpf(resolver, domain, ip, { ...(input.sender ? { sender: input.sender } : {}), ...(input.helo ? { helo: input.helo } : {}) })))]);
      return { tree, verdicts };
    },
    failures: (d) => spfFailures(d.tree),
    check: (d, { domain }) => [...checkSpf(domain, d.tree, d.verdicts), ...checkIpVerdicts(domain, d.verdicts)],
    report: ({ tree, verdicts }) => ({ spf: { record: tree.record ?? null, lookups: tree.totalLookups, voidLookups: tree.totalVoidLookups, tree: treeForJson(tree) }, ips: verdicts }),
  },
  rdns: {
    name: 'rdns',
    sections: ['ip-rdns'],
    neededBy: ['requirements'],
    runs: (input) => input.ips.length > 0,
    fetch: ({ resolver, input }) => Promise.all(input.ips.map((ip) => reverseDns(resolver, unmapIpv4(ip)))),
    failures: (list) => list.flatMap((r) => r.failures),
    check: (list) => list.flatMap(checkReverseDns),
    report: (list) => ({ rdns: list.map(({ failures: _f, ...r }) => ({ ...r, generic: genericOf(r) })) }),
  },
  dnsbl: {
    name: 'dnsbl',
    sections: ['dnsbl', 'dns'],
    fetch: ({ resolver, domain, input }) => fetchDnsbl(resolver, input.blocklists ?? blocklistsOf(), input.ips.map(unmapIpv4), domain),
    failures: (d) => d.failures,
    check: (d, { resolver }) => checkDnsbl(d, resolver),
    report: ({ failures: _f, ...d }) => ({ dnsbl: d }),
  },
  dmarc: {
    name: 'dmarc',
    sections: ['dmarc'],
    neededBy: ['bimi', 'requirements'],
    // Whether the domain exists (for np=) is asked of the MX set only when a parent's record applies.
    fetch: (ctx) => fetchDmarc(ctx.resolver, ctx.domain, async () => (await ctx.mx).status !== 'nxdomain'),
    failures: dmarcFailures,
    check: (d) => checkDmarc(d),
    report: ({ parsed, ...rest }) => ({ dmarc: { ...rest, tags: parsed?.tags ?? null } }),
  },
  dkim: {
    name: 'dkim',
    sections: ['dkim'],
    neededBy: ['requirements'],
    skipped: () => ({ guessed: false, tried: [], selectors: [] }),
    // The guess starts from what the domain's SPF record and MX hosts name (the same queries the SPF and
    // MX areas ask: the cache shares them), so most domains cost a few DKIM queries, not the whole list.
    fetch: ({ resolver, domain, input }) =>
      fetchDkim(resolver, domain, input.selectors, input.selectors?.length ? undefined : dkimHints(resolver, domain, input.expectations.map((e) => e.name)), input.dkimGuessAll),
    failures: (d) => d.selectors.filter((s) => s.status === 'error').map((s) => ({ name: s.name, type: 'TXT', reason: s.reason! })),
    check: (d, { domain }) => checkDkim(domain, d),
    report: (d) => ({
      dkim: { guessed: d.guessed, tried: d.tried, selectors: d.selectors.map(({ parsed, ...s }) => ({ ...s, ...(parsed ? { keyType: parsed.keyType, bits: parsed.bits, tags: parsed.tags } : {}) })) },
    }),
  },
  mx: {
    name: 'mx',
    sections: ['mx'],
    neededBy: ['ptr', 'mta-sts', 'smtp', 'dnssec'],
    fetch: ({ mx }) => mx,
    failures: (d) => d.failures,
    check: (d, { domain }) => checkMx(domain, d),
    report: (mx) => ({ mx }),
  },
  expected: {
    name: 'expected',
    sections: ['expected'],
    always: true,
    fetch: ({ resolver, domain, input }) => fetchExpected(resolver, domain, input.expectations),
    failures: expectedFailures,
    check: (d) => checkExpected(d),
    report: (expected) => ({ expected }),
  },
  'tls-rpt': {
    name: 'tls-rpt',
    sections: ['tlsrpt'],
    fetch: ({ resolver, domain }) => fetchTlsRpt(resolver, domain),
    failures: (d) => d.failures,
    check: (d, { domain }) => checkTlsRpt(domain, d),
    report: (d) => ({ tlsRpt: { name: d.name, status: d.status, record: d.record ?? null } }),
  },
  bimi: {
    name: 'bimi',
    sections: ['bimi'],
    fetch: ({ resolver, domain, input }) => fetchBimi(resolver, domain, input.bimiSelector ?? 'default'),
    failures: (d) => d.failures,
    check: (d, { domain, fetched }) => checkBimi(domain, d, { ...(fetched.dmarc?.policy ? { policy: fetched.dmarc.policy } : {}), tags: fetched.dmarc?.parsed?.tags ?? null }),
    report: (d) => ({ bimi: { name: d.name, status: d.status, record: d.record ?? null } }),
  },
  ptr: {
    name: 'ptr',
    sections: ['ptr'],
    fetch: async ({ resolver, mx }) => fetchPtr(resolver, await mx),
    failures: (list) => list.flatMap((p) => p.failures),
    check: (list) => checkPtr(list),
    report: (list) => ({ ptr: list.map(({ failures: _f, ...p }) => p) }),
  },
  'mta-sts': {
    name: 'mta-sts',
    sections: ['mta-sts'],
    fetch: ({ resolver, domain, input }) => fetchMtaSts(resolver, domain, input.https ?? { port: 443, timeoutMs: 10_000 }),
    failures: (d) => d.failures,
    check: (d, { domain, fetched }) => checkMtaSts(domain, d, fetched.mx!),
    report: (d) => ({ mtaSts: { txt: d.txt, url: d.url, policy: { status: d.policy.status, reason: d.policy.reason ?? null, ...(d.policy.parsed ?? {}) } } }),
  },
  smtp: {
    name: 'smtp',
    sections: ['mx-tls'],
    runs: (input) => Boolean(input.smtp),
    fetch: async ({ mx, input }) => (input.smtp ? fetchMxTls(await mx, input.smtp, VERSION) : undefined),
    check: (results, { input, fetched }) => {
      const sts = fetched['mta-sts'];
      return checkMxTls(results, input.smtp!.port, sts?.txt.status === 'found' && sts.policy.parsed?.mode === 'enforce');
    },
    report: (results) => ({ mxTls: results.map((r) => ({ host: r.host, ip: r.ip, phases: r.probe.phases, ehlo: r.probe.ehlo ?? null, tls: r.probe.tls ?? null, failure: r.probe.failure ?? null })) }),
  },
  dnssec: {
    name: 'dnssec',
    sections: ['dnssec'],
    runs: (input) => Boolean(input.dnssec),
    fetch: async ({ domain, input, mx }) => {
      if (!input.dnssec) return undefined;
      // DNSSEC cannot be judged for names a zone file answers.
      if (input.dnssec.zoneApexes.some((a) => domain === a || domain.endsWith(`.${a}`))) return { checked: false, reason: reason('dnssec.zone-file'), bogus: [], mx: [] };
      return fetchDnssec(input.dnssec.client, domain, mx);
    },
    check: (d, { domain, resolver }) => checkDnssec(domain, d, resolver),
    report: (dnssec) => ({ dnssec }),
  },
  requirements: {
    name: 'requirements',
    sections: ['requirements'],
    runs: (input) => Boolean(input.requirements),
    fetch: async ({ input }) => (input.requirements ? {} : undefined),
    check: (_d, ctx) => requirementFindings(domainRequirements(ctx)),
    report: (_d, ctx) => ({ requirements: domainRequirements(ctx) }),
  },
} satisfies { [N in Area]: CheckArea<N> };

/** The requirements judged from what the areas fetched: once per domain, though both check() and report() read them. */
const judged = new WeakMap<Partial<AreaData>, ReturnType<typeof judgeRequirements>>();
function domainRequirements({ domain, input, fetched }: CheckContext) {
  let r = judged.get(fetched);
  if (!r) judged.set(fetched, (r = judgeRequirements(domainFacts(domain, fetched, input.ips), { declared: Boolean(input.requirements?.bulk), signs: [] })));
  return r;
}


type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

type AreaReport<N extends Area> = ReturnType<(typeof CHECK_AREAS)[N]['report']>;
/** The areas the report always has (fetched even when skipped); the others' keys are there when they ran. */
type AlwaysArea = { [N in Area]: (typeof CHECK_AREAS)[N] extends { always: true } ? N : never }[Area];

/** check-dns's report data: what every area's report() fills, the resolver, and the count of queries. */
export type CheckDnsData = { resolver: string; queries: number } & UnionToIntersection<AreaReport<AlwaysArea>> &
  Partial<UnionToIntersection<{ [N in Exclude<Area, AlwaysArea>]: AreaReport<N> }[Exclude<Area, AlwaysArea>]>>;

declare module '../core/model.js' {
  interface ReportDataMap {
    'check-dns': CheckDnsData;
  }
}
