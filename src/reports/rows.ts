/**
 * --format jsonl: one row per report record, with stable snake_case field names, for a column store or a
 * search engine (docs/reports-jsonl.md and docs/reports-row.schema.json describe them). Pure.
 */
import { reasonText } from '../core/catalogue/reason-words.js';
import type { Reason } from '../core/catalogue/reasons.js';
import type { DmarcReport } from './dmarc-xml.js';
import type { TlsReport } from './tlsrpt.js';

/** A report's time (seconds since the epoch) as ISO 8601, or null when it could not be read. */
export const isoTime = (t: number) => (Number.isFinite(t) ? new Date(t * 1000).toISOString() : null);
const iso = isoTime;

export function dmarcRows(file: string, r: DmarcReport): Array<Record<string, unknown>> {
  const h = r.head;
  const common = {
    row_type: 'dmarc-record',
    file,
    reporter: h.orgName,
    reporter_email: h.email,
    report_id: h.reportId,
    begin: iso(h.begin),
    end: iso(h.end),
    format: h.format,
    policy_domain: h.policy.domain,
    policy_p: h.policy.p,
    policy_sp: h.policy.sp,
    policy_np: h.policy.np,
    policy_adkim: h.policy.adkim ?? 'r',
    policy_aspf: h.policy.aspf ?? 'r',
    policy_pct: h.policy.pct === null ? null : Number(h.policy.pct),
    policy_testing: h.policy.testing,
    discovery_method: h.policy.discoveryMethod,
  };
  return r.records.map((rec) => ({
    ...common,
    source_ip: rec.ip,
    count: rec.count,
    disposition: rec.disposition || 'none',
    dmarc_dkim: rec.dkim || null,
    dmarc_spf: rec.spf || null,
    dmarc_pass: rec.dkim === 'pass' || rec.spf === 'pass',
    header_from: rec.headerFrom || null,
    envelope_from: rec.envelopeFrom,
    envelope_to: rec.envelopeTo,
    reasons: rec.reasons.map((x) => x.type),
    dkim: rec.authDkim.map((x) => ({ domain: x.domain, selector: x.selector, result: x.result })),
    spf: rec.authSpf.map((x) => ({ domain: x.domain, scope: x.scope, result: x.result })),
  }));
}

export function tlsRows(file: string, r: TlsReport): Array<Record<string, unknown>> {
  const common = { file, reporter: r.orgName, reporter_contact: r.contact, report_id: r.reportId, begin: iso(r.begin), end: iso(r.end) };
  return r.policies.flatMap((p) => {
    const policy = { ...common, policy_domain: p.domain, policy_type: p.type, policy_mode: p.mode, mx_hosts: p.mxHosts };
    return [
      { row_type: 'tls-policy', ...policy, successful_sessions: p.successes, failed_sessions: p.failures },
      ...p.details.map((f) => ({ row_type: 'tls-failure', ...policy, result_type: f.resultType, sending_mta_ip: f.sendingMtaIp, receiving_mx: f.receivingMx, receiving_ip: f.receivingIp, failed_sessions: f.sessions, info: f.info })),
    ];
  });
}

export function unreadableRow(file: string, why: Reason): Record<string, unknown> {
  return { row_type: 'unreadable', file, reason_code: why.code, reason: reasonText(why) };
}
