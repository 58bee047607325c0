/** The attachments of a message (a DMARC or TLS report sent by mail), decoded by mailparser, loaded only here. */
export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export async function messageAttachments(message: Buffer): Promise<Attachment[]> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(message, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: true });
  return parsed.attachments.map((a, i) => ({ filename: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType, content: a.content }));
}

/** A message decoded for reading: the few fields a bounce is known by, its text (HTML as text too), its parts. */
export interface DecodedMessage {
  from: string | null;
  to: string | null;
  subject: string | null;
  /** The top Content-Type, with its parameters ("multipart/report; report-type=delivery-status"). */
  contentType: string | null;
  headerLines: string[];
  text: string;
  html: string | null;
  attachments: Attachment[];
}

export async function decodeMessage(message: Buffer): Promise<DecodedMessage> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(message, { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: false });
  const ct = parsed.headers.get('content-type') as { value?: string; params?: Record<string, string> } | string | undefined;
  const contentType = typeof ct === 'string' ? ct : ct?.value ? `${ct.value}${Object.entries(ct.params ?? {}).map(([k, v]) => `; ${k}=${v}`).join('')}` : null;
  const address = (a: unknown) => (a && typeof a === 'object' && 'text' in a ? String((a as { text: string }).text) : null);
  return {
    from: address(parsed.from),
    to: address(parsed.to),
    subject: parsed.subject ?? null,
    contentType,
    headerLines: parsed.headerLines.map((l) => l.line),
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a, i) => ({ filename: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType, content: a.content })),
  };
}
