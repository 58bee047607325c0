/**
 * A real authoritative DNS server on 127.0.0.1 (UDP and TCP, port 0) answering from zone fixtures,
 * for tests and benchmarks. Answers over 512 bytes on UDP come back truncated (TC) so clients must
 * retry over TCP. Faults can be switched on per name: SERVFAIL, REFUSED, no answer at all, or the answers of
 * broken resolvers and DNS interception: records owned by another name (`wrong-owner`), a reply to another
 * question (`wrong-question`), bytes that are not a DNS message but carry the query's ID (`garbage`).
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as packet from 'dns-packet';
import { parseZone, type Zone, type ZoneRecord } from '../../src/dns/zonefile.js';
import { ZoneIndex } from '../../src/dns/zone-lookup.js';
import { normalizeName, type RecordType } from '../../src/dns/types.js';

/**
 * `tcp-blocked`: every UDP answer truncated, and TCP reset, as behind a firewall that blocks DNS over TCP.
 * `no-edns`: FORMERR to any query carrying EDNS (an OPT record), as old servers and middleboxes answer.
 * `rewrite-nxdomain`: an A query for a name that does not exist gets an address, as ISP resolvers with
 * "search assistance" answer.
 */
export type Fault = 'servfail' | 'refused' | 'drop' | 'wrong-owner' | 'wrong-question' | 'garbage' | 'tcp-blocked' | 'no-edns' | 'rewrite-nxdomain';

/** The address a resolver that rewrites NXDOMAIN (`rewrite-nxdomain`) gives every name that does not exist: its search page. */
export const REWRITE_ADDRESS = '198.51.100.80';

/** The name a hijacking resolver answers with. */
export const HIJACK_NAME = 'hijack.invalid';

export interface QueryLog {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
  at: number;
}

/** How the server behaves as a DNSSEC-validating resolver would (it signs nothing: it sets the AD bit). */
export interface DnssecBehaviour {
  /** Answers the root SOA with AD, and sets AD for names under `signed`. */
  validating: boolean;
  signed: string[];
  /** Names under these fail validation: SERVFAIL, unless the query sets CD. */
  bogus: string[];
}

export interface DnsTestServer {
  host: string;
  port: number;
  /** "127.0.0.1:port", as given to --resolver. */
  address: string;
  log: QueryLog[];
  /** Fault for one name (any type), one name and type ("name/TXT"), or '*' for every name. */
  setFault(name: string, fault: Fault | undefined): void;
  setLatency(ms: number): void;
  /** Drops this fraction of UDP queries at random (a lossy path), from a fixed seed: the same drops each run. */
  setLoss(fraction: number): void;
  setDnssec(d: DnssecBehaviour): void;
  close(): Promise<void>;
}

const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
const UDP_LIMIT = 512;

function msgId(query: packet.DecodedPacket): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(query.id ?? 0);
  return b;
}

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
}

export function loadZoneFixture(...names: string[]): Zone {
  const zones = names.map((n) => parseZone(readFileSync(fixturePath(n), 'utf8'), { file: n }));
  return { apexes: zones.flatMap((z) => z.apexes), records: zones.flatMap((z) => z.records) };
}

function toAnswer(r: ZoneRecord): packet.Answer {
  const base = { name: r.name || '.', ttl: r.ttl, class: 'IN' as const };
  switch (r.type) {
    case 'TXT': {
      // Strings a zone file wrote longer than 255 are split as DNS hosting panels do.
      const chunks = r.data.flatMap((s) => {
        const b = Buffer.from(s, 'utf8');
        const out: Buffer[] = [];
        for (let i = 0; i < b.length || i === 0; i += 255) out.push(b.subarray(i, i + 255));
        return out;
      });
      return { ...base, type: 'TXT', data: chunks };
    }
    case 'MX':
      return { ...base, type: 'MX', data: { preference: r.data.priority, exchange: r.data.exchange || '.' } };
    case 'SOA':
      return {
        ...base,
        type: 'SOA',
        data: { mname: r.data.mname, rname: r.data.rname, serial: r.data.serial, refresh: r.data.refresh, retry: r.data.retry, expire: r.data.expire, minimum: r.data.minimum },
      };
    case 'SRV':
      return { ...base, type: 'SRV', data: { priority: r.data.priority, weight: r.data.weight, port: r.data.port, target: r.data.target } };
    case 'CAA':
      return { ...base, type: 'CAA', data: { flags: r.data.flags, tag: r.data.tag as 'issue', value: r.data.value } };
    case 'DS':
      return { ...base, type: 'DS', data: { keyTag: r.data.keyTag, algorithm: r.data.algorithm, digestType: r.data.digestType, digest: Buffer.from(r.data.digest, 'hex') } };
    default:
      return { ...base, type: r.type, data: r.data } as packet.Answer;
  }
}

export async function startDnsServer(opts: { zone: Zone; latencyMs?: number; dnssec?: DnssecBehaviour }): Promise<DnsTestServer> {
  let dnssec: DnssecBehaviour = opts.dnssec ?? { validating: false, signed: [], bogus: [] };
  const under = (name: string, list: string[]) => list.some((a) => name === a || name.endsWith(`.${a}`));
  const index = new ZoneIndex(opts.zone);
  const soaByApex = new Map(opts.zone.records.filter((r) => r.type === 'SOA').map((r) => [r.name, r]));
  const faults = new Map<string, Fault>();
  let latency = opts.latencyMs ?? 0;
  let loss = 0;
  let seed = 1;
  const lost = () => loss > 0 && (seed = (seed * 48271) % 2147483647) / 2147483647 < loss;
  const log: QueryLog[] = [];

  const respond = (query: packet.DecodedPacket, transport: 'udp' | 'tcp'): Buffer | 'reset' | undefined => {
    const q = query.questions?.[0];
    const reply = (rcode: number, answers: packet.Answer[] = [], authorities: packet.Answer[] = []) => {
      const qn = normalizeName(q?.name ?? '');
      const cdFlag = Boolean((query as { flag_cd?: boolean }).flag_cd);
      const adFlag = dnssec.validating && !cdFlag && rcode !== RCODE.SERVFAIL && under(qn, dnssec.signed) ? packet.AUTHENTIC_DATA : 0;
      const flags = packet.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & packet.RECURSION_DESIRED) | packet.RECURSION_AVAILABLE | adFlag | rcode;
      return packet.encode({ type: 'response', id: query.id ?? 0, flags, questions: query.questions ?? [], answers, authorities });
    };
    if (!q) return reply(RCODE.NOTIMP);
    log.push({ name: normalizeName(q.name), type: q.type, transport, at: performance.now() });
    const fault = faults.get(`${normalizeName(q.name)}/${q.type.toLowerCase()}`) ?? faults.get(normalizeName(q.name)) ?? faults.get('*');
    if (fault === 'drop') return undefined;
    if (fault === 'tcp-blocked') return transport === 'tcp' ? 'reset' : packet.encode({ type: 'response', id: query.id ?? 0, flags: packet.TRUNCATED_RESPONSE, questions: query.questions ?? [] });
    if (fault === 'servfail') return reply(RCODE.SERVFAIL);
    if (fault === 'no-edns' && (query.additionals ?? []).some((a) => a.type === 'OPT')) return reply(RCODE.FORMERR);
    if (fault === 'refused') return reply(RCODE.REFUSED);
    if (fault === 'garbage') return Buffer.concat([msgId(query), Buffer.from('\u001b]0;pwned\u0007 not DNS')]);
    if (fault === 'wrong-owner' || fault === 'wrong-question') {
      const answers: packet.Answer[] = [
        q.type === 'TXT'
          ? { name: HIJACK_NAME, type: 'TXT', ttl: 60, class: 'IN', data: ['v=spf1 +all'] }
          : { name: HIJACK_NAME, type: 'A', ttl: 60, class: 'IN', data: '203.0.113.66' },
      ];
      const questions = fault === 'wrong-question' ? [{ ...q, name: HIJACK_NAME }] : (query.questions ?? []);
      return packet.encode({ type: 'response', id: query.id ?? 0, flags: packet.RECURSION_AVAILABLE, questions, answers });
    }

    const qname = normalizeName(q.name);
    const cd = Boolean((query as { flag_cd?: boolean }).flag_cd);
    if (dnssec.validating && under(qname, dnssec.bogus) && !cd) return reply(RCODE.SERVFAIL);
    const ad = dnssec.validating && !cd && (qname === '' || under(qname, dnssec.signed)) ? packet.AUTHENTIC_DATA : 0;
    if (qname === '' && q.type === 'SOA') {
      return packet.encode({
        type: 'response',
        id: query.id ?? 0,
        flags: packet.RECURSION_AVAILABLE | ad,
        questions: query.questions ?? [],
        answers: [{ name: '.', type: 'SOA', ttl: 86400, class: 'IN', data: { mname: 'a.root-servers.net', rname: 'nstld.verisign-grs.com', serial: 2026112200, refresh: 1800, retry: 900, expire: 604800, minimum: 86400 } }],
      });
    }

    const a = index.lookup(q.name, q.type as RecordType);
    if (fault === 'rewrite-nxdomain' && q.type === 'A' && (a.kind === 'outside' || (a.kind === 'nxdomain' && a.chain.length === 0))) {
      return reply(RCODE.NOERROR, [{ name: q.name, type: 'A', ttl: 60, class: 'IN', data: REWRITE_ADDRESS }]);
    }
    let out: Buffer;
    switch (a.kind) {
      case 'outside':
        // The fixtures stand for the whole DNS, as a recursive resolver would see it: other names do not exist.
        out = reply(RCODE.NXDOMAIN);
        break;
      case 'found':
        out = reply(RCODE.NOERROR, a.records.map(toAnswer));
        break;
      case 'leaves-zone':
        out = reply(RCODE.NOERROR, a.chain.map(toAnswer));
        break;
      case 'nxdomain':
      case 'nodata': {
        const soa = soaByApex.get(a.apex);
        out = reply(a.kind === 'nxdomain' && a.chain.length === 0 ? RCODE.NXDOMAIN : RCODE.NOERROR, a.chain.map(toAnswer), soa ? [toAnswer(soa)] : []);
        break;
      }
    }
    if (transport === 'udp' && out.length > UDP_LIMIT) {
      out = packet.encode({ type: 'response', id: query.id ?? 0, flags: packet.AUTHORITATIVE_ANSWER | packet.TRUNCATED_RESPONSE, questions: query.questions ?? [] });
    }
    return out;
  };

  const later = (fn: () => void) => (latency > 0 ? setTimeout(fn, latency) : setImmediate(fn));

  const sockets = new Set<net.Socket>();
  const onUdp = (udp: dgram.Socket) => (msg: Buffer, rinfo: dgram.RemoteInfo) => {
    let query: packet.DecodedPacket;
    try {
      query = packet.decode(msg);
    } catch {
      return;
    }
    if (lost()) return;
    later(() => {
      const out = respond(query, 'udp');
      if (out instanceof Buffer) udp.send(out, rinfo.port, rinfo.address);
    });
  };
  const onTcp = (sock: net.Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) break;
        const msg = buf.subarray(2, 2 + len);
        buf = buf.subarray(2 + len);
        let query: packet.DecodedPacket;
        try {
          query = packet.decode(msg);
        } catch {
          sock.destroy();
          return;
        }
        later(() => {
          const out = respond(query, 'tcp');
          if (out === 'reset') return sock.resetAndDestroy();
          if (!out || sock.destroyed) return;
          const head = Buffer.alloc(2);
          head.writeUInt16BE(out.length);
          sock.write(Buffer.concat([head, out]));
        });
      }
    });
  };

  // Resolvers use one port for UDP and TCP: take a free UDP port, then the same on TCP, retrying if TCP's is taken.
  let udp: dgram.Socket | undefined;
  let tcp: net.Server | undefined;
  let port = 0;
  for (let attempt = 0; attempt < 20 && !tcp; attempt++) {
    const u = dgram.createSocket('udp4');
    u.on('message', onUdp(u));
    await new Promise<void>((resolve) => u.bind(0, '127.0.0.1', resolve));
    // A fleet bench sends thousands of questions at once: with the default buffer (~200 small datagrams)
    // the kernel drops most of them here, and the bench would measure our retries, not our speed.
    try {
      u.setRecvBufferSize(4 * 1024 * 1024);
    } catch {
      // Capped by net.core.rmem_max; Linux clamps silently, other systems may refuse.
    }
    const p = u.address().port;
    const t = net.createServer(onTcp);
    const ok = await new Promise<boolean>((resolve) => {
      t.once('error', () => resolve(false));
      t.listen(p, '127.0.0.1', () => resolve(true));
    });
    if (ok) {
      udp = u;
      tcp = t;
      port = p;
    } else {
      u.close();
    }
  }
  if (!udp || !tcp) throw new Error('no free port for both UDP and TCP');
  const udpSocket = udp;
  const tcpServer = tcp;

  return {
    host: '127.0.0.1',
    port,
    address: `127.0.0.1:${port}`,
    log,
    setFault: (name, fault) => (fault ? faults.set(name === '*' ? '*' : normalizeName(name), fault) : faults.delete(normalizeName(name))),
    setLoss: (fraction) => {
      loss = fraction;
      seed = 1;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    setDnssec: (d) => {
      dnssec = d;
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([new Promise<void>((r) => udpSocket.close(() => r())), new Promise<void>((r) => tcpServer.close(() => r()))]);
    },
  };
}
