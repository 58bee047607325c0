/**
 * What a bounce says, per recipient: RFC 3464 delivery status notifications (and RFC 6533's global form)
 * read field by field, else the text forms each MTA family writes (FAMILIES: how to find the recipient and
 * its diagnostic), else, for a bare reply line or log excerpt, the codes in it. The message's text arrives
 * decoded (headers/attachments.ts); this is pure.
 */

export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface BouncedRecipient {
  recipient: string | null;
  originalRecipient: string | null;
  /** RFC 3464 Action; a text bounce is "failed" unless it says it will retry. */
  action: DsnAction | null;
  /** The enhanced status code (RFC 3463), e.g. 5.7.26. */
  status: string | null;
  /** The SMTP reply code, e.g. 550. */
  smtpCode: string | null;
  remoteMta: string | null;
  diagnostic: string | null;
  lastAttempt: string | null;
  willRetryUntil: string | null;
  /** An address the diagnostic names (usually the sending IP a receiver refused). */
  ip: string | null;
}

export interface OriginalMessage {
  from: string | null;
  messageId: string | null;
  subject: string | null;
  date: string | null;
  /** The last server the original went through before it bounced (its topmost Received "by"). */
  lastRelay: string | null;
}

export interface BounceFacts {
  kind: 'dsn' | 'text' | 'line' | 'not-a-bounce';
  /** The MTA family whose text form was recognised (Postfix, Exim, Microsoft 365, ...), or the DSN's reporter. */
  family: string | null;
  reportingMta: string | null;
  from: string | null;
  to: string | null;
  subject: string | null;
  recipients: BouncedRecipient[];
  original: OriginalMessage | null;
}

/**
 * The text forms, one entry per family: how it is recognised, and the pattern of one failed recipient
 * (group 1 the address, group 2 what the server said). Tried in order; the first that finds recipients wins.
 */
export const FAMILIES: ReadonlyArray<{ family: string; detect: RegExp; recipient: RegExp; retry?: RegExp }> = [
  {
    family: 'Microsoft 365 / Exchange',
    detect: /Delivery has failed to these recipients|Diagnostic information for administrators|Remote Server returned|Votre message n'a pas pu être remis|Informations de diagnostic pour les administrateurs/i,
    recipient: /^\s*([^\s<>@]+@[^\s<>@]+?)\s*\r?\n(?:[^\n]*\n){0,3}?\s*Remote Server returned '([\s\S]*?)'(?=[ \t]*(?:\n|$))/gim,
  },
  {
    family: 'Gmail',
    detect: /Your message wasn't delivered to|Message not delivered|Address not found|Message blocked|Delivery incomplete|Votre message n'a pas été distribué/i,
    recipient: /(?:wasn't delivered to|n'a pas été distribué à)\s+(\S+@[^\s,]+?)\.?\s[\s\S]*?(?:The response(?: from the remote server)? was|La réponse du serveur distant était)\s*:?\s*\n+\s*([^\n]+)/gi,
    retry: /will (?:retry|keep trying)|Delivery incomplete|va réessayer/i,
  },
  {
    family: 'Exim',
    detect: /This message was created automatically by mail delivery software|Mail delivery failed: returning message to sender|could not be delivered to one or more of its\s+recipients/i,
    recipient: /^ {2}(\S+@\S+)\s*\n((?: {4}.*\n?)+)/gm,
    retry: /has not yet been delivered|will try again|still being tried/i,
  },
  {
    family: 'qmail',
    detect: /This is the qmail-send program|I'm afraid I wasn't able to deliver your message/i,
    recipient: /^<([^>]+)>:\s*\n([\s\S]*?)(?=\n\s*\n|\n<[^>]+>:|\n---)/gm,
  },
  {
    family: 'Sendmail',
    detect: /The following addresses had permanent fatal errors|Transcript of session follows|----- The following addresses had/i,
    recipient: /^<([^>]+)>\s*\n\s*\(reason:\s*([^)]*)\)/gm,
  },
  {
    family: 'Postfix',
    detect: /This is the mail system at host|I'm sorry to have to inform you that your message could not|Ceci est le logiciel de messagerie|Ceci est le programme de distribution/i,
    recipient: /^<([^>]+)>(?: \(expanded from <[^>]+>\))?:\s*([\s\S]*?)(?=\n\s*\n|\n<[^>]+>:|\s*(?![\s\S]))/gm,
    retry: /delayed|will be retried|retried until|différé/i,
  },
  {
    family: 'Yahoo',
    detect: /Sorry, we were unable to deliver your message to the following address|yahoo\.com/i,
    recipient: /^<([^>]+)>:\s*\n?\s*([^\n]+(?:\n[^\n<]+)*)/gm,
  },
  {
    family: 'French ISP (Orange, Free, SFR, La Poste)',
    detect: /n'a pas pu être (?:remis|délivré|distribué)|impossible de (?:remettre|délivrer)|destinataire.* (?:inconnu|introuvable)|Non remis/i,
    recipient: /(?:destinataire|adresse|à)\s*:?\s*<?([^\s<>@]+@[^\s<>@,;]+?)>?\s*[\n:,]\s*([\s\S]*?\b[45]\d\d\b[^\n]*)/gi,
  },
];

/** Where each family names the server that refused (when the recipient's own lines do not). */
export const REMOTE_PATTERNS: readonly RegExp[] = [
  /Generating server:\s*(\S+)/i,
  /Serveur de génération\s*:\s*(\S+)/i,
  /\[([A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.(?:prod\.outlook\.com|protection\.outlook\.com))\b/i,
  /while talking to ([a-z0-9.-]+[a-z])\.?:/i,
  /Giving up on ([0-9a-f.:]+[0-9a-f])\./i,
  /Serveur distant\s*:\s*(\S+)/i,
  /Remote host said:.*?\b(gsmtp)\b/i,
  /\s-\s(gsmtp)\b/,
];

const ENHANCED = /\b([245]\.\d{1,3}\.\d{1,3})\b/;
const SMTP_CODE = /(?:^|[\s'"(:;])([245]\d\d)(?=[\s-]|$)/;
const IPV4 = /\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b/g;

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The codes, remote MTA and named IP inside a diagnostic text. */
function codesOf(text: string, remoteMta: string | null): Pick<BouncedRecipient, 'status' | 'smtpCode' | 'ip' | 'remoteMta'> {
  const status = text.match(ENHANCED)?.[1] ?? null;
  const smtpCode = text.match(SMTP_CODE)?.[1] ?? null;
  const host = remoteMta ?? text.match(/\b(?:host|connect to) ([a-z0-9.-]+\.[a-z]{2,})\s*\[/i)?.[1] ?? text.match(/\b([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s+\[(?:\d{1,3}\.){3}\d{1,3}\]/i)?.[1] ?? null;
  // The receiving host's own address follows its name ("mx.example.net[192.0.2.40]"); "Client host [ip]" is the sender's.
  const hostIp = text.match(/[a-z0-9-]\.[a-z]{2,}\.?\s*\[((?:\d{1,3}\.){3}\d{1,3})\]/i)?.[1];
  const remote = host ?? REMOTE_PATTERNS.map((p) => text.match(p)?.[1]).find(Boolean) ?? null;
  const named = remote === 'gsmtp' ? 'Gmail (gsmtp)' : remote;
  const ips = [...text.matchAll(IPV4)].map((m) => m[1]!).filter((ip) => ip !== hostIp && ip !== remote && !ip.startsWith('127.'));
  return { status, smtpCode, ip: ips[0] ?? null, remoteMta: named };
}

/** A recipient read from a bounce's words (not a DSN's fields): no original recipient nor dates are known. */
function recipientOf(recipient: string | null, action: DsnAction, codes: ReturnType<typeof codesOf>, diagnostic: string | null): BouncedRecipient {
  return { recipient, originalRecipient: null, action, ...codes, diagnostic, lastAttempt: null, willRetryUntil: null };
}

const DSN_ACTIONS: readonly string[] = ['failed', 'delayed', 'delivered', 'relayed', 'expanded'];

/** RFC 3464 §2.2-2.3: the per-message fields, then one block per recipient, separated by blank lines. */
export function parseDsnFields(text: string): { reportingMta: string | null; recipients: BouncedRecipient[] } {
  const blocks = text.replace(/\r\n/g, '\n').split(/\n[ \t]*\n/);
  let reportingMta: string | null = null;
  const recipients: BouncedRecipient[] = [];
  for (const block of blocks) {
    // Folded lines (RFC 5322 §2.2.3) join their field.
    const fields = new Map<string, string>();
    for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    }
    if (fields.has('reporting-mta')) reportingMta = fields.get('reporting-mta')!.replace(/^dns;\s*/i, '');
    if (!fields.has('final-recipient') && !fields.has('original-recipient')) continue;
    if (!fields.has('action') && !fields.has('status')) continue;
    const addr = (v: string | undefined) => (v ? v.replace(/^(?:rfc822|utf-8);\s*/i, '').replace(/^<|>$/g, '').trim() || null : null);
    const diagnostic = fields.get('diagnostic-code')?.replace(/^smtp;\s*/i, '') ?? null;
    const remoteMta = fields.get('remote-mta')?.replace(/^dns;\s*/i, '') ?? null;
    const action = (fields.get('action') ?? '').toLowerCase();
    const fromText = codesOf(diagnostic ?? '', remoteMta);
    recipients.push({
      recipient: addr(fields.get('final-recipient')),
      originalRecipient: addr(fields.get('original-recipient')),
      action: DSN_ACTIONS.includes(action) ? (action as DsnAction) : null,
      status: fields.get('status')?.match(ENHANCED)?.[1] ?? fromText.status,
      smtpCode: fromText.smtpCode,
      remoteMta: fromText.remoteMta,
      diagnostic: diagnostic ? oneLine(diagnostic) : null,
      lastAttempt: fields.get('last-attempt-date') ?? null,
      willRetryUntil: fields.get('will-retry-until') ?? null,
      ip: fromText.ip,
    });
  }
  return { reportingMta, recipients };
}

/** A text bounce, by the first family that recognises it and finds its recipients. */
export function parseTextBounce(text: string): { family: string | null; recipients: BouncedRecipient[] } {
  const t = text.replace(/\r\n/g, '\n');
  for (const f of FAMILIES) {
    if (!f.detect.test(t)) continue;
    const retrying = f.retry?.test(t) ?? false;
    const recipients: BouncedRecipient[] = [];
    for (const m of t.matchAll(new RegExp(f.recipient.source, f.recipient.flags))) {
      const diagnostic = oneLine(m[2] ?? '');
      const codes = codesOf(diagnostic, null);
      if (!codes.remoteMta) codes.remoteMta = codesOf(t, null).remoteMta;
      if (codes.ip && codes.ip === codes.remoteMta) codes.ip = null;
      recipients.push(recipientOf(m[1]!.replace(/[.,;]$/, ''), retrying || codes.smtpCode?.startsWith('4') ? 'delayed' : 'failed', codes, diagnostic.slice(0, 2000)));
    }
    if (recipients.length) return { family: f.family, recipients };
  }
  return { family: null, recipients: [] };
}

/**
 * A bounce in a form no family describes: each address followed, within a few lines, by an SMTP reply code
 * (the addresses of the bounce's own sender and addressee are not recipients).
 */
export function parseAnyBounce(text: string, isParty: (address: string) => boolean): BouncedRecipient[] {
  const out: BouncedRecipient[] = [];
  const seen = new Set<string>();
  for (const m of text.replace(/\r\n/g, '\n').matchAll(/<?([^\s<>@"'(),;:]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+)>?[^\n]*\n?((?:[^\n]*\n){0,4}?[^\n]*\b[45]\d\d[ -][^\n]*)/gi)) {
    const address = m[1]!.replace(/\.$/, '');
    if (isParty(address) || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const diagnostic = oneLine(m[2]!.split('\n').filter((l) => /\b[45]\d\d[ -]/.test(l)).join(' '));
    const codes = codesOf(diagnostic, null);
    out.push(recipientOf(address, codes.smtpCode?.startsWith('4') ? 'delayed' : 'failed', codes, diagnostic.slice(0, 2000)));
  }
  return out;
}

/** A reply line or a log excerpt: the recipient if one is named, the codes, the words. */
export function parseLine(text: string): BouncedRecipient[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n').filter((l) => ENHANCED.test(l) || SMTP_CODE.test(l));
  if (!lines.length) return [];
  // Continuation lines of a multi-line reply (550-5.7.26 ...) make one diagnostic.
  const diagnostic = oneLine(lines.map((l, i) => (i === 0 ? l : l.replace(/^\s*[245]\d\d[- ](?:[245]\.\d{1,3}\.\d{1,3} )?/, ''))).join(' '));
  const codes = codesOf(diagnostic, null);
  const recipient = text.match(/\bto=<([^>]+)>/)?.[1] ?? text.match(/<([^\s<>@]+@[^\s<>@]+)>/)?.[1] ?? null;
  return [recipientOf(recipient, codes.smtpCode?.startsWith('4') || codes.status?.startsWith('4') ? 'delayed' : 'failed', codes, diagnostic.slice(0, 2000))];
}

/**
 * The bounce events mailing platforms send to webhooks (and support staff paste): one entry per platform,
 * how it is recognised and where the address, the words, the code and the hard/soft flag are.
 */
export const WEBHOOK_EVENTS: ReadonlyArray<{ platform: string; is: (e: Record<string, unknown>) => boolean; email: string; reason: string[]; status?: string; hard: (e: Record<string, unknown>) => boolean }> = [
  { platform: 'SendGrid', is: (e) => ['bounce', 'dropped', 'deferred', 'blocked'].includes(String(e.event)) && 'sg_event_id' in e, email: 'email', reason: ['reason', 'response'], status: 'status', hard: (e) => e.event === 'bounce' && e.type !== 'blocked' },
  { platform: 'Mailjet', is: (e) => ['bounce', 'blocked'].includes(String(e.event)) && ('mj_campaign_id' in e || 'error_related_to' in e), email: 'email', reason: ['comment', 'error'], hard: (e) => e.hard_bounce === true },
  { platform: 'Brevo', is: (e) => ['hard_bounce', 'soft_bounce', 'blocked', 'invalid_email'].includes(String(e.event)) && ('message-id' in e || 'ts_event' in e), email: 'email', reason: ['reason'], hard: (e) => e.event !== 'soft_bounce' },
  { platform: 'Mailgun', is: (e) => (e['event-data'] as Record<string, unknown> | undefined)?.event === 'failed', email: 'event-data.recipient', reason: ['event-data.delivery-status.message', 'event-data.delivery-status.description'], status: 'event-data.delivery-status.code', hard: (e) => (e['event-data'] as Record<string, unknown>).severity === 'permanent' },
  { platform: 'Postmark', is: (e) => e.RecordType === 'Bounce', email: 'Email', reason: ['Details', 'Description'], hard: (e) => e.Type === 'HardBounce' },
];

/** A field by dotted path ("event-data.delivery-status.code"). */
function field(e: Record<string, unknown>, path: string): unknown {
  let v: unknown = e;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Webhook events pasted as JSON (one object, an array, or one per line). */
export function parseWebhookEvents(text: string): { platform: string | null; recipients: BouncedRecipient[] } {
  const t = text.trim();
  if (!/^[[{]/.test(t)) return { platform: null, recipients: [] };
  let events: unknown[];
  try {
    const doc = JSON.parse(t) as unknown;
    events = Array.isArray(doc) ? doc : [doc];
  } catch {
    try {
      events = t.split(/\r?\n/).filter(Boolean).map((l) => JSON.parse(l) as unknown);
    } catch {
      return { platform: null, recipients: [] };
    }
  }
  let platform: string | null = null;
  const recipients: BouncedRecipient[] = [];
  for (const e of events) {
    if (!e || typeof e !== 'object') continue;
    const ev = e as Record<string, unknown>;
    const kind = WEBHOOK_EVENTS.find((k) => k.is(ev));
    if (!kind) continue;
    platform = kind.platform;
    const words = kind.reason.map((p) => field(ev, p)).filter((v): v is string => typeof v === 'string' && v.length > 0).join(' ');
    const diagnostic = oneLine(`${kind.status && field(ev, kind.status) !== undefined ? `${field(ev, kind.status)} ` : ''}${words}`);
    const codes = codesOf(diagnostic, null);
    const hard = kind.hard(ev);
    recipients.push(recipientOf(String(field(ev, kind.email) ?? '') || null, hard ? 'failed' : 'delayed', codes, diagnostic || null));
  }
  return { platform, recipients };
}

/** Amazon SES bounce notifications (JSON, as SNS and e-mail feedback forward them). */
export function parseSesJson(text: string): BouncedRecipient[] {
  const start = text.indexOf('{');
  if (start < 0 || !/"bounce(?:Type|dRecipients)"/.test(text)) return [];
  let doc: unknown;
  try {
    doc = JSON.parse(text.slice(start, text.lastIndexOf('}') + 1));
  } catch {
    return [];
  }
  const d = doc as { bounce?: { bounceType?: string; bouncedRecipients?: Array<Record<string, string>>; remoteMtaIp?: string; reportingMTA?: string } };
  const b = d.bounce ?? (doc as { bounceType?: string; bouncedRecipients?: Array<Record<string, string>> });
  return (b.bouncedRecipients ?? []).map((r) => {
    const diagnostic = oneLine(r.diagnosticCode ?? '');
    const codes = codesOf(diagnostic, (b as { remoteMtaIp?: string }).remoteMtaIp ?? null);
    return recipientOf(r.emailAddress ?? null, r.action === 'delayed' || b.bounceType === 'Transient' ? 'delayed' : 'failed', { ...codes, status: r.status?.match(ENHANCED)?.[1] ?? codes.status }, diagnostic || null);
  });
}
