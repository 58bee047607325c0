import { spec } from './define.js';
import type { Reason } from './reasons.js';
import { reasonText } from './reason-words.js';

/** Why a login was refused, as the known replies tell it (smtp/check.ts's AUTH_REPLIES). */
export type AuthCause = 'm365-basic-auth-disabled' | 'm365-smtp-auth-disabled' | 'google-app-password' | 'google-bad-credentials' | 'm365-bad-credentials' | 'temporary' | 'encryption-required' | 'credentials';

/** What a support person should change, for each known cause of a refused login. */
const AUTH_CAUSES: Record<AuthCause, string> = {
  'm365-basic-auth-disabled': 'Microsoft 365 no longer accepts a password for SMTP here: log in with OAuth 2.0 (--oauth2-token-env), or send through a connector or relay.',
  'm365-smtp-auth-disabled':
    'Microsoft 365 has SMTP AUTH (basic authentication) disabled for this mailbox or tenant: enable "Authenticated SMTP" for the mailbox in the Microsoft 365 admin center, or send with OAuth / a connector.',
  'google-app-password': 'Google requires an app password for this account (2-step verification is on): create one under Google Account > Security > App passwords and use it instead of the account password.',
  'google-bad-credentials': 'Google refused the user name or password: check them, and use an app password if 2-step verification is on.',
  'm365-bad-credentials': 'Microsoft 365 refused the credentials: check the password, and that the mailbox is licensed and not blocked from signing in.',
  temporary: 'A temporary refusal: the server could not check the password now (or limits login attempts). Retry in a few minutes.',
  'encryption-required': 'The server accepts the password only over an encrypted session: use STARTTLS (587) or SSL/TLS (465).',
  credentials: 'Check the login (often the full e-mail address) and the password; an account with 2-step verification usually needs an app password.',
};

interface Where {
  server: string;
}
interface Reply extends Where {
  code: string;
  reply: string;
}

/** smtp-test: each phase of a submission session, and the account configuration file. */
export const smtpFindings = {
  'smtp.dns-failed': spec<Where & { host: string; reason: Reason }>({
    section: 'smtp',
    severity: 'error',
    aborts: true,
    title: 'SMTP host name does not resolve',
    message: (a) => `The host name ${a.host} does not resolve (${reasonText(a.reason)}).`,
    hint: () => `Check the spelling of the SMTP server in the settings (e.g. smtp.office365.com, smtp.gmail.com, ssl0.ovh.net).`,
  }),
  'smtp.connect-refused': spec<Where & { reason: string }>({
    section: 'smtp',
    severity: 'error',
    aborts: true,
    title: 'Connection refused',
    message: (a) => `${a.server} refused the connection (${a.reason}): nothing listens on that port, or a firewall rejects it.`,
    hint: () => `Check the port: 587 (STARTTLS) and 465 (SSL/TLS) are the submission ports; 25 is for server-to-server mail.`,
  }),
  'smtp.connect-timeout': spec<Where & { seconds: number; port: number }>({
    section: 'smtp',
    severity: 'error',
    aborts: true,
    title: 'Connection timed out',
    message: (a) => `No answer from ${a.server} within ${a.seconds} s: the connection was silently dropped.`,
    hint: (a) =>
      a.port === 25
        ? `Outbound port 25 is blocked by most ISPs and cloud providers (AWS, Azure, GCP, OVH...). Use the submission port 587 (STARTTLS) or 465 (SSL/TLS) with a login.`
        : `A firewall between this machine and the server drops the traffic: ask for the outbound port ${a.port} to be opened, or try 587 / 465.`,
  }),
  'smtp.greeting-timeout': spec<Where & { seconds: number }>({
    section: 'smtp',
    severity: 'error',
    aborts: true,
    title: 'No SMTP greeting',
    message: (a) => `${a.server} accepted the connection but sent no SMTP greeting within ${a.seconds} s.`,
    hint: () => `The server is overloaded, or this port expects something else (TLS from the first byte on 465: try --security tls).`,
  }),
  'smtp.greeting-refused': spec<Reply>({
    section: 'smtp',
    severity: 'error',
    aborts: true,
    title: 'Server refuses the session',
    message: (a) => `${a.server} greeted with ${a.code}: ${a.reply}`,
    hint: () => `The server refuses connections from this address (too many connections, or a block list). Try again later, or from the application's own server.`,
  }),
  'smtp.protocol-error': spec<Where & { phase: string; reply: string }>({
    section: 'smtp',
    severity: 'error',
    aborts: true,
    title: 'Not an SMTP answer',
    message: (a) => `During ${a.phase}, ${a.server} answered something that is not SMTP: ${a.reply}`,
    hint: () => `Check host and port: this may be another service (HTTP, POP3, IMAP) or a proxy.`,
  }),
  'smtp.connection-lost': spec<Where & { phase: string; reason: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'Connection lost',
    message: (a) => `${a.server} closed the connection during ${a.phase} (${a.reason}).`,
    hint: () => `Servers drop sessions they refuse without a reply (rate limits, block lists, a TLS policy). Retry; if it persists, check the server's logs for this client address.`,
  }),
  'smtp.tls-mode-mismatch': spec<Where & { speaks: 'implicit TLS' | 'plain SMTP'; use: string }>({
    section: 'tls',
    severity: 'error',
    title: 'SSL/TLS mode does not match the port',
    message: (a) => `${a.server} speaks ${a.speaks}, not what was configured.`,
    hint: (a) =>
      a.speaks === 'implicit TLS'
        ? `Choose "SSL/TLS" (implicit TLS, ${a.use}) in the settings; port 465 works this way.`
        : `Choose "STARTTLS" (${a.use}) in the settings; ports 587 and 25 work this way, 465 uses SSL/TLS.`,
  }),
  'smtp.tls-failed': spec<Where & { reason: string }>({
    section: 'tls',
    severity: 'error',
    title: 'TLS handshake failed',
    message: (a) => `The TLS handshake with ${a.server} failed: ${a.reason}.`,
    hint: () => `The server and this client share no TLS version or cipher, or the handshake was cut. Ask the server's administrator which TLS versions it accepts (1.2 or 1.3 expected).`,
  }),
  'smtp.tls-ok': spec<Where & { protocol: string; cipher: string; daysLeft: number }>({
    section: 'tls',
    severity: 'ok',
    title: 'TLS and certificate valid',
    message: (a) => `${a.server}: ${a.protocol} (${a.cipher}), certificate trusted, valid ${a.daysLeft} more days.`,
  }),
  'smtp.cert-untrusted': spec<Where & { issuer: string; reason: string; insecure: boolean }>({
    section: 'tls',
    severity: 'error',
    title: 'Certificate not trusted',
    message: (a) => `The certificate of ${a.server} is not trusted (${a.reason}; issued by ${a.issuer}).`,
    hint: (a) =>
      a.insecure
        ? `Went on because of --insecure, but applications verify certificates: install a certificate from a public authority (Let's Encrypt...), or give the application the private CA.`
        : `A client that verifies certificates will refuse this server, and the password was not sent. Install a certificate from a public authority, pass the private CA with --ca, or --insecure to test past it.`,
  }),
  'smtp.cert-expired': spec<Where & { validTo: string; insecure: boolean }>({
    section: 'tls',
    severity: 'error',
    title: 'Certificate expired',
    message: (a) => `The certificate of ${a.server} expired on ${a.validTo}.`,
    hint: () => `Clients refuse expired certificates: renew it on the server (and check its automatic renewal).`,
  }),
  'smtp.cert-expiring': spec<Where & { validTo: string; daysLeft: number }>({
    section: 'tls',
    severity: 'warning',
    title: 'Certificate expires soon',
    message: (a) => `The certificate of ${a.server} expires in ${a.daysLeft} days (${a.validTo}).`,
    hint: () => `Renew it before then, or mail will stop when it expires.`,
  }),
  'smtp.cert-hostname-mismatch': spec<Where & { servername: string; names: string[]; insecure: boolean }>({
    section: 'tls',
    severity: 'error',
    title: 'Certificate is for another name',
    message: (a) => `The certificate of ${a.server} is for ${a.names.join(', ') || 'no name'}, not ${a.servername}.`,
    hint: (a) => `Use one of the certificate's names as the SMTP host in the settings (e.g. ${a.names.find((n) => !n.startsWith('*')) ?? a.names[0] ?? 'the name on the certificate'}), or --servername to test with it.`,
  }),
  'smtp.tls-outdated': spec<Where & { protocol: string }>({
    section: 'tls',
    severity: 'warning',
    title: 'Outdated TLS version',
    message: (a) => `${a.server} negotiated ${a.protocol}, deprecated since 2021 (RFC 8996).`,
    hint: () => `Modern clients refuse TLS 1.0 and 1.1: enable TLS 1.2 or 1.3 on the server.`,
  }),
  'smtp.starttls-missing': spec<Where & { required: boolean }>({
    section: 'smtp',
    severity: 'warning',
    title: 'No STARTTLS',
    message: (a) => `${a.server} does not offer STARTTLS: the session${a.required ? ' cannot be encrypted, as --require-tls asks' : ', password included, goes unencrypted'}.`,
    hint: () => `Enable STARTTLS on the server, or use its SSL/TLS port (465) if it has one.`,
  }),
  'smtp.starttls-refused': spec<Reply>({
    section: 'smtp',
    severity: 'error',
    title: 'STARTTLS offered, then refused',
    message: (a) => `${a.server} offers STARTTLS but refused it: ${a.code} ${a.reply}. The session stayed unencrypted.`,
    hint: () => `The server cannot start TLS now (a missing or unreadable certificate or key is the usual cause of 454 "TLS not available"): its administrator should check the TLS configuration and logs. Until then, use its SSL/TLS port (465) if it has one.`,
  }),
  'smtp.tls-required': spec<Where>({
    section: 'tls',
    severity: 'error',
    title: 'TLS required but not used',
    message: (a) => `--require-tls: the session with ${a.server} is not encrypted, so nothing was sent after EHLO (no login, no sender).`,
    hint: () => `Use --security tls (port 465) or a server that offers STARTTLS.`,
  }),
  'smtp.auth-cleartext': spec<Where & { mechanisms: string[] }>({
    section: 'smtp',
    severity: 'warning',
    title: 'AUTH offered without TLS',
    message: (a) => `${a.server} offers AUTH (${a.mechanisms.join(', ')}) on an unencrypted session: a password sent now travels in clear.`,
    hint: () => `Use STARTTLS or SSL/TLS so the password is encrypted; the server should only offer AUTH after TLS.`,
  }),
  'smtp.auth-cleartext-blocked': spec<Where & { user: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'Login not sent: the session is not encrypted',
    message: (a) => `The session with ${a.server} is not encrypted: the password of ${a.user} would have travelled in clear, so maildiag did not send it (nor anything after EHLO).`,
    hint: () => `Use STARTTLS on port 587 (--security starttls) or SSL/TLS on port 465 (--security tls), and configure the application the same way. Only to test a server on a network you trust, add --allow-cleartext-auth.`,
  }),
  'smtp.auth-unsupported': spec<Where & { offered: string[] }>({
    section: 'smtp',
    severity: 'error',
    title: 'Server offers no usable login',
    message: (a) => `${a.server} does not offer ${a.offered.length ? `a login method maildiag can use (it offers ${a.offered.join(', ')})` : 'AUTH at all on this session'}, so the login and password cannot be checked.`,
    hint: () => `Many servers offer AUTH only after STARTTLS, or only on port 587/465; port 25 usually takes no login. Check port and encryption.`,
  }),
  'smtp.auth-ok': spec<Where & { user: string; mechanism: string }>({
    section: 'smtp',
    severity: 'ok',
    title: 'Login accepted',
    message: (a) => `${a.server} accepted the login ${a.user} (${a.mechanism}).`,
  }),
  'smtp.auth-failed': spec<Reply & { user: string; cause: AuthCause }>({
    section: 'smtp',
    severity: 'error',
    title: 'Login refused',
    message: (a) => `${a.server} refused the login ${a.user}: ${a.code} ${a.reply}`,
    hint: (a) => AUTH_CAUSES[a.cause],
  }),
  'smtp.auth-basic-disabled': spec<Reply & { user: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'Password logins turned off (Microsoft 365)',
    message: (a) => `${a.server} refused the password of ${a.user}: basic authentication is off for SMTP submission (${a.code} ${a.reply}).`,
    hint: () =>
      `Microsoft 365 turns basic authentication off for SMTP by default for existing tenants at the end of December 2026 (never on for new tenants; final removal to be dated in the second half of 2027). 535 5.7.139 means it is off for the tenant (the default, or security defaults) or "Authenticated SMTP" is off for the mailbox; 550 5.7.30 means it is removed. Move the application to OAuth 2.0 (an access token for https://outlook.office.com/SMTP.Send; test it with --oauth2-token-env or --oauth2-token-cmd), or send through an Exchange connector or a relay (SMTP relay on port 25 from your own IP, or a sending service).`,
  }),
  'smtp.oauth2-failed': spec<Reply & { user: string; mechanism: string; status: string | null; scope: string | null }>({
    section: 'smtp',
    severity: 'error',
    title: 'OAuth 2.0 token refused',
    message: (a) =>
      `${a.server} refused the ${a.mechanism} login of ${a.user}: ${a.code} ${a.reply}${a.status ? ` (the server says: status ${a.status}${a.status === '401' ? ', the token is invalid or has expired' : a.status === '400' ? ', the request is malformed' : ''}${a.scope ? `; it expects the scope ${a.scope}` : ''})` : ''}.`,
    hint: (a) =>
      `Get a new access token${a.scope ? ` for the scope ${a.scope}` : ' (Microsoft 365: scope https://outlook.office.com/SMTP.Send; Google: https://mail.google.com/)'}, issued to ${a.user}. Microsoft 365 also needs "Authenticated SMTP" allowed for the mailbox, and for an application token the service principal registered in Exchange Online with Send As on the mailbox.`,
  }),
  'smtp.oauth2-token': spec<{ problem: 'expired' | 'audience' | 'scope' | 'user'; detail: string; user: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'The access token cannot send this mail',
    message: (a) =>
      ({
        expired: `The access token expired at ${a.detail}.`,
        audience: `The access token is for ${a.detail}, not for SMTP (Microsoft 365: https://outlook.office.com).`,
        scope: `The access token does not carry the SMTP permission (it has: ${a.detail}).`,
        user: `The access token was issued to ${a.detail}, not to the login ${a.user}.`,
      })[a.problem],
    hint: (a) =>
      ({
        expired: `Access tokens last about an hour: the application must get a new one (with its refresh token or client credentials) before each session.`,
        audience: `Ask for a token for the scope https://outlook.office.com/SMTP.Send (delegated) or https://outlook.office.com/.default (application), not for Microsoft Graph.`,
        scope: `Grant the application the SMTP.Send permission (delegated) or SMTP.SendAsApp (application) in Microsoft Entra, with admin consent, then get a new token.`,
        user: `Use the mailbox the token was issued for as --user, or get a token for ${a.user}.`,
      })[a.problem],
  }),
  'smtp.auth-skipped': spec<Where>({
    section: 'smtp',
    severity: 'info',
    title: 'No login given',
    message: (a) => `No --user given: the session with ${a.server} went on without AUTH.`,
    hint: () => `Give --user and the password (--password-env VAR) to check the account itself.`,
  }),
  'smtp.sender-accepted': spec<Where & { from: string }>({
    section: 'smtp',
    severity: 'ok',
    title: 'Sender accepted',
    message: (a) => `${a.server} accepts mail from ${a.from}.`,
  }),
  'smtp.sender-rejected': spec<Reply & { from: string; user: string | null; command: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'Sender refused',
    message: (a) => `${a.server} will not send as ${a.from}${a.user ? ` for the login ${a.user}` : ''} (at ${a.command}): ${a.code} ${a.reply}`,
    hint: (a) =>
      a.user
        ? `The account may only send as its own address. Either allow ${a.user} to "send as" ${a.from} on the server (Microsoft 365: Send As permission; Google: add the address as an alias), or send from ${a.user} and put ${a.from} in Reply-To so answers still reach it.`
        : `The server does not accept this sender: check the address, or log in with an account allowed to send as it.`,
  }),
  'smtp.recipient-rejected': spec<Reply & { to: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'Recipient refused',
    message: (a) => `${a.server} refuses the recipient ${a.to}: ${a.code} ${a.reply}`,
    hint: () => `"Relay access denied" means the server will not deliver elsewhere for this session: log in (AUTH) first, or use the submission port 587/465. Otherwise check the address.`,
  }),
  'smtp.recipient-accepted': spec<Where & { to: string }>({
    section: 'smtp',
    severity: 'ok',
    title: 'Recipient accepted',
    message: (a) => `${a.server} accepts mail for ${a.to} (nothing was sent: the session was reset before DATA).`,
  }),
  'smtp.message-accepted': spec<Where & { to: string; reply: string; queueId: string | null; messageId: string }>({
    section: 'smtp',
    severity: 'ok',
    title: 'Test message accepted',
    message: (a) => `${a.server} accepted the test message for ${a.to}${a.queueId ? ` (queue id ${a.queueId})` : ''}: ${a.reply}`,
  }),
  'smtp.message-rejected': spec<Reply & { to: string }>({
    section: 'smtp',
    severity: 'error',
    title: 'Test message refused',
    message: (a) => `${a.server} refused the test message for ${a.to} after DATA: ${a.code} ${a.reply}`,
    hint: () => `The server checks the content or the From header after DATA (Microsoft 365 refuses a From the login may not send as with 554 5.2.252 SendAsDenied).`,
  }),
  'smtp.password-visible': spec<{ option: string }>({
    section: 'smtp',
    severity: 'warning',
    title: 'Password given on the command line',
    message: () => `The password was given with --password: other users of this machine can read it in the process list, and it stays in the shell history.`,
    hint: () => `Use --password-env VAR, --password-stdin, or the hidden prompt.`,
  }),
  'config.multiple-defaults': spec<{ file: string; names: string[] }>({
    section: 'config',
    severity: 'error',
    title: 'Several default accounts',
    message: (a) => `${a.file}: ${a.names.length} profiles are marked default (${a.names.join(', ')}); exactly one may be.`,
    hint: () => `Keep "default": true on the account the application should use for everything, and remove it from the others.`,
  }),
  'config.no-default': spec<{ file: string }>({
    section: 'config',
    severity: 'warning',
    title: 'No default account',
    message: (a) => `${a.file}: no active profile is marked default, so the application has no sender for mail that names none.`,
    hint: () => `Mark one active profile "default": true.`,
  }),
  'config.default-inactive': spec<{ file: string; name: string }>({
    section: 'config',
    severity: 'error',
    title: 'Default account is inactive',
    message: (a) => `${a.file}: the default profile ${a.name} is inactive, so mail that relies on the default has no account.`,
    hint: () => `Activate it, or make an active profile the default.`,
  }),
  'config.profile-skipped': spec<{ name: string }>({
    section: 'config',
    severity: 'info',
    title: 'Inactive profile skipped',
    message: (a) => `Profile ${a.name} is inactive: not tested.`,
    hint: () => `Set "active": true to test it.`,
  }),
};
