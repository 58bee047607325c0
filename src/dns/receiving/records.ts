/** TLS-RPT (RFC 8460), BIMI and reverse DNS of MX addresses: fetch, then pure checks. */
import { finding } from '../../core/finding.js';
import type { Finding } from '../../core/model.js';
import { reverseDns } from '../reverse.js';
import type { MxData } from '../mx.js';
import { joinTxt } from '../spf/parse.js';
import type { QueryFailure, Resolver } from '../types.js';
import { reason } from '../../core/catalogue/reasons.js';

type Failure = QueryFailure;

export interface TlsRptData {
  name: string;
  status: 'found' | 'none' | 'multiple' | 'error';
  record?: string;
  failures: Failure[];
}

export async function fetchTlsRpt(resolver: Resolver, domain: string): Promise<TlsRptData> {
  const name = `_smtp._tls.${domain}`;
  const r = await resolver.query(name, 'TXT');
  if (r.status === 'error') return { name, status: 'error', failures: [{ name, type: 'TXT', reason: r.reason }] };
  const records = r.status === 'found' ? r.records.map(joinTxt).filter((t) => /^v\s*=\s*TLSRPTv1\s*(;|$)/i.test(t)) : [];
  if (!records.length) return { name, status: 'none', failures: [] };
  return { name, status: records.length > 1 ? 'multiple' : 'found', record: records[0]!, failures: [] };
}

/** "v=TLSRPTv1; rua=mailto:..." as a map of lower-case tag names to trimmed values. */
function tagList(record: string): Map<string, string> {
  return new Map(
    record
      .split(';')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => [p.slice(0, p.indexOf('=')).trim().toLowerCase(), p.slice(p.indexOf('=') + 1).trim()] as const),
  );
}

export function checkTlsRpt(domain: string, d: TlsRptData): Finding[] {
  if (d.status === 'error') return [];
  if (d.status === 'none') return [finding('tlsrpt.none', d.name, { domain })];
  if (d.status === 'multiple') return [finding('tlsrpt.invalid', d.name, { name: d.name, reason: reason('tlsrpt.several') })];
  const tags = tagList(d.record!);
  const rua = (tags.get('rua') ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (!rua.length) return [finding('tlsrpt.invalid', d.name, { name: d.name, reason: reason('tlsrpt.no-rua') })];
  const bad = rua.filter((u) => !/^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(u) && !/^https:\/\/[^\s]+$/i.test(u));
  if (bad.length) return [finding('tlsrpt.invalid', d.name, { name: d.name, reason: reason('tlsrpt.bad-uri', { uris: bad.join(', ') }) })];
  return [finding('tlsrpt.valid', d.name, { domain, rua })];
}

export interface BimiData {
  name: string;
  status: 'found' | 'none' | 'error';
  record?: string;
  failures: Failure[];
}

export async function fetchBimi(resolver: Resolver, domain: string, selector: string): Promise<BimiData> {
  const name = `${selector}._bimi.${domain}`;
  const r = await resolver.query(name, 'TXT');
  if (r.status === 'error') return { name, status: 'error', failures: [{ name, type: 'TXT', reason: r.reason }] };
  const record = r.status === 'found' ? r.records.map(joinTxt).find((t) => /^v\s*=\s*BIMI1\s*(;|$)/i.test(t)) : undefined;
  return record ? { name, status: 'found', record, failures: [] } : { name, status: 'none', failures: [] };
}

/** BIMI and its DMARC prerequisite: quarantine or reject, pct absent or 100 (the policy that applies to the domain). */
export function checkBimi(domain: string, d: BimiData, dmarc: { policy?: string; tags?: Record<string, string> | null }): Finding[] {
  if (d.status === 'error') return [];
  if (d.status === 'none') return [finding('bimi.none', d.name, { name: d.name })];
  const out: Finding[] = [];
  const tags = tagList(d.record!);
  const l = tags.get('l') ?? '';
  const a = tags.get('a');
  if (!l) out.push(finding('bimi.invalid', d.name, { name: d.name, reason: reason('bimi.no-logo') }));
  else if (!/^https:\/\/\S+\.svg$/i.test(l)) out.push(finding('bimi.invalid', d.name, { name: d.name, reason: reason('bimi.logo-not-svg', { url: l }) }));
  if (a && !/^https:\/\/\S+$/i.test(a)) out.push(finding('bimi.invalid', d.name, { name: d.name, reason: reason('bimi.cert-not-https', { url: a }) }));
  const policy = dmarc.policy;
  const pct = dmarc.tags?.pct;
  const why = !policy ? reason('bimi.dmarc-missing') : policy === 'none' ? reason('bimi.dmarc-none') : pct !== undefined && pct !== '100' ? reason('bimi.dmarc-pct', { pct }) : undefined;
  if (why) out.push(finding('bimi.dmarc-prerequisite', domain, { domain, reason: why }));
  if (!out.length) out.push(finding('bimi.valid', d.name, { name: d.name, logo: l }));
  return out;
}

export interface PtrData {
  host: string;
  ip: string;
  status: 'confirmed' | 'not-confirmed' | 'missing' | 'error';
  names: string[];
  failures: Failure[];
}

/** PTR of every MX address, and whether a PTR name resolves back to that address (forward-confirmed). */
export async function fetchPtr(resolver: Resolver, mx: MxData): Promise<PtrData[]> {
  const pairs = mx.hosts.flatMap((h) => h.addresses.map((ip) => ({ host: h.host, ip })));
  return Promise.all(
    pairs.map(async ({ host, ip }): Promise<PtrData> => {
      const { status, names, failures } = await reverseDns(resolver, ip);
      return { host, ip, status, names, failures };
    }),
  );
}

export function checkPtr(list: readonly PtrData[]): Finding[] {
  return list.flatMap((p): Finding[] => {
    if (p.status === 'missing') return [finding('ptr.missing', p.ip, { host: p.host, ip: p.ip })];
    if (p.status === 'not-confirmed') return [finding('ptr.not-confirmed', p.ip, { host: p.host, ip: p.ip, name: p.names[0] ?? '' })];
    if (p.status === 'confirmed') return [finding('ptr.valid', p.ip, { ip: p.ip, name: p.names[0] ?? '' })];
    return [];
  });
}
