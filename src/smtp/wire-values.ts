/**
 * Every value smtp-test puts on the wire, checked against the grammar that allows it, before any
 * connection: a mailbox (RFC 5321 §4.1.2, with RFC 6531's UTF-8), an EHLO name (§4.1.1.1), a TLS
 * server name (RFC 6066 §3), an AUTH identity (RFC 4616: any UTF-8 but NUL). A CR or LF in any of them
 * would write commands of its own into the session.
 */
import { ipFamily } from '../core/ip-family.js';
import { domainToASCII } from 'node:url';
import { isHostName } from '../core/domain-name.js';

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls: never on the wire. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** atext (RFC 5322 §3.2.3) and, with SMTPUTF8, any non-ASCII character. */
const ATOM = String.raw`[A-Za-z0-9!#$%&'*+\-/=?^_\x60{|}~\u00a0-\u{10ffff}]+`;
const DOT_STRING = new RegExp(String.raw`^${ATOM}(?:\.${ATOM})*$`, 'u');
/** qtextSMTP / quoted-pairSMTP (RFC 5321 §4.1.2), with UTF-8 as RFC 6531 allows. */
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5b\x5d-\x7e\u00a0-\u{10ffff}]|\\[\x20-\x7e])*"$/u;

/** A domain as RFC 5321 writes it after "@" or in EHLO: a host name (IDN allowed) or an address literal. */
export function isSmtpDomain(text: string): boolean {
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1);
    if (ipFamily(inner) === 4) return true;
    return /^IPv6:/i.test(inner) && ipFamily(inner.slice(5)) === 6;
  }
  if (UNSAFE.test(text) || ipFamily(text)) return false;
  const ascii = /^[\x00-\x7f]*$/.test(text) ? text : domainToASCII(text.toLowerCase());
  return ascii.length <= 253 && isHostName(ascii.replace(/\.$/, ''));
}

/** Local-part "@" Domain, at most 64 octets before the "@" and 254 in all (RFC 5321 §4.5.3.1). */
export function isMailbox(text: string): boolean {
  if (UNSAFE.test(text) || Buffer.byteLength(text) > 254) return false;
  const at = text.lastIndexOf('@');
  if (at <= 0) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (Buffer.byteLength(local) > 64) return false;
  return (DOT_STRING.test(local) || QUOTED_STRING.test(local)) && isSmtpDomain(domain);
}

/** An AUTH identity: SASL takes any UTF-8 but NUL; a control character has no place in a login. */
export function isLogin(text: string): boolean {
  return text.length > 0 && Buffer.byteLength(text) <= 1024 && !UNSAFE.test(text);
}

/** A TLS server name: a host name, never an address (RFC 6066 §3). */
export function isServerName(text: string): boolean {
  return !text.startsWith('[') && !ipFamily(text) && isSmtpDomain(text);
}

/** The last guard, at the protocol layer: one command is one line. */
export function isOneLine(command: string): boolean {
  return !/[\r\n\0]/.test(command);
}

export type WireValue = 'mailbox' | 'ehlo' | 'servername' | 'login';

export const WIRE_CHECKS: Record<WireValue, (text: string) => boolean> = {
  mailbox: isMailbox,
  ehlo: isSmtpDomain,
  servername: isServerName,
  login: isLogin,
};
