/**
 * MTA-STS (RFC 8461): the _mta-sts TXT record, the policy over HTTPS (host resolved through the run's
 * resolver, certificate verified, no redirects, 64 KB at most), and every MX matched against it.
 */
import { finding } from '../../core/finding.js';
import type { Finding } from '../../core/model.js';
import type { MxData } from '../mx.js';
import { addressLookup, callbackLookup } from '../node-adapter.js';
import { joinTxt } from '../spf/parse.js';
import type { QueryFailure, Resolver } from '../types.js';
import { reason, textReason, type Reason } from '../../core/catalogue/reasons.js';
import { contextTrusting } from '../../core/tls-trust.js';

export interface HttpsOptions {
  /** Port of the policy host (443; tests use another). */
  port: number;
  /** A private CA to trust besides the system's (--ca). */
  ca?: string;
  timeoutMs: number;
}

export interface MtaStsPolicy {
  version: string | null;
  mode: string | null;
  maxAge: number | null;
  mx: string[];
  errors: Reason[];
}

export interface MtaStsData {
  txt: { name: string; status: 'found' | 'none' | 'invalid' | 'error'; record?: string; reason?: Reason };
  url: string;
  policy: { status: 'found' | 'unreachable' | 'not-published'; reason?: Reason; parsed?: MtaStsPolicy; text?: string };
  failures: QueryFailure[];
}

const MAX_POLICY = 64 * 1024;

export function parseMtaStsPolicy(text: string): MtaStsPolicy {
  const p: MtaStsPolicy = { version: null, mode: null, maxAge: null, mx: [], errors: [] };
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    // Split by hand: /^(\w+):\s*(.*?)\s*$/ backtracks cubically on a long run of spaces (found by fuzzing).
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon) : '';
    if (!/^[A-Za-z0-9_]+$/.test(key)) {
      p.errors.push(reason('sts.not-key-value', { line: line.slice(0, 60) }));
      continue;
    }
    const value = line.slice(colon + 1).trim();
    if (key === 'version') p.version = value;
    else if (key === 'mode') p.mode = value;
    else if (key === 'max_age') p.maxAge = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    else if (key === 'mx') p.mx.push(value.toLowerCase().replace(/\.$/, ''));
  }
  if (p.version !== 'STSv1') p.errors.push(p.version === null ? reason('sts.no-version') : reason('sts.bad-version', { version: p.version }));
  if (!['enforce', 'testing', 'none'].includes(p.mode ?? '')) p.errors.push(p.mode === null ? reason('sts.no-mode') : reason('sts.bad-mode', { mode: p.mode }));
  if (p.maxAge === null || Number.isNaN(p.maxAge) || p.maxAge > 31_557_600) p.errors.push(reason('sts.max-age'));
  if (p.mode !== 'none' && p.mx.length === 0) p.errors.push(reason('sts.no-mx'));
  return p;
}

/** An MX host matches "mx.example.net" exactly, or "*.example.net" with exactly one more label (RFC 8461 §4.1). */
export function mxMatches(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) {
    const rest = pattern.slice(2);
    return host.endsWith(`.${rest}`) && !host.slice(0, -rest.length - 1).includes('.');
  }
  return host === pattern;
}

async function fetchPolicy(resolver: Resolver, host: string, opts: HttpsOptions): Promise<{ ok: true; text: string } | { ok: false; reason: Reason }> {
  // HTTPS (and TLS with it) loads only for a domain that publishes MTA-STS (about 30 ms of start-up otherwise).
  const { default: https } = await import('node:https');
  return new Promise((resolve) => {
    const req = https.get(
      {
        host,
        port: opts.port,
        path: '/.well-known/mta-sts.txt',
        servername: host,
        timeout: opts.timeoutMs,
        ...(opts.ca ? { secureContext: contextTrusting(opts.ca, {}) } : {}),
        agent: false,
        // Resolved through the run's resolver, like every other name of the run.
        lookup: callbackLookup(addressLookup(resolver)),
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve({ ok: false, reason: reason('http.status', { status: res.statusCode ?? 0, ...(res.headers.location ? { location: res.headers.location } : {}) }) });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_POLICY) {
            req.destroy();
            resolve({ ok: false, reason: reason('sts.too-large') });
          } else chunks.push(c);
        });
        res.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ ok: false, reason: textReason(e.message) }));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ ok: false, reason: reason('net.timeout', { seconds: Math.round(opts.timeoutMs / 100) / 10 }) });
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, reason: e.code === 'ENOTFOUND' ? reason('net.no-address', { host }) : textReason(e.code ?? e.message) }));
  });
}

export async function fetchMtaSts(resolver: Resolver, domain: string, opts: HttpsOptions): Promise<MtaStsData> {
  const name = `_mta-sts.${domain}`;
  const host = `mta-sts.${domain}`;
  const url = `https://${host}${opts.port === 443 ? '' : `:${opts.port}`}/.well-known/mta-sts.txt`;
  const failures: MtaStsData['failures'] = [];
  const txtR = await resolver.query(name, 'TXT');

  let txt: MtaStsData['txt'];
  if (txtR.status === 'error') {
    failures.push({ name, type: 'TXT', reason: txtR.reason });
    txt = { name, status: 'error' };
  } else {
    const records = txtR.status === 'found' ? txtR.records.map(joinTxt).filter((t) => /^v\s*=\s*STSv1\s*(;|$)/i.test(t)) : [];
    if (!records.length) txt = { name, status: 'none' };
    else if (records.length > 1) txt = { name, status: 'invalid', record: records[0]!, reason: reason('sts.several-records') };
    else {
      const id = records[0]!.match(/(?:^|;)\s*id\s*=\s*([^;\s]*)/)?.[1];
      txt = id && /^[A-Za-z0-9]{1,32}$/.test(id) ? { name, status: 'found', record: records[0]! } : { name, status: 'invalid', record: records[0]!, reason: id ? reason('sts.bad-id', { id }) : reason('sts.no-id') };
    }
  }
  // The policy host is contacted only when the TXT record says a policy exists: a resolver that rewrites
  // NXDOMAIN gives mta-sts.<domain> an address (its advertising server) for every domain.
  if (txt.status !== 'found' && txt.status !== 'invalid') return { txt, url, policy: { status: 'not-published' }, failures };
  const [hostA, hostAaaa] = await Promise.all([resolver.query(host, 'A'), resolver.query(host, 'AAAA')]);
  const hostResolves = hostA.status === 'found' || hostAaaa.status === 'found';
  if (!hostResolves) return { txt, url, policy: { status: 'unreachable', reason: reason('net.no-address', { host }) }, failures };
  const got = await fetchPolicy(resolver, host, opts);
  if (!got.ok) return { txt, url, policy: { status: 'unreachable', reason: got.reason }, failures };
  return { txt, url, policy: { status: 'found', text: got.text, parsed: parseMtaStsPolicy(got.text) }, failures };
}

/** Pure: findings from MTA-STS data and the domain's MX hosts. */
export function checkMtaSts(domain: string, d: MtaStsData, mx: MxData): Finding[] {
  if (d.txt.status === 'error') return [];
  const out: Finding[] = [];
  const p = d.policy;
  if (d.txt.status === 'none') return [finding('mta-sts.none', domain, { domain })];
  if (d.txt.status === 'invalid') out.push(finding('mta-sts.txt-invalid', d.txt.name, { name: d.txt.name, reason: d.txt.reason ?? textReason('invalid') }));
  if (p.status === 'unreachable') return [...out, finding('mta-sts.unreachable', d.url, { url: d.url, reason: p.reason ?? textReason('unknown') })];
  if (p.status !== 'found' || !p.parsed) return out;
  const policy = p.parsed;
  for (const why of policy.errors) out.push(finding('mta-sts.policy-invalid', d.url, { url: d.url, reason: why }));
  if (policy.errors.length) return out;
  if (policy.mode === 'testing') out.push(finding('mta-sts.testing', domain, { domain }));
  if (policy.mode === 'none') return [...out, finding('mta-sts.mode-none', domain, { domain })];
  const uncovered = mx.hosts.filter((h) => !policy.mx.some((pattern) => mxMatches(h.host, pattern)));
  for (const h of uncovered) {
    out.push(finding('mta-sts.mx-not-covered', h.host, { domain, host: h.host, patterns: policy.mx, mode: policy.mode! }, policy.mode === 'enforce' ? {} : { severity: 'warning' }));
  }
  if (!uncovered.length && d.txt.status === 'found') {
    out.push(finding('mta-sts.valid', domain, { domain, mode: policy.mode!, maxAge: policy.maxAge!, mx: policy.mx }));
  }
  return out;
}
