/**
 * The SMTP probe: the only place that imports nodemailer. DNS, TCP and implicit TLS are done here
 * with Node's own modules so each phase is timed and its failure told exactly; the SMTP dialogue
 * then runs on nodemailer's SMTPConnection over that socket. Everything observed becomes data.
 */
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import tls from 'node:tls';
import { contextTrusting } from '../core/tls-trust.js';
import { ipFamily } from '../core/ip-family.js';
import { randomBytes } from 'node:crypto';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { redactDeep, redactText, secretForms, shortSecret, REDACTED } from './redact.js';
import { guardCommands, isSecure, sendCommand, upgradedSocket } from './nodemailer-adapter.js';
import { decodeRefusal, pickMechanism, saslResponse, type OAuthRefusal } from './oauth2.js';
import { parseReply, type SmtpReply, type Ehlo, type Failure, type PhaseName, type ProbeResult, type Security, type TlsInfo, type TranscriptLine } from './types.js';

export interface ProbeOptions {
  host: string;
  port: number;
  security: Security;
  /** The login, if any: by password, or by an OAuth 2.0 access token (XOAUTH2 or OAUTHBEARER). */
  credential?: Credential;
  from?: string;
  to?: string;
  send: boolean;
  ehloName?: string;
  servername?: string;
  /** PEM of a private CA to trust, besides the system's. */
  ca?: string;
  insecure: boolean;
  /** --require-tls: on an unencrypted session nothing is sent after EHLO but QUIT. */
  requireTls: boolean;
  /** --allow-cleartext-auth: the only way a credential may travel on an unencrypted session. */
  allowCleartextAuth: boolean;
  family?: 4 | 6;
  timeoutMs: number;
  version: string;
  /** Resolves the host (--resolver); without it, the system's getaddrinfo, as applications do. */
  lookup?: (host: string, family?: 4 | 6) => Promise<string[]>;
  /** Ctrl-C: the session ends at once, with what it saw. */
  signal?: AbortSignal;
}

/**
 * How the session logs in. A password may be absent when none could be asked for (the session cannot
 * carry it): the login is then withheld, and said so.
 */
export type Credential = { method: 'password'; user: string; password?: string } | { method: 'oauth2'; user: string; token: string };

/** The whole session's bound, in timeouts: whatever the phase, a probe never takes longer. */
export const SESSION_BOUND = 2;

class PhaseError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]).finally(() => clearTimeout(timer));
}

const secondsOf = (ms: number) => Math.round(ms / 100) / 10;

/** Old servers still speak TLS 1.0/1.1: connect anyway so the version can be reported (smtp.tls-outdated), not just fail. */
const LEGACY_CIPHERS = 'DEFAULT:@SECLEVEL=0';
const LEGACY_TLS = { minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS } as const;

/** --ca: the system's roots and that CA, in a context made with the same protocol range and ciphers. */
function trust(opts: Pick<ProbeOptions, 'ca'>): { secureContext?: tls.SecureContext } {
  return opts.ca ? { secureContext: contextTrusting(opts.ca, LEGACY_TLS) } : {};
}

/**
 * One session's state, shared by its phases: the options, what was observed so far, the clocks (per
 * phase, and the whole session's bound), and the socket and SMTP connection once they exist.
 */
interface Session {
  opts: ProbeOptions;
  result: ProbeResult;
  implicit: boolean;
  servername: string | null;
  /** Milliseconds since the session began. */
  at: () => number;
  /** Server text, redacted whole before anything is parsed out of it. */
  clean: (text: string) => string;
  reply: (text: string) => SmtpReply;
  note: (dir: TranscriptLine['dir'], text: string) => void;
  /** Ends the current phase: its duration runs from the end of the one before. */
  phase: (name: PhaseName, ok: boolean) => void;
  /** Restarts the phase clock (after phases timed from the transcript). */
  restartClock: () => void;
  /** What is left of the session's bound. */
  left: () => number;
  /** Rejects when the bound is past or on Ctrl-C. */
  cut: Promise<never>;
  /** A step within the timeout and the bound. */
  step: Step;
  socket?: net.Socket;
  conn?: SMTPConnection;
  /** Rejects when the SMTP connection errs or ends. */
  closed?: Promise<never>;
  stop: () => void;
}

function openSession(opts: ProbeOptions): Session {
  const started = performance.now();
  const at = () => Math.round(performance.now() - started);
  const implicit = opts.security === 'tls' || (opts.security === 'auto' && opts.port === 465);
  const result: ProbeResult = {
    host: opts.host,
    port: opts.port,
    security: implicit ? 'tls' : opts.security === 'none' ? 'none' : 'starttls',
    addresses: [],
    phases: [],
    transcript: [],
    timeoutMs: opts.timeoutMs,
  };
  // Server text is redacted as it arrives, a whole reply at a time, before anything is parsed out of it.
  const secrets = secretsOf(opts);
  const short = shortSecret(opts.credential?.method === 'password' ? opts.credential.password : undefined);
  const clean = (text: string) => redactText(text, secrets, short);
  let phaseStart = performance.now();
  // Each step waits for its whole reply within the timeout (an idle timer is reset by every line, so a
  // server dripping continuation lines kept it alive forever), and the session within SESSION_BOUND
  // timeouts; Ctrl-C cuts it at once.
  const bound = SESSION_BOUND * opts.timeoutMs;
  const left = () => Math.max(1, started + bound - performance.now());
  let boundTimer: NodeJS.Timeout | undefined;
  const cut = new Promise<never>((_, reject) => {
    boundTimer = setTimeout(() => reject(Object.assign(new Error(`the session went past its bound of ${secondsOf(bound)} s`), { code: 'EBOUND' })), bound);
    opts.signal?.addEventListener('abort', () => reject(Object.assign(new Error('interrupted'), { code: 'EINTERRUPTED' })), { once: true });
  });
  cut.catch(() => {});
  return {
    opts,
    result,
    implicit,
    servername: opts.servername ?? (ipFamily(opts.host) ? null : opts.host),
    at,
    clean,
    reply: (text) => parseReply(clean(text)),
    note: (dir, text) => {
      for (const line of text.replace(/\r/g, '').split('\n')) if (line !== '') result.transcript.push({ dir, text: line, ms: at() });
    },
    phase: (name, ok) => {
      const now = performance.now();
      result.phases.push({ name, ok, ms: Math.round(now - phaseStart) });
      phaseStart = now;
    },
    restartClock: () => {
      phaseStart = performance.now();
    },
    left,
    cut,
    step: <T>(p: Promise<T>, what: string, code = 'ETIMEDOUT'): Promise<T> => {
      const ms = Math.min(opts.timeoutMs, left());
      return withTimeout(Promise.race([p, cut]), ms, () => Object.assign(new Error(`no complete reply to ${what} within ${secondsOf(ms)} s`), { code }));
    },
    stop: () => clearTimeout(boundTimer),
  };
}

/**
 * The whole session, phase by phase: resolve, connect, implicit TLS, the dialogue (greeting, EHLO,
 * STARTTLS), the login, the envelope (or the test message). A phase returns false when the session
 * stops there by design (a certificate a client would refuse, a login refused, a credential withheld);
 * a failure throws a PhaseError naming it.
 */
export async function probeSmtp(opts: ProbeOptions): Promise<ProbeResult> {
  const s = openSession(opts);
  try {
    await resolvePhase(s);
    await connectPhase(s);
    if (s.implicit && !(await implicitTlsPhase(s))) return finish(s.result, opts);
    if (!(await dialoguePhase(s))) return finish(s.result, opts, s.conn);
    if (!(await authPhase(s))) return finish(s.result, opts, s.conn);
    await envelopePhase(s);
    return finish(s.result, opts, s.conn);
  } catch (err) {
    if (err instanceof PhaseError) s.result.failure = { ...err.failure, message: s.clean(err.failure.message) };
    else s.result.failure = { phase: 'quit', kind: 'closed', message: s.clean((err as Error).message) };
    s.socket?.destroy();
    s.conn?.close();
    return finish(s.result, opts);
  } finally {
    s.stop();
  }
}

/** DNS: the host's addresses, through --resolver or the system's getaddrinfo. */
async function resolvePhase(s: Session): Promise<void> {
  const { opts, result } = s;
  try {
    const resolve = opts.lookup ?? (async (host: string, family?: 4 | 6) => (await lookup(host, { all: true, family: family ?? 0 })).map((a) => a.address));
    result.addresses = ipFamily(opts.host) ? [opts.host] : await s.step(resolve(opts.host, opts.family), 'the DNS lookup', 'ETIMEOUT');
    if (!result.addresses.length) throw Object.assign(new Error(`${opts.host} has no address`), { code: 'ENODATA' });
    s.phase('dns', true);
  } catch (err) {
    s.phase('dns', false);
    throw new PhaseError({ phase: 'dns', kind: 'dns', code: (err as NodeJS.ErrnoException).code ?? 'ERROR', message: (err as Error).message });
  }
}

/** TCP, to each address in turn. */
async function connectPhase(s: Session): Promise<void> {
  const { opts, result } = s;
  s.socket = await Promise.race([connectTcp(result.addresses, opts.port, () => Math.min(opts.timeoutMs, s.left()), (a) => (result.address = a)), s.cut]).catch((err: NodeJS.ErrnoException) => {
    s.phase('connect', false);
    const timeout = err.code === 'ETIMEDOUT' || err.code === 'ETIMEOUT';
    throw new PhaseError({ phase: 'connect', kind: timeout ? 'connect-timeout' : 'refused', code: err.code ?? 'ERROR', message: err.message });
  });
  s.phase('connect', true);
  s.note('*', `connected to ${result.address}:${opts.port}`);
}

/** Implicit TLS (465): the handshake before any SMTP; false when a client would refuse the certificate. */
async function implicitTlsPhase(s: Session): Promise<boolean> {
  const { opts, result } = s;
  const tlsSocket = await Promise.race([handshake(s.socket!, s.servername, opts, Math.min(opts.timeoutMs, s.left())), s.cut]).catch((err: NodeJS.ErrnoException) => {
    s.phase('tls', false);
    const plain = /wrong version number|packet length too long|unknown protocol|http request|record layer failure/i.test(err.message);
    throw new PhaseError({ phase: 'tls', kind: plain ? 'tls-mode-plain' : err.code === 'ETIMEOUT' ? 'timeout' : 'tls', code: err.code ?? 'ERROR', message: err.message });
  });
  result.tls = describeTls(tlsSocket, s.servername, 'implicit');
  s.phase('tls', true);
  s.note('*', `TLS ${result.tls.protocol} ${result.tls.cipher}`);
  s.socket = tlsSocket;
  if (acceptable(result.tls, opts)) return true;
  result.stoppedAtTls = true;
  tlsSocket.destroy();
  return false;
}

/**
 * Greeting, EHLO and STARTTLS, on nodemailer's connection over our socket (it runs them in one call:
 * their durations come from the transcript). False when the session stops after them: a certificate a
 * client would refuse, or an unencrypted session that may carry neither a credential nor, with
 * --require-tls, anything at all.
 */
async function dialoguePhase(s: Session): Promise<boolean> {
  const { opts, result, implicit, servername } = s;
  const sessionStart = s.at();
  const c = new SMTPConnection({
    connection: s.socket,
    secured: implicit,
    host: opts.host,
    port: opts.port,
    name: opts.ehloName,
    ignoreTLS: opts.security === 'none',
    opportunisticTLS: true,
    greetingTimeout: opts.timeoutMs,
    socketTimeout: opts.timeoutMs,
    connectionTimeout: opts.timeoutMs,
    tls: { rejectUnauthorized: false, ...LEGACY_TLS, ...(servername ? { servername } : {}), ...trust(opts) },
    transactionLog: true,
    logger: transcriptLogger(s.note, s.clean),
  } as SMTPConnection.Options);
  s.conn = c;
  guardCommands(c);
  const closed = new Promise<never>((_, reject) => {
    c.on('error', (err) => reject(err));
    c.on('end', () => reject(Object.assign(new Error('the server closed the connection'), { code: 'ECONNECTION' })));
  });
  closed.catch(() => {});
  s.closed = closed;

  try {
    await s.step(Promise.race([new Promise<void>((resolve) => c.connect(() => resolve())), closed]), 'the greeting and EHLO');
  } catch (err) {
    const failure = await greetingFailure(err as SmtpError, result, opts, servername, s.reply, s.left);
    s.phase(failure.phase, false);
    throw new PhaseError(failure);
  }
  splitEhlo(result, implicit);
  const refused = starttlsRefusal(result.transcript);
  if (refused) result.starttlsRefused = refused;
  for (const [name, ms] of dialoguePhases(result.transcript, sessionStart)) result.phases.push({ name, ok: !(name === 'starttls' && refused), ms });
  s.restartClock();

  if (isSecure(c) && !implicit) {
    result.tls = describeTls(upgradedSocket(c)!, servername, 'starttls');
    if (!acceptable(result.tls, opts)) {
      result.stoppedAtTls = true;
      return false;
    }
  }

  // A credential never travels on an unencrypted session unless the user asked for it; with
  // --require-tls nothing at all does (no login, no envelope): QUIT is the only command left.
  const user = opts.credential?.user;
  if (!result.tls && (opts.requireTls || (user !== undefined && !opts.allowCleartextAuth))) {
    if (user !== undefined) {
      result.auth = { user, ok: false, withheld: opts.requireTls ? 'require-tls' : 'cleartext' };
      result.phases.push({ name: 'auth', ok: false, ms: 0, skipped: true });
    }
    result.stoppedPlain = true;
    return false;
  }
  return true;
}

/** The login, by the credential's method; false when it was refused (the session ends there). */
async function authPhase(s: Session): Promise<boolean> {
  const credential = s.opts.credential;
  if (!credential) return true;
  return credential.method === 'oauth2' ? oauth2Login(s, credential) : passwordLogin(s, credential);
}

/** XOAUTH2 or OAUTHBEARER, as the server offers; a refusal's reason comes in a 334 challenge. */
async function oauth2Login(s: Session, { user, token }: Extract<Credential, { method: 'oauth2' }>): Promise<boolean> {
  const { opts, result } = s;
  const c = s.conn!;
  const mechanism = pickMechanism(result.ehlo?.auth ?? []);
  if (!mechanism) {
    result.auth = { user, ok: false };
    return true;
  }
  let refusal: OAuthRefusal | null = null;
  try {
    const first = await command(c, s.closed!, s.step, `AUTH ${mechanism} ${saslResponse(mechanism, user, token, opts.host, opts.port)}`, 'auth');
    let last = first;
    // A refusal comes as a 334 challenge holding the reason; the client answers it to end the exchange.
    if (first.startsWith('334')) {
      refusal = decodeRefusal(first.slice(4));
      last = await command(c, s.closed!, s.step, mechanism === 'XOAUTH2' ? '' : 'AQ==', 'auth');
    }
    const ok = last.startsWith('235');
    result.auth = { user, ok, mechanism, ...(ok ? {} : { reply: s.reply(last) }), ...(refusal ? { oauth2: refusal } : {}) };
    s.phase('auth', ok);
    return ok;
  } catch (err) {
    s.phase('auth', false);
    result.auth = { user, ok: false, mechanism, ...(refusal ? { oauth2: refusal } : {}) };
    throw err;
  }
}

/** A password, by nodemailer's own login (PLAIN or LOGIN, as the server offers). */
async function passwordLogin(s: Session, { user, password }: Extract<Credential, { method: 'password' }>): Promise<boolean> {
  const { result } = s;
  const c = s.conn!;
  if (!c.allowsAuth) {
    result.auth = { user, ok: false };
    return true;
  }
  try {
    await s.step(Promise.race([new Promise<void>((resolve, reject) => c.login({ user, pass: password ?? '' }, (err) => (err ? reject(err) : resolve()))), s.closed!]), 'AUTH');
    result.auth = { user, ok: true, mechanism: authMechanism(result.transcript) };
    s.phase('auth', true);
    return true;
  } catch (err) {
    s.phase('auth', false);
    const e = err as SmtpError;
    result.auth = { user, ok: false, mechanism: authMechanism(result.transcript), ...(e.response ? { reply: s.reply(e.response) } : {}) };
    if (!e.response) throw new PhaseError(socketFailure('auth', e));
    return false;
  }
}

/** MAIL FROM / RCPT TO, then RSET (nothing delivered), or the test message (--send). */
async function envelopePhase(s: Session): Promise<void> {
  const { opts, result } = s;
  const c = s.conn!;
  const user = opts.credential?.user;
  const from = opts.from ?? (user?.includes('@') ? user : undefined);
  if (!from) return;
  const to = opts.to ?? from;
  if (opts.send) {
    await sendTestMessage(c, s.closed!, s.step, result, opts, from, to, s.reply);
    s.phase('data', Boolean(result.message?.accepted));
    return;
  }
  const mail = s.reply(await command(c, s.closed!, s.step, `MAIL FROM:<${from}>`));
  result.sender = { address: from, accepted: mail.code.startsWith('2'), command: 'MAIL FROM', reply: mail };
  s.phase('mail', result.sender.accepted);
  if (!result.sender.accepted) return;
  const rcpt = s.reply(await command(c, s.closed!, s.step, `RCPT TO:<${to}>`));
  result.recipient = { address: to, accepted: rcpt.code.startsWith('2'), command: 'RCPT TO', reply: rcpt };
  s.phase('rcpt', result.recipient.accepted);
  await command(c, s.closed!, s.step, 'RSET').catch(() => '');
}

type Step = <T>(p: Promise<T>, what: string, code?: string) => Promise<T>;

interface SmtpError extends Error {
  code?: string;
  originalCode?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

/** Every form a credential of this session takes on the wire: the password's, and the token's in both SASL strings. */
function secretsOf(opts: ProbeOptions): string[] {
  const c = opts.credential;
  if (!c) return [];
  const forms = c.method === 'password' ? secretForms(c.user, c.password) : [...secretForms(c.user, c.token), ...(['XOAUTH2', 'OAUTHBEARER'] as const).map((m) => saslResponse(m, c.user, c.token, opts.host, opts.port))];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

function finish(result: ProbeResult, opts: ProbeOptions, conn?: SMTPConnection): ProbeResult {
  if (conn) {
    try {
      conn.quit();
    } catch {
      /* already closed */
    }
    setTimeout(() => conn.close(), 200).unref();
  }
  // The password and the token never leave the probe, in any encoding.
  return redactDeep(result, secretsOf(opts));
}

function connectTcp(addresses: string[], port: number, timeout: () => number, onAddress: (a: string) => void): Promise<net.Socket> {
  const tryOne = (i: number): Promise<net.Socket> =>
    new Promise<net.Socket>((resolve, reject) => {
      const address = addresses[i]!;
      const timeoutMs = timeout();
      onAddress(address);
      const s = net.connect({ host: address, port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(Object.assign(new Error(`no answer from ${address}:${port} within ${secondsOf(timeoutMs)} s`), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      s.once('connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    }).catch((err) => (i + 1 < addresses.length ? tryOne(i + 1) : Promise.reject(err)));
  return tryOne(0);
}

function handshake(socket: net.Socket, servername: string | null, opts: ProbeOptions, timeoutMs: number): Promise<tls.TLSSocket> {
  return withTimeout(
    new Promise<tls.TLSSocket>((resolve, reject) => {
      const t = tls.connect({
        socket,
        rejectUnauthorized: false,
        ...LEGACY_TLS,
        ...(servername ? { servername } : {}),
        ...trust(opts),
      });
      t.once('secureConnect', () => {
        t.removeAllListeners('error');
        resolve(t);
      });
      t.once('error', reject);
    }),
    timeoutMs,
    () => {
      socket.destroy();
      return Object.assign(new Error(`TLS handshake not finished within ${secondsOf(timeoutMs)} s`), { code: 'ETIMEOUT' });
    },
  );
}

function describeTls(s: tls.TLSSocket, servername: string | null, mode: TlsInfo['mode']): TlsInfo {
  const cert = s.getPeerCertificate(false);
  const altNames = (cert.subjectaltname ?? '')
    .split(/,\s*/)
    .filter(Boolean)
    .map((n) => n.replace(/^(DNS|IP Address):/, ''));
  const validTo = new Date(cert.valid_to);
  const name = servername ?? s.remoteAddress ?? '';
  const hostnameMatch = cert.subject ? tls.checkServerIdentity(name, cert) === undefined : false;
  const cn = (x: tls.PeerCertificate['subject'] | undefined) => (x ? (x.CN ?? x.O ?? Object.values(x).join(', ')) : '');
  const info: TlsInfo = {
    protocol: s.getProtocol() ?? 'unknown',
    cipher: s.getCipher()?.name ?? 'unknown',
    subject: String(cn(cert.subject)),
    altNames,
    issuer: String(cn(cert.issuer)),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
    selfSigned: cert.fingerprint256 === (cert as tls.DetailedPeerCertificate).issuerCertificate?.fingerprint256 || JSON.stringify(cert.subject) === JSON.stringify(cert.issuer),
    // Node also marks a wrong name as unauthorized; the chain itself is what "trusted" means here.
    trusted: s.authorized || String(s.authorizationError) === 'ERR_TLS_CERT_ALTNAME_INVALID',
    servername,
    hostnameMatch,
    mode,
  };
  if (!info.trusted && s.authorizationError) info.trustError = String(s.authorizationError);
  return info;
}

/** Whether a real client would go on: trusted, in date, and for this name, unless --insecure. */
function acceptable(t: TlsInfo, opts: ProbeOptions): boolean {
  return opts.insecure || (t.trusted && t.hostnameMatch);
}

/** Routes nodemailer's transaction log into the transcript; AUTH payloads never reach it, and each server reply is redacted whole. */
function transcriptLogger(note: (dir: TranscriptLine['dir'], text: string) => void, clean: (text: string) => string) {
  let inAuth = false;
  const log = (entry: { tnx?: string }, message: string, ...args: unknown[]) => {
    let text = String(message);
    let i = 0;
    text = text.replace(/%[sdj%]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
    if (entry?.tnx === 'client') {
      if (/^AUTH\s/i.test(text)) {
        inAuth = true;
        const [, mech] = text.match(/^AUTH\s+(\S+)/i) ?? [];
        note('C', `AUTH ${mech ?? ''} ${REDACTED}`.trim());
      } else note('C', inAuth ? REDACTED : text);
    } else if (entry?.tnx === 'server') {
      if (inAuth && !/^334[ -]/.test(text)) inAuth = false;
      note('S', inAuth ? clean(text).replace(/^(334[ -]?).*/gm, `$1${REDACTED}`) : clean(text));
    }
  };
  return { debug: log, info: () => {}, warn: () => {}, error: () => {}, trace: () => {}, fatal: () => {}, level: () => {} };
}

function parseEhlo(lines: string[]): Ehlo {
  const extensions = lines.slice(1).map((l) => l.replace(/^250[ -]/, '').trim());
  const authLine = extensions.find((e) => /^AUTH[ =]/i.test(e));
  return {
    extensions,
    auth: authLine ? authLine.replace(/^AUTH[ =]/i, '').trim().toUpperCase().split(/\s+/) : [],
    starttls: extensions.some((e) => /^STARTTLS$/i.test(e)),
    size: Number(extensions.find((e) => /^SIZE\b/i.test(e))?.split(/\s+/)[1]) || null,
  };
}

/** EHLO replies from the transcript: the first (before STARTTLS) and the last (the session used). */
function splitEhlo(result: ProbeResult, implicit: boolean): void {
  const t = result.transcript;
  const replies: string[][] = [];
  t.forEach((line, i) => {
    if (line.dir !== 'C' || !/^EHLO /i.test(line.text)) return;
    const reply: string[] = [];
    for (let j = i + 1; j < t.length && t[j]!.dir === 'S'; j++) {
      reply.push(t[j]!.text);
      if (/^\d{3} /.test(t[j]!.text)) break;
    }
    replies.push(reply);
  });
  const greeting = t.find((l) => l.dir === 'S');
  if (greeting) result.greeting = parseReply(greeting.text);
  if (!replies.length) return;
  result.ehlo = parseEhlo(replies[replies.length - 1]!);
  if (!implicit) result.ehloPlain = parseEhlo(replies[0]!);
}

/** Greeting, EHLO and STARTTLS (with its second EHLO) durations, from when their replies ended. */
function dialoguePhases(t: TranscriptLine[], start: number): Array<[PhaseName, number]> {
  const ends = (from: number) => t.findIndex((l, i) => i >= from && l.dir === 'S' && /^\d{3} /.test(l.text));
  const greeting = ends(0);
  if (greeting < 0) return [];
  const out: Array<[PhaseName, number]> = [['greeting', t[greeting]!.ms - start]];
  const firstEhlo = ends(greeting + 1);
  if (firstEhlo < 0) return out;
  out.push(['ehlo', t[firstEhlo]!.ms - t[greeting]!.ms]);
  const starttls = t.findIndex((l) => l.dir === 'C' && /^STARTTLS$/i.test(l.text));
  if (starttls >= 0) {
    const last = t.length - 1 - [...t].reverse().findIndex((l) => l.dir === 'S' && /^\d{3} /.test(l.text));
    out.push(['starttls', t[last]!.ms - t[firstEhlo]!.ms]);
  }
  return out;
}

/** The server's reply to STARTTLS when it was not 220 (offered, then refused: 454 TLS not available). */
function starttlsRefusal(t: TranscriptLine[]): SmtpReply | undefined {
  const i = t.findIndex((l) => l.dir === 'C' && /^STARTTLS$/i.test(l.text));
  if (i < 0) return undefined;
  const lines: string[] = [];
  for (let j = i + 1; j < t.length && t[j]!.dir === 'S'; j++) {
    lines.push(t[j]!.text);
    if (/^\d{3}(?: |$)/.test(t[j]!.text)) break;
  }
  const reply = parseReply(lines.join('\n'));
  return reply.code && !reply.code.startsWith('2') ? reply : undefined;
}

function authMechanism(t: TranscriptLine[]): string | undefined {
  const line = [...t].reverse().find((l) => l.dir === 'C' && /^AUTH /i.test(l.text));
  return line?.text.split(/\s+/)[1];
}

/** One command and its reply, within the step's time, with a lost connection told as a failure of its phase. */
function command(conn: SMTPConnection, closed: Promise<never>, step: Step, line: string, phase?: PhaseName): Promise<string> {
  return step(Promise.race([sendCommand(conn, line), closed]), phase === 'auth' ? 'AUTH' : line.split(':')[0]!).catch(
    (err: SmtpError) => {
      throw new PhaseError(socketFailure(phase ?? (line.startsWith('RCPT') ? 'rcpt' : line.startsWith('MAIL') ? 'mail' : 'quit'), err));
    },
  );
}

function socketFailure(phase: PhaseName, e: SmtpError): Failure {
  const timeout = e.code === 'ETIMEDOUT' || e.code === 'EBOUND';
  // EPROTOCOL without a reply: nodemailer gave up on what the server sent (over its size limit, or endless).
  return { phase, kind: timeout ? 'timeout' : e.code === 'EPROTOCOL' ? 'protocol' : 'closed', code: e.code ?? 'ERROR', ...(e.originalCode ? { originalCode: e.originalCode } : {}), ...(e.command ? { command: e.command } : {}), message: e.message };
}

async function greetingFailure(e: SmtpError, result: ProbeResult, opts: ProbeOptions, servername: string | null, parseReply: (text: string) => SmtpReply, left: () => number): Promise<Failure> {
  const base = { phase: 'greeting' as const, code: e.code ?? 'ERROR', ...(e.originalCode ? { originalCode: e.originalCode } : {}), ...(e.command ? { command: e.command } : {}) };
  if (e.response) {
    const reply = parseReply(e.response);
    if (/^[45]\d\d$/.test(reply.code)) return { ...base, kind: 'greeting-refused', reply, message: e.message };
    if (e.code === 'ETLS' || /STARTTLS/i.test(e.command ?? '')) return { ...base, phase: 'starttls', kind: 'tls', reply, message: e.message };
    return { ...base, kind: 'protocol', reply, message: e.message };
  }
  if (e.code === 'ETLS' || e.code === 'UPGRADE_TIMEOUT' || /TLS|SSL/i.test(e.message)) return { ...base, phase: 'starttls', kind: 'tls', message: e.message };
  if (e.code === 'ETIMEDOUT' && !result.transcript.some((l) => l.dir === 'S')) {
    // Silence: a port that waits for a TLS ClientHello looks exactly like this. Ask it directly.
    if (await speaksImplicitTls(result.address!, opts, servername, Math.min(TLS_CHECK_MS, left()))) return { ...base, phase: 'greeting', kind: 'tls-mode-implicit', message: e.message };
    return { ...base, kind: 'greeting-timeout', message: e.message };
  }
  // A timeout after some greeting, a greeting nodemailer refused to read on, or a closed connection: at
  // the step the dialogue had reached.
  return socketFailure(dialogueAt(result.transcript), e);
}

/** Where the greeting-to-EHLO dialogue stood: the last command the client sent. */
function dialogueAt(t: TranscriptLine[]): PhaseName {
  const last = [...t].reverse().find((l) => l.dir === 'C')?.text.split(' ')[0]?.toUpperCase();
  return last === 'EHLO' || last === 'HELO' ? 'ehlo' : last === 'STARTTLS' ? 'starttls' : 'greeting';
}

/** A port that waits for a ClientHello answers it within a round trip: a short look is enough. */
const TLS_CHECK_MS = 1000;

async function speaksImplicitTls(address: string, opts: ProbeOptions, servername: string | null, timeoutMs: number): Promise<boolean> {
  try {
    const s = await connectTcp([address], opts.port, () => timeoutMs, () => {});
    const t = await handshake(s, servername, opts, timeoutMs);
    t.destroy();
    return true;
  } catch {
    return false;
  }
}

async function sendTestMessage(c: SMTPConnection, closed: Promise<never>, step: Step, result: ProbeResult, opts: ProbeOptions, from: string, to: string, parseReply: (text: string) => SmtpReply): Promise<void> {
  const domain = from.split('@').pop() ?? 'maildiag.invalid';
  const messageId = `<${Date.now().toString(36)}.${randomBytes(8).toString('hex')}@${domain}>`;
  const message = [
    `From: <${from}>`,
    `To: <${to}>`,
    `Subject: maildiag test message`,
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    `X-Mailer: maildiag/${opts.version} (smtp-test)`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This is a test message sent by maildiag smtp-test through ${opts.host}:${opts.port}${opts.credential ? ` with the login ${opts.credential.user}` : ''}.`,
    'If it reached you, this account can send mail. Nothing else needs to be done with it.',
    '',
  ].join('\r\n');
  try {
    const info = await step(Promise.race([new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) => c.send({ from, to: [to] }, message, (err, i) => (err ? reject(err) : resolve(i)))), closed]), 'the test message');
    const reply = parseReply(info.response ?? '');
    result.message = { accepted: true, to, reply, queueId: queueIdOf(reply.text), messageId };
  } catch (err) {
    const e = err as SmtpError;
    if (!e.response) throw new PhaseError(socketFailure('data', e));
    const reply = parseReply(e.response);
    const cmd = e.command ?? 'DATA';
    if (cmd === 'MAIL FROM') result.sender = { address: from, accepted: false, command: 'MAIL FROM', reply };
    else if (cmd === 'RCPT TO') result.recipient = { address: to, accepted: false, command: 'RCPT TO', reply };
    result.message = { accepted: false, to, reply, queueId: null, messageId, command: cmd };
  }
}

/** Queue ids as Postfix, Exim, Microsoft 365, Gmail and others word them. */
export function queueIdOf(text: string): string | null {
  const m = text.match(/queued as ([A-Za-z0-9.-]+)/i) ?? text.match(/\bid=([A-Za-z0-9.-]+)/i) ?? text.match(/<([^>]+)>\s*\[InternalId=/) ?? text.match(/\bOK\s+\d+\s+([A-Za-z0-9.-]+)\s+-\s+gsmtp/i);
  return m?.[1] ?? null;
}

