/**
 * Our DNS stub client, on dns-packet: one question to the run's servers over UDP (EDNS0, 1232 bytes), TCP when
 * the answer is truncated. It keeps what a stub resolver must check, and what Node's c-ares does not let us see or
 * enforce: the reply comes from the server asked, carries our ID and our question, and (in resolver.ts) its records
 * are owned by the name asked or the CNAMEs leading from it. A reply for another name is a failure, never an answer.
 *
 * Time: three tries per question, waiting 1/7, 2/7 and 4/7 of --timeout (a lost datagram costs a short wait, as
 * c-ares does), rotating over the servers; SERVFAIL or REFUSED moves on to the next server at once. The whole
 * exchange ends within --timeout.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { getServers } from 'node:dns';
import * as packet from 'dns-packet';
import { splitHostPort } from '../core/host-port.js';
import { normalizeName, type DnsFailure } from './types.js';

export type WireReply = packet.DecodedPacket & { rcode?: string; flag_tc?: boolean; flag_ad?: boolean };

export type Exchange = { ok: true; reply: WireReply; server: string } | { ok: false; reason: DnsFailure; message: string };

export interface ExchangeOptions {
  /** DNSSEC OK (the DO bit) and AD asked for: dnssec.ts reads the AD bit of the answer. */
  dnssec?: boolean;
  /** Checking disabled: see the answer past a validation failure. */
  cd?: boolean;
}

/** Where to send: "ip", "ip:port" or "[v6]:port", as parseResolverAddress and dns.getServers() write them. */
function hostPort(server: string): { host: string; port: number } {
  const { host, port } = splitHostPort(server);
  return { host, port: port === undefined ? 53 : Number(port) };
}

interface Channel {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
  ready: Promise<boolean>;
  /** Questions given to this socket and not yet settled, counted before the socket is even ready. */
  load: number;
}

interface Pending {
  qname: string;
  qtype: string;
  /** What came back for another question, kept for the message if nothing better comes. */
  mismatch?: string;
  settle(result: Exchange | 'timeout'): void;
}

const TRIES = [1, 2, 4];
/**
 * Questions in flight per UDP socket. One socket for a whole fleet run overflows its receive buffer when
 * hundreds of answers arrive at once (each small datagram costs ~1 KB of buffer): the kernel drops them and
 * the questions wait for a retry. A new socket (and source port) per 32 questions in flight keeps them.
 */
const PER_SOCKET = 32;
const IDLE_CLOSE_MS = 1000;
const MAX_TCP_REPLY = 65_535;

export class WireClient {
  readonly servers: string[];
  readonly system: boolean;
  /** Per server, a few sockets: each carries at most PER_SOCKET questions at once (see channel()). */
  private readonly sockets = new Map<string, Channel[]>();
  private idle: NodeJS.Timeout | undefined;
  private inFlight = 0;

  /** `servers` as parseResolverAddress writes them; none means the system's (resolv.conf), as Node reads them. */
  constructor(
    servers: string[],
    private readonly timeoutMs: number,
    private readonly limiter?: { acquire(): Promise<void> },
  ) {
    this.system = servers.length === 0;
    this.servers = servers.length ? servers : getServers();
    // No resolver configured at all: the stub resolver's default, as glibc and c-ares use it.
    if (!this.servers.length) this.servers = ['127.0.0.1'];
  }

  async exchange(name: string, type: string, opts: ExchangeOptions = {}): Promise<Exchange> {
    this.inFlight++;
    clearTimeout(this.idle);
    try {
      return await this.run(name, type, opts);
    } finally {
      if (--this.inFlight === 0) {
        this.idle = setTimeout(() => this.close(), IDLE_CLOSE_MS);
        this.idle.unref();
      }
    }
  }

  /** Closes the sockets; a later question opens them again. */
  close(): void {
    clearTimeout(this.idle);
    for (const { socket, pending } of [...this.sockets.values()].flat()) {
      for (const p of pending.values()) p.settle({ ok: false, reason: 'OTHER', message: 'resolver closed' });
      socket.close();
    }
    this.sockets.clear();
  }

  private async run(name: string, type: string, opts: ExchangeOptions): Promise<Exchange> {
    const deadline = performance.now() + this.timeoutMs;
    const qname = normalizeName(name);
    let last: Exchange = { ok: false, reason: 'TIMEOUT', message: `no answer from ${this.servers.join(', ')} within ${this.timeoutMs} ms` };
    let edns = true;
    for (let i = 0; i < TRIES.length; i++) {
      const left = deadline - performance.now();
      if (left <= 0) break;
      const server = this.servers[i % this.servers.length]!;
      const wait = i === TRIES.length - 1 ? left : Math.min(left, Math.max(50, Math.round((this.timeoutMs * TRIES[i]!) / 7)));
      const query = encodeQuery(qname, type, opts, edns);
      let result = await this.udp(server, qname, type, query, wait);
      if (result === 'timeout') continue;
      if (result.ok && result.reply.flag_tc) {
        const tcpLeft = deadline - performance.now();
        result = tcpLeft > 0 ? await this.tcp(server, qname, type, query.subarray(2), tcpLeft) : { ok: false, reason: 'TIMEOUT', message: `no time left to ask ${server} over TCP` };
        // A firewall that lets DNS through on UDP only is the usual cause: said by its own reason.
        if (result === 'timeout') {
          last = { ok: false, reason: 'TCP-FAILED', message: `answer truncated over UDP by ${server}, and no answer over TCP within the time left` };
          continue;
        }
        if (!result.ok && result.reason !== 'WRONG-NAME' && result.reason !== 'BADRESP') result = { ...result, reason: 'TCP-FAILED', message: `answer truncated over UDP; ${result.message}` };
      }
      if (!result.ok) {
        last = result;
        continue;
      }
      const rcode = result.reply.rcode ?? 'NOERROR';
      // An old server or middlebox that does not know EDNS answers FORMERR without an OPT record: ask again
      // without it (RFC 6891 §7), at once and without spending a try.
      if (rcode === 'FORMERR' && edns && !(result.reply.additionals ?? []).some((a) => a.type === 'OPT')) {
        edns = false;
        i--;
        continue;
      }
      // Another server may do better than a failure; with one server, the failure is the answer.
      if ((rcode === 'SERVFAIL' || rcode === 'REFUSED') && this.servers.length > 1 && i < TRIES.length - 1) {
        last = result;
        continue;
      }
      return result;
    }
    return last;
  }

  private channel(server: string): Channel {
    const list = this.sockets.get(server) ?? [];
    this.sockets.set(server, list);
    const free = list.find((c) => c.load < PER_SOCKET);
    if (free) return free;
    const { host, port } = hostPort(server);
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    const pending = new Map<number, Pending>();
    // Connected: only this server's datagrams reach us, and a closed port comes back as ECONNREFUSED at once.
    const ready = new Promise<boolean>((resolve) => {
      socket.once('error', () => resolve(false));
      socket.connect(port, host, () => resolve(true));
    });
    socket.on('message', (msg) => {
      if (msg.length < 12) return;
      const p = pending.get(msg.readUInt16BE(0));
      if (!p) return;
      const read = readReply(msg, p.qname, p.qtype, server);
      if ('ignored' in read) p.mismatch = read.ignored;
      else p.settle(read);
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const result: Exchange = { ok: false, reason: err.code === 'ECONNREFUSED' ? 'UNREACHABLE' : 'OTHER', message: `${server}: ${err.code ?? err.message}` };
      for (const p of [...pending.values()]) p.settle(result);
    });
    socket.unref();
    const c = { socket, pending, ready, load: 0 };
    list.push(c);
    return c;
  }

  private async udp(server: string, qname: string, qtype: string, query: Buffer, waitMs: number): Promise<Exchange | 'timeout'> {
    const channel = this.channel(server);
    channel.load++;
    try {
      return await this.ask(server, channel, qname, qtype, query, waitMs);
    } finally {
      channel.load--;
    }
  }

  private async ask(server: string, channel: Channel, qname: string, qtype: string, query: Buffer, waitMs: number): Promise<Exchange | 'timeout'> {
    const { socket, pending, ready } = channel;
    if (!(await ready)) {
      this.sockets.set(server, (this.sockets.get(server) ?? []).filter((c) => c !== channel));
      socket.close();
      return { ok: false, reason: 'UNREACHABLE', message: `${server}: cannot open a UDP socket to it` };
    }
    // --qps: the slot is taken right before the datagram leaves, so no wait (a socket opening) lies between.
    await this.limiter?.acquire();
    let id = query.readUInt16BE(2);
    while (pending.has(id)) id = (id + 1) & 0xffff;
    query.writeUInt16BE(id, 2);
    const datagram = query.subarray(2);
    return new Promise((resolve) => {
      const p: Pending = {
        qname,
        qtype,
        settle: (result) => {
          if (pending.get(id) !== p) return;
          pending.delete(id);
          clearTimeout(timer);
          resolve(result === 'timeout' && p.mismatch ? { ok: false, reason: 'WRONG-NAME', message: p.mismatch } : result);
        },
      };
      const timer = setTimeout(() => p.settle('timeout'), waitMs);
      pending.set(id, p);
      const failed = (err: Error | null) => err && p.settle({ ok: false, reason: 'UNREACHABLE', message: `${server}: ${(err as NodeJS.ErrnoException).code ?? err.message}` });
      try {
        socket.send(datagram, failed);
      } catch (err) {
        failed(err as Error);
      }
    });
  }

  private tcp(server: string, qname: string, qtype: string, query: Buffer, waitMs: number): Promise<Exchange | 'timeout'> {
    const { host, port } = hostPort(server);
    return new Promise((resolve) => {
      const s = net.connect({ host, port });
      let done = false;
      const finish = (result: Exchange | 'timeout') => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        s.destroy();
        resolve(result);
      };
      const timer = setTimeout(() => finish('timeout'), waitMs);
      let buf = Buffer.alloc(0);
      s.on('connect', () => {
        const head = Buffer.alloc(2);
        head.writeUInt16BE(query.length);
        s.write(Buffer.concat([head, query]));
      });
      s.on('data', (d) => {
        buf = Buffer.concat([buf, d]);
        if (buf.length > 2 + MAX_TCP_REPLY) return finish({ ok: false, reason: 'BADRESP', message: `${server}: over-long TCP reply` });
        if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
        const msg = buf.subarray(2, 2 + buf.readUInt16BE(0));
        if (msg.length < 12 || msg.readUInt16BE(0) !== query.readUInt16BE(0)) return finish({ ok: false, reason: 'BADRESP', message: `${server}: TCP reply to another query` });
        const read = readReply(msg, qname, qtype, server);
        finish('ignored' in read ? { ok: false, reason: 'WRONG-NAME', message: read.ignored } : read);
      });
      s.on('end', () => finish({ ok: false, reason: 'BADRESP', message: `${server} closed the TCP connection without a full answer` }));
      s.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, reason: err.code === 'ECONNREFUSED' || err.code === 'ECONNRESET' ? 'UNREACHABLE' : 'OTHER', message: `${server} (TCP): ${err.code ?? err.message}` }));
    });
  }
}

/** A random ID, RD, our one question, EDNS0 unless refused; two bytes in front for the TCP length, so UDP and TCP share it. */
function encodeQuery(qname: string, type: string, opts: ExchangeOptions, edns: boolean): Buffer {
  const flags = packet.RECURSION_DESIRED | (opts.dnssec ? packet.AUTHENTIC_DATA : 0) | (opts.cd ? packet.CHECKING_DISABLED : 0);
  const body = packet.encode({
    type: 'query',
    id: Math.floor(Math.random() * 0x10000),
    flags,
    questions: [{ type: type as 'A', name: qname || '.', class: 'IN' }],
    additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: opts.dnssec ? packet.DNSSEC_OK : 0 } as packet.Answer] : [],
  });
  const out = Buffer.alloc(body.length + 2);
  out.writeUInt16BE(body.length, 0);
  body.copy(out, 2);
  return out;
}

/**
 * Pure: what a reply carrying our ID means. Undecodable is BADRESP; a reply to another question is `ignored`
 * (a late or forged datagram), and remembered by the caller so that a resolver that only ever answers other
 * questions ends in WRONG-NAME.
 */
export function readReply(msg: Buffer, qname: string, qtype: string, server: string): Exchange | { ignored: string } {
  let reply: WireReply;
  try {
    reply = packet.decode(msg) as WireReply;
  } catch {
    return { ok: false, reason: 'BADRESP', message: `${server}: reply that is not a DNS message` };
  }
  if (reply.type !== 'response') return { ignored: `${server} sent a query, not a reply` };
  const q = reply.questions?.[0];
  // FORMERR, NOTIMP and REFUSED may come back without the question (RFC 1035 leaves it open).
  if (!q) return reply.rcode === 'NOERROR' || reply.rcode === 'NXDOMAIN' ? { ignored: `${server} answered without the question` } : { ok: true, reply, server };
  if (normalizeName(q.name) !== qname || q.type !== qtype) return { ignored: `${server} answered ${q.type} ${normalizeName(q.name) || '.'} to the question ${qtype} ${qname || '.'}` };
  return { ok: true, reply, server };
}
