/**
 * DNSSEC as seen from a resolver: does it validate (the root's SOA comes back with AD), is the domain
 * signed (a DS record at the parent), do the domain's and MX hosts' answers carry AD, and is any answer
 * bogus (SERVFAIL that turns into an answer with CD set). Node's resolver hides the AD bit, so this is
 * a small client on dns-packet: UDP, TCP when truncated, to the same servers as the rest of the run.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import * as packet from 'dns-packet';
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { MxData } from './mx.js';

export interface DnssecAnswer {
  rcode: string;
  ad: boolean;
  answers: number;
}

/** "ip" or "ip:port" or "[v6]:port" as parseResolverAddress writes them. */
function hostPort(server: string): { host: string; port: number } {
  const v6 = server.match(/^\[([^\]]+)\]:(\d+)$/);
  if (v6) return { host: v6[1]!, port: Number(v6[2]) };
  const v4 = server.match(/^([^:]+):(\d+)$/);
  if (v4) return { host: v4[1]!, port: Number(v4[2]) };
  return { host: server, port: 53 };
}

type Decoded = packet.DecodedPacket & { rcode?: string };

export class DnssecClient {
  private readonly cache = new Map<string, Promise<DnssecAnswer | null>>();
  private readonly pending = new Map<number, (reply: Decoded) => void>();
  private readonly sockets = new Map<'udp4' | 'udp6', dgram.Socket>();
  private id = Math.floor(Math.random() * 0xffff);

  constructor(
    private readonly servers: string[],
    private readonly timeoutMs: number,
    private readonly limiter?: { acquire(): Promise<void> },
  ) {}

  /** The answer's rcode and AD bit, or null when no server answered. */
  query(name: string, type: 'A' | 'AAAA' | 'MX' | 'DS' | 'SOA', checkingDisabled = false): Promise<DnssecAnswer | null> {
    const key = `${type} ${name} ${checkingDisabled}`;
    let p = this.cache.get(key);
    if (p) {
      this.cache.delete(key);
      this.cache.set(key, p);
    } else {
      p = this.ask(name, type, checkingDisabled);
      this.cache.set(key, p);
      // Bounded like the resolver cache: a fleet run keeps the recent answers (the root's among them).
      if (this.cache.size > 20_000) this.cache.delete(this.cache.keys().next().value!);
    }
    return p;
  }

  /** Closes the shared sockets once the run is over. */
  close(): void {
    for (const s of this.sockets.values()) s.close();
    this.sockets.clear();
  }

  private async ask(name: string, type: string, cd: boolean): Promise<DnssecAnswer | null> {
    for (const server of this.servers) {
      const { host, port } = hostPort(server);
      // Three tries with growing waits, as c-ares does: a lost datagram costs a short wait, not the whole budget.
      for (const share of [1, 2, 4]) {
        const id = (this.id = (this.id + 1) & 0xffff);
        const query = packet.encode({
          type: 'query',
          id,
          // RD, and AD to ask for the authenticated-data bit (RFC 6840 §5.7); CD to see past a validation failure.
          flags: packet.RECURSION_DESIRED | packet.AUTHENTIC_DATA | (cd ? packet.CHECKING_DISABLED : 0),
          questions: [{ type: type as 'A', name, class: 'IN' }],
          additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: packet.DNSSEC_OK } as packet.Answer],
        });
        await this.limiter?.acquire();
        const reply = await this.udp(host, port, id, query, Math.max(100, Math.round((this.timeoutMs * share) / 7))).catch(() => null);
        if (!reply) continue;
        const decoded = reply.flag_tc ? await this.tcp(host, port, query).catch(() => null) : reply;
        if (decoded) return { rcode: decoded.rcode ?? 'NOERROR', ad: Boolean(decoded.flag_ad), answers: (decoded.answers ?? []).filter((a) => a.type === type).length };
      }
    }
    return null;
  }

  private socket(family: 'udp4' | 'udp6'): dgram.Socket {
    let s = this.sockets.get(family);
    if (!s) {
      s = dgram.createSocket(family);
      s.on('message', (msg) => {
        let decoded: Decoded;
        try {
          decoded = packet.decode(msg) as Decoded;
        } catch {
          return;
        }
        const done = this.pending.get(decoded.id ?? -1);
        if (done) {
          this.pending.delete(decoded.id ?? -1);
          done(decoded);
        }
      });
      s.on('error', () => {});
      s.unref();
      this.sockets.set(family, s);
    }
    return s;
  }

  private udp(host: string, port: number, id: number, query: Buffer, waitMs: number): Promise<Decoded> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('timeout'));
      }, waitMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket(net.isIPv6(host) ? 'udp6' : 'udp4').send(query, port, host, (err) => {
        if (err) {
          clearTimeout(timer);
          this.pending.delete(id);
          reject(err);
        }
      });
    });
  }

  private tcp(host: string, port: number, query: Buffer): Promise<Decoded> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new Error('timeout'));
      }, this.timeoutMs);
      let buf = Buffer.alloc(0);
      s.on('connect', () => {
        const head = Buffer.alloc(2);
        head.writeUInt16BE(query.length);
        s.write(Buffer.concat([head, query]));
      });
      s.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          clearTimeout(timer);
          s.destroy();
          try {
            resolve(packet.decode(buf.subarray(2, 2 + buf.readUInt16BE(0))) as Decoded);
          } catch (err) {
            reject(err);
          }
        }
      });
      s.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }
}

export interface DnssecData {
  checked: boolean;
  /** Why not checked (answered from a zone file, no resolver answered). */
  reason?: string;
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
  if (root === null) return { checked: false, reason: 'no answer from the resolver to DNSSEC queries', bogus: [], mx: [] };
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
