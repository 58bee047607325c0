/**
 * RFC 1035 §5 master files: $ORIGIN, $TTL, @, relative names, omitted owner/TTL/class, parentheses,
 * quoted character-strings with escapes, ; comments, BIND-style TTL units (1h, 2d).
 * Pure: text in, zone out. Used by --zone-file and by the test DNS server, so both read zones alike.
 */
import { ipFamily } from '../core/ip-family.js';
import { InputError } from '../core/errors.js';
import { t as say } from '../i18n/ui.js';
import { normalizeName, type RecordData, type RecordType } from './types.js';

export type ZoneRecord = { [T in RecordType]: { name: string; ttl: number; type: T; data: RecordData[T] } }[RecordType];

export interface Zone {
  /** Names the zone is authoritative for: SOA owners, else every $ORIGIN given. */
  apexes: string[];
  records: ZoneRecord[];
}

interface Token {
  text: string;
  quoted: boolean;
}

interface Line {
  tokens: Token[];
  /** The line began with blank space: the owner is the previous one. */
  continuesOwner: boolean;
  lineNo: number;
}

const CLASSES = new Set(['IN', 'CH', 'HS', 'CS']);

function tokenize(text: string, file: string): Line[] {
  const lines: Line[] = [];
  let tokens: Token[] = [];
  let depth = 0;
  let openedAt = 0;
  let lineNo = 1;
  let startLine = 1;
  let continuesOwner = false;
  let atLineStart = true;
  let i = 0;
  const flush = () => {
    if (tokens.length) lines.push({ tokens, continuesOwner, lineNo: startLine });
    tokens = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atLineStart && depth === 0) {
      continuesOwner = ch === ' ' || ch === '\t';
      startLine = lineNo;
      atLineStart = false;
    }
    if (ch === '\n') {
      lineNo++;
      i++;
      if (depth === 0) {
        flush();
        atLineStart = true;
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === ';') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '(') {
      if (depth === 0) openedAt = lineNo;
      depth++;
      i++;
      continue;
    }
    if (ch === ')') {
      if (depth === 0) throw zoneError(`${file}:${lineNo}`, say('zone.close-paren'));
      depth--;
      i++;
      continue;
    }
    if (ch === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw zoneError(`${file}:${lineNo}`, say('zone.unterminated'));
        const c = text[i]!;
        if (c === '"') {
          i++;
          break;
        }
        if (c === '\\') {
          const [decoded, used] = unescape(text, i);
          value += decoded;
          i += used;
          continue;
        }
        if (c === '\n') lineNo++;
        value += bytes(c);
        i++;
      }
      tokens.push({ text: decode(value), quoted: true });
      continue;
    }
    let value = '';
    while (i < text.length && !' \t\r\n;()"'.includes(text[i]!)) {
      if (text[i] === '\\') {
        const [decoded, used] = unescape(text, i);
        value += decoded === '.' ? '\\.' : decoded;
        i += used;
        continue;
      }
      value += bytes(text[i]!);
      i++;
    }
    tokens.push({ text: decode(value), quoted: false });
  }
  if (depth !== 0) throw zoneError(`${file}:${openedAt}`, say('zone.open-paren'));
  flush();
  return lines;
}

/** \X is X; \DDD is the byte DDD (decimal). Returned as bytes in a latin1 string, see `bytes`. */
function unescape(text: string, i: number): [string, number] {
  const digits = text.slice(i + 1, i + 4);
  if (/^\d{3}$/.test(digits) && Number(digits) < 256) return [String.fromCharCode(Number(digits)), 4];
  return [bytes(text[i + 1] ?? ''), 2];
}

/** Tokens are built as bytes (one char per byte) so that \DDD escapes and literal UTF-8 mix, then decoded once. */
function bytes(ch: string): string {
  return ch.charCodeAt(0) < 0x80 ? ch : Buffer.from(ch, 'utf8').toString('latin1');
}

function decode(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function parseTtl(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.toLowerCase().match(/^(\d+[smhdw])+$/) ? text.toLowerCase().match(/\d+[smhdw]/g) : null;
  if (!parts) return undefined;
  return parts.reduce((sum, p) => sum + Number(p.slice(0, -1)) * TTL_UNITS[p.slice(-1)]!, 0);
}

export function parseZone(text: string, options: { origin?: string; file?: string } = {}): Zone {
  const file = options.file ?? 'zone';
  let origin = options.origin ? normalizeName(options.origin) : undefined;
  const origins = new Set<string>();
  if (origin) origins.add(origin);
  let defaultTtl = 3600;
  let lastOwner: string | undefined;
  const records: ZoneRecord[] = [];

  const absolute = (name: string, lineNo: number): string => {
    if (name === '@') {
      if (origin === undefined) throw zoneError(`${file}:${lineNo}`, say('zone.at-before-origin'));
      return origin;
    }
    if (name.endsWith('.') && !name.endsWith('\\.')) return normalizeName(name.replace(/\\\./g, '.'));
    if (origin === undefined) throw zoneError(`${file}:${lineNo}`, say('zone.relative-before-origin', { name: shown(name) }));
    const rel = name.replace(/\\\./g, '.').toLowerCase();
    return origin === '' ? rel : `${rel}.${origin}`;
  };

  for (const line of tokenize(text, file)) {
    const t = line.tokens.map((x) => x.text);
    const first = t[0]!;
    if (first.startsWith('$') && !line.tokens[0]!.quoted) {
      const directive = first.toUpperCase();
      if (directive === '$ORIGIN') {
        if (!t[1]) throw zoneError(`${file}:${line.lineNo}`, say('zone.origin-needs-name'));
        origin = t[1] === '.' ? '' : absolute(t[1].endsWith('.') ? t[1] : `${t[1]}.`, line.lineNo);
        origins.add(origin);
      } else if (directive === '$TTL') {
        const ttl = parseTtl(t[1] ?? '');
        if (ttl === undefined) throw zoneError(`${file}:${line.lineNo}`, say('zone.ttl-needs-seconds'));
        defaultTtl = ttl;
      } else {
        throw zoneError(`${file}:${line.lineNo}`, say('zone.directive-unsupported', { directive: shown(directive) }));
      }
      continue;
    }

    let pos = 0;
    let owner: string;
    if (line.continuesOwner) {
      if (lastOwner === undefined) throw zoneError(`${file}:${line.lineNo}`, say('zone.no-owner'));
      owner = lastOwner;
    } else {
      owner = absolute(first, line.lineNo);
      pos = 1;
    }
    lastOwner = owner;

    let ttl = defaultTtl;
    // TTL and class may come in either order, each optional.
    for (let k = 0; k < 2; k++) {
      const tok = t[pos];
      if (tok === undefined) break;
      if (CLASSES.has(tok.toUpperCase())) {
        if (tok.toUpperCase() !== 'IN') throw zoneError(`${file}:${line.lineNo}`, say('zone.class-in-only'));
        pos++;
      } else {
        const v = parseTtl(tok);
        if (v === undefined) break;
        ttl = v;
        pos++;
      }
    }
    const type = t[pos]?.toUpperCase();
    if (!type) throw zoneError(`${file}:${line.lineNo}`, say('zone.type-missing'));
    const rdata = line.tokens.slice(pos + 1);
    records.push(parseRdata(owner, ttl, type, rdata, (n) => absolute(n, line.lineNo), `${file}:${line.lineNo}`));
  }

  const soaOwners = records.filter((r) => r.type === 'SOA').map((r) => r.name);
  const apexes = soaOwners.length ? [...new Set(soaOwners)] : [...origins];
  return { apexes, records };
}

/** "file:line: what is wrong", in the run's language. */
/** A token quoted in an error, as the other inputs' errors quote theirs: its first 100 characters (a runaway line stays one readable line). */
function shown(token: string): string {
  return token.slice(0, 100);
}

function zoneError(where: string, message: string): InputError {
  return new InputError(say('zone.at', { where, message }));
}

function parseRdata(name: string, ttl: number, type: string, rd: Token[], abs: (n: string) => string, where: string): ZoneRecord {
  const words = rd.map((x) => x.text);
  const need = (n: number) => {
    if (words.length < n) throw zoneError(where, say('zone.needs-values', { type: shown(type), n }));
  };
  const num = (s: string | undefined, max = 0xffffffff): number => {
    if (s === undefined || !/^\d+$/.test(s) || Number(s) > max) throw zoneError(where, say('zone.bad-number', { value: shown(s ?? ''), type: shown(type) }));
    return Number(s);
  };
  switch (type) {
    case 'A':
      need(1);
      if (ipFamily(words[0]!) !== 4) throw zoneError(where, say('zone.not-ipv4', { value: shown(words[0]!) }));
      return { name, ttl, type, data: words[0]! };
    case 'AAAA':
      need(1);
      if (ipFamily(words[0]!) !== 6) throw zoneError(where, say('zone.not-ipv6', { value: shown(words[0]!) }));
      return { name, ttl, type, data: words[0]! };
    case 'MX':
      need(2);
      return { name, ttl, type, data: { priority: num(words[0], 0xffff), exchange: words[1] === '.' ? '' : abs(words[1]!) } };
    case 'TXT':
    case 'SPF':
      need(1);
      return { name, ttl, type: 'TXT', data: words };
    case 'CNAME':
    case 'NS':
    case 'PTR':
      need(1);
      return { name, ttl, type, data: abs(words[0]!) } as ZoneRecord;
    case 'SOA':
      need(7);
      return {
        name,
        ttl,
        type,
        data: {
          mname: abs(words[0]!),
          rname: abs(words[1]!),
          serial: num(words[2]),
          refresh: parseTtl(words[3]!) ?? num(words[3]),
          retry: parseTtl(words[4]!) ?? num(words[4]),
          expire: parseTtl(words[5]!) ?? num(words[5]),
          minimum: parseTtl(words[6]!) ?? num(words[6]),
        },
      };
    case 'SRV':
      need(4);
      return {
        name,
        ttl,
        type,
        data: { priority: num(words[0], 0xffff), weight: num(words[1], 0xffff), port: num(words[2], 0xffff), target: abs(words[3]!) },
      };
    case 'DS':
      need(4);
      if (!/^[0-9A-Fa-f]+$/.test(words.slice(3).join(''))) throw zoneError(where, say('zone.ds-hex'));
      return { name, ttl, type, data: { keyTag: num(words[0], 0xffff), algorithm: num(words[1], 255), digestType: num(words[2], 255), digest: words.slice(3).join('').toLowerCase() } };
    case 'CAA':
      need(3);
      return { name, ttl, type, data: { flags: num(words[0], 255), tag: words[1]!, value: words.slice(2).join(' ') } };
    default:
      throw zoneError(where, say('zone.type-unsupported', { type: shown(type) }));
  }
}
