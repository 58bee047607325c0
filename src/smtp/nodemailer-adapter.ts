/**
 * Every use of nodemailer's SMTPConnection that its public API does not offer, in one place: the TLS
 * socket after STARTTLS, a command written under our guard, one command and its reply on nodemailer's
 * own response queue (it has no public MAIL/RCPT without DATA). test/smtp/nodemailer-contract.test.ts
 * fails loudly when an upgrade of nodemailer changes any of these members.
 */
import type tls from 'node:tls';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import { isOneLine } from './wire-values.js';

/** The private members used here, as nodemailer 10 has them. */
interface Internals {
  /** The socket in use: the TLS socket once STARTTLS succeeded. */
  _socket: tls.TLSSocket | false;
  /** Callbacks waiting for the next server replies, in order. */
  _responseActions: Array<(reply: string) => void>;
  /** Writes one command line (logged as `logStr` when given). */
  _sendCommand: (str: string, logStr?: string) => void;
  /** Whether the session is encrypted (implicit TLS or STARTTLS). */
  secure: boolean;
}

export const PRIVATE_MEMBERS = ['_socket', '_responseActions', '_sendCommand', 'secure'] as const satisfies ReadonlyArray<keyof Internals>;

const internals = (conn: SMTPConnection) => conn as unknown as Internals;

/** Whether the dialogue runs encrypted (nodemailer upgraded it by STARTTLS, or it began on TLS). */
export function isSecure(conn: SMTPConnection): boolean {
  return internals(conn).secure;
}

/** The TLS socket nodemailer holds after STARTTLS (undefined before it). */
export function upgradedSocket(conn: SMTPConnection): tls.TLSSocket | undefined {
  return internals(conn)._socket || undefined;
}

/**
 * The last guard, under every command nodemailer or the probe writes: a line with CR, LF or NUL would
 * carry commands of its own (values are checked before connecting; this catches any that was not).
 */
export function guardCommands(conn: SMTPConnection): void {
  const c = internals(conn);
  const send = c._sendCommand.bind(conn);
  c._sendCommand = (str: string, logStr?: string) => {
    if (isOneLine(String(str))) return send(str, logStr);
    conn.emit('error', Object.assign(new Error('maildiag refused to send a command containing CR, LF or NUL'), { code: 'EUNSAFE' }));
    conn.close();
  };
}

/** Writes one command line and resolves with the server's whole reply to it. */
export function sendCommand(conn: SMTPConnection, line: string): Promise<string> {
  const c = internals(conn);
  return new Promise<string>((resolve) => {
    c._responseActions.push((s: string) => resolve(s));
    c._sendCommand(line);
  });
}
