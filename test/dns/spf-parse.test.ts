import { describe, expect, it } from 'vitest';
import { expandMacros, isSpfRecord, macroError, parseSpf } from '../../src/dns/spf/parse.js';
import { reasonText } from '../../src/core/catalogue/reason-words.js';

describe('parseSpf', () => {
  it('parses every mechanism, qualifier, prefix and modifier', () => {
    const p = parseSpf('v=spf1 +a -mx:mail.example.com/24//64 ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 include:_spf.example.net exists:%{i}._spf.example.com ptr redirect=_spf.example.org exp=explain.example.com -all');
    expect(p.errors).toEqual([]);
    expect(p.mechanisms.map((m) => `${m.qualifier}${m.name}`)).toEqual(['+a', '-mx', '~ip4', '?ip6', '+include', '+exists', '+ptr', '-all']);
    expect(p.mechanisms[1]).toMatchObject({ value: 'mail.example.com', cidr4: 24, cidr6: 64 });
    expect(p.redirect?.value).toBe('_spf.example.org');
    expect(p.exp?.value).toBe('explain.example.com');
  });

  it.each([
    ['v=spf1 inlude:_spf.google.com -all', 'inlude:_spf.google.com', 'not an SPF mechanism'],
    ['v=spf1 ip4:192.0.2.300 -all', 'ip4:192.0.2.300', 'not an IPv4 address'],
    ['v=spf1 ip6:2001:db8::/129 -all', 'ip6:2001:db8::/129', 'prefix length'],
    ['v=spf1 a/33 -all', 'a/33', 'IPv4 prefix length'],
    ['v=spf1 include: -all', 'include:', 'needs ":<domain>"'],
    ['v=spf1 include:1.2.3.4 -all', 'include:1.2.3.4', 'top-level label'],
    ['v=spf1 exists:%{x}.example.com -all', 'exists:%{x}.example.com', 'not defined'],
    ['v=spf1 exists:%{d.example.com -all', 'exists:%{d.example.com', 'not closed'],
    ['v=spf1 redirect=a.example redirect=b.example', 'redirect=b.example', 'more than once'],
    ['v=spf1 all:foo', 'all:foo', 'takes no argument'],
  ])('locates the error in %j', (record, term, reason) => {
    const e = parseSpf(record).errors;
    expect(e).toHaveLength(1);
    expect(e[0]!.term).toBe(term);
    expect(e[0]!.position).toBe(record.indexOf(term) + 1);
    expect(reasonText(e[0]!.reason)).toContain(reason);
  });

  it('ignores unknown modifiers but still checks their macros', () => {
    expect(parseSpf('v=spf1 moo=cow -all').errors).toEqual([]);
    expect(parseSpf('v=spf1 moo=%{z} -all').errors).toHaveLength(1);
  });

  it.each([
    ['v=spf1 -all', true],
    ['V=SPF1 -all', true],
    ['v=spf1', true],
    ['v=spf10 -all', false],
    ['spf2.0/pra -all', false],
  ])('isSpfRecord(%j) is %s', (text, expected) => expect(isSpfRecord(text)).toBe(expected));
});

describe('expandMacros: the worked examples of RFC 7208 §7.4', () => {
  const v4 = { sender: 'strong-bad@email.example.com', domain: 'email.example.com', ip: '192.0.2.3', helo: 'mx.example.org' };
  const v6 = { ...v4, ip: '2001:db8::cb01' };
  it.each([
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ])('%s -> %s', (spec, expected) => expect(expandMacros(spec, v4)).toBe(expected));

  it('expands IPv6 as dotted nibbles', () => {
    expect(expandMacros('%{ir}.%{v}._spf.%{d2}', v6)).toBe('1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com');
  });

  it('URL-escapes upper-case macros and handles %%, %_ and %-', () => {
    expect(expandMacros('%{S}', { ...v4, sender: 'a b@example.com' })).toBe('a%20b%40example.com');
    expect(expandMacros('%%%_%-', v4)).toBe('% %20');
  });

  it('validates macro strings without throwing', () => {
    expect(macroError('%{i}._spf.%{d}')).toBeUndefined();
    expect(reasonText(macroError('%{c}')!)).toContain('not defined');
    expect(macroError('%{c}', true)).toBeUndefined();
    expect(reasonText(macroError('100%')!)).toContain('%');
  });
});
