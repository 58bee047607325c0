/**
 * One domain, every area at once: SPF tree, DMARC walk, DKIM selectors, MX, expected records and --ip
 * verdicts are fetched concurrently through the run's resolver, then checked by pure functions.
 */
import { finding, makeReport } from '../core/finding.js';
import type { Finding, Report } from '../core/model.js';
import { checkDkim, fetchDkim } from './dkim.js';
import { checkDmarc, dmarcFailures, fetchDmarc } from './dmarc.js';
import { checkExpected, expectedFailures, fetchExpected, type Expectation } from './expected.js';
import { checkMx, fetchMx } from './mx.js';
import { checkIpVerdicts, checkSpf, spfFailures } from './spf/check.js';
import { evaluateSpf } from './spf/evaluate.js';
import { buildSpfTree, treeForJson } from './spf/tree.js';
import type { DnsResult, RecordData, RecordType, Resolver } from './types.js';
import { checkBimi, checkPtr, checkTlsRpt, fetchBimi, fetchPtr, fetchTlsRpt } from './receiving/records.js';
import { checkMtaSts, fetchMtaSts, type HttpsOptions } from './receiving/mta-sts.js';
import { checkMxTls, fetchMxTls, type MxTlsOptions } from './receiving/mx-tls.js';
import { VERSION } from '../core/version.js';
import { checkDnssec, fetchDnssec, type DnssecClient, type DnssecData } from './dnssec.js';

/** Areas of check-dns, each skippable with --skip; smtp (port 25 of every MX) is off unless --smtp. */
export const AREAS = ['spf', 'dmarc', 'dkim', 'mx', 'expected', 'tls-rpt', 'bimi', 'ptr', 'mta-sts', 'dnssec', 'smtp'] as const;
export type Area = (typeof AREAS)[number];

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
  /** Selectors to check; none means try the common ones. */
  selectors?: readonly string[];
  expectations: readonly Expectation[];
}

/** Counts this domain's answers and failures, so "no answer at all" can be told from a partial outage. */
class Tally implements Resolver {
  answered = 0;
  failed = 0;
  constructor(private readonly inner: Resolver) {}
  get description() {
    return this.inner.description;
  }
  async query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>> {
    const r = await this.inner.query(name, type);
    if (r.status === 'error') this.failed++;
    else this.answered++;
    return r;
  }
}

export async function checkDomain(resolver: Resolver, input: DomainCheckInput, now: () => number): Promise<Report> {
  const started = now();
  const { domain } = input;
  const tally = new Tally(resolver);
  const on = (a: Area) => !input.skip?.has(a);
  const mxP = fetchMx(tally, domain);
  // Every area starts at once; each waits only on what it needs (the MX set, for PTR and DNSSEC).
  const fromZone = input.dnssec?.zoneApexes.some((a) => domain === a || domain.endsWith(`.${a}`));
  const dnssecP: Promise<DnssecData | undefined> =
    !input.dnssec || !on('dnssec')
      ? Promise.resolve(undefined)
      : fromZone
        ? Promise.resolve({ checked: false, reason: 'answered from a zone file', bogus: [], mx: [] })
        : fetchDnssec(input.dnssec.client, domain, mxP);
  const [spf, dmarc, dkim, mx, expected, verdicts, tlsRpt, bimi, ptr, mtaSts, dnssec] = await Promise.all([
    buildSpfTree(tally, domain),
    fetchDmarc(tally, domain),
    on('dkim') ? fetchDkim(tally, domain, input.selectors) : { guessed: false, selectors: [] },
    mxP,
    fetchExpected(tally, domain, input.expectations),
    Promise.all(input.ips.map((ip) => evaluateSpf(tally, domain, ip))),
    on('tls-rpt') ? fetchTlsRpt(tally, domain) : undefined,
    on('bimi') ? fetchBimi(tally, domain, input.bimiSelector ?? 'default') : undefined,
    on('ptr') ? mxP.then((m) => fetchPtr(tally, m)) : undefined,
    on('mta-sts') ? fetchMtaSts(tally, domain, input.https ?? { port: 443, timeoutMs: 10_000 }) : undefined,
    dnssecP,
  ]);
  const mxTls = input.smtp && on('smtp') ? await fetchMxTls(mx, input.smtp, VERSION) : undefined;
  const stsEnforced = mtaSts?.txt.status === 'found' && mtaSts.policy.parsed?.mode === 'enforce';

  const findings: Finding[] = [];
  const failures = [
    ...spfFailures(spf),
    ...dmarcFailures(dmarc),
    ...dkim.selectors.filter((s) => s.status === 'error').map((s) => ({ name: s.name, type: 'TXT', reason: s.reason! })),
    ...mx.failures,
    ...expectedFailures(expected),
    ...(tlsRpt?.failures ?? []),
    ...(bimi?.failures ?? []),
    ...(ptr ?? []).flatMap((p) => p.failures),
    ...(mtaSts?.failures ?? []),
  ];
  const seen = new Set<string>();
  for (const f of failures) {
    const key = `${f.type} ${f.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding('dns.query-failed', f.name, { name: f.name, type: f.type, reason: f.reason }));
  }

  if (tally.answered === 0 && tally.failed > 0) {
    findings.unshift(finding('dns.no-answer', domain, { domain, resolver: resolver.description }));
  } else if (spf.status === 'nxdomain' && mx.status === 'nxdomain') {
    findings.push(finding('dns.domain-nxdomain', domain, { domain }), ...checkExpected(expected));
  } else {
    const area = (a: Area, f: () => Finding[]) => (on(a) ? f() : []);
    findings.push(
      ...area('spf', () => [...checkSpf(domain, spf), ...checkIpVerdicts(domain, verdicts)]),
      ...area('dmarc', () => checkDmarc(dmarc)),
      ...area('dkim', () => checkDkim(domain, dkim)),
      ...area('mx', () => checkMx(domain, mx)),
      ...area('expected', () => checkExpected(expected)),
      ...(tlsRpt ? checkTlsRpt(domain, tlsRpt) : []),
      ...(bimi ? checkBimi(domain, bimi, { ...(dmarc.policy ? { policy: dmarc.policy } : {}), tags: dmarc.parsed?.tags ?? null }) : []),
      ...(ptr ? checkPtr(ptr) : []),
      ...(mtaSts ? checkMtaSts(domain, mtaSts, mx) : []),
      ...(mxTls ? checkMxTls(mxTls, input.smtp!.port, stsEnforced) : []),
      ...(dnssec ? checkDnssec(domain, dnssec, resolver.description) : []),
    );
  }

  const { parsed: dmarcParsed, ...dmarcRest } = dmarc;
  return makeReport({
    command: 'check-dns',
    target: domain,
    findings,
    data: {
      resolver: resolver.description,
      spf: { record: spf.record ?? null, lookups: spf.totalLookups, voidLookups: spf.totalVoidLookups, tree: treeForJson(spf) },
      dmarc: { ...dmarcRest, tags: dmarcParsed?.tags ?? null },
      dkim: {
        guessed: dkim.guessed,
        selectors: dkim.selectors.map(({ parsed, ...s }) => ({ ...s, ...(parsed ? { keyType: parsed.keyType, bits: parsed.bits, tags: parsed.tags } : {}) })),
      },
      mx,
      expected,
      ips: verdicts,
      ...(tlsRpt ? { tlsRpt: { name: tlsRpt.name, status: tlsRpt.status, record: tlsRpt.record ?? null } } : {}),
      ...(bimi ? { bimi: { name: bimi.name, status: bimi.status, record: bimi.record ?? null } } : {}),
      ...(ptr ? { ptr: ptr.map(({ failures: _f, ...p }) => p) } : {}),
      ...(mtaSts ? { mtaSts: { txt: mtaSts.txt, url: mtaSts.url, policy: { status: mtaSts.policy.status, reason: mtaSts.policy.reason ?? null, ...(mtaSts.policy.parsed ?? {}) } } } : {}),
      ...(mxTls ? { mxTls: mxTls.map((r) => ({ host: r.host, ip: r.ip, phases: r.probe.phases, ehlo: r.probe.ehlo ?? null, tls: r.probe.tls ?? null, failure: r.probe.failure ?? null })) } : {}),
      ...(dnssec ? { dnssec } : {}),
      queries: tally.answered + tally.failed,
    },
    startedAt: started,
    now: now(),
  });
}
