/** Plain text of a message's body, decoded by mailparser (loaded only here, and only when a body is read). */
export async function bodyText(raw: { header: Buffer; body?: Buffer }): Promise<string> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(Buffer.concat([raw.header, raw.body ?? Buffer.alloc(0)]), { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: false });
  return parsed.text ?? '';
}
