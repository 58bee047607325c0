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
