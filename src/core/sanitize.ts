/**
 * Text that came from outside (DNS records, SMTP replies, header values) must not drive the terminal:
 * C0/C1 controls, DEL and bidirectional overrides are shown as visible escapes instead.
 */

// C0, DEL, C1, and the bidi embedding/override/isolate marks (Trojan Source).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === '\t') return ' ';
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u{${code.toString(16).toUpperCase()}}`;
}

/** For text and Markdown output: one line, nothing the terminal would interpret. */
export function safeText(value: string): string {
  return value.replace(UNSAFE, visible);
}

// Everything UNSAFE matches except C0, which JSON.stringify escapes itself (and whose \n is JSON's own layout).
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** For JSON output: escape DEL, C1 and bidi marks too, as JSON allows, so `cat report.json` is safe. */
export function escapeJsonUnsafe(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
