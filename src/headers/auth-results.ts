/**
 * Authentication-Results (RFC 8601), including Microsoft's form without an authserv-id, ARC sets,
 * Received-SPF (RFC 7208 §9.1), DKIM-Signature tags, and Microsoft 365's antispam headers. Pure.
 */

export interface AuthResult {
  method: string;
  result: string;
  /** ptype.property=value, e.g. { 'header.d': 'example.fr', 'smtp.mailfrom': 'bounce@...' } */
  props: Record<string, string>;
  comment?: string;
}

export interface AuthResultsHeader {
  /** The receiving server that wrote it; null in Microsoft's form. */
  authservId: string | null;
  results: AuthResult[];
  /** Index of the header field (0 = topmost). */
  index: number;
  /** ARC-Authentication-Results instance, when it is one. */
  arcInstance?: number;
}

/** Removes RFC 5322 comments, returning them apart. */
function stripComments(text: string): { text: string; comments: string[] } {
  // Most segments hold no comment, quote or escape: nothing to walk.
  if (!/[()"\\]/.test(text)) return { text, comments: [] };
  let out = '';
  const comments: string[] = [];
  let depth = 0;
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && depth === 0) quoted = !quoted;
    if (!quoted && c === '\\' && i + 1 < text.length) {
      if (depth > 0) current += text[i + 1];
      else out += c + text[i + 1];
      i++;
      continue;
    }
    if (!quoted && c === '(') {
      if (depth > 0) current += c;
      depth++;
      continue;
    }
    if (!quoted && c === ')' && depth > 0) {
      depth--;
      if (depth === 0) {
        comments.push(current.trim());
        current = '';
        out += ' ';
      } else current += c;
      continue;
    }
    if (depth > 0) current += c;
    else out += c;
  }
  return { text: out, comments };
}

function parseResult(segment: string): AuthResult | undefined {
  const { text, comments } = stripComments(segment);
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const head = tokens.shift();
  const m = head?.match(/^([A-Za-z0-9_.-]+)(?:\/\d+)?=([A-Za-z0-9_-]+)$/);
  if (!m) return undefined;
  const props: Record<string, string> = {};
  for (const t of tokens) {
    const p = t.match(/^([A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+)=(.+)$/);
    if (p) props[p[1]!.toLowerCase()] = p[2]!.replace(/^"|"$/g, '');
    else if (/^[a-z-]+=/i.test(t)) {
      const [k, ...v] = t.split('=');
      props[k!.toLowerCase()] = v.join('=');
    }
  }
  const r: AuthResult = { method: m[1]!.toLowerCase(), result: m[2]!.toLowerCase(), props };
  if (comments.length) r.comment = comments.join('; ');
  return r;
}

/** Splits at ";" outside comments and quoted strings (OpenDKIM writes "(2048-bit key; unprotected)"). */
function splitResults(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[++i];
      continue;
    }
    if (c === '"' && depth === 0) quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')' && depth > 0) depth--;
    if (c === ';' && depth === 0 && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

export function parseAuthResults(value: string, index: number, arc = false): AuthResultsHeader {
  let segments = splitResults(value);
  let arcInstance: number | undefined;
  if (arc) {
    const i = segments[0]?.match(/^\s*i\s*=\s*(\d+)\s*$/);
    if (i) {
      arcInstance = Number(i[1]);
      segments = segments.slice(1);
    }
  }
  let authservId: string | null = null;
  const first = stripComments(segments[0] ?? '').text.trim();
  // Microsoft writes "spf=pass (...) smtp.mailfrom=...; dkim=..." with no authserv-id before the first ";".
  if (!/^[A-Za-z0-9_.-]+=/.test(first)) {
    authservId = first.split(/\s+/)[0]?.toLowerCase() || null;
    segments = segments.slice(1);
  }
  const results = segments.map(parseResult).filter((r): r is AuthResult => r !== undefined && r.method !== 'none');
  return { authservId, results, index, ...(arcInstance !== undefined ? { arcInstance } : {}) };
}

export interface ReceivedSpf {
  result: string;
  clientIp: string | null;
  envelopeFrom: string | null;
  helo: string | null;
  receiver: string | null;
  comment: string | null;
  index: number;
}

export function parseReceivedSpf(value: string, index: number): ReceivedSpf {
  const result = value.match(/^\s*([A-Za-z]+)/)?.[1]?.toLowerCase() ?? 'none';
  const { text, comments } = stripComments(value);
  const kv = (k: string) => text.match(new RegExp(`\\b${k}=("?)([^";\\s]+)\\1`, 'i'))?.[2] ?? null;
  return {
    result,
    clientIp: kv('client-ip'),
    envelopeFrom: kv('envelope-from'),
    helo: kv('helo'),
    receiver: kv('receiver') ?? comments[0]?.match(/^([^:]+):/)?.[1] ?? null,
    comment: comments[0] ?? null,
    index,
  };
}

export interface DkimSignature {
  d: string;
  s: string;
  a: string;
  /** Signed header fields. */
  h: string[];
  i: string | null;
  index: number;
}

export function parseDkimSignature(value: string, index: number): DkimSignature | undefined {
  const tags: Record<string, string> = {};
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    tags[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).replace(/\s+/g, '');
  }
  if (!tags.d) return undefined;
  return {
    d: tags.d.toLowerCase(),
    s: tags.s ?? '',
    a: tags.a ?? '',
    h: (tags.h ?? '').split(':').map((x) => x.trim().toLowerCase()).filter(Boolean),
    i: tags.i ?? null,
    index,
  };
}

/** Microsoft 365's verdicts, decoded: what SCL, BCL, PCL, SFV and CAT mean. */
export interface MicrosoftAntispam {
  scl: number | null;
  bcl: number | null;
  pcl: number | null;
  sfv: string | null;
  cat: string | null;
  cip: string | null;
  ctry: string | null;
  lang: string | null;
  ipv: string | null;
  ptr: string | null;
  helo: string | null;
  dir: string | null;
  meaning: Record<string, string>;
}

const SFV: Record<string, string> = {
  NSPM: 'not spam',
  SPM: 'marked as spam by the filter',
  BLK: 'blocked: the sender is on the recipient\'s blocked list',
  SKA: 'allowed by an allow list (tenant policy)',
  SKB: 'blocked by a tenant block list',
  SKI: 'intra-organization: filtering skipped',
  SKN: 'marked not spam before filtering (mail flow rule)',
  SKQ: 'released from quarantine',
  SKS: 'marked spam before filtering (mail flow rule)',
  SFE: 'allowed: the sender is on the recipient\'s safe senders list',
};

const CAT: Record<string, string> = {
  NONE: 'no threat found',
  BULK: 'bulk mail',
  SPM: 'spam',
  HSPM: 'high-confidence spam',
  PHSH: 'phishing',
  HPHSH: 'high-confidence phishing',
  SPOOF: 'spoofing',
  DIMP: 'domain impersonation',
  UIMP: 'user impersonation',
  GIMP: 'mailbox intelligence impersonation',
  MALW: 'malware',
  AMP: 'anti-malware',
  SAP: 'safe attachments',
  OSPM: 'outbound spam',
  FTBP: 'filtered file type',
  INTOS: 'intra-organization phishing',
};

function sclMeaning(scl: number): string {
  if (scl === -1) return '-1: filtering skipped (trusted sender, mail flow rule or internal)';
  if (scl <= 1) return `${scl}: not spam, delivered to the inbox`;
  if (scl <= 4) return `${scl}: not spam`;
  if (scl <= 6) return `${scl}: spam, delivered to Junk Email`;
  return `${scl}: high-confidence spam`;
}

function bclMeaning(bcl: number): string {
  if (bcl === 0) return '0: not from a bulk sender';
  if (bcl <= 3) return `${bcl}: from a bulk sender with few complaints`;
  if (bcl <= 7) return `${bcl}: from a bulk sender with a mixed number of complaints`;
  return `${bcl}: from a bulk sender with many complaints`;
}

export function parseMicrosoftAntispam(forefront: string | undefined, antispam: string | undefined, orgScl: string | undefined): MicrosoftAntispam | undefined {
  if (!forefront && !antispam && orgScl === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const part of `${forefront ?? ''};${antispam ?? ''}`.split(';')) {
    const i = part.indexOf(':');
    if (i > 0) fields.set(part.slice(0, i).trim().toUpperCase(), part.slice(i + 1).trim());
  }
  const num = (k: string) => (fields.has(k) && /^-?\d+$/.test(fields.get(k)!) ? Number(fields.get(k)) : null);
  const scl = num('SCL') ?? (orgScl !== undefined && /^-?\d+$/.test(orgScl.trim()) ? Number(orgScl.trim()) : null);
  const bcl = num('BCL');
  const pcl = num('PCL');
  const sfv = fields.get('SFV')?.toUpperCase() ?? null;
  const cat = fields.get('CAT')?.toUpperCase() ?? null;
  const meaning: Record<string, string> = {};
  if (scl !== null) meaning.SCL = `spam confidence level ${sclMeaning(scl)}`;
  if (bcl !== null) meaning.BCL = `bulk complaint level ${bclMeaning(bcl)}`;
  if (pcl !== null) meaning.PCL = `phishing confidence level ${pcl}${pcl >= 4 ? ' (likely phishing)' : ' (not phishing)'}`;
  if (sfv) meaning.SFV = `spam filter verdict ${sfv}: ${SFV[sfv] ?? 'not documented'}`;
  if (cat) meaning.CAT = `category ${cat}: ${CAT[cat] ?? 'not documented'}`;
  if (fields.get('IPV')) meaning.IPV = fields.get('IPV') === 'CAL' ? 'IPV CAL: the source IP is on an allow list' : 'IPV NLI: the source IP is on no list';
  return {
    scl,
    bcl,
    pcl,
    sfv,
    cat,
    cip: fields.get('CIP') ?? null,
    ctry: fields.get('CTRY') ?? null,
    lang: fields.get('LANG') ?? null,
    ipv: fields.get('IPV') ?? null,
    ptr: fields.get('PTR') ?? null,
    helo: fields.get('H') ?? null,
    dir: fields.get('DIR') ?? null,
    meaning,
  };
}
