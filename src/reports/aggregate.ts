/**
 * Reports added one at a time, kept only as counts: per policy domain, per sending IP (DMARC), and per
 * policy and failure type (TLS-RPT). Memory grows with the number of distinct domains and IPs, not with the
 * number of reports. A report seen twice (the same org_name and report_id) counts once. Pure.
 */
import type { DmarcReport } from './dmarc-xml.js';
import type { TlsReport } from './tlsrpt.js';

export type Counts = Record<string, number>;
const bump = (c: Counts, key: string, n: number) => {
  c[key] = (c[key] ?? 0) + n;
};

/** What records say about a set of messages (one IP's, or one sender's): counts added up. */
export interface Tallies {
  messages: number;
  /** DMARC passed: policy_evaluated dkim or spf is pass (aligned and passing). */
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  dispositions: Counts;
  /** policy_evaluated reason types (forwarded, local_policy, mailing_list, trusted_forwarder, sampled_out, ...). */
  reasons: Counts;
  /** auth_results: "domain result" -> messages. */
  spf: Counts;
  dkim: Counts;
}

/** The keys of a count table, most counted first, at most n of them. */
export function topKeys(c: Record<string, number>, n: number): string[] {
  return Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k]) => k);
}

/** The share of the domain's own mail that passed aligned, in percent to one decimal, rounded down (99.96 is not 100), or null with none. */
export function passingShare(r: { legitimate: number; passing: number }): number | null {
  return r.legitimate ? Math.floor((r.passing / r.legitimate) * 1000) / 10 : null;
}

export interface SourceStats extends Tallies {
  ip: string;
  headerFrom: Counts;
  reporters: Counts;
}

export interface Period {
  first: number;
  last: number;
}

/** A report with a date range worth a note: an end before its begin, or a span over a day (RFC 7489 §7.2 asks for 24 hours). */
export interface SpanNote {
  file: string;
  reporter: string;
  begin: number;
  end: number;
}

export interface DmarcDomain {
  domain: string;
  period: Period;
  reports: number;
  messages: number;
  reporters: Record<string, { reports: number; messages: number }>;
  /** The policies reporters saw published (p, and sp/np when given): "p=none" -> reports. */
  policies: Counts;
  /** The alignment modes reporters saw: "adkim=r", "aspf=s" -> reports. */
  alignment: Counts;
  formats: Counts;
  sources: Map<string, SourceStats>;
  spanNotes: SpanNote[];
  /** Reports of this domain given again (the same reporter and report id), counted once. */
  duplicates: number;
}

export interface TlsPolicyStats {
  type: string;
  /** MTA-STS modes the reports saw: "enforce" -> reports. */
  modes: Counts;
  successes: number;
  failures: number;
  mxHosts: string[];
  /** result-type -> sessions, the sending MTAs (when given), the receiving MX hosts, a sample of the details. */
  failureTypes: Record<string, { sessions: number; sendingMtas: string[]; receivingMx: string[]; info: string[] }>;
}

export interface TlsDomain {
  domain: string;
  period: Period;
  reports: number;
  reporters: Record<string, { reports: number; sessions: number }>;
  policies: Record<string, TlsPolicyStats>;
  duplicates: number;
}

const DAY = 86_400;
const addUnique = (list: string[], v: string | null, max = 20) => {
  if (v && !list.includes(v) && list.length < max) list.push(v);
};

export class ReportSet {
  readonly dmarc = new Map<string, DmarcDomain>();
  readonly tls = new Map<string, TlsDomain>();
  private readonly seen = new Set<string>();

  /** false: already counted (the same reporter and report id). */
  addDmarc(file: string, r: DmarcReport): boolean {
    const key = `dmarc\u0000${r.head.orgName.toLowerCase()}\u0000${r.head.reportId}`;
    const h = r.head;
    if (this.seen.has(key)) {
      const d = this.dmarc.get(h.policy.domain);
      if (d) d.duplicates++;
      return false;
    }
    this.seen.add(key);
    let d = this.dmarc.get(h.policy.domain);
    if (!d) {
      d = { domain: h.policy.domain, period: { first: h.begin, last: h.end }, reports: 0, messages: 0, reporters: {}, policies: {}, alignment: {}, formats: {}, sources: new Map(), spanNotes: [], duplicates: 0 };
      this.dmarc.set(h.policy.domain, d);
    }
    d.reports++;
    d.period.first = Math.min(d.period.first, h.begin, h.end);
    d.period.last = Math.max(d.period.last, h.begin, h.end);
    if ((h.end < h.begin || h.end - h.begin > DAY + 3600) && d.spanNotes.length < 20) d.spanNotes.push({ file, reporter: h.orgName, begin: h.begin, end: h.end });
    const policy = [`p=${h.policy.p ?? '?'}`, ...(h.policy.sp ? [`sp=${h.policy.sp}`] : []), ...(h.policy.np ? [`np=${h.policy.np}`] : []), ...(h.policy.testing === 'y' ? ['t=y'] : []), ...(h.policy.pct && h.policy.pct !== '100' ? [`pct=${h.policy.pct}`] : [])].join('; ');
    bump(d.policies, policy, 1);
    bump(d.formats, h.format, 1);
    bump(d.alignment, `adkim=${h.policy.adkim === 's' ? 's' : 'r'}`, 1);
    bump(d.alignment, `aspf=${h.policy.aspf === 's' ? 's' : 'r'}`, 1);
    const reporter = (d.reporters[h.orgName] ??= { reports: 0, messages: 0 });
    reporter.reports++;
    for (const rec of r.records) {
      if (!rec.ip || rec.count === 0) continue;
      d.messages += rec.count;
      reporter.messages += rec.count;
      let s = d.sources.get(rec.ip);
      if (!s) {
        s = { ip: rec.ip, messages: 0, dmarcPass: 0, spfAligned: 0, dkimAligned: 0, dispositions: {}, reasons: {}, spf: {}, dkim: {}, headerFrom: {}, reporters: {} };
        d.sources.set(rec.ip, s);
      }
      s.messages += rec.count;
      if (rec.dkim === 'pass' || rec.spf === 'pass') s.dmarcPass += rec.count;
      if (rec.spf === 'pass') s.spfAligned += rec.count;
      if (rec.dkim === 'pass') s.dkimAligned += rec.count;
      bump(s.dispositions, rec.disposition || 'none', rec.count);
      for (const x of rec.reasons) if (x.type) bump(s.reasons, x.type, rec.count);
      for (const x of rec.authSpf) bump(s.spf, `${x.domain || '?'} ${x.result || '?'}`, rec.count);
      for (const x of rec.authDkim) bump(s.dkim, `${x.domain || '?'} ${x.result || '?'}`, rec.count);
      if (rec.headerFrom) bump(s.headerFrom, rec.headerFrom, rec.count);
      bump(s.reporters, h.orgName, rec.count);
    }
    return true;
  }

  addTls(r: TlsReport): boolean {
    const key = `tls\u0000${r.orgName.toLowerCase()}\u0000${r.reportId}`;
    if (this.seen.has(key)) {
      for (const p of r.policies) {
        const d = this.tls.get(p.domain);
        if (d) d.duplicates++;
      }
      return false;
    }
    this.seen.add(key);
    for (const p of r.policies) {
      let d = this.tls.get(p.domain);
      if (!d) {
        d = { domain: p.domain, period: { first: r.begin, last: r.end }, reports: 0, reporters: {}, policies: {}, duplicates: 0 };
        this.tls.set(p.domain, d);
      }
      d.reports++;
      d.period.first = Math.min(d.period.first, r.begin);
      d.period.last = Math.max(d.period.last, r.end);
      const rep = (d.reporters[r.orgName] ??= { reports: 0, sessions: 0 });
      rep.reports++;
      rep.sessions += p.successes + p.failures;
      const s = (d.policies[p.type] ??= { type: p.type, modes: {}, successes: 0, failures: 0, mxHosts: [], failureTypes: {} });
      if (p.mode) bump(s.modes, p.mode, 1);
      s.successes += p.successes;
      s.failures += p.failures;
      for (const mx of p.mxHosts) addUnique(s.mxHosts, mx);
      for (const f of p.details) {
        const t = (s.failureTypes[f.resultType] ??= { sessions: 0, sendingMtas: [], receivingMx: [], info: [] });
        t.sessions += f.sessions;
        addUnique(t.sendingMtas, f.sendingMtaIp);
        addUnique(t.receivingMx, f.receivingMx);
        addUnique(t.info, f.info, 3);
      }
    }
    return true;
  }
}
