/**
 * A message decoded by mailparser (loaded only here, and only when a whole message is read): the few fields
 * a bounce is known by, its text (HTML as text too, when asked), its HTML, its attachments (a DMARC or TLS
 * report sent by mail, the original a bounce carries).
 */
export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface DecodedMessage {
  from: string | null;
  to: string | null;
  subject: string | null;
  /** The top Content-Type, with its parameters ("multipart/report; report-type=delivery-status"). */
  contentType: string | null;
  text: string;
  html: string | null;
  attachments: Attachment[];
}

/** `htmlToText`: give the text of an HTML-only message (costly: only for readers of the words). */
export async function decodeMessage(message: Buffer, htmlToText = true): Promise<DecodedMessage> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(message, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: !htmlToText });
  const ct = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | string | undefined;
  const contentType = typeof ct === 'string' ? ct : ct?.value ? `${ct.value}${Object.entries(ct.params ?? {}).map(([k, v]) => `; ${k}=${v}`).join('')}` : null;
  const address = (a: unknown) => (a && typeof a === 'object' && 'text' in a ? String((a as { text: string }).text) : null);
  return {
    from: address(parsed.from),
    to: address(parsed.to),
    subject: parsed.subject ?? null,
    contentType,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a, i) => ({ filename: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType, content: a.content })),
  };
}
