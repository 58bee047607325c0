/** Secrets never enter a report, a transcript, a log line or an error message. */

export const REDACTED = '[redacted]';

/** The password and every encoding AUTH PLAIN and AUTH LOGIN would carry it in. */
export function secretForms(user: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const forms = [password, b64(password), b64(`\u0000${user ?? ''}\u0000${password}`), b64(`${user ?? ''}\u0000${user ?? ''}\u0000${password}`)];
  // Inside a longer base64 blob the password's encoding depends on its offset: cover the three
  // alignments by their stable middle part (long enough not to match ordinary text).
  for (const pad of ['x', 'xx', 'xxx']) {
    const middle = b64(pad + password).slice(4, -4);
    if (middle.length >= 8) forms.push(middle);
  }
  // A password of 1-3 characters would blank out ordinary letters everywhere; its encodings are still hidden.
  return [...new Set(forms.filter((f) => f.length >= 4))].sort((a, b) => b.length - a.length);
}

export function redactString(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** Deep copy with every string redacted. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.length) return value;
  if (typeof value === 'string') return redactString(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}
