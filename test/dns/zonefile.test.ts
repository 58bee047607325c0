import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { ZoneIndex } from '../../src/dns/zone-lookup.js';
import { parseZone } from '../../src/dns/zonefile.js';

const ZONE = `; comment line
$ORIGIN example.fr.
$TTL 1h
@        IN  SOA ns1 hostmaster ( 2026112201 ; serial
                                  3600 600 1209600 300 )
         IN  NS  ns1
ns1      300 IN A 192.0.2.53
@            MX 10 mx1
@            MX 20 mx2.example.net.
mx1          AAAA 2001:db8::25
@            TXT "v=spf1 include:_spf.example.net" " -all"
quoted       TXT "a \\"quoted\\" word; not a comment" unquoted
deep.empty.nonterminal A 192.0.2.9
*.wild       TXT "wildcard"
alias        CNAME target
target       A 192.0.2.10
loop1        CNAME loop2
loop2        CNAME loop1
`;

describe('parseZone', () => {
  const zone = parseZone(ZONE, { file: 'test.zone' });

  it('reads SOA, relative names, $TTL units, parentheses and omitted owners', () => {
    expect(zone.apexes).toEqual(['example.fr']);
    const soa = zone.records.find((r) => r.type === 'SOA')!;
    expect(soa).toMatchObject({ name: 'example.fr', ttl: 3600, data: { mname: 'ns1.example.fr', serial: 2026112201, minimum: 300 } });
    expect(zone.records.find((r) => r.type === 'NS')).toMatchObject({ name: 'example.fr', data: 'ns1.example.fr' });
    expect(zone.records.find((r) => r.type === 'A' && r.name === 'ns1.example.fr')).toMatchObject({ ttl: 300, data: '192.0.2.53' });
    expect(zone.records.filter((r) => r.type === 'MX').map((r) => r.data)).toEqual([
      { priority: 10, exchange: 'mx1.example.fr' },
      { priority: 20, exchange: 'mx2.example.net' },
    ]);
  });

  it('keeps TXT character-strings apart, with escapes and semicolons inside quotes', () => {
    expect(zone.records.find((r) => r.type === 'TXT' && r.name === 'example.fr')?.data).toEqual(['v=spf1 include:_spf.example.net', ' -all']);
    expect(zone.records.find((r) => r.name === 'quoted.example.fr')?.data).toEqual(['a "quoted" word; not a comment', 'unquoted']);
  });

  it.each([
    ['$ORIGIN example.fr.\n@ A 300.1.1.1', /not an IPv4 address/],
    ['$ORIGIN example.fr.\n@ TXT "open', /unterminated/],
    ['$ORIGIN example.fr.\n@ HINFO a b', /HINFO is not supported/],
    ['www A 192.0.2.1', /before any \$ORIGIN/],
    ['$ORIGIN example.fr.\n@ MX ten mx', /not a valid number/],
    ['$INCLUDE other.zone', /not supported/],
    ['$ORIGIN example.fr.\n@ ( A 192.0.2.1', /without "\)"/],
    [`${'x'.repeat(5_000)} A 192.0.2.1`, new RegExp(`^bad\\.zone:1: relative name "x{100}" before any \\$ORIGIN$`)],
    [`$ORIGIN example.fr.\n@ A ${'9'.repeat(5_000)}`, new RegExp(`^bad\\.zone:2: "9{100}" is not an IPv4 address$`)],
  ])('rejects %j with a located error', (text, message) => {
    expect(() => parseZone(text, { file: 'bad.zone' })).toThrow(InputError);
    expect(() => parseZone(text, { file: 'bad.zone' })).toThrow(message);
  });
});

describe('ZoneIndex.lookup', () => {
  const index = new ZoneIndex(parseZone(ZONE));
  it.each([
    ['example.fr', 'MX', 'found'],
    ['example.fr', 'AAAA', 'nodata'],
    ['nothing.example.fr', 'A', 'nxdomain'],
    ['empty.nonterminal.example.fr', 'A', 'nodata'],
    ['anything.wild.example.fr', 'TXT', 'found'],
    ['alias.example.fr', 'A', 'found'],
    ['alias.example.fr', 'CNAME', 'found'],
    ['loop1.example.fr', 'A', 'nodata'],
    ['example.net', 'A', 'outside'],
  ] as const)('%s %s is %s', (name, type, kind) => {
    expect(index.lookup(name, type).kind).toBe(kind);
  });

  it('follows a CNAME inside the zone and returns the chain then the answer', () => {
    const a = index.lookup('alias.example.fr', 'A');
    expect(a.kind === 'found' && a.records.map((r) => r.type)).toEqual(['CNAME', 'A']);
  });

  it('synthesises wildcard answers with the asked name', () => {
    const a = index.lookup('x.wild.example.fr', 'TXT');
    expect(a.kind === 'found' && a.records[0]!.name).toBe('x.wild.example.fr');
  });
});
