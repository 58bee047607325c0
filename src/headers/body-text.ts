/** A message's body as text and HTML, for forwarding markers and unsubscribe links (only when a body is read). */
import { decodeMessage } from './attachments.js';
import type { BodyParts } from './requirements.js';

/** The plain text (HTML turned to text when there is no text part) and the HTML. */
export async function bodyParts(raw: { header: Buffer; body?: Buffer }): Promise<BodyParts> {
  const m = await decodeMessage(Buffer.concat([raw.header, raw.body ?? Buffer.alloc(0)]));
  return { text: m.text, html: m.html };
}
