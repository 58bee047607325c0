/** The fixed set of reasons maildiag bounce sorts a failure into (docs/findings.md lists them), and whose side must act. */
export const BOUNCE_REASONS = [
  'user-unknown',
  'mailbox-full',
  'mailbox-disabled',
  'domain-not-found',
  'host-unreachable',
  'blocked-ip',
  'blocked-content',
  'policy-dmarc',
  'policy-spf',
  'policy-dkim',
  'policy-ptr',
  'policy-auth',
  'auth-required',
  'rate-limited',
  'message-too-large',
  'expired',
  'relay-denied',
  'security-tls',
  'sender-rejected',
  'delayed',
  'other',
] as const;
export type BounceReason = (typeof BOUNCE_REASONS)[number];

/** Who must act: the sender's domain (its DNS), the sending server or application, the recipient's side, or nobody (it will be retried). */
export type Side = 'sender-domain' | 'sender-server' | 'recipient' | 'nobody';

/** Subjects and senders of bounces, in English and French (maildiag bounce, and inspect-headers's hint). */
export const BOUNCE_SUBJECT = /undeliver|undelivered mail|returned mail|returned to sender|mail delivery (?:failed|failure|subsystem)|delivery (?:status notification|failure|has failed|report)|failure notice|non remis|non délivré|échec de (?:la )?(?:remise|distribution)|message non (?:remis|délivré)|retour de courrier|mail system error|rejected:|could not be delivered|delivery delayed|warning: message .* delayed|remise différée|bounce/i;
export const BOUNCE_SENDER = /mailer-daemon|postmaster|mail delivery (?:subsystem|system)|microsoftexchange|no-?reply.*(?:bounce|dsn)|bounce[s]?@/i;

/** What says a message is a bounce: a delivery-status report (RFC 3464), a bounce's sender, a bounce's subject. Each reader weighs them. */
export function bounceSigns(m: { contentType?: string | null; from?: string | null; subject?: string | null }): { report: boolean; sender: boolean; subject: boolean } {
  const ct = m.contentType ?? '';
  return { report: /multipart\/report/i.test(ct) && /report-type="?delivery-status/i.test(ct), sender: BOUNCE_SENDER.test(m.from ?? ''), subject: BOUNCE_SUBJECT.test(m.subject ?? '') };
}

/** The providers' codes maildiag bounce knows (bounce/codes.ts matches them; the catalogue words them). */
export const PROVIDER_CODE_IDS = [
  'gmail-5.7.25',
  'gmail-5.7.26',
  'gmail-5.7.26-2',
  'gmail-x.7.27',
  'gmail-x.7.29',
  'gmail-x.7.30',
  'gmail-4.7.32',
  'gmail-4.7.28',
  'gmail-4.2.1',
  'gmail-5.7.1',
  'gmail-5.7.1-2',
  'gmail-5.2.1',
  'microsoft-5.7.515',
  'microsoft-5.7.509',
  'microsoft-5.7.708',
  'microsoft-5.7.6xx',
  'microsoft-5.7.750',
  'microsoft-5.7.57',
  'microsoft-5.7.139',
  'microsoft-5.1.10',
  'microsoft-5.4.1',
  'microsoft-5.7.1',
  'microsoft-5.7.1-2',
  'microsoft-5.7.124',
  'microsoft-5.7.13x',
  'microsoft-5.7.50x',
  'microsoft-5.7.510',
  'microsoft-5.7.511',
  'microsoft-5.7.512',
  'microsoft-5.7.7xx',
  'microsoft-4.4.7',
  'yahoo-ts01-ts04',
  'yahoo-ts03',
  'yahoo-ts02',
  'yahoo-ph01',
] as const;
export type ProviderCodeId = (typeof PROVIDER_CODE_IDS)[number];
