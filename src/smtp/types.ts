/** What an SMTP probe observed, phase by phase: data only, checked by pure functions in check.ts. */

export type Security = 'auto' | 'tls' | 'starttls' | 'none';
export type PhaseName = 'dns' | 'connect' | 'tls' | 'greeting' | 'ehlo' | 'starttls' | 'auth' | 'mail' | 'rcpt' | 'data' | 'quit';

export interface Phase {
  name: PhaseName;
  ok: boolean;
  ms: number;
  /** Not attempted (the password would have travelled in clear). */
  skipped?: true;
}

export interface TranscriptLine {
  /** C: client, S: server, *: a note (TLS established, connection closed). */
  dir: 'C' | 'S' | '*';
  text: string;
  ms: number;
}

export interface TlsInfo {
  protocol: string;
  cipher: string;
  subject: string;
  altNames: string[];
  issuer: string;
  validFrom: string;
  validTo: string;
  daysLeft: number;
  selfSigned: boolean;
  trusted: boolean;
  /** OpenSSL's reason when not trusted (SELF_SIGNED_CERT_IN_CHAIN, CERT_HAS_EXPIRED...). */
  trustError?: string;
  servername: string | null;
  hostnameMatch: boolean;
  /** How TLS came: from the first byte (implicit, port 465) or by STARTTLS. */
  mode: 'implicit' | 'starttls';
}

export interface Ehlo {
  extensions: string[];
  auth: string[];
  starttls: boolean;
  size: number | null;
}

export interface SmtpReply {
  code: string;
  /** Enhanced status code (RFC 3463), e.g. 5.7.1. */
  enhanced: string | null;
  text: string;
}

export type FailureKind =
  | 'dns'
  | 'refused'
  | 'connect-timeout'
  | 'greeting-timeout'
  | 'greeting-refused'
  | 'protocol'
  | 'closed'
  | 'tls'
  | 'tls-mode-implicit'
  | 'tls-mode-plain'
  | 'auth'
  | 'envelope'
  | 'data'
  | 'timeout';

export interface Failure {
  phase: PhaseName;
  kind: FailureKind;
  /** nodemailer's or Node's error code, and the system code beneath it. */
  code?: string;
  originalCode?: string;
  command?: string;
  reply?: SmtpReply;
  message: string;
}

export interface EnvelopeResult {
  address: string;
  accepted: boolean;
  command: 'MAIL FROM' | 'RCPT TO' | 'DATA';
  reply?: SmtpReply;
}

export interface ProbeResult {
  host: string;
  port: number;
  security: Exclude<Security, 'auto'>;
  addresses: string[];
  address?: string;
  greeting?: SmtpReply;
  /** EHLO on the unencrypted session, before STARTTLS (what a passive listener saw). */
  ehloPlain?: Ehlo;
  /** EHLO on the session that was used (after STARTTLS, or the only one). */
  ehlo?: Ehlo;
  tls?: TlsInfo;
  /** STARTTLS was offered, then refused (454 TLS not available...): the session stayed unencrypted. */
  starttlsRefused?: SmtpReply;
  /** TLS was left unverified and the session stopped before AUTH (no --insecure). */
  stoppedAtTls?: boolean;
  /** withheld: the login was not sent, because the session was not encrypted (cleartext) or --require-tls. */
  auth?: { user: string; ok: boolean; mechanism?: string; reply?: SmtpReply; withheld?: 'cleartext' | 'require-tls'; oauth2?: import('./oauth2.js').OAuthRefusal };
  /** The session was not encrypted and stopped after EHLO: nothing but QUIT was sent. */
  stoppedPlain?: true;
  sender?: EnvelopeResult;
  recipient?: EnvelopeResult;
  message?: { accepted: boolean; to: string; reply?: SmtpReply; queueId: string | null; messageId: string; command?: string };
  phases: Phase[];
  transcript: TranscriptLine[];
  failure?: Failure;
  timeoutMs: number;
}

export function parseReply(text: string): SmtpReply {
  const lines = text.replace(/\r/g, '').trim().split('\n');
  const code = lines[0]?.match(/^(\d{3})/)?.[1] ?? '';
  const body = lines.map((l) => l.replace(/^\d{3}[ -]?/, '')).join(' ').trim();
  const enhanced = body.match(/^([245]\.\d{1,3}\.\d{1,3})\b/)?.[1] ?? null;
  return { code, enhanced, text: body };
}
