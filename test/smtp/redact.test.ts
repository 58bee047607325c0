import { describe, expect, it } from 'vitest';
import { redactDeep, redactString, secretForms } from '../../src/smtp/redact.js';

describe('redaction', () => {
  const user = 'app@mairie-exemple.fr';
  const password = 'Tr0ub4dor&3';
  const b64 = (s: string) => Buffer.from(s).toString('base64');

  it.each([
    [password],
    [b64(password)],
    [b64(`\u0000${user}\u0000${password}`)],
    [b64(`${user}\u0000${user}\u0000${password}`)],
    [`AUTH PLAIN ${b64(`\u0000${user}\u0000${password}`)}`],
    [`prefix ${b64(`x${password}`)} suffix`],
    [`prefix ${b64(`xy${password}`)} suffix`],
  ])('hides %s', (text) => {
    const out = redactString(text, secretForms(user, password));
    expect(out).not.toContain(password);
    expect(out).not.toContain(b64(password).slice(0, 8));
  });

  it('reaches into nested data and leaves other text alone', () => {
    const data = { a: [`the password is ${password}`], b: { c: 'no secret here, x marks the spot' } };
    expect(redactDeep(data, secretForms(user, password))).toEqual({ a: ['the password is [redacted]'], b: { c: 'no secret here, x marks the spot' } });
  });

  it('does not blank out ordinary letters for a very short password', () => {
    expect(redactString('example.fr', secretForms(user, 'x'))).toBe('example.fr');
  });
});
