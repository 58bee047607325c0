/**
 * Received header fields (RFC 5321 §4.4) as MTAs really write them: Postfix, Exim, Sendmail, qmail,
 * Microsoft Exchange / 365 (IP in parentheses), Gmail, Haraka, SendGrid (no ";" before the date),
 * Amazon SES, Mailgun. Pure. A line that cannot be understood is kept raw, never dropped.
 */
import { isIP } from 'node:net';

export interface ReceivedHop {
  raw: string;
  /** Name the sending host gave in HELO/EHLO. */
  helo: string | null;
  /** Reverse-DNS name the receiver found for it. */
  rdns: string | null;
  ip: string | null;
  ipVersion: 4 | 6 | null;
  by: string | null;
  byIp: string | null;
  /** ESMTP, ESMTPS, ESMTPSA, SMTP, LMTP, HTTP, Microsoft SMTP Server... */
  with: string | null;
  /** TLS as stated: a protocol (TLSv1.3, TLS1_2) or "yes" when only ESMTPS/SMTPS says so. */
  tls: string | null;
  id: string | null;
  for: string | null;
  date: string | null;
  /** Milliseconds since the epoch, or null when the date is missing or unreadable. */
  time: number | null;
  parsed: boolean;
}

const DATE_AT_END = /((?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[+-]\d{4}|[A-Z]{1,5})?(?:\s*\([^)]*\))*)\s*$/i;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/;

/** Parses an RFC 5322 date as mail uses it (with obsolete zone names); null when unreadable. */
export function parseMailDate(text: string): number | null {
  const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  const t = Date.parse(cleaned.replace(/\b(UT)\b/, 'GMT'));
  return Number.isNaN(t) ? null : t;
}

/** Splits "from X (...) by Y (...) with Z id W for <V>" at its keywords, outside parentheses and brackets. */
function clauses(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /\b(from|by|via|with|id|for)\s/gi;
  const positions: Array<{ key: string; start: number; valueStart: number }> = [];
  let depth = 0;
  let lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    for (let i = lastIndex; i < m.index; i++) {
      const c = text[i];
      if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
    }
    lastIndex = m.index;
    if (depth > 0) continue;
    const key = m[1]!.toLowerCase();
    // A keyword only starts a clause at the beginning or after a space.
    if (m.index > 0 && !/\s/.test(text[m.index - 1]!)) continue;
    if (out.has(key) || positions.some((p) => p.key === key)) continue;
    positions.push({ key, start: m.index, valueStart: m.index + m[0].length });
  }
  positions.forEach((p, i) => out.set(p.key, text.slice(p.valueStart, positions[i + 1]?.start ?? text.length).trim()));
  return out;
}

function firstIp(text: string): string | null {
  const bracketed = text.match(/\[(?:IPv6:)?([0-9a-fA-F:.]+)\](?::\d+)?/);
  if (bracketed && isIP(bracketed[1]!)) return bracketed[1]!;
  for (const m of text.matchAll(/\(([0-9a-fA-F:.]+)\)/g)) if (isIP(m[1]!)) return m[1]!;
  const v6 = text.match(/(?:^|[\s(=])((?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}(?::[0-9a-fA-F]{1,4})*)(?=[\s);\]]|$)/);
  if (v6 && isIP(v6[1]!)) return v6[1]!;
  const v4 = text.match(IPV4);
  return v4 ? v4[0] : null;
}

const host = (s: string | undefined): string | null => {
  if (!s) return null;
  const h = s.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (!h || /^(unknown|<unknown>|localhost\.localdomain)$/i.test(h)) return h === 'unknown' || h === '<unknown>' ? null : h;
  return h.toLowerCase();
};

export function parseReceived(raw: string): ReceivedHop {
  const text = raw.replace(/\s+/g, ' ').trim();
  // The date follows the last ";" (RFC 5321); SendGrid and a few others write none.
  let body = text;
  let date: string | null = null;
  const semi = text.lastIndexOf(';');
  if (semi >= 0 && parseMailDate(text.slice(semi + 1)) !== null) {
    date = text.slice(semi + 1).trim();
    body = text.slice(0, semi).trim();
  } else {
    const m = DATE_AT_END.exec(text);
    if (m && parseMailDate(m[1]!) !== null) {
      date = m[1]!.trim();
      body = text.slice(0, m.index).replace(/;\s*$/, '').trim();
    }
  }
  const c = clauses(` ${body}`.slice(1));
  const from = c.get('from') ?? '';
  const by = c.get('by') ?? '';
  const withClause = c.get('with') ?? '';

  // from: "helo (rdns [ip])", "helo ([ip])", "[ip] (helo=x)", "helo (ip)" (Microsoft), "unknown (HELO x) (ip)" (qmail)
  const fromFirst = from.split(/[\s(]/)[0] ?? '';
  const heloEq = from.match(/\bhelo=([^\s)]+)/i)?.[1];
  const heloQmail = from.match(/\(HELO ([^)\s]+)\)/i)?.[1];
  const ip = firstIp(from) ?? (isIP(fromFirst.replace(/^\[|\]$/g, '')) ? fromFirst.replace(/^\[|\]$/g, '') : null);
  const rdnsMatch = from.match(/\(\s*([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}\.?|localhost)\s*(?:\[|\()/) ?? from.match(/\(\s*([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z]{2,}\.?)\s*\)/);
  let helo = host(heloEq ?? heloQmail ?? (fromFirst && !isIP(fromFirst.replace(/^\[|\]$/g, '')) ? fromFirst : undefined));
  if (helo === null && heloEq === undefined && /^\[/.test(fromFirst)) helo = host(fromFirst);
  const rdns = host(rdnsMatch?.[1]);

  const byHost = host(by.split(/[\s(]/)[0]);
  const byIp = firstIp(by.slice((by.split(/[\s(]/)[0] ?? '').length)) ?? (byHost && isIP(byHost) ? byHost : null);

  const protocol = withClause.match(/^(Microsoft SMTP Server|[A-Za-z0-9-]+)/)?.[1] ?? null;
  const tlsVersion = text.match(/\b(TLSv1(?:\.[0-3])?|TLS1_[0-3]|TLS ?1\.[0-3]|SSLv3)\b/i)?.[1] ?? null;
  const tlsImplied = /^(ESMTPS|ESMTPSA|SMTPS|LMTPS|UTF8SMTPS|UTF8SMTPSA)$/i.test(protocol ?? '') || /Google Transport Security|\(TLS\)|\bversion=TLS/i.test(text);
  const id = (c.get('id') ?? '').split(/[\s;(]/)[0] || null;
  const forAddr = (c.get('for') ?? '').match(/<?([^\s<>;]+@[^\s<>;]+)>?/)?.[1] ?? null;

  const parsed = Boolean(byHost || ip || helo);
  return {
    raw,
    helo,
    rdns,
    ip,
    ipVersion: ip ? (isIP(ip) as 4 | 6) : null,
    by: byHost,
    byIp,
    with: protocol,
    tls: tlsVersion ?? (tlsImplied ? 'yes' : null),
    id,
    for: forAddr,
    date,
    time: date ? parseMailDate(date) : null,
    parsed,
  };
}

/** RFC 1918, loopback, link-local, CGNAT, unique-local and documentation ranges: not a public sender. */
export function isPrivateIp(ip: string): boolean {
  if (isIP(ip) === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || a === 0;
  }
  const l = ip.toLowerCase();
  return l === '::1' || l.startsWith('fe80:') || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('::ffff:10.') || l.startsWith('::ffff:192.168.') || l.startsWith('::ffff:127.');
}
