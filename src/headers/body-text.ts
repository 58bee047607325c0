/** A message's body, decoded by mailparser (loaded only here, and only when a body is read). */
import type { BodyParts } from './requirements.js';

/** The plain text (HTML turned to text when there is no text part) and the HTML, for markers and links. */
export async function bodyParts(raw: { header: Buffer; body?: Buffer }): Promise<BodyParts> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(Buffer.concat([raw.header, raw.body ?? Buffer.alloc(0)]), { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: false });
  return { text: parsed.text ?? '', html: typeof parsed.html === 'string' ? parsed.html : null };
}
