/** DKIM key records (RFC 6376 §3.6.1, RFC 8301, RFC 8463): fetch per selector, parse, check. */
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { isSpfRecord, joinTxt, parseSpf } from './spf/parse.js';
import { normalizeName, type DnsFailure, type Resolver } from './types.js';
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

/**
 * Platforms a domain's own records name (its SPF includes, its MX hosts), and the selectors each signs
 * with. The selectors a domain shows are asked; the common list only when it shows none.
 */
export const PLATFORM_SELECTORS: ReadonlyArray<{ platform: string; spf?: RegExp; mx?: RegExp; selectors: readonly string[] }> = [
  { platform: 'Microsoft 365', spf: /(^|\.)spf\.protection\.outlook\.com$/, mx: /\.mail\.protection\.outlook\.com$/, selectors: ['selector1', 'selector2'] },
  { platform: 'Google Workspace', spf: /(^|\.)_spf\.google\.com$/, mx: /(^|\.)(google|googlemail)\.com$/, selectors: ['google'] },
  { platform: 'SendGrid', spf: /(^|\.)sendgrid\.net$/, selectors: ['s1', 's2', 'smtpapi'] },
  { platform: 'Mailchimp / Mandrill', spf: /(^|\.)(servers\.mcsv\.net|mandrillapp\.com)$/, selectors: ['k1', 'k2', 'k3', 'mte1', 'mte2', 'mandrill'] },
  { platform: 'Mailjet', spf: /(^|\.)mailjet\.com$/, selectors: ['mailjet'] },
  { platform: 'Brevo', spf: /(^|\.)(sendinblue|brevo)\.com$/, selectors: ['mail', 'brevo1', 'brevo2'] },
  { platform: 'Mailgun', spf: /(^|\.)mailgun\.org$/, mx: /(^|\.)mailgun\.org$/, selectors: ['smtp', 'mailo', 'k1', 'mg', 'krs', 'pic'] },
  { platform: 'Amazon SES', spf: /(^|\.)amazonses\.com$/, selectors: ['amazonses'] },
  { platform: 'Zoho', spf: /(^|\.)zoho(mail)?\.(com|eu|in)$/, mx: /(^|\.)zoho(mail)?\.(com|eu|in)$/, selectors: ['zoho', 'zmail'] },
  { platform: 'Fastmail', spf: /(^|\.)messagingengine\.com$/, mx: /(^|\.)messagingengine\.com$/, selectors: ['fm1', 'fm2', 'fm3'] },
  { platform: 'Proton', spf: /(^|\.)protonmail\.ch$/, mx: /(^|\.)protonmail\.ch$/, selectors: ['protonmail', 'protonmail2', 'protonmail3'] },
  { platform: 'Gandi', spf: /(^|\.)gandi\.net$/, mx: /(^|\.)gandi\.net$/, selectors: ['gm1', 'gm2', 'gm3'] },
  { platform: 'OVHcloud', spf: /(^|\.)mx\.ovh\.com$/, mx: /(^|\.)mail\.ovh\.net$/, selectors: ['ovhmo-selector-1', 'ovhmo-selector-2'] },
];

/** What the domain shows: the names its SPF includes or redirects to, its MX hosts, the _domainkey names a provider asked for. */
export interface DkimHints {
  spfTargets: readonly string[];
  mxHosts: readonly string[];
  /** Selectors of --expect-cname / --expect names under _domainkey. */
  expected: readonly string[];
}

/** Why a selector was tried: given, a platform the domain's records name (and which), a record a provider asked for, or the common list. */
export interface TriedSelector {
  selector: string;
  why: 'given' | 'platform' | 'expected' | 'common';
  platform?: string;
  namedBy?: 'spf' | 'mx';
}

/** Pure: the selectors the hints point at, each with why, in table order. */
export function inferSelectors(h: DkimHints): TriedSelector[] {
  const out: TriedSelector[] = [];
  const add = (t: TriedSelector) => {
    if (!out.some((x) => x.selector === t.selector)) out.push(t);
  };
  for (const selector of h.expected) add({ selector, why: 'expected' });
  for (const p of PLATFORM_SELECTORS) {
    const byspf = p.spf && h.spfTargets.some((t) => p.spf!.test(t));
    const bymx = p.mx && h.mxHosts.some((m) => p.mx!.test(m));
    if (byspf || bymx) for (const selector of p.selectors) add({ selector, why: 'platform', platform: p.platform, namedBy: byspf ? 'spf' : 'mx' });
  }
  return out;
}

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
  // node:crypto is loaded once a key is read, not with every check-dns (about 6 ms of start-up).
  const { createPublicKey } = process.getBuiltinModule('node:crypto');
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
  /** Whether the selectors were given (--dkim-selector) or guessed. */
  guessed: boolean;
  /** Guessed: every selector asked, and why (inferred from the domain's records, or the common list). */
  tried: TriedSelector[];
  selectors: DkimSelectorData[];
}

/**
 * The selectors given (--dkim-selector), or a guess: those the domain's records point at (DkimHints) or,
 * where they name no platform, the common list. `all` asks the common list besides (the tests compare).
 */
export async function fetchDkim(resolver: Resolver, domain: string, selectors: readonly string[] | undefined, hints?: Promise<DkimHints>, all = false): Promise<DkimData> {
  if (selectors?.length) {
    const results = await Promise.all(selectors.map((s) => fetchSelector(resolver, domain, s, true)));
    return { guessed: false, tried: selectors.map((selector) => ({ selector, why: 'given' as const })), selectors: results };
  }
  const inferred = hints ? inferSelectors(await hints) : [];
  const ask = (list: TriedSelector[]) => Promise.all(list.map((t) => fetchSelector(resolver, domain, t.selector, false)));
  let results = await ask(inferred);
  const tried = [...inferred];
  // The common list only where the records name no platform (or no key was even asked for).
  if (all || !inferred.length) {
    const rest = COMMON_SELECTORS.filter((c) => !tried.some((t) => t.selector === c)).map((selector) => ({ selector, why: 'common' as const }));
    results = [...results, ...(await ask(rest))];
    tried.push(...rest);
  }
  return { guessed: true, tried, selectors: results.filter((r) => r.status !== 'missing') };
}

/** What the domain's own records say about its platforms: its SPF record's include:/redirect= names and its MX hosts. */
export async function dkimHints(resolver: Resolver, domain: string, expectedNames: readonly string[]): Promise<DkimHints> {
  const [txt, mx] = await Promise.all([resolver.query(domain, 'TXT'), resolver.query(domain, 'MX')]);
  const record = txt.status === 'found' ? txt.records.map(joinTxt).find(isSpfRecord) : undefined;
  const spf = record ? parseSpf(record) : undefined;
  const spfTargets = [...(spf?.mechanisms ?? []).filter((m) => m.name === 'include').map((m) => m.value!), ...(spf?.redirect ? [spf.redirect.value] : [])].map(normalizeName);
  const mxHosts = mx.status === 'found' ? mx.records.map((r) => normalizeName(r.exchange)) : [];
  const expected = expectedNames.flatMap((n) => n.toLowerCase().match(/^([^.]+)\._domainkey(\.|$)/)?.[1] ?? []);
  return { spfTargets, mxHosts, expected };
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
    if (d.selectors.every((s) => s.status !== 'error')) out.push(finding('dkim.none-found', domain, { domain, tried: d.tried.map((t) => t.selector) }));
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
