import { describe, expect, it } from 'vitest';
import { redactDeep, redactText, secretForms } from '../../src/smtp/redact.js';

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
    const out = redactText(text, secretForms(user, password));
    expect(out).not.toContain(password);
    expect(out).not.toContain(b64(password).slice(0, 8));
  });

  it('reaches into nested data and leaves other text alone', () => {
    const data = { a: [`the password is ${password}`], b: { c: 'no secret here, x marks the spot' } };
    expect(redactDeep(data, secretForms(user, password))).toEqual({ a: ['the password is [redacted]'], b: { c: 'no secret here, x marks the spot' } });
  });

  it('does not blank out ordinary letters for a very short password', () => {
    expect(redactText('example.fr', secretForms(user, 'x'))).toBe('example.fr');
  });

  it.each([
    ['the password over two continuation lines', `535-5.7.8 bad password ${password.slice(0, 5)}\n535 5.7.8 ${password.slice(5)} for ${user}`],
    ['its base64 over three lines', `535-5.7.8 got ${b64(password).slice(0, 3)}\n535-${b64(password).slice(3, 9)}\n535 ${b64(password).slice(9)}`],
    ['the AUTH PLAIN string over two lines', `535-5.7.8 ${b64(`\u0000${user}\u0000${password}`).slice(0, 20)}\n535 5.7.8 ${b64(`\u0000${user}\u0000${password}`).slice(20)}`],
    ['an error message that quotes the reply', `Invalid login: 535-5.7.8 ${password.slice(0, 2)}\n535 5.7.8 ${password.slice(2)}`],
  ])('hides %s, keeping the reply codes', (_name, reply) => {
    const out = redactText(reply, secretForms(user, password));
    const joined = out.split('\n').map((l) => l.replace(/^\d{3}[ -](5\.7\.8 )?/, '')).join('');
    expect(joined).not.toContain(password);
    expect(joined).not.toContain(b64(password));
    expect(out.split('\n').every((l, i) => l.slice(0, 3) === reply.split('\n')[i]!.slice(0, 3))).toBe(true);
  });

  it('withholds a reply holding a 1-3 character password as a word, and only then', () => {
    expect(redactText('535 5.7.8 login app with password ab rejected', [], 'ab')).toBe('535 5.7.8 [redacted]');
    expect(redactText('250 2.1.0 about to accept', [], 'ab')).toBe('250 2.1.0 about to accept');
    expect(redactText('250-first\n250 the password: x!', [], 'x!')).toBe('250-[redacted]\n250 [redacted]');
  });
});
