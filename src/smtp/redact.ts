/** Secrets never enter a report, a transcript, a log line or an error message. */

export const REDACTED = '[redacted]';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The password and every encoding AUTH PLAIN and AUTH LOGIN would carry it in. */
export function secretForms(user: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  const forms = [password, b64(password), b64(`\u0000${user ?? ''}\u0000${password}`), b64(`${user ?? ''}\u0000${user ?? ''}\u0000${password}`)];
  // Inside a longer base64 blob the password's encoding depends on its offset: cover the three
  // alignments by their stable middle part (long enough not to match ordinary text).
  for (const pad of ['x', 'xx', 'xxx']) {
    const middle = b64(pad + password).slice(4, -4);
    if (middle.length >= 8) forms.push(middle);
  }
  // A password of 1-3 characters would blank out ordinary letters everywhere: see shortSecret.
  return [...new Set(forms.filter((f) => f.length >= 4))].sort((a, b) => b.length - a.length);
}

/** A password too short to search for as a substring: a server reply holding it as a word is withheld whole. */
export function shortSecret(password: string | undefined): string | undefined {
  return password && password.length < 4 ? password : undefined;
}

/** "250-", "535 5.7.8 ": the reply code (and enhanced status code) that start an SMTP reply line. */
const REPLY_CODE = /^\d{3}(?:[ -]|$)(?:[245]\.\d{1,3}\.\d{1,3}(?: |$))?/;
const ALNUM = /[\p{L}\p{N}]/u;

function holdsWord(text: string, word: string): boolean {
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const before = text[i - 1];
    const after = text[i + word.length];
    if ((before === undefined || !ALNUM.test(before)) && (after === undefined || !ALNUM.test(after))) return true;
  }
  return false;
}

/**
 * Redacts a whole server reply (or any text of several lines): the lines' texts, reply codes left
 * out, are joined before searching, so a secret split over two continuation lines ("535-Tr0ub4",
 * "535 dor&3") is found and blanked in both. With a short secret, a reply holding it as a word is
 * withheld whole (its reply codes kept).
 */
export function redactText(text: string, secrets: readonly string[], short?: string): string {
  if (!secrets.length && !short) return text;
  const lines = text.split('\n');
  const prefixes = lines.map((l) => l.match(REPLY_CODE)?.[0] ?? '');
  const bodies = lines.map((l, i) => l.slice(prefixes[i]!.length));
  if (short && holdsWord(bodies.join(' '), short)) return lines.map((_, i) => `${prefixes[i]}${REDACTED}`).join('\n');
  const joined = bodies.join('');
  if (!secrets.some((s) => joined.includes(s))) return text;
  const covered = new Uint8Array(joined.length);
  for (const s of secrets) {
    for (let i = joined.indexOf(s); i >= 0; i = joined.indexOf(s, i + 1)) covered.fill(1, i, i + s.length);
  }
  let offset = 0;
  return bodies
    .map((body, n) => {
      let out = '';
      for (let i = 0; i < body.length; i++) {
        if (!covered[offset + i]) out += body[i];
        else if (i === 0 || !covered[offset + i - 1]) out += REDACTED;
      }
      offset += body.length;
      return prefixes[n] + out;
    })
    .join('\n');
}

/** Deep copy with every string redacted. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}
