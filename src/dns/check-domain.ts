/**
 * One domain, every area at once (areas.ts): each is fetched through the run's resolver as soon as it can
 * start (the receiving-side areas wait on the MX set only), then checked by pure functions.
 */
import { finding, makeReport } from '../core/finding.js';
import type { Finding, ReportOf } from '../core/model.js';
import { AREAS, type Area } from './area-names.js';
import { CHECK_AREAS, type AreaData, type CheckArea, type CheckDnsData, type DomainCheckInput, type FetchContext, type QueryFailure } from './areas.js';
import { checkExpected } from './expected.js';
import { fetchMx, type MxData } from './mx.js';
import type { DnsResult, RecordData, RecordType, Resolver } from './types.js';

export { AREAS, type Area } from './area-names.js';
export type { DomainCheckInput } from './areas.js';

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

const areaList = AREAS.map((name) => CHECK_AREAS[name] as unknown as CheckArea<Area>);

export async function checkDomain(resolver: Resolver, input: DomainCheckInput, now: () => number): Promise<ReportOf<'check-dns'>> {
  const started = now();
  const { domain } = input;
  const tally = new Tally(resolver);
  const on = (a: Area) => !input.skip?.has(a) && (CHECK_AREAS[a] as unknown as CheckArea<Area>).runs?.(input) !== false;
  let mx: Promise<MxData> | undefined;
  const ctx: FetchContext = {
    domain,
    resolver: tally,
    input,
    get mx() {
      return (mx ??= fetchMx(tally, domain));
    },
  };
  // Every area starts at once; each waits only on what it needs. A skipped area is fetched only when the
  // report always shows it or a checked area reads it: --only spf asks no MX and no DMARC.
  const wanted = (area: CheckArea<Area>) => on(area.name) || area.always || area.neededBy?.some(on);
  const results = await Promise.all(areaList.map(async (area) => (wanted(area) ? area.fetch(ctx) : area.skipped?.())));
  const fetched: Partial<AreaData> = {};
  areaList.forEach((area, i) => {
    if (results[i] !== undefined) (fetched as Record<Area, unknown>)[area.name] = results[i];
  });

  const checkCtx = { domain, input, resolver: resolver.description, fetched };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const failures: QueryFailure[] = areaList.flatMap((area, i) => (results[i] !== undefined && area.failures ? area.failures(results[i]) : []));
  for (const f of failures) {
    const key = `${f.type} ${f.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding('dns.query-failed', f.name, { name: f.name, type: f.type, reason: f.reason }));
  }

  if (tally.answered === 0 && tally.failed > 0) {
    findings.unshift(finding('dns.no-answer', domain, { domain, resolver: resolver.description }));
  } else if (fetched.spf?.tree.status === 'nxdomain' && (fetched.mx === undefined || fetched.mx.status === 'nxdomain')) {
    // NXDOMAIN says the name has no record of any type: the TXT query alone tells it when MX was not asked.
    findings.push(finding('dns.domain-nxdomain', domain, { domain }), ...checkExpected(fetched.expected ?? []));
  } else {
    areaList.forEach((area, i) => {
      if (on(area.name) && results[i] !== undefined) findings.push(...area.check(results[i], checkCtx));
    });
  }

  // Each area fills its part of the data, in the registry's order (CheckDnsData is typed from their report()).
  const data = { resolver: resolver.description } as CheckDnsData;
  areaList.forEach((area, i) => {
    if (results[i] !== undefined) Object.assign(data, area.report(results[i], checkCtx));
  });
  data.queries = tally.answered + tally.failed;
  return makeReport({ command: 'check-dns', target: domain, findings, data, startedAt: started, now: now() });
}
