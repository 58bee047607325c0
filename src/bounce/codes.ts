/**
 * What bounces say, as tables: the reasons maildiag sorts a failure into (whose side must act, how
 * serious), the RFC 3463 enhanced status codes, the providers' own codes (Gmail, Microsoft, Yahoo), and the
 * words MTAs write. The order of REASON_PATTERNS is the order they are tried. Pure data.
 */

import type { BounceReason, ProviderCodeId, Side } from '../core/bounce-reasons.js';
export { BOUNCE_REASONS, type BounceReason, type Side } from '../core/bounce-reasons.js';

/** Each reason: whose side acts, and which maildiag command shows more (placeholders filled by explain.ts). */
export const REASON_INFO: Record<BounceReason, { side: Side; next?: 'check-dns' | 'check-dns-ip' | 'smtp-test' | 'check-dns-recipient' }> = {
  'user-unknown': { side: 'recipient' },
  'mailbox-full': { side: 'recipient' },
  'mailbox-disabled': { side: 'recipient' },
  'domain-not-found': { side: 'recipient', next: 'check-dns-recipient' },
  'host-unreachable': { side: 'recipient', next: 'check-dns-recipient' },
  'blocked-ip': { side: 'sender-server', next: 'check-dns-ip' },
  'blocked-content': { side: 'sender-server' },
  'policy-dmarc': { side: 'sender-domain', next: 'check-dns-ip' },
  'policy-spf': { side: 'sender-domain', next: 'check-dns-ip' },
  'policy-dkim': { side: 'sender-domain', next: 'check-dns' },
  'policy-ptr': { side: 'sender-server', next: 'check-dns-ip' },
  'policy-auth': { side: 'sender-domain', next: 'check-dns-ip' },
  'auth-required': { side: 'sender-server', next: 'smtp-test' },
  'rate-limited': { side: 'sender-server' },
  'message-too-large': { side: 'sender-server' },
  expired: { side: 'recipient', next: 'check-dns-recipient' },
  'relay-denied': { side: 'sender-server', next: 'smtp-test' },
  'security-tls': { side: 'sender-server', next: 'smtp-test' },
  'sender-rejected': { side: 'sender-domain', next: 'check-dns' },
  delayed: { side: 'nobody' },
  other: { side: 'sender-server' },
};

export { ENHANCED_CODES } from '../core/catalogue/bounce.js';

/**
 * The providers' own codes: an enhanced code (and the words that go with it, where one code means several
 * things), what it means, and the reason. Gmail: support.google.com/a/answer/3726730; Microsoft:
 * learn.microsoft.com/exchange/mail-flow-best-practices/non-delivery-reports-in-exchange-online; Yahoo:
 * senders.yahooinc.com/smtp-error-codes.
 */
/** The words that say which provider answered (in the diagnostic, or the name of the server that reported it). */
export const PROVIDER_CONTEXT: Record<string, RegExp> = {
  Gmail: /gsmtp|google\.com|googlemail|gmail/i,
  Microsoft: /outlook\.com|protection\.outlook|prod\.outlook|microsoft|hotmail|aka\.ms/i,
  Yahoo: /yahoo/i,
};

export const PROVIDER_CODES: ReadonlyArray<{ id: ProviderCodeId; provider: string; code?: RegExp; text?: RegExp; reason: BounceReason }> = [
  { id: 'gmail-5.7.25', provider: 'Gmail', code: /^5\.7\.25$/, reason: 'policy-ptr' },
  { id: 'gmail-5.7.26', provider: 'Gmail', code: /^5\.7\.26$/, text: /DMARC/i, reason: 'policy-dmarc' },
  { id: 'gmail-5.7.26-2', provider: 'Gmail', code: /^5\.7\.26$/, reason: 'policy-auth' },
  { id: 'gmail-x.7.27', provider: 'Gmail', code: /^[45]\.7\.27$/, reason: 'policy-spf' },
  { id: 'gmail-x.7.29', provider: 'Gmail', code: /^[45]\.7\.29$/, reason: 'security-tls' },
  { id: 'gmail-x.7.30', provider: 'Gmail', code: /^[45]\.7\.30$/, reason: 'policy-dkim' },
  { id: 'gmail-4.7.32', provider: 'Gmail', code: /^4\.7\.32$/, reason: 'policy-dmarc' },
  { id: 'gmail-4.7.28', provider: 'Gmail', code: /^4\.7\.28$/, reason: 'rate-limited' },
  { id: 'gmail-4.2.1', provider: 'Gmail', code: /^4\.2\.1$/, text: /receiving mail at a rate|rate that prevents/i, reason: 'rate-limited' },
  { id: 'gmail-5.7.1', provider: 'Gmail', code: /^5\.7\.1$/, text: /unsolicited mail|likely spam|spam/i, reason: 'blocked-content' },
  { id: 'gmail-5.7.1-2', provider: 'Gmail', code: /^5\.7\.1$/, text: /IP reputation|poor reputation|blocked/i, reason: 'blocked-ip' },
  { id: 'gmail-5.2.1', provider: 'Gmail', code: /^5\.2\.1$/, text: /disabled|inactive/i, reason: 'mailbox-disabled' },
  { id: 'microsoft-5.7.515', provider: 'Microsoft', code: /^5\.7\.515$/, reason: 'policy-auth' },
  { id: 'microsoft-5.7.509', provider: 'Microsoft', code: /^5\.7\.509$/, reason: 'policy-dmarc' },
  { id: 'microsoft-5.7.708', provider: 'Microsoft', code: /^5\.7\.708$/, reason: 'blocked-ip' },
  { id: 'microsoft-5.7.6xx', provider: 'Microsoft', code: /^5\.7\.(6[0-4]\d)$/, reason: 'blocked-ip' },
  { id: 'microsoft-5.7.750', provider: 'Microsoft', code: /^5\.7\.750$/, reason: 'sender-rejected' },
  { id: 'microsoft-5.7.57', provider: 'Microsoft', code: /^5\.7\.57$/, reason: 'auth-required' },
  { id: 'microsoft-5.7.139', provider: 'Microsoft', code: /^5\.7\.139$/, reason: 'auth-required' },
  { id: 'microsoft-5.1.10', provider: 'Microsoft', code: /^5\.1\.10$/, reason: 'user-unknown' },
  { id: 'microsoft-5.4.1', provider: 'Microsoft', code: /^5\.4\.1$/, text: /access denied|AS\(201806281\)/i, reason: 'user-unknown' },
  { id: 'microsoft-5.7.1', provider: 'Microsoft', code: /^5\.7\.1$/, text: /Service unavailable.*blocklist|Client host .* blocked using Spamhaus|S3150|S3140/i, reason: 'blocked-ip' },
  { id: 'microsoft-5.7.1-2', provider: 'Microsoft', code: /^5\.7\.1$/, text: /unable to relay|relay access denied/i, reason: 'relay-denied' },
  { id: 'microsoft-5.7.124', provider: 'Microsoft', code: /^5\.7\.124$/, reason: 'sender-rejected' },
  { id: 'microsoft-5.7.13x', provider: 'Microsoft', code: /^5\.7\.13[3-6]$/, reason: 'sender-rejected' },
  { id: 'microsoft-5.7.50x', provider: 'Microsoft', code: /^5\.7\.50[1-3]$/, reason: 'blocked-content' },
  { id: 'microsoft-5.7.510', provider: 'Microsoft', code: /^5\.7\.510$/, reason: 'policy-auth' },
  { id: 'microsoft-5.7.511', provider: 'Microsoft', code: /^5\.7\.511$/, reason: 'blocked-ip' },
  { id: 'microsoft-5.7.512', provider: 'Microsoft', code: /^5\.7\.512$/, reason: 'blocked-content' },
  { id: 'microsoft-5.7.7xx', provider: 'Microsoft', code: /^5\.7\.70[3-5]$/, reason: 'blocked-ip' },
  { id: 'microsoft-4.4.7', provider: 'Microsoft', code: /^4\.4\.7$/, reason: 'expired' },
  { id: 'yahoo-ts01-ts04', provider: 'Yahoo', text: /\[?TSS?0[14]\]?/, reason: 'rate-limited' },
  { id: 'yahoo-ts03', provider: 'Yahoo', text: /\[?TSS?03\]?/, reason: 'blocked-ip' },
  { id: 'yahoo-ts02', provider: 'Yahoo', text: /\[?TSS?02\]?/, reason: 'rate-limited' },
  { id: 'yahoo-ph01', provider: 'Yahoo', text: /\bPH01\b/, reason: 'blocked-content' },
];

/** The words MTAs write, in English and French, tried in order on the diagnostic text (RFC 3463 classes come after). */
export const REASON_PATTERNS: ReadonlyArray<{ reason: BounceReason; text: RegExp }> = [
  { reason: 'policy-dmarc', text: /DMARC|domain'?s? (?:DMARC )?policy/i },
  { reason: 'policy-spf', text: /\bSPF\b|sender policy framework|not designated as permitted|not permitted sender/i },
  { reason: 'policy-dkim', text: /\bDKIM\b|domainkeys/i },
  { reason: 'policy-ptr', text: /reverse (?:DNS|lookup|hostname)|\bPTR\b|rDNS|no (?:reverse|rDNS)|client host rejected: cannot find your (?:reverse )?hostname|helo command rejected|nom inverse/i },
  { reason: 'sender-rejected', text: /sender (?:address )?(?:rejected|refused|unknown|domain)|sender verify failed|unverified sender|from address (?:rejected|not allowed)|expéditeur (?:refusé|rejeté|inconnu)/i },
  { reason: 'blocked-ip', text: /block ?list|blacklist|spamhaus|spamcop|barracuda|\bRBL\b|\bDNSBL\b|listed (?:at|on|in|by)|banned|poor reputation|IP .*(?:blocked|rejected)|liste noire|adresse IP .*bloqu/i },
  { reason: 'security-tls', text: /TLS (?:required|is required)|must issue a STARTTLS|encryption required|STARTTLS required|chiffrement requis/i },
  { reason: 'auth-required', text: /authentication (?:is )?required|must authenticate|SMTP AUTH|not authenticated|authentification (?:requise|obligatoire)|5\.7\.0 Authentication/i },
  { reason: 'relay-denied', text: /relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited)|unable to relay|relais (?:refusé|interdit)/i },
  { reason: 'mailbox-full', text: /mailbox (?:is )?full|over ?quota|quota exceeded|insufficient (?:system )?storage|exceeded (?:the )?storage|boîte (?:aux lettres )?(?:est )?pleine|quota (?:dépassé|atteint)|espace disque/i },
  { reason: 'mailbox-disabled', text: /(?:mailbox|account)\b[^.]{0,40}\b(?:is |has been )?(?:disabled|inactive|suspended|deactivated)|no longer (?:active|available)|compte (?:désactivé|suspendu|inactif)/i },
  { reason: 'user-unknown', text: /RecipientNotFound|user unknown|unknown user|no such (?:user|mailbox|recipient)|recipient (?:address )?(?:rejected|unknown|not found)|address (?:not found|couldn'?t be found|does not exist|unknown)|does not exist|mailbox (?:not found|unavailable|does not exist)|invalid (?:recipient|mailbox)|doesn'?t have a .* account|utilisateur (?:inconnu|introuvable)|adresse (?:inconnue|introuvable|inexistante)|destinataire (?:inconnu|introuvable)|n'existe pas/i },
  { reason: 'domain-not-found', text: /domain (?:not found|does not exist|name not found)|host or domain name not found|Name service error|NXDOMAIN|no MX|unrouteable (?:address|domain)|domaine (?:inconnu|introuvable|inexistant)/i },
  { reason: 'host-unreachable', text: /connection (?:refused|timed out|reset)|couldn'?t connect|could not connect|host unreachable|network is unreachable|no route to host|lost connection|connexion (?:refusée|impossible|expirée)/i },
  { reason: 'message-too-large', text: /message (?:size )?(?:too (?:big|large)|exceeds|is larger)|size limit|message trop (?:gros|volumineux)|taille (?:maximale|limite)/i },
  { reason: 'rate-limited', text: /rate limit|too many (?:messages|connections|recipients)|try again later|temporarily (?:deferred|rejected)|throttl|greylist|trop de (?:messages|connexions)|réessayez plus tard/i },
  { reason: 'blocked-content', text: /\bspam\b|junk|virus|malware|content (?:rejected|filter)|message (?:refused|rejected) .*(?:content|policy)|unsolicited|phishing|contenu (?:refusé|indésirable)|pourriel/i },
  { reason: 'expired', text: /retry (?:time|timeout) (?:not reached|exceeded)|delivery time expired|too long in (?:the )?queue|gave up|giving up|message expired|could not be delivered (?:within|for) \d+ days|expiré/i },
];

/** RFC 3463 classes as the last resort: subject.detail -> reason. */
export const CLASS_REASONS: Record<string, BounceReason> = {
  '1.1': 'user-unknown',
  '1.2': 'domain-not-found',
  '1.10': 'domain-not-found',
  '2.1': 'mailbox-disabled',
  '2.2': 'mailbox-full',
  '2.3': 'message-too-large',
  '3.4': 'message-too-large',
  '4.1': 'host-unreachable',
  '4.4': 'host-unreachable',
  '4.7': 'expired',
  '7.1': 'blocked-content',
  '7.8': 'auth-required',
  '7.10': 'security-tls',
  '7.23': 'policy-spf',
  '7.24': 'policy-spf',
  '7.25': 'policy-ptr',
  '7.26': 'policy-auth',
};
