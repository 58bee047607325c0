/**
 * Reverse DNS of an address as receivers check it: the PTR names, whether one of them resolves back to the
 * address (forward-confirmed reverse DNS, FCrDNS: what Gmail's 550-5.7.25 asks for), and whether the name
 * looks like an ISP's or a cloud's default rather than a mail server's own (Yahoo asks for a non-generic one).
 */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { inNetwork, reverseName } from './ip.js';
import { ipFamily } from '../core/ip-family.js';
import type { QueryFailure, Resolver } from './types.js';

export interface ReverseDns {
  ip: string;
  status: 'confirmed' | 'not-confirmed' | 'missing' | 'error';
  /** The PTR names (at most 10 are followed). */
  names: string[];
  /** The PTR name that resolves back to the address, when one does. */
  confirmedName?: string;
  failures: QueryFailure[];
}

export async function reverseDns(resolver: Resolver, ip: string): Promise<ReverseDns> {
  const name = reverseName(ip);
  const r = await resolver.query(name, 'PTR');
  if (r.status === 'error') return { ip, status: 'error', names: [], failures: [{ name, type: 'PTR', reason: r.reason }] };
  if (r.status !== 'found' || !r.records.length) return { ip, status: 'missing', names: [], failures: [] };
  const names = r.records.slice(0, 10);
  const v6 = ipFamily(ip) === 6;
  const forward = await Promise.all(names.map((n) => resolver.query(n, v6 ? 'AAAA' : 'A')));
  // Compared as addresses: 2001:db8::25 and 2001:0db8:0:0::25 are the same.
  const back = names.find((_, i) => {
    const f = forward[i]!;
    return f.status === 'found' && f.records.some((a) => inNetwork(ip, a, v6 ? 128 : 32));
  });
  return { ip, status: back ? 'confirmed' : 'not-confirmed', names, ...(back ? { confirmedName: back } : {}), failures: [] };
}

/** Default reverse names of hosting and cloud providers: a machine nobody named for mail. */
const PROVIDER_DEFAULTS: ReadonlyArray<{ provider: string; pattern: RegExp }> = [
  { provider: 'Amazon EC2', pattern: /^ec2-\d+-\d+-\d+-\d+\.([a-z0-9-]+\.)?compute(-1)?\.amazonaws\.com$/ },
  { provider: 'Google Cloud', pattern: /\.bc\.googleusercontent\.com$/ },
  { provider: 'Microsoft Azure', pattern: /\.cloudapp\.(net|azure\.com)$/ },
  { provider: 'OVHcloud', pattern: /^((ns|vps)\d+\.)?ip-\d+-\d+-\d+\.(eu|net|us)$|\.vps\.ovh\.(net|ca|us)$/ },
  { provider: 'Scaleway', pattern: /\.(rev\.poneytelecom\.eu|instances\.scw\.cloud)$/ },
  { provider: 'Hetzner', pattern: /^static\.[\d.]+\.clients\.your-server\.de$/ },
  { provider: 'Akamai (Linode)', pattern: /\.(members\.linode\.com|ip\.linodeusercontent\.com)$/ },
  { provider: 'Vultr', pattern: /\.vultrusercontent\.com$/ },
  { provider: 'Orange', pattern: /\.abo\.wanadoo\.fr$/ },
  { provider: 'Free', pattern: /\.fbx\.proxad\.net$/ },
];

/** Words ISPs put in the names of subscriber and dynamic addresses. */
const GENERIC_WORDS = new Set(['dyn', 'dynamic', 'dsl', 'adsl', 'vdsl', 'xdsl', 'pool', 'dhcp', 'cable', 'ppp', 'pppoe', 'dialup', 'dial', 'broadband', 'client', 'clients', 'customer', 'cust', 'static', 'residential', 'ftth', 'subscriber']);

export interface GenericSign {
  kind: 'provider-default' | 'address-in-name' | 'isp-word';
  /** What in the name gives it away: the provider, the address as written, or the word. */
  evidence: string;
}

/** Why a PTR name looks generic (a provider's default, the address spelled in it, an ISP's word), or null. */
export function genericSign(name: string, ip: string): GenericSign | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const provider = PROVIDER_DEFAULTS.find((p) => p.pattern.test(n));
  if (provider) return { kind: 'provider-default', evidence: provider.provider };
  if (ipFamily(ip) === 4) {
    const o = ip.split('.');
    const hex = o.map((x) => Number(x).toString(16).padStart(2, '0')).join('');
    // 192.0.2.25 as 192-0-2-25, 25.2.0.192, 192.000.002.025, or c0000219.
    for (const parts of [o, [...o].reverse()]) {
      const spelled = new RegExp(`(^|[^0-9])${parts.map((p) => `0{0,2}${p}`).join('[-._]?')}([^0-9]|$)`);
      const m = n.match(spelled);
      if (m) return { kind: 'address-in-name', evidence: m[0].replace(/^[^0-9]|[^0-9]$/g, '') };
    }
    if (n.includes(hex)) return { kind: 'address-in-name', evidence: hex };
  }
  const word = n.split(/[.-]/).find((t) => GENERIC_WORDS.has(t) || (/^ip\d*$/.test(t) && n.includes(`${t}-`)));
  if (word) return { kind: 'isp-word', evidence: word };
  return null;
}

/** The name receivers judge: the one that resolves back, else the first; and why it looks generic, if it does. */
export function genericOf(r: Pick<ReverseDns, 'ip' | 'names' | 'confirmedName'>): (GenericSign & { name: string }) | null {
  const name = r.confirmedName ?? r.names[0];
  const sign = name ? genericSign(name, r.ip) : null;
  return sign && name ? { ...sign, name } : null;
}

/** Pure: a sending IP's reverse DNS as Gmail and Yahoo judge it. */
export function checkReverseDns(r: ReverseDns): Finding[] {
  if (r.status === 'error') return [];
  if (r.status === 'missing') return [finding('ip.ptr-missing', r.ip, { ip: r.ip })];
  if (r.status === 'not-confirmed') return [finding('ip.ptr-not-confirmed', r.ip, { ip: r.ip, names: r.names })];
  const generic = genericOf(r);
  if (generic) return [finding('ip.ptr-generic', r.ip, { ip: r.ip, name: generic.name, kind: generic.kind, evidence: generic.evidence })];
  return [finding('ip.ptr-ok', r.ip, { ip: r.ip, name: r.confirmedName! })];
}
