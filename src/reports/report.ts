/** The report data of maildiag reports: one report per policy domain (DMARC or TLS-RPT), or per unreadable file. */
import type { Counts, TlsPolicyStats } from './aggregate.js';
import type { Readiness, Sender } from './senders.js';

export interface SourceRow {
  ip: string;
  /** Its reverse-DNS name (null when it has none, or with --offline). */
  ptr: string | null;
  sender: string;
  messages: number;
  dmarcPass: number;
  spfAligned: number;
  dkimAligned: number;
  spf: Counts;
  dkim: Counts;
  dispositions: Counts;
  reasons: Counts;
}

export interface ReportsData {
  kind: 'dmarc' | 'tls-rpt' | 'file';
  /** The policy domain (dmarc, tls-rpt), or the file that could not be read. */
  domain: string | null;
  file: string | null;
  period: { first: string; last: string } | null;
  reports: number;
  messages: number;
  reporters: Array<{ name: string; reports: number; messages: number }>;
  /** The policies reporters saw published, with the number of reports that saw each. */
  policies: Counts;
  sources: SourceRow[];
  senders: Sender[];
  readiness: Readiness | null;
  tls: TlsPolicyStats[];
}

declare module '../core/model.js' {
  interface ReportDataMap {
    reports: ReportsData;
  }
}
