/** Pure: findings from what the SMTP probe observed. */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import type { AuthCause } from '../core/catalogue/smtp.js';
import type { ProbeResult, SmtpReply } from './types.js';
import { reason, textReason } from '../core/catalogue/reasons.js';

export interface CheckOptions {
  requireTls: boolean;
  insecure: boolean;
  /** The configured encryption was chosen explicitly (not auto). */
  explicitSecurity: boolean;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

/**
 * Known refusals of a login, as providers word them: one row each, first match wins, so a new provider's
 * reply is one more row. Matched against "code enhanced-code text".
 */
export const AUTH_REPLIES: ReadonlyArray<{ cause: AuthCause; match: RegExp }> = [
  // Microsoft 365: basic authentication off for the tenant (the default from end of 2026), or removed.
  { cause: 'm365-basic-auth-disabled', match: /5\.7\.139.*basic authentication is disabled|5\.7\.30\b|Basic authentication is not supported for Client Submission/i },
  // Microsoft 365: SMTP AUTH off for the tenant or the mailbox.
  { cause: 'm365-smtp-auth-disabled', match: /5\.7\.139|SmtpClientAuthentication is disabled|SMTP AUTH is disabled/i },
  { cause: 'google-app-password', match: /5\.7\.9\b|Application-specific password required|InvalidSecondFactor/i },
  { cause: 'google-bad-credentials', match: /5\.7\.8.*(gsmtp|BadCredentials)|Username and Password not accepted/i },
  { cause: 'm365-bad-credentials', match: /5\.7\.3\b|Authentication unsuccessful/i },
  { cause: 'encryption-required', match: /^538|5\.7\.11|encryption required|Must issue a STARTTLS command first/i },
  // Google's "454-4.7.0 Too many login attempts", and other temporary refusals.
  { cause: 'temporary', match: /^454|4\.7\.0|temporar|Too many login attempts/i },
];

/** The known cause behind an AUTH refusal; the catalogue words each (smtp.auth-failed, smtp.auth-basic-disabled). */
export function authCause(reply: SmtpReply | undefined): AuthCause {
  const t = `${reply?.code ?? ''} ${reply?.enhanced ?? ''} ${reply?.text ?? ''}`.trim();
  return AUTH_REPLIES.find((r) => r.match.test(t))?.cause ?? 'credentials';
}

/** A refused MAIL FROM is the sender; a refused RCPT TO may still be about the sender (Postfix reject_sender_login_mismatch). */
export function refusesSender(reply: SmtpReply | undefined, command: string): boolean {
  if (command === 'MAIL FROM') return true;
  const t = `${reply?.enhanced ?? ''} ${reply?.text ?? ''}`;
  return /sender address rejected|not owned by (the )?user|SendAsDenied|not allowed to send as|send ?as (permission|denied)|5\.7\.60\b|5\.2\.252|5\.1\.[78]\b|sender (is )?not (allowed|authorized|permitted)/i.test(t);
}

export function checkProbe(r: ProbeResult, o: CheckOptions): Finding[] {
  const out: Finding[] = [];
  const server = `${r.host}:${r.port}`;
  const f = r.failure;
  const replyArgs = (reply: SmtpReply | undefined) => ({ code: reply?.code || '—', reply: reply?.text ?? '' });

  if (f?.kind === 'dns') {
    const why = f.code === 'ENOTFOUND' ? reason('net.no-host') : f.code === 'ENODATA' ? reason('net.host-no-address') : textReason(f.message);
    return [finding('smtp.dns-failed', r.host, { server, host: r.host, reason: why })];
  }
  if (f?.kind === 'refused') return [finding('smtp.connect-refused', server, { server, reason: f.code ?? f.message })];
  if (f?.kind === 'connect-timeout') return [finding('smtp.connect-timeout', server, { server, seconds: seconds(r.timeoutMs), port: r.port })];

  // TLS, wherever it came from.
  if (f?.kind === 'tls-mode-plain') out.push(finding('smtp.tls-mode-mismatch', server, { server, speaks: 'plain SMTP', use: '--security starttls' }));
  if (f?.kind === 'tls-mode-implicit') out.push(finding('smtp.tls-mode-mismatch', server, { server, speaks: 'implicit TLS', use: '--security tls' }));
  if (f?.kind === 'tls') out.push(finding('smtp.tls-failed', server, { server, reason: f.reply ? `${f.reply.code} ${f.reply.text}` : f.message }));
  if (r.tls) {
    const t = r.tls;
    const sev = o.insecure ? { severity: 'warning' as const } : {};
    const expired = t.daysLeft < 0 || t.trustError === 'CERT_HAS_EXPIRED';
    if (expired) out.push(finding('smtp.cert-expired', server, { server, validTo: t.validTo.slice(0, 10), insecure: o.insecure }, sev));
    else if (!t.trusted) out.push(finding('smtp.cert-untrusted', server, { server, issuer: t.issuer, reason: trustReason(t.trustError, t.selfSigned), insecure: o.insecure }, sev));
    if (!t.hostnameMatch) out.push(finding('smtp.cert-hostname-mismatch', server, { server, servername: t.servername ?? r.host, names: t.altNames.length ? t.altNames : [t.subject], insecure: o.insecure }, sev));
    if (!expired && t.daysLeft < 14) out.push(finding('smtp.cert-expiring', server, { server, validTo: t.validTo.slice(0, 10), daysLeft: t.daysLeft }));
    if (/^TLSv1(\.1)?$/.test(t.protocol)) out.push(finding('smtp.tls-outdated', server, { server, protocol: t.protocol }));
    if (t.trusted && t.hostnameMatch && !expired) out.push(finding('smtp.tls-ok', server, { server, protocol: t.protocol, cipher: t.cipher, daysLeft: t.daysLeft }));
  }
  if (r.stoppedAtTls) return out;

  if (f?.kind === 'greeting-timeout') return [...out, finding('smtp.greeting-timeout', server, { server, seconds: seconds(r.timeoutMs) })];
  if (f?.kind === 'greeting-refused') return [...out, finding('smtp.greeting-refused', server, { server, ...replyArgs(f.reply) })];
  if (f?.kind === 'protocol') return [...out, finding('smtp.protocol-error', server, { server, phase: f.phase, reply: f.reply?.text ?? f.message })];
  if (f && (f.kind === 'closed' || f.kind === 'timeout')) {
    const reason = f.code === 'EBOUND' || f.code === 'EINTERRUPTED' ? f.message : f.kind === 'timeout' ? `no complete reply within ${seconds(r.timeoutMs)} s` : f.message;
    out.push(finding('smtp.connection-lost', server, { server, phase: f.command ?? f.phase, reason }));
  }
  if (f && f.kind !== 'closed' && f.kind !== 'timeout') return out;

  // Encryption of the session that carried the password.
  const encrypted = Boolean(r.tls);
  if (!encrypted && r.ehlo) {
    if (r.starttlsRefused) out.push(finding('smtp.starttls-refused', server, { server, ...replyArgs(r.starttlsRefused) }));
    else if (r.security !== 'none') out.push(finding('smtp.starttls-missing', server, { server, required: o.requireTls }, o.explicitSecurity ? { severity: 'error' } : {}));
    if (o.requireTls) out.push(finding('smtp.tls-required', server, { server }));
  }
  // AUTH listed on the plaintext EHLO: a client that does not insist on TLS may send the password in clear.
  if (r.ehloPlain?.auth.length) out.push(finding('smtp.auth-cleartext', server, { server, mechanisms: r.ehloPlain.auth }));

  if (r.auth?.withheld === 'cleartext') out.push(finding('smtp.auth-cleartext-blocked', server, { server, user: r.auth.user }));
  else if (r.auth?.withheld) {
    // --require-tls: smtp.tls-required above says why nothing was sent.
  } else if (r.auth) {
    if (r.auth.ok) out.push(finding('smtp.auth-ok', server, { server, user: r.auth.user, mechanism: r.auth.mechanism ?? 'AUTH' }));
    else if (!r.auth.reply) out.push(finding('smtp.auth-unsupported', server, { server, offered: r.ehlo?.auth ?? [] }));
    else if (r.auth.mechanism === 'XOAUTH2' || r.auth.mechanism === 'OAUTHBEARER') {
      out.push(finding('smtp.oauth2-failed', server, { server, user: r.auth.user, mechanism: r.auth.mechanism, ...replyArgs(r.auth.reply), status: r.auth.oauth2?.status ?? null, scope: r.auth.oauth2?.scope ?? null }));
    }
    else {
      const cause = authCause(r.auth.reply);
      if (cause === 'm365-basic-auth-disabled') out.push(finding('smtp.auth-basic-disabled', server, { server, user: r.auth.user, ...replyArgs(r.auth.reply) }));
      else out.push(finding('smtp.auth-failed', server, { server, user: r.auth.user, ...replyArgs(r.auth.reply), cause }));
    }
  } else if (r.ehlo && !f) {
    out.push(finding('smtp.auth-skipped', server, { server }));
  }

  const user = r.auth?.ok ? r.auth.user : null;
  for (const env of [r.sender, r.recipient]) {
    if (!env) continue;
    if (env.accepted) {
      if (env.command === 'MAIL FROM') out.push(finding('smtp.sender-accepted', server, { server, from: env.address }));
      else if (!r.message) out.push(finding('smtp.recipient-accepted', server, { server, to: env.address }));
      continue;
    }
    if (refusesSender(env.reply, env.command)) {
      out.push(finding('smtp.sender-rejected', server, { server, from: r.sender?.address ?? env.address, user, command: env.command, ...replyArgs(env.reply) }));
    } else {
      out.push(finding('smtp.recipient-rejected', server, { server, to: env.address, ...replyArgs(env.reply) }));
    }
  }
  const m = r.message;
  if (m && m.accepted) out.push(finding('smtp.message-accepted', server, { server, to: m.to, reply: m.reply ? `${m.reply.code} ${m.reply.text}` : '', queueId: m.queueId, messageId: m.messageId }));
  if (m && !m.accepted && (m.command ?? 'DATA') === 'DATA') {
    if (refusesSender(m.reply, 'DATA')) out.push(finding('smtp.sender-rejected', server, { server, from: r.sender?.address ?? '', user, command: 'DATA', ...replyArgs(m.reply) }));
    else out.push(finding('smtp.message-rejected', server, { server, to: m.to, ...replyArgs(m.reply) }));
  }
  return out;
}

function trustReason(code: string | undefined, selfSigned: boolean): string {
  if (selfSigned || code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN') return 'self-signed';
  if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY') return 'issued by an unknown authority, or the server does not send the intermediate certificate';
  return code ?? 'not trusted';
}
