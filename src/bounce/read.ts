/**
 * From bytes to what the bounce says: a message (decoded by mailparser, through headers/attachments.ts)
 * read as a DSN, an SES notification or a known MTA's text; anything else as a reply line or log excerpt.
 */
import { fileReadError } from '../core/errors.js';
import { readFilePrefix } from '../core/json-file.js';
import { decodeMessage } from '../headers/attachments.js';
import { Headers, decodeBytes, parseHeaderBlock } from '../headers/message.js';
import { parseReceived } from '../headers/received.js';
import { bounceSigns } from '../core/bounce-reasons.js';
import { parseDsnFields, parseLine, parseSesJson, parseTextBounce, parseWebhookEvents, parseAnyBounce, type BounceFacts, type OriginalMessage } from './parse.js';

/** A bounce larger than this is read only this far. */
export const MAX_BOUNCE = 64 * 1024 * 1024;

/** A bounce file (or standard input for "-"), read at most MAX_BOUNCE far: a 50 MB original attached is not needed whole. */
export async function readBounceInput(file: string, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of stdin as AsyncIterable<Buffer | string>) {
      const b = typeof c === 'string' ? Buffer.from(c) : c;
      if (size < MAX_BOUNCE) chunks.push(b.subarray(0, MAX_BOUNCE - size));
      size += b.length;
    }
    return Buffer.concat(chunks);
  }
  try {
    return readFilePrefix(file, MAX_BOUNCE).bytes;
  } catch (err) {
    throw fileReadError(file, err);
  }
}

/** A message starts with header fields; a pasted reply line or log excerpt does not. */
function looksLikeMessage(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 2000).toString('latin1').replace(/^From [^\n]*\n/, '');
  const lines = head.split(/\r?\n/).slice(0, 5);
  return lines.filter((l) => /^[!-9;-~]+:[ \t]/.test(l)).length >= 2;
}

function originalOf(part: Buffer): OriginalMessage {
  const parsed = parseHeaderBlock(decodeBytes(part.subarray(0, 256 * 1024)));
  const h = new Headers(parsed.fields);
  const top = h.first('received');
  return {
    from: h.first('from') ?? null,
    messageId: h.first('message-id') ?? null,
    subject: h.first('subject') ?? null,
    date: h.first('date') ?? null,
    lastRelay: top ? parseReceived(top).by : null,
  };
}

export async function readBounce(bytes: Buffer): Promise<BounceFacts> {
  if (!looksLikeMessage(bytes)) {
    const text = bytes.toString('utf8').slice(0, 4 * 1024 * 1024);
    const hooks = parseWebhookEvents(text);
    if (hooks.recipients.length) return { kind: 'text', family: `${hooks.platform} (webhook event)`, reportingMta: null, from: null, to: null, subject: null, recipients: hooks.recipients, original: null };
    const ses = parseSesJson(text);
    if (ses.length) return { kind: 'text', family: 'Amazon SES', reportingMta: null, from: null, to: null, subject: null, recipients: ses, original: null };
    const recipients = parseLine(text.slice(0, 1024 * 1024));
    return { kind: recipients.length ? 'line' : 'not-a-bounce', family: null, reportingMta: null, from: null, to: null, subject: null, recipients, original: null };
  }
  const m = await decodeMessage(bytes.subarray(0, MAX_BOUNCE));
  const base = { from: m.from, to: m.to, subject: m.subject };
  const attached = m.attachments.find((a) => /^(message\/(rfc822|global)|text\/rfc822-headers|message\/global-headers)$/i.test(a.contentType));
  const original = attached ? originalOf(attached.content) : null;
  const text = [m.text, ...m.attachments.filter((a) => /delivery-status/i.test(a.contentType)).map((a) => a.content.toString('utf8'))].join('\n\n');
  const dsn = parseDsnFields(text);
  if (dsn.recipients.length) return { kind: 'dsn', family: null, reportingMta: dsn.reportingMta, ...base, recipients: dsn.recipients, original };
  const ses = parseSesJson(text);
  if (ses.length) return { kind: 'text', family: 'Amazon SES', reportingMta: null, ...base, recipients: ses, original };
  // Given to the bounce command: any one sign is enough.
  const signs = bounceSigns(m);
  if (!signs.report && !signs.sender && !signs.subject) return { kind: 'not-a-bounce', family: null, reportingMta: null, ...base, recipients: [], original: null };
  const plain = m.text || (m.html ?? '').replace(/<[^>]+>/g, ' ');
  const family = parseTextBounce(plain);
  if (family.recipients.length) return { kind: 'text', family: family.family, reportingMta: null, ...base, recipients: family.recipients, original };
  // A bounce whose form is not known: the addresses next to the codes in its text, else the codes alone.
  const sender = `${m.from ?? ''} ${m.to ?? ''}`.toLowerCase();
  const any = parseAnyBounce(plain, (a) => sender.includes(a.toLowerCase()));
  return { kind: 'text', family: null, reportingMta: null, ...base, recipients: any.length ? any : parseLine(plain), original };
}
