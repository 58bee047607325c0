/** SMTP TLS reports (RFC 8460 §4): JSON, one report per file. Pure. */
import { reason } from '../core/catalogue/reasons.js';
import { ReportError } from './dmarc-xml.js';

export interface TlsFailure {
  resultType: string;
  sendingMtaIp: string | null;
  receivingMx: string | null;
  receivingIp: string | null;
  sessions: number;
  info: string | null;
}

export interface TlsPolicyResult {
  type: string;
  domain: string;
  /** MTA-STS: the policy's mode (enforce, testing, none), from its policy-string. */
  mode: string | null;
  mxHosts: string[];
  successes: number;
  failures: number;
  details: TlsFailure[];
}

export interface TlsReport {
  orgName: string;
  reportId: string;
  contact: string | null;
  begin: number;
  end: number;
  policies: TlsPolicyResult[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

export function parseTlsRpt(json: string): TlsReport {
  let doc: unknown;
  try {
    doc = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ReportError(reason('rep.bad-json', { detail: (err as Error).message.slice(0, 160) }));
  }
  const d = doc as Record<string, unknown> | null;
  const range = d?.['date-range'] as Record<string, unknown> | undefined;
  if (!d || typeof d !== 'object' || !str(d['organization-name']) || !str(d['report-id']) || !range || !Array.isArray(d.policies)) throw new ReportError(reason('rep.not-tlsrpt'));
  const time = (v: unknown) => Date.parse(String(v ?? '')) / 1000;
  const policies = (d.policies as Array<Record<string, unknown>>).map((p) => {
    const policy = (p?.policy ?? {}) as Record<string, unknown>;
    const summary = (p?.summary ?? {}) as Record<string, unknown>;
    const details = Array.isArray(p?.['failure-details']) ? (p['failure-details'] as Array<Record<string, unknown>>) : [];
    return {
      type: (str(policy['policy-type']) ?? 'no-policy-found').toLowerCase(),
      domain: (str(policy['policy-domain']) ?? '').toLowerCase().replace(/\.$/, ''),
      mode: Array.isArray(policy['policy-string']) ? ((policy['policy-string'] as unknown[]).map((l) => String(l).match(/^\s*mode\s*:\s*([a-z]+)/i)?.[1]?.toLowerCase()).find(Boolean) ?? null) : null,
      mxHosts: Array.isArray(policy['mx-host']) ? (policy['mx-host'] as unknown[]).map(str).filter((x): x is string => x !== null) : [],
      successes: num(summary['total-successful-session-count']),
      failures: num(summary['total-failure-session-count']),
      details: details.map((f) => ({
        resultType: (str(f?.['result-type']) ?? 'unknown').toLowerCase(),
        sendingMtaIp: str(f?.['sending-mta-ip']),
        receivingMx: str(f?.['receiving-mx-hostname'])?.toLowerCase().replace(/\.$/, '') ?? null,
        receivingIp: str(f?.['receiving-ip']),
        sessions: num(f?.['failed-session-count']),
        info: str(f?.['additional-information']) ?? str(f?.['failure-reason-code']),
      })),
    };
  });
  if (policies.some((p) => !p.domain)) throw new ReportError(reason('rep.missing', { field: 'policies/policy/policy-domain' }));
  return { orgName: str(d['organization-name'])!, reportId: str(d['report-id'])!, contact: str(d['contact-info']), begin: time(range['start-datetime']), end: time(range['end-datetime']), policies };
}
