/**
 * check-dns --smtp: STARTTLS on port 25 of every MX address, with smtp-test's probe (loaded only
 * then). All addresses at once, each within the timeout, so one slow MX does not stall the rest.
 */
import { finding } from '../../core/finding.js';
import type { Finding } from '../../core/model.js';
import type { ProbeResult } from '../../smtp/types.js';
import type { MxData } from '../mx.js';
import { reason, textReason } from '../../core/catalogue/reasons.js';

export interface MxTlsOptions {
  port: number;
  ca?: string;
  timeoutMs: number;
  ehloName?: string;
}

export interface MxTlsResult {
  host: string;
  ip: string;
  probe: ProbeResult;
}

export async function fetchMxTls(mx: MxData, opts: MxTlsOptions, version: string): Promise<MxTlsResult[]> {
  const { probeSmtp } = await import('../../smtp/probe.js');
  const targets = mx.hosts.flatMap((h) => h.addresses.map((ip) => ({ host: h.host, ip })));
  return Promise.all(
    targets.map(async ({ host, ip }) => ({
      host,
      ip,
      probe: await probeSmtp({
        host: ip,
        port: opts.port,
        security: 'starttls',
        servername: host,
        send: false,
        insecure: true,
        requireTls: false,
        allowCleartextAuth: false,
        timeoutMs: opts.timeoutMs,
        version,
        ...(opts.ca ? { ca: opts.ca } : {}),
        ...(opts.ehloName ? { ehloName: opts.ehloName } : {}),
      }),
    })),
  );
}

/** Pure. Certificate problems are warnings (port 25 TLS is opportunistic) and say so when MTA-STS enforces. */
export function checkMxTls(results: readonly MxTlsResult[], port: number, mtaStsEnforced: boolean): Finding[] {
  return results.flatMap(({ host, ip, probe }): Finding[] => {
    const f = probe.failure;
    const subject = `${host} [${ip}]`;
    if (f && ['refused', 'connect-timeout', 'greeting-timeout', 'greeting-refused', 'closed', 'timeout', 'protocol'].includes(f.kind) && !probe.tls) {
      const why = f.kind === 'connect-timeout' ? reason('net.connect-timeout') : f.kind === 'refused' ? reason('net.refused') : f.reply ? reason('smtp.reply', { code: f.reply.code, text: f.reply.text }) : textReason(f.message);
      return [finding('mx.unreachable', subject, { host, ip, port, reason: why })];
    }
    if (f?.kind === 'tls') return [finding('mx.tls-failed', subject, { host, ip, reason: f.reply ? reason('smtp.reply', { code: f.reply.code, text: f.reply.text }) : textReason(f.message) })];
    const t = probe.tls;
    if (!t) return probe.ehlo ? [finding('mx.starttls-missing', subject, { host, ip })] : [];
    const out: Finding[] = [];
    const sev = mtaStsEnforced ? { severity: 'error' as const } : {};
    const expired = t.daysLeft < 0 || t.trustError === 'CERT_HAS_EXPIRED';
    if (expired) out.push(finding('mx.cert-expired', subject, { host, ip, validTo: t.validTo.slice(0, 10), enforced: mtaStsEnforced }, sev));
    else if (!t.trusted) out.push(finding('mx.cert-untrusted', subject, { host, ip, issuer: t.issuer, reason: t.selfSigned ? reason('tls.self-signed') : t.trustError ? textReason(t.trustError) : reason('tls.not-trusted'), enforced: mtaStsEnforced }, sev));
    if (!expired && t.daysLeft < 14) out.push(finding('mx.cert-expiring', subject, { host, ip, validTo: t.validTo.slice(0, 10), daysLeft: t.daysLeft }));
    if (!t.hostnameMatch) out.push(finding('mx.cert-hostname-mismatch', subject, { host, ip, names: t.altNames.length ? t.altNames : [t.subject], enforced: mtaStsEnforced }, sev));
    if (/^TLSv1(\.1)?$/.test(t.protocol)) out.push(finding('mx.tls-outdated', subject, { host, ip, protocol: t.protocol }));
    if (!out.length) out.push(finding('mx.tls-ok', subject, { host, ip, protocol: t.protocol, daysLeft: t.daysLeft }));
    return out;
  });
}
