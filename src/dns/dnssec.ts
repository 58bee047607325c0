/**
 * DNSSEC as seen from a resolver: does it validate (the root's SOA comes back with AD), is the domain
 * signed (a DS record at the parent), do the domain's and MX hosts' answers carry AD, and is any answer
 * bogus (SERVFAIL that turns into an answer with CD set). The questions go through the run's wire client
 * (wire.ts) with the DO and AD bits, to the same servers as the rest of the run.
 */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { MxData } from './mx.js';
import type { WireClient } from './wire.js';
import { cacheEntriesFor } from './resolver.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';

export interface DnssecAnswer {
  rcode: string;
  ad: boolean;
  answers: number;
}

export class DnssecClient {
  private readonly cache = new Map<string, Promise<DnssecAnswer | null>>();

  constructor(
    private readonly wire: WireClient,
    private readonly maxEntries = cacheEntriesFor(1),
  ) {}

  /** The answer's rcode and AD bit, or null when no server answered. */
  query(name: string, type: 'A' | 'AAAA' | 'MX' | 'DS' | 'SOA', checkingDisabled = false): Promise<DnssecAnswer | null> {
    const key = `${type} ${name} ${checkingDisabled}`;
    let p = this.cache.get(key);
    if (p) {
      this.cache.delete(key);
      this.cache.set(key, p);
    } else {
      p = this.wire.exchange(name, type, { dnssec: true, cd: checkingDisabled }).then((ex) =>
        ex.ok ? { rcode: ex.reply.rcode ?? 'NOERROR', ad: Boolean(ex.reply.flag_ad), answers: (ex.reply.answers ?? []).filter((a) => a.type === type).length } : null,
      );
      this.cache.set(key, p);
      // Bounded like the resolver cache: a fleet run keeps the recent answers (the root's among them).
      if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }
}

export interface DnssecData {
  checked: boolean;
  /** Why not checked (answered from a zone file, no resolver answered). */
  reason?: Reason;
  resolverValidates?: boolean;
  ds?: boolean;
  domainAuthenticated?: boolean;
  bogus: Array<{ name: string; type: string }>;
  mx: Array<{ host: string; authenticated: boolean }>;
}

/** A SERVFAIL that answers with CD set is a validation failure, not an outage. */
async function isBogus(client: DnssecClient, name: string, type: 'A' | 'MX' | 'DS' | 'SOA'): Promise<boolean> {
  const plain = await client.query(name, type);
  if (plain?.rcode !== 'SERVFAIL') return false;
  const cd = await client.query(name, type, true);
  return cd !== null && cd.rcode !== 'SERVFAIL';
}

export async function fetchDnssec(client: DnssecClient, domain: string, mxP: Promise<MxData>): Promise<DnssecData> {
  const [root, ds, soa, bogusSoa, bogusMx] = await Promise.all([
    client.query('.', 'SOA'),
    client.query(domain, 'DS'),
    client.query(domain, 'SOA'),
    isBogus(client, domain, 'SOA'),
    isBogus(client, domain, 'MX'),
  ]);
  if (root === null) return { checked: false, reason: reason('dnssec.no-answer'), bogus: [], mx: [] };
  const bogus = [...(bogusSoa ? [{ name: domain, type: 'SOA' }] : []), ...(bogusMx ? [{ name: domain, type: 'MX' }] : [])];
  const mx = await mxP;
  const mxAuth = await Promise.all(mx.hosts.map(async (h) => ({ host: h.host, answer: await client.query(h.host, 'A') })));
  return {
    checked: true,
    resolverValidates: root.ad,
    ds: ds !== null && ds.rcode === 'NOERROR' && ds.answers > 0,
    domainAuthenticated: Boolean(soa?.ad),
    bogus,
    mx: mxAuth.map(({ host, answer }) => ({ host, authenticated: Boolean(answer?.ad) })),
  };
}

/** Pure. */
export function checkDnssec(domain: string, d: DnssecData, resolver: string): Finding[] {
  if (!d.checked) return [];
  const out: Finding[] = d.bogus.map((b) => finding('dnssec.bogus', b.name, b));
  if (out.length) return out;
  if (!d.resolverValidates) return [finding('dnssec.resolver-not-validating', domain, { resolver, ds: Boolean(d.ds) })];
  if (!d.ds || !d.domainAuthenticated) return [finding('dnssec.unsigned', domain, { domain })];
  out.push(finding('dnssec.signed', domain, { domain }));
  for (const m of d.mx) if (!m.authenticated) out.push(finding('dnssec.mx-unsigned', m.host, { domain, host: m.host }));
  return out;
}
