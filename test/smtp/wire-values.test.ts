/** The grammar of what smtp-test writes on the wire: mailboxes, EHLO names, TLS names, logins. */
import { describe, expect, it } from 'vitest';
import { isLogin, isMailbox, isOneLine, isServerName, isSmtpDomain } from '../../src/smtp/wire-values.js';

describe('mailboxes (RFC 5321 §4.1.2, RFC 6531)', () => {
  it.each([
    'app@mairie-exemple.fr',
    'no-reply+factures@ville.example',
    "o'brien@example.ie",
    'first.last@sub.example.co.uk',
    '"john smith"@example.com',
    '"a\\"b"@example.com',
    'postmaster@[192.0.2.25]',
    'postmaster@[IPv6:2001:db8::25]',
    'marie@mairie-évry.fr',
    'josé@exemple.fr',
    'user@localhost',
    'a@b_c.example',
  ])('accepts %s', (a) => expect(isMailbox(a)).toBe(true));

  it.each([
    ['CRLF and commands', 'a@example.fr>\r\nRCPT TO:<victim@example.net>\r\nDATA'],
    ['a bare LF', 'a@example.fr\nRSET'],
    ['a bare CR', 'a@example.fr\rQUIT'],
    ['NUL', 'a\u0000b@example.fr'],
    ['a closing bracket', 'a@example.fr> SIZE=1'],
    ['a space', 'jean dupont@example.fr'],
    ['no @', 'example.fr'],
    ['empty local part', '@example.fr'],
    ['empty', ''],
    ['two dots', 'a..b@example.fr'],
    ['a leading dot', '.a@example.fr'],
    ['a bad domain', 'a@exa mple.fr'],
    ['a bare IP as domain', 'a@192.0.2.1'],
    ['a bad literal', 'a@[999.1.1.1]'],
    ['a bidi override', 'a\u202e@example.fr'],
    ['a C1 control', 'a\u0085@example.fr'],
    ['a control inside quotes', '"a\tb"@example.fr'],
    ['a local part of 65 octets', `${'a'.repeat(65)}@example.fr`],
    ['an address of 255 octets', `${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`],
  ])('refuses %s', (_name, a) => expect(isMailbox(a)).toBe(false));
});

describe('EHLO names, TLS names, logins', () => {
  it.each([
    ['app.mairie-exemple.fr', true],
    ['[192.0.2.10]', true],
    ['[IPv6:2001:db8::1]', true],
    ['localhost', true],
    ['app.example.fr\r\nMAIL FROM:<x@y>', false],
    ['192.0.2.10', false],
    ['bad name', false],
    ['', false],
  ])('EHLO %j: %s', (name, ok) => expect(isSmtpDomain(name)).toBe(ok));

  it.each([
    ['smtp.example.fr', true],
    ['smtp.évry.fr', true],
    ['192.0.2.1', false],
    ['[192.0.2.1]', false],
    ['smtp.example.fr\r\n', false],
  ])('TLS name %j: %s', (name, ok) => expect(isServerName(name)).toBe(ok));

  it.each([
    ['app@mairie-exemple.fr', true],
    ['DOMAIN\\user', true],
    ['jean dupont', true],
    ['u\u0000admin', false],
    ['u\r\nAUTH PLAIN', false],
    ['', false],
  ])('login %j: %s', (name, ok) => expect(isLogin(name)).toBe(ok));

  it('a command line with CR, LF or NUL is never one line', () => {
    expect(['MAIL FROM:<a@b.fr>', 'EHLO x'].every(isOneLine)).toBe(true);
    expect(['MAIL FROM:<a@b.fr>\r\nDATA', 'RCPT TO:<a\n>', 'EHLO \u0000'].some(isOneLine)).toBe(false);
  });
});
