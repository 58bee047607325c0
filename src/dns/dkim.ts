/** DKIM key records (RFC 6376 §3.6.1, RFC 8301, RFC 8463): fetch per selector, parse, check. */
import { createPublicKey } from 'node:crypto';
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { joinTxt } from './spf/parse.js';
import type { DnsFailure, Resolver } from './types.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';

/** Selectors of common providers, tried when none is given: Google, Microsoft 365, Mailchimp, SendGrid, Mailjet, Brevo, Fastmail, Proton, Zoho... */
export const COMMON_SELECTORS = [
  'default',
  'google',
  'selector1',
  'selector2',
  'k1',
  'k2',
  's1',
  's2',
  'dkim',
  'mail',
  'mailjet',
  'mandrill',
  'fm1',
  'protonmail',
  'zoho',
] as const;

export interface ParsedDkim {
  tags: Record<string, string>;
  keyType: string;
  /** Key size in bits (RSA modulus; 256 for Ed25519), or null when the key cannot be read. */
  bits: number | null;
  revoked: boolean;
  testing: boolean;
  errors: Reason[];
}

export function parseDkim(record: string): ParsedDkim {
  const tags: Record<string, string> = {};
  const errors: Reason[] = [];
  const parts = record
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  parts.forEach((part, i) => {
    const eq = part.indexOf('=');
    if (eq < 0) {
      errors.push(reason('tags.not-a-pair', { part: part.slice(0, 40) }));
      return;
    }
    const tag = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).replace(/\s+/g, '');
    if (Object.hasOwn(tags, tag)) errors.push(reason('tags.repeated', { tag }));
    if (tag === 'v' && (i !== 0 || value !== 'DKIM1')) errors.push(reason('dkim.version'));
    tags[tag] = value;
  });
  const keyType = (tags.k ?? 'rsa').toLowerCase();
  const p = tags.p;
  const out: ParsedDkim = { tags, keyType, bits: null, revoked: p === '', testing: (tags.t ?? '').split(':').includes('y'), errors };
  if (p === undefined) {
    errors.push(reason('dkim.no-key'));
    return out;
  }
  if (p === '') return out;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(p)) {
    errors.push(reason('dkim.bad-base64'));
    return out;
  }
  const der = Buffer.from(p, 'base64');
  if (keyType === 'ed25519') {
    if (der.length !== 32) errors.push(reason('dkim.ed25519-length', { bytes: der.length }));
    else out.bits = 256;
    return out;
  }
  if (keyType !== 'rsa') {
    errors.push(reason('dkim.key-type', { type: keyType }));
    return out;
  }
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    out.bits = key.asymmetricKeyDetails?.modulusLength ?? null;
  } catch {
    try {
      // Some providers publish a bare RSAPublicKey rather than SubjectPublicKeyInfo; receivers vary.
      const key = createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
      out.bits = key.asymmetricKeyDetails?.modulusLength ?? null;
    } catch {
      errors.push(reason('dkim.unreadable-rsa'));
    }
  }
  return out;
}

export interface DkimSelectorData {
  selector: string;
  name: string;
  status: 'found' | 'missing' | 'error';
  /** The CNAME the name points at (provider-hosted keys), when it is one. */
  cname?: string;
  record?: string;
  parsed?: ParsedDkim;
  reason?: DnsFailure;
}

export interface DkimData {
  /** Whether the selectors were given (--dkim-selector) or guessed from the common list. */
  guessed: boolean;
  selectors: DkimSelectorData[];
}

export async function fetchDkim(resolver: Resolver, domain: string, selectors: readonly string[] | undefined): Promise<DkimData> {
  const guessed = !selectors?.length;
  const list = guessed ? COMMON_SELECTORS : selectors;
  const results = await Promise.all(list.map((s) => fetchSelector(resolver, domain, s, !guessed)));
  return { guessed, selectors: guessed ? results.filter((r) => r.status !== 'missing') : results };
}

/** A DKIM key record: v=DKIM1 first, or no v= at all and a p= or k= tag (RFC 6376 §3.6.1). A wildcard's "v=spf1 ..." is not one. */
function looksLikeKey(record: string): boolean {
  return /^\s*v\s*=\s*DKIM1\s*(;|$)/i.test(record) || (!/^\s*v\s*=/i.test(record) && /(^|;)\s*(p|k)\s*=/i.test(record));
}

async function fetchSelector(resolver: Resolver, domain: string, selector: string, named: boolean): Promise<DkimSelectorData> {
  const name = `${selector}._domainkey.${domain}`;
  const base: DkimSelectorData = { selector, name, status: 'missing' };
  const txt = await resolver.query(name, 'TXT');
  if (txt.status === 'error') return { ...base, status: 'error', reason: txt.reason };
  if (txt.status !== 'found') return base;
  // A guessed selector counts only when a key record is there (a wildcard TXT answers every name); a
  // selector the user named shows what is there, so its syntax errors are reported.
  const all = txt.records.map(joinTxt);
  const keys = all.filter(looksLikeKey);
  const records = keys.length || !named ? keys : all.filter((r) => /(^|;)\s*[a-z]+\s*=/i.test(r));
  if (!records.length) return base;
  // Only for keys that exist: is it hosted by a provider behind a CNAME? (Guessing selectors stays one query each.)
  const cname = await resolver.query(name, 'CNAME');
  if (cname.status === 'found') base.cname = cname.records[0]!;
  return { ...base, status: 'found', record: records[0]!, parsed: parseDkim(records[0]!) };
}

/** Pure: findings from fetched DKIM data. Guessed selectors found are info; asked-for selectors missing are errors. */
export function checkDkim(domain: string, d: DkimData): Finding[] {
  const out: Finding[] = [];
  if (d.guessed && d.selectors.every((s) => s.status !== 'found')) {
    if (d.selectors.every((s) => s.status !== 'error')) out.push(finding('dkim.none-found', domain, { domain, tried: [...COMMON_SELECTORS] }));
    return out;
  }
  for (const s of d.selectors) {
    if (s.status === 'missing') out.push(finding('dkim.missing', s.name, { name: s.name, selector: s.selector }));
    if (s.status !== 'found') continue;
    const p = s.parsed!;
    for (const why of p.errors) out.push(finding('dkim.syntax', s.name, { name: s.name, reason: why }));
    if (p.revoked) out.push(finding('dkim.revoked', s.name, { name: s.name }));
    if (p.keyType === 'rsa' && p.bits !== null && p.bits <= 1024) {
      out.push(finding('dkim.weak-key', s.name, { name: s.name, bits: p.bits }, { severity: p.bits < 1024 ? 'error' : 'warning' }));
    }
    if (p.testing) out.push(finding('dkim.testing', s.name, { name: s.name }));
    if (!p.errors.length && !p.revoked && p.bits !== null && (p.keyType !== 'rsa' || p.bits > 1024)) {
      out.push(finding('dkim.valid', s.name, { name: s.name, keyType: p.keyType, bits: p.bits }, d.guessed ? { severity: 'info' } : {}));
    }
  }
  return out;
}
