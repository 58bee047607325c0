/**
 * Real SMTP servers (nodemailer's smtp-server) on 127.0.0.1, port 0: implicit TLS, STARTTLS or plain,
 * with AUTH, sender restrictions as Postfix and Microsoft 365 word them, and a record of what arrived.
 */
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { TestCert } from './certs.js';

export interface ReceivedMessage {
  from: string;
  to: string[];
  user?: string;
  raw: string;
}

export interface SmtpTestServer {
  host: string;
  port: number;
  messages: ReceivedMessage[];
  /** Every command line that reached the server, in order (AUTH payloads as smtp-server masks them). */
  commands: string[];
  close(): Promise<void>;
}

export interface SmtpTestOptions {
  /** implicit: TLS from the first byte (port 465 style); starttls: plain then STARTTLS (587); plain: no TLS at all. */
  mode: 'implicit' | 'starttls' | 'plain';
  cert?: TestCert;
  /** login -> password; omit for a server that offers no AUTH. */
  users?: Record<string, string>;
  /** login -> the OAuth 2.0 access token it accepts (XOAUTH2 is offered with them). */
  tokens?: Record<string, string>;
  /** Offer AUTH before STARTTLS (a risky server). */
  allowInsecureAuth?: boolean;
  /** The only MAIL FROM each login may use; others get Postfix's 553 5.7.1 "not owned by user". */
  senders?: Record<string, string[]>;
  /** Refuse the sender after DATA, as Microsoft 365 does (554 5.2.252 SendAsDenied). */
  sendAsDeniedAfterData?: boolean;
  /** Refuse the sender only at RCPT TO, as Postfix's reject_sender_login_mismatch does. */
  senderCheckAtRcpt?: boolean;
  /** TLS versions the server accepts (to model an outdated server). */
  minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2';
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
  /** Refuse every message after DATA with this reply text (content filters). */
  rejectDataWith?: string;
  /** Delay before the greeting, in ms (slow servers; --all concurrency). */
  greetingDelayMs?: number;
  /** Domains the server relays to; other recipients get 554 5.7.1 Relay access denied. */
  relayDomains?: string[];
  banner?: string;
  /** Where to listen (default 127.0.0.1, port 0): MX tests give each MX its own loopback address. */
  host?: string;
  port?: number;
}

export async function startSmtpServer(opts: SmtpTestOptions): Promise<SmtpTestServer> {
  const messages: ReceivedMessage[] = [];
  const commands: string[] = [];
  const quiet = () => {};
  const logger = {
    debug: (entry: { tnx?: string }, _prefix: string, line: unknown) => {
      if (entry?.tnx === 'command') commands.push(String(line));
    },
    info: quiet,
    warn: quiet,
    error: quiet,
    trace: quiet,
    fatal: quiet,
  };
  const withAuth = opts.users !== undefined;
  const owns = (session: SMTPServerSession, address: string) => {
    const user = session.user as string | undefined;
    if (!opts.senders || user === undefined) return true;
    return (opts.senders[user] ?? []).some((a) => a.toLowerCase() === address.toLowerCase());
  };

  const options: SMTPServerOptions = {
    secure: opts.mode === 'implicit',
    ...(opts.cert ? { key: opts.cert.key, cert: opts.cert.cert } : {}),
    disabledCommands: [...(opts.mode === 'plain' ? ['STARTTLS'] : []), ...(withAuth ? [] : ['AUTH'])],
    authMethods: opts.tokens ? ['XOAUTH2', 'PLAIN', 'LOGIN'] : ['PLAIN', 'LOGIN'],
    authOptional: !withAuth,
    allowInsecureAuth: opts.allowInsecureAuth ?? opts.mode === 'plain',
    banner: opts.banner ?? 'maildiag test server',
    name: 'smtp.test.example',
    size: 10 * 1024 * 1024,
    logger: logger as unknown as SMTPServerOptions['logger'],
    // smtp-server looks up the client's reverse DNS by default: that would reach the system resolver.
    disableReverseLookup: true,
    ...(opts.minVersion ? { minVersion: opts.minVersion, ciphers: 'DEFAULT:@SECLEVEL=0' } : {}),
    ...(opts.maxVersion ? { maxVersion: opts.maxVersion } : {}),
    ...(opts.greetingDelayMs
      ? {
          onConnect(_session: unknown, cb: (err?: Error) => void) {
            setTimeout(() => cb(), opts.greetingDelayMs);
          },
        }
      : {}),
    onAuth(auth, _session, cb) {
      if (auth.method === 'XOAUTH2') {
        if (opts.tokens?.[auth.username ?? ''] === auth.accessToken) return cb(null, { user: auth.username });
        // As Microsoft 365 and Google refuse a token: a 334 challenge holding the reason, then 535.
        return cb(null, { data: { status: '401', schemes: 'bearer', scope: 'https://outlook.office.com/SMTP.Send' } } as never);
      }
      if (withAuth && opts.users![auth.username ?? ''] === auth.password) return cb(null, { user: auth.username });
      const err = Object.assign(new Error('5.7.8 Error: authentication failed: authentication failure'), { responseCode: 535 });
      return cb(err);
    },
    onMailFrom(address, session, cb) {
      if (withAuth && !session.user) {
        return cb(Object.assign(new Error('5.7.0 Authentication required'), { responseCode: 530 }));
      }
      if (!opts.sendAsDeniedAfterData && !opts.senderCheckAtRcpt && !owns(session, address.address)) {
        // Postfix's reject_sender_login_mismatch arrives at RCPT TO; here as at MAIL FROM too, both are seen in the wild.
        return cb(Object.assign(new Error(`5.7.1 <${address.address}>: Sender address rejected: not owned by user ${String(session.user)}`), { responseCode: 553 }));
      }
      cb();
    },
    onRcptTo(address, session, cb) {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      if (opts.senderCheckAtRcpt && !owns(session, from)) {
        return cb(Object.assign(new Error(`5.7.1 <${from}>: Sender address rejected: not owned by user ${String(session.user)}`), { responseCode: 553 }));
      }
      const domain = address.address.split('@').pop()?.toLowerCase() ?? '';
      if (opts.relayDomains && !opts.relayDomains.includes(domain)) {
        return cb(Object.assign(new Error(`5.7.1 <${address.address}>: Relay access denied`), { responseCode: 554 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        if (opts.rejectDataWith) return cb(Object.assign(new Error(opts.rejectDataWith), { responseCode: 550 }));
        if (opts.sendAsDeniedAfterData && !owns(session, from)) {
          const text =
            '5.2.252 SendAsDenied; ' +
            `${String(session.user)} not allowed to send as ${from}; STOREDRV.Submission.Exception:SendAsDeniedException.MapiExceptionSendAsDenied`;
          return cb(Object.assign(new Error(text), { responseCode: 554 }));
        }
        messages.push({
          from,
          to: session.envelope.rcptTo.map((r) => r.address),
          ...(session.user ? { user: String(session.user) } : {}),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb(null, `2.0.0 Ok: queued as TEST${messages.length.toString().padStart(6, '0')}`);
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    host: opts.host ?? '127.0.0.1',
    port,
    messages,
    commands,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
