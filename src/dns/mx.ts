/** MX records (RFC 5321 §5.1, RFC 7505 null MX): hosts, preferences, and whether each host resolves. */
import { ipFamily } from '../core/ip-family.js';
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { QueryFailure, Resolver } from './types.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';

export interface MxHostData {
  host: string;
  priority: number;
  addresses: string[];
  cname?: string;
  status: 'resolved' | 'unresolved' | 'error' | 'ip-literal';
  reason?: Reason;
}

export interface MxData {
  status: 'found' | 'null' | 'none' | 'nxdomain' | 'error';
  hosts: MxHostData[];
  /** Without MX: whether the domain has an A/AAAA record that senders fall back to. */
  hasAddress?: boolean;
  failures: QueryFailure[];
}

export async function fetchMx(resolver: Resolver, domain: string): Promise<MxData> {
  const mx = await resolver.query(domain, 'MX');
  if (mx.status === 'error') return { status: 'error', hosts: [], failures: [{ name: domain, type: 'MX', reason: mx.reason }] };
  if (mx.status !== 'found') {
    const [a, aaaa] = await Promise.all([resolver.query(domain, 'A'), resolver.query(domain, 'AAAA')]);
    return { status: mx.status === 'nxdomain' ? 'nxdomain' : 'none', hosts: [], hasAddress: a.status === 'found' || aaaa.status === 'found', failures: [] };
  }
  const sorted = [...mx.records].sort((x, y) => x.priority - y.priority);
  if (sorted.length === 1 && sorted[0]!.exchange === '') return { status: 'null', hosts: [], failures: [] };
  const failures: MxData['failures'] = [];
  const hosts = await Promise.all(
    sorted.map(async ({ exchange, priority }): Promise<MxHostData> => {
      if (ipFamily(exchange.replace(/^\[|\]$/g, ''))) return { host: exchange, priority, addresses: [], status: 'ip-literal' };
      const [a, aaaa, cname] = await Promise.all([resolver.query(exchange, 'A'), resolver.query(exchange, 'AAAA'), resolver.query(exchange, 'CNAME')]);
      const addresses = [...(a.status === 'found' ? a.records : []), ...(aaaa.status === 'found' ? aaaa.records : [])];
      const host: MxHostData = { host: exchange, priority, addresses, status: addresses.length ? 'resolved' : 'unresolved' };
      if (cname.status === 'found') host.cname = cname.records[0]!;
      if (!addresses.length && (a.status === 'error' || aaaa.status === 'error')) {
        host.status = 'error';
        for (const [r, type] of [[a, 'A'], [aaaa, 'AAAA']] as const) if (r.status === 'error') failures.push({ name: exchange, type, reason: r.reason });
      } else if (!addresses.length) {
        host.reason = a.status === 'nxdomain' ? reason('mx.nxdomain') : reason('mx.no-address');
      }
      return host;
    }),
  );
  return { status: 'found', hosts, failures };
}

/** Pure: findings from fetched MX data. */
export function checkMx(domain: string, d: MxData): Finding[] {
  switch (d.status) {
    case 'error':
    case 'nxdomain':
      return [];
    case 'none':
      return [finding('mx.missing', domain, { domain, hasAddress: Boolean(d.hasAddress) })];
    case 'null':
      return [finding('mx.null', domain, { domain })];
  }
  const out: Finding[] = [];
  for (const h of d.hosts) {
    if (h.status === 'ip-literal') out.push(finding('mx.ip-literal', domain, { domain, host: h.host }));
    if (h.status === 'unresolved') out.push(finding('mx.host-unresolved', h.host, { domain, host: h.host, reason: h.reason ?? reason('mx.no-address') }));
    if (h.cname) out.push(finding('mx.cname', h.host, { domain, host: h.host, target: h.cname }));
  }
  if (!out.some((f) => f.severity === 'error')) out.unshift(finding('mx.valid', domain, { domain, hosts: d.hosts.map((h) => `${h.host} (${h.priority})`) }));
  return out;
}
