/**
 * Records a provider asked the customer to publish (CNAMEs for DKIM keys, verification TXT, MX hosts):
 * each is present, missing, or pointing elsewhere, with what it points to.
 */
import { t } from '../i18n/ui.js';
import { InputError, UsageError } from '../core/errors.js';
import { readJsonFile } from '../core/json-file.js';
import { finding } from '../core/finding.js';
import type { Finding } from '../core/model.js';
import { joinTxt } from './spf/parse.js';
import { normalizeName, type DnsFailure, type QueryFailure, type Resolver } from './types.js';

export interface Expectation {
  type: 'CNAME' | 'TXT' | 'MX';
  /** As given: relative to the domain, "@", or absolute. */
  name: string;
  value: string;
}

export interface ExpectationResult {
  type: Expectation['type'];
  name: string;
  expected: string;
  status: 'present' | 'missing' | 'mismatch' | 'error';
  /** What is there instead: the CNAME target, the TXT values, the MX hosts. */
  actual: string[];
  /** A record found under the domain doubled (name.example.fr.example.fr), the usual panel mistake. */
  doubledAt?: string;
  reason?: DnsFailure;
}

/** "s1._domainkey" under example.fr, "@", or an absolute name (trailing dot, or already ending with the domain). */
export function qualify(name: string, domain: string): string {
  const n = name.trim();
  if (n === '@' || n === '') return domain;
  if (n.endsWith('.')) return normalizeName(n);
  const lower = n.toLowerCase();
  if (lower === domain || lower.endsWith(`.${domain}`)) return lower;
  return `${lower}.${domain}`;
}

/** --expect-cname name=target */
export function parseExpectCname(text: string): Expectation {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError(t('error.expect-cname-form', { input: text }));
  return { type: 'CNAME', name: text.slice(0, eq).trim(), value: text.slice(eq + 1).trim() };
}

/** --expect file.json: [{ "type": "CNAME", "name": "...", "value": "..." }, ...] or { "records": [...] }. */
export function loadExpectations(path: string): Expectation[] {
  const json = readJsonFile(path, '--expect');
  const list = Array.isArray(json) ? json : (json as { records?: unknown })?.records;
  if (!Array.isArray(list)) throw new InputError(t('error.expect-shape', { path }));
  return list.map((r, i) => {
    const rec = r as Record<string, unknown>;
    const type = String(rec.type ?? '').toUpperCase();
    if (type !== 'CNAME' && type !== 'TXT' && type !== 'MX') throw new InputError(t('error.expect-type', { n: i + 1, path, type: String(rec.type) }));
    if (typeof rec.value !== 'string' || rec.value === '') throw new InputError(t('error.expect-value', { n: i + 1, path }));
    return { type, name: typeof rec.name === 'string' ? rec.name : '@', value: rec.value };
  });
}

export async function fetchExpected(resolver: Resolver, domain: string, list: readonly Expectation[]): Promise<ExpectationResult[]> {
  return Promise.all(list.map((e) => checkOne(resolver, domain, e)));
}

async function checkOne(resolver: Resolver, domain: string, e: Expectation): Promise<ExpectationResult> {
  const name = qualify(e.name, domain);
  const base = { type: e.type, name, actual: [] as string[] };
  if (e.type === 'CNAME') {
    const expected = normalizeName(e.value);
    const r = await resolver.query(name, 'CNAME');
    if (r.status === 'error') return { ...base, expected, status: 'error', reason: r.reason };
    if (r.status === 'found') return { ...base, expected, status: r.records[0] === expected ? 'present' : 'mismatch', actual: r.records };
    const doubled = `${name}.${domain}`;
    const d = await resolver.query(doubled, 'CNAME');
    return { ...base, expected, status: 'missing', ...(d.status === 'found' ? { doubledAt: doubled, actual: d.records } : {}) };
  }
  if (e.type === 'TXT') {
    const r = await resolver.query(name, 'TXT');
    if (r.status === 'error') return { ...base, expected: e.value, status: 'error', reason: r.reason };
    const values = r.status === 'found' ? r.records.map(joinTxt) : [];
    return { ...base, expected: e.value, status: values.some((v) => v.trim() === e.value.trim()) ? 'present' : 'missing', actual: values };
  }
  const expected = normalizeName(e.value);
  const r = await resolver.query(name, 'MX');
  if (r.status === 'error') return { ...base, expected, status: 'error', reason: r.reason };
  const hosts = r.status === 'found' ? r.records.map((m) => m.exchange) : [];
  return { ...base, expected, status: hosts.includes(expected) ? 'present' : 'missing', actual: hosts };
}

/** Pure: findings from expectation results. */
export function checkExpected(results: readonly ExpectationResult[]): Finding[] {
  return results.flatMap((r): Finding[] => {
    if (r.status === 'error') return [];
    if (r.type === 'CNAME') {
      if (r.status === 'present') return [finding('cname.present', r.name, { name: r.name, target: r.expected })];
      if (r.status === 'mismatch') return [finding('cname.mismatch', r.name, { name: r.name, expected: r.expected, actual: r.actual[0] ?? '' })];
      return [finding('cname.missing', r.name, { name: r.name, expected: r.expected, doubledAt: r.doubledAt ?? null })];
    }
    if (r.type === 'TXT') {
      return r.status === 'present'
        ? [finding('txt.present', r.name, { name: r.name, value: r.expected })]
        : [finding('txt.missing', r.name, { name: r.name, value: r.expected, found: r.actual })];
    }
    return r.status === 'present'
      ? [finding('mx.expected-present', r.name, { domain: r.name, host: r.expected })]
      : [finding('mx.expected-missing', r.name, { domain: r.name, host: r.expected, found: r.actual })];
  });
}

export function expectedFailures(results: readonly ExpectationResult[]): QueryFailure[] {
  return results.filter((r) => r.status === 'error').map((r) => ({ name: r.name, type: r.type, reason: r.reason! }));
}
