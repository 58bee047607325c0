import { spec } from './define.js';
import { byLanguage } from './by-language.js';
import type { BounceReason, ProviderCodeId, Side } from '../bounce-reasons.js';

/** Each reason in words: its name, and what to change. */
export const BOUNCE_REASON_WORDS: Record<BounceReason, { title: string; fix: string }> = {
  'user-unknown': { title: 'the address does not exist', fix: 'Check the spelling of the address with its owner, and remove it from your lists: sending again to unknown addresses hurts your reputation.' },
  'mailbox-full': { title: 'the mailbox is full', fix: 'Nothing to change on your side: the recipient must free space. Try again later, or reach them another way.' },
  'mailbox-disabled': { title: 'the mailbox is disabled', fix: 'The account is closed or suspended: remove it from your lists and ask the person for a current address.' },
  'domain-not-found': { title: "the recipient's domain does not exist or receives no mail", fix: 'Check the domain for a typo (gmial.com, orange.fr vs orage.fr); if it is right, its owner must publish MX records.' },
  'host-unreachable': { title: "the recipient's server could not be reached", fix: 'Usually temporary; if it lasts, the recipient domain\'s MX hosts are down or refuse connections: their administrator must act.' },
  'blocked-ip': { title: 'the sending IP is blocked', fix: 'Check the IP named in the bounce against blocklists and its reverse DNS, stop what sent spam, then ask for removal (the provider named in the bounce has a form for it).' },
  'blocked-content': { title: 'the message was refused as spam or for its content', fix: 'Look at what the message carries (links, attachments, wording, a shortened URL); send only to people who asked; check SPF, DKIM and DMARC pass.' },
  'policy-dmarc': { title: "the message fails the sender domain's DMARC policy", fix: 'Make SPF or DKIM pass aligned with the From domain for the server that sent it: authorise it in SPF, or sign with DKIM for your domain.' },
  'policy-spf': { title: 'SPF does not authorise the sending server', fix: 'Add the sending server (the IP named in the bounce, or its platform\'s include:) to the SPF record of the envelope domain.' },
  'policy-dkim': { title: 'the DKIM signature is missing or does not verify', fix: 'Turn DKIM signing on for your domain on the sending platform and publish its key (or CNAMEs); make sure nothing rewrites the message after signing.' },
  'policy-ptr': { title: 'the sending IP has no valid reverse DNS', fix: 'Ask whoever runs the sending IP for a PTR record naming the server, that name resolving back to the IP.' },
  'policy-auth': { title: 'the message is not authenticated enough for the receiver', fix: 'Publish SPF, sign with DKIM and publish DMARC (p=none at least), aligned with the From domain.' },
  'auth-required': { title: 'the server requires a login (SMTP AUTH) to send', fix: 'Configure the application with the account\'s login and password (or OAuth), on port 587 with STARTTLS or 465 with TLS.' },
  'rate-limited': { title: 'too many messages too fast: the receiver is slowing you down', fix: 'Send more slowly and spread the volume; the sending server retries by itself. If it lasts, check complaints and reputation.' },
  'message-too-large': { title: 'the message is too large', fix: 'Send large files as a download link, not an attachment (most receivers refuse over 20 to 35 MB).' },
  expired: { title: 'the message could not be delivered in time and was given up', fix: "The recipient's server did not accept it for days: check its MX hosts, then send again." },
  'relay-denied': { title: 'the server refuses to relay the message', fix: 'Send through your own outgoing server with a login (SMTP AUTH), not through the recipient\'s server or an open one.' },
  'security-tls': { title: 'TLS encryption was required and not used', fix: 'Turn on STARTTLS (or TLS on port 465) on the sending server or application.' },
  'sender-rejected': { title: 'the sender address was refused', fix: 'Use a sender address of a domain you own, verified on the sending platform, with SPF, DKIM and DMARC in place.' },
  delayed: { title: 'delivery is delayed, still being tried', fix: 'Nothing to do yet: the server keeps trying. If it finally fails, a bounce will follow.' },
  other: { title: 'the receiver refused the message', fix: "Read the receiver's words in the diagnostic; the code and the provider's page say more." },
};

/** The reasons' words per language, for the renderer (the French ones join with the French catalogue). */
export const bounceReasonWords = byLanguage(BOUNCE_REASON_WORDS);

/** What each provider's code means (bounce/codes.ts PROVIDER_CODES). */
export const PROVIDER_CODE_WORDS: Record<ProviderCodeId, string> = {
  'gmail-5.7.25': 'the sending IP has no PTR (reverse DNS) record',
  'gmail-5.7.26': 'the message fails the sender domain\'s DMARC policy',
  'gmail-5.7.26-2': 'the message passed neither SPF nor DKIM (Gmail requires one of them)',
  'gmail-x.7.27': 'SPF does not pass for the sending IP (required of bulk senders)',
  'gmail-x.7.29': 'the message came without TLS, which Gmail requires',
  'gmail-x.7.30': 'DKIM does not pass (required of bulk senders)',
  'gmail-4.7.32': 'the From domain is aligned with neither the SPF nor the DKIM domain',
  'gmail-4.7.28': 'unusual rate of unsolicited mail from the sending IP or domain',
  'gmail-4.2.1': 'the recipient is receiving mail too fast: try again later',
  'gmail-5.7.1': 'Gmail judged the message to be spam',
  'gmail-5.7.1-2': 'the sending IP or domain has a poor reputation at Gmail',
  'gmail-5.2.1': 'the Gmail account is disabled',
  'microsoft-5.7.515': 'the sending domain does not meet Outlook.com\'s required authentication level (SPF, DKIM and DMARC for high-volume senders)',
  'microsoft-5.7.509': 'the message fails the sender domain\'s DMARC policy (p=reject)',
  'microsoft-5.7.708': 'traffic not accepted from this IP: a new or low-reputation Microsoft 365 tenant sending from its high-risk pool',
  'microsoft-5.7.6xx': 'the sending IP is on Microsoft\'s block list',
  'microsoft-5.7.750': 'the sending domain is not registered (unverified) in the Microsoft 365 tenant',
  'microsoft-5.7.57': 'the client was not authenticated to send anonymously through Microsoft 365 (SMTP AUTH missing)',
  'microsoft-5.7.139': 'SMTP AUTH is disabled for the mailbox or the tenant',
  'microsoft-5.1.10': 'the recipient does not exist in the receiving Microsoft 365 organisation',
  'microsoft-5.4.1': 'the recipient address does not exist at the receiving Microsoft 365 organisation (directory-based edge blocking)',
  'microsoft-5.7.1': 'the sending IP is on a block list Microsoft uses',
  'microsoft-5.7.1-2': 'the server refuses to relay to this domain (not authenticated, or the wrong server)',
  'microsoft-5.7.124': 'the sender is not allowed to write to this group or distribution list',
  'microsoft-5.7.13x': 'the group or mailbox accepts mail only from authenticated or listed senders of its organisation',
  'microsoft-5.7.50x': 'Microsoft detected spam or abuse from the sending account: it is blocked from sending',
  'microsoft-5.7.510': 'the receiving organisation does not accept mail from this sender over IPv6 (no PTR or SPF for the IPv6 address)',
  'microsoft-5.7.511': 'the sending IP or domain is banned by Microsoft (ask for delisting at sender.office.com)',
  'microsoft-5.7.512': 'the message is not RFC 5322 compliant (a From field is missing or malformed)',
  'microsoft-5.7.7xx': 'the Microsoft 365 tenant is blocked from sending (it exceeded its limits, or was suspected of sending spam)',
  'microsoft-4.4.7': 'the message stayed in Microsoft\'s queue too long: the receiving server did not accept it in time',
  'yahoo-ts01-ts04': 'Yahoo temporarily deferred mail from the sending IP (unexpected volume or complaints): slow down and retry',
  'yahoo-ts03': 'Yahoo permanently deferred mail from the sending IP (poor reputation)',
  'yahoo-ts02': 'Yahoo deferred the message (unusual traffic)',
  'yahoo-ph01': 'Yahoo refused the message for policy reasons (content, URLs or reputation)',
};

/** RFC 3463 §3: the subject and detail of an enhanced status code (x.subject.detail), in words. */
export const ENHANCED_CODES: Record<string, string> = {
  '0.0': 'other undefined status',
  '1.0': 'other address status',
  '1.1': 'bad destination mailbox address',
  '1.2': 'bad destination system address',
  '1.3': 'bad destination mailbox address syntax',
  '1.4': 'destination mailbox address ambiguous',
  '1.6': 'destination mailbox has moved, no forwarding address',
  '1.7': 'bad sender mailbox address syntax',
  '1.8': 'bad sender system address',
  '1.10': 'recipient address has null MX (RFC 7505)',
  '2.0': 'other or undefined mailbox status',
  '2.1': 'mailbox disabled, not accepting messages',
  '2.2': 'mailbox full',
  '2.3': 'message length exceeds administrative limit',
  '2.4': 'mailing list expansion problem',
  '3.0': 'other or undefined mail system status',
  '3.1': 'mail system full',
  '3.2': 'system not accepting network messages',
  '3.4': 'message too big for system',
  '4.0': 'other or undefined network or routing status',
  '4.1': 'no answer from host',
  '4.2': 'bad connection',
  '4.3': 'directory server failure',
  '4.4': 'unable to route',
  '4.6': 'routing loop detected',
  '4.7': 'delivery time expired',
  '5.0': 'other or undefined protocol status',
  '5.3': 'too many recipients',
  '6.0': 'other or undefined media error',
  '7.0': 'other or undefined security status',
  '7.1': 'delivery not authorized, message refused',
  '7.8': 'authentication credentials invalid',
  '7.9': 'authentication mechanism is too weak',
  '7.10': 'encryption needed',
  '7.11': 'encryption required for requested authentication mechanism',
  '7.23': 'SPF validation failed (RFC 7372)',
  '7.24': 'SPF validation error (RFC 7372)',
  '7.25': 'reverse DNS validation failed (RFC 7372)',
  '7.26': 'multiple authentication checks failed (RFC 7372)',
  '7.27': 'sender address has null MX (RFC 7505)',
};

export const SIDE_WORDS: Record<Side, string> = {
  'sender-domain': "the sender's domain (its DNS: SPF, DKIM, DMARC)",
  'sender-server': 'the sending server or application',
  recipient: "the recipient's side",
  nobody: 'nobody yet (temporary: it is retried)',
};

type RecipientArgs = {
  recipient: string;
  reason: BounceReason;
  status: string | null;
  smtpCode: string | null;
  provider: string | null;
  /** The provider's code, when known: its meaning is worded by PROVIDER_CODE_WORDS. */
  providerCode: ProviderCodeId | null;
  remoteMta: string | null;
  diagnostic: string | null;
  side: Side;
  severity: 'hard' | 'soft' | 'delayed' | 'delivered';
  next: string | null;
  willRetryUntil: string | null;
};

/** " meaning" of an enhanced status code's subject.detail in a table, or nothing. */
export const meaningOf = (status: string, table: Record<string, string>) => {
  const m = table[status.split('.').slice(1).join('.')];
  return m ? ` ${m}` : '';
};

const KIND: Record<RecipientArgs['severity'], string> = { hard: 'permanent failure', soft: 'temporary failure', delayed: 'delayed', delivered: 'delivered' };

/** maildiag bounce: what a bounce says, per recipient. */
export const bounceFindings = {
  'bounce.recipient': spec<RecipientArgs>({
    section: 'bounce',
    severity: 'error',
    title: 'A recipient bounced',
    message: (a) =>
      `${a.recipient}: ${BOUNCE_REASON_WORDS[a.reason].title} (${KIND[a.severity]}${a.status ? `, ${a.status}${meaningOf(a.status, ENHANCED_CODES)}` : a.smtpCode ? `, ${a.smtpCode}` : ''}${a.provider && a.providerCode ? `; ${a.provider}: ${PROVIDER_CODE_WORDS[a.providerCode]}` : ''})${a.remoteMta ? `, reported by ${a.remoteMta}` : ''}${a.diagnostic ? `: "${a.diagnostic.slice(0, 300)}"` : ''}${a.willRetryUntil ? `; retried until ${a.willRetryUntil}` : ''}.`,
    hint: (a) => `To act: ${SIDE_WORDS[a.side]}. ${BOUNCE_REASON_WORDS[a.reason].fix}${a.next ? ` Next: ${a.next}` : ''}`,
    ref: 'RFC 3464, RFC 3463',
  }),
  'bounce.original': spec<{ from: string | null; messageId: string | null; subject: string | null; lastRelay: string | null }>({
    section: 'bounce',
    severity: 'info',
    title: 'The message that bounced',
    message: (a) => `The bounced message: from ${a.from ?? 'an unknown sender'}${a.subject ? `, "${a.subject}"` : ''}${a.messageId ? `, ${a.messageId}` : ''}${a.lastRelay ? `, last handled by ${a.lastRelay}` : ''}.`,
    hint: () => `Run maildiag inspect-headers on the message the bounce carries to see its whole route.`,
  }),
  'bounce.of-a-bounce': spec<{ from: string }>({
    section: 'bounce',
    severity: 'info',
    title: 'A bounce of a bounce',
    message: (a) => `The message that failed was itself a bounce (from ${a.from}): a delivery notice could not be returned, no message was lost.`,
    hint: () => `Make sure the original messages carry a Return-Path that receives mail (not a no-reply address that refuses it), so their bounces can reach you.`,
  }),
  'bounce.not-a-bounce': spec<{ source: string }>({
    section: 'bounce',
    severity: 'info',
    title: 'Not a bounce',
    message: (a) => `${a.source} is not a bounce: it has no delivery status, and neither its sender nor its subject is a bounce's.`,
    hint: () => `For a message you received, run maildiag inspect-headers; for a refusal in a log, paste the line with its code (e.g. "550 5.7.26 ...").`,
  }),
  'bounce.no-recipient': spec<{ source: string }>({
    section: 'bounce',
    severity: 'warning',
    title: 'A bounce maildiag cannot read',
    message: (a) => `${a.source} looks like a bounce, but names no failed recipient and no SMTP code maildiag can read.`,
    hint: () => `Look in it for the server's reply (a line with a code like "550 5.1.1") and run maildiag bounce on that line.`,
  }),
};
