/**
 * Our DNS stub client, on dns-packet: one question to the run's servers over UDP (EDNS0, 1232 bytes), TCP when
 * the answer is truncated. It keeps what a stub resolver must check, and what Node's c-ares does not let us see or
 * enforce: the reply comes from the server asked, carries our ID and our question, and (in resolver.ts) its records
 * are owned by the name asked or the CNAMEs leading from it. A reply for another name is a failure, never an answer.
 *
 * Time: three tries per question, rotating over the servers; SERVFAIL or REFUSED moves on to the next server at
 * once. A try waits for its answer as long as TCP's retransmission timeout would (RFC 6298): the smoothed round
 * trip of this server's answers in the run plus four deviations, at least 50 ms, doubled at each retry; before
 * any answer, 1/7 of --timeout (at most 1 s). The last try waits for what is left: the whole exchange ends
 * within --timeout. A lost datagram on a fast path thus costs tens of milliseconds, not seconds.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { getServers } from 'node:dns';
import * as packet from 'dns-packet';
import { splitHostPort } from '../core/host-port.js';
import { ipFamily } from '../core/ip-family.js';
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

const TRIES = 3;
const MIN_RTO_MS = 50;

/** RFC 6298's estimator of one server's round trip: SRTT and RTTVAR, from the answers of this run. */
class RoundTrip {
  private srtt: number | undefined;
  private rttvar = 0;
  sample(ms: number): void {
    if (this.srtt === undefined) {
      this.srtt = ms;
      this.rttvar = ms / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - ms);
      this.srtt = 0.875 * this.srtt + 0.125 * ms;
    }
  }
  /** How long a try waits before the next, or undefined before any answer was timed. */
  rto(): number | undefined {
    return this.srtt === undefined ? undefined : Math.max(MIN_RTO_MS, this.srtt + 4 * this.rttvar);
  }
}

/** What a run asked: questions, tries sent again after a wait, and questions that got no answer at all. */
export interface WireStats {
  questions: number;
  retried: number;
  lost: number;
}
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
  private readonly roundTrips = new Map<string, RoundTrip>();
  readonly stats: WireStats = { questions: 0, retried: 0, lost: 0 };

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
    this.stats.questions++;
    // An answer to an earlier try that comes after its wait ends the exchange as well as the current try's.
    let lateAnswer!: (r: Exchange) => void;
    const late = new Promise<Exchange>((r) => (lateAnswer = r));
    const tries: Array<() => void> = [];
    // The last try timed out with no time or try left: the question goes unanswered.
    let gaveUp = false;
    try {
      for (let i = 0; i < TRIES; i++) {
        const left = deadline - performance.now();
        if (left <= 0) break;
        const server = this.servers[i % this.servers.length]!;
        const rto = this.roundTrips.get(server)?.rto() ?? Math.min(1000, Math.max(MIN_RTO_MS, this.timeoutMs / 7));
        const wait = i === TRIES - 1 ? left : Math.min(left, Math.round(rto * 2 ** i));
        const query = encodeQuery(qname, type, opts, edns);
        if (i > 0) this.stats.retried++;
        const attempt = await this.udp(server, qname, type, query, wait, lateAnswer);
        tries.push(attempt.cancel);
        let result = await Promise.race([attempt.result, late]);
        if (result === 'timeout') {
          gaveUp = i === TRIES - 1 || deadline - performance.now() <= 0;
          continue;
        }
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
        if ((rcode === 'SERVFAIL' || rcode === 'REFUSED') && this.servers.length > 1 && i < TRIES - 1) {
          last = result;
          continue;
        }
        return result;
      }
      // No full answer in the time given (the TCP leg of a truncated answer included): never answered.
      if (gaveUp || (!last.ok && (last.reason === 'TIMEOUT' || last.reason === 'TCP-FAILED'))) this.stats.lost++;
      return last;
    } finally {
      for (const cancel of tries) cancel();
    }
  }

  private roundTrip(server: string): RoundTrip {
    let r = this.roundTrips.get(server);
    if (!r) this.roundTrips.set(server, (r = new RoundTrip()));
    return r;
  }

  private channel(server: string): Channel {
    const list = this.sockets.get(server) ?? [];
    this.sockets.set(server, list);
    const free = list.find((c) => c.load < PER_SOCKET);
    if (free) return free;
    const { host, port } = hostPort(server);
    const socket = dgram.createSocket(ipFamily(host) === 6 ? 'udp6' : 'udp4');
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

  /**
   * One try over UDP. Its promise ends with the answer or 'timeout' after waitMs; after a timeout the try
   * still listens (an answer that was only slow is as good as the retry's, and often comes first) and hands
   * what comes to `late`, until `cancel` (the exchange is over).
   */
  private async udp(server: string, qname: string, qtype: string, query: Buffer, waitMs: number, late: (r: Exchange) => void): Promise<{ result: Promise<Exchange | 'timeout'>; cancel: () => void }> {
    const channel = this.channel(server);
    channel.load++;
    let released = false;
    const release = () => {
      if (!released) channel.load--;
      released = true;
    };
    const { socket, pending, ready } = channel;
    if (!(await ready)) {
      release();
      this.sockets.set(server, (this.sockets.get(server) ?? []).filter((c) => c !== channel));
      socket.close();
      return { result: Promise.resolve({ ok: false, reason: 'UNREACHABLE', message: `${server}: cannot open a UDP socket to it` }), cancel: () => {} };
    }
    // --qps: the slot is taken right before the datagram leaves, so no wait (a socket opening) lies between.
    await this.limiter?.acquire();
    let id = query.readUInt16BE(2);
    while (pending.has(id)) id = (id + 1) & 0xffff;
    query.writeUInt16BE(id, 2);
    const datagram = query.subarray(2);
    let sent = performance.now();
    let timedOut = false;
    let timer: NodeJS.Timeout | undefined;
    const forget = () => {
      if (pending.get(id) === p) pending.delete(id);
      clearTimeout(timer);
      release();
    };
    let resolve!: (r: Exchange | 'timeout') => void;
    const result = new Promise<Exchange | 'timeout'>((r) => (resolve = r));
    const p: Pending = {
      qname,
      qtype,
      settle: (r) => {
        if (pending.get(id) !== p) return;
        if (r === 'timeout') {
          timedOut = true;
          resolve(p.mismatch ? { ok: false, reason: 'WRONG-NAME', message: p.mismatch } : 'timeout');
          return;
        }
        forget();
        // Each try has its own ID, so its answer times that try alone (no ambiguity to avoid, as Karn's rule does for TCP).
        if (r.ok) this.roundTrip(server).sample(performance.now() - sent);
        // A failure that comes after the wait (the socket closing) is not an answer: the tries go on.
        if (timedOut) {
          if (r.ok) late(r);
        } else resolve(r);
      },
    };
    // The wait is over only once the answers already in the socket's buffer are read: a busy event loop runs
    // the timers before it polls the sockets, and would send again a question whose answer is waiting there.
    timer = setTimeout(() => setImmediate(() => p.settle('timeout')), waitMs);
    pending.set(id, p);
    sent = performance.now();
    const failed = (err: Error | null) => err && p.settle({ ok: false, reason: 'UNREACHABLE', message: `${server}: ${(err as NodeJS.ErrnoException).code ?? err.message}` });
    try {
      socket.send(datagram, failed);
    } catch (err) {
      failed(err as Error);
    }
    return { result, cancel: forget };
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
