/**
 * The static SPF tree of a domain: every include and redirect followed, level by level in parallel,
 * with RFC 7208 §4.6.4 accounting kept per node: DNS-querying terms (limit 10), void lookups (limit 2),
 * and the separate cap of 10 address lookups per mx. Loops are detected, never followed.
 */
import { normalizeName, type DnsFailure, type DnsResult, type QueryFailure, type Resolver } from '../types.js';
import { hasMacro, isSpfRecord, joinTxt, LOOKUP_TERMS, parseSpf, SPF_LIMITS, type Mechanism, type ParsedSpf, type SpfSyntaxError } from './parse.js';

export type SpfNodeStatus = 'found' | 'none' | 'nxdomain' | 'multiple' | 'error' | 'loop' | 'macro' | 'too-deep';

export type DnsFailureNote = QueryFailure;

export interface SpfNode {
  domain: string;
  /** The term that led here (include:..., redirect=...); absent at the root. */
  via?: string;
  status: SpfNodeStatus;
  record?: string;
  /** Every v=spf1 record found, when there are several. */
  records?: string[];
  /** Sizes: the record in bytes and its longest TXT string. */
  bytes?: number;
  longestString?: number;
  errors: SpfSyntaxError[];
  /** DNS-querying terms in this record itself. */
  lookups: number;
  /** Void lookups (NXDOMAIN or no data) made by this record's own terms. */
  voidLookups: number;
  voidNames: string[];
  /** This node and everything below it. */
  totalLookups: number;
  totalVoidLookups: number;
  mxOverLimit: Array<{ term: string; count: number }>;
  failures: DnsFailureNote[];
  children: SpfNode[];
  /** The TXT lookup for this name was itself void (NXDOMAIN or no TXT at all). */
  voidAnswer?: boolean;
  /** Parsed record, kept out of JSON. */
  parsed?: ParsedSpf;
}

/** One TXT fetch, the v=spf1 records picked out of it. */
export type SpfFetch =
  | { status: 'found'; record: string; chunks: string[] }
  | { status: 'multiple'; records: string[] }
  /** `empty`: the name has no TXT at all, which makes the lookup void; TXT without v=spf1 is not void. */
  | { status: 'none'; empty: boolean }
  | { status: 'nxdomain' }
  | { status: 'error'; reason: DnsFailure };

export async function fetchSpf(resolver: Resolver, domain: string): Promise<SpfFetch> {
  const res = await resolver.query(domain, 'TXT');
  if (res.status === 'error') return { status: 'error', reason: res.reason };
  if (res.status === 'nxdomain') return { status: 'nxdomain' };
  if (res.status === 'nodata') return { status: 'none', empty: true };
  const spf = res.records.filter((chunks) => isSpfRecord(joinTxt(chunks)));
  if (spf.length === 0) return { status: 'none', empty: false };
  if (spf.length > 1) return { status: 'multiple', records: spf.map(joinTxt) };
  return { status: 'found', record: joinTxt(spf[0]!), chunks: spf[0]! };
}

const MAX_DEPTH = 10;
const MAX_NODES = 80;

function emptyNode(domain: string, status: SpfNodeStatus, via?: string): SpfNode {
  return {
    domain,
    ...(via ? { via } : {}),
    status,
    errors: [],
    lookups: 0,
    voidLookups: 0,
    voidNames: [],
    totalLookups: 0,
    totalVoidLookups: 0,
    mxOverLimit: [],
    failures: [],
    children: [],
  };
}

const isVoid = (r: DnsResult<unknown>) => r.status === 'nxdomain' || r.status === 'nodata';

export async function buildSpfTree(resolver: Resolver, domain: string): Promise<SpfNode> {
  const budget = { nodes: 0 };
  return resolveNode(resolver, normalizeName(domain), undefined, [], budget);
}

async function resolveNode(resolver: Resolver, domain: string, via: string | undefined, ancestors: string[], budget: { nodes: number }): Promise<SpfNode> {
  if (ancestors.includes(domain)) return emptyNode(domain, 'loop', via);
  if (ancestors.length > MAX_DEPTH || ++budget.nodes > MAX_NODES) return emptyNode(domain, 'too-deep', via);

  const fetched = await fetchSpf(resolver, domain);
  if (fetched.status !== 'found') {
    const node = emptyNode(domain, fetched.status, via);
    if (fetched.status === 'multiple') node.records = fetched.records;
    if (fetched.status === 'error') node.failures.push({ name: domain, type: 'TXT', reason: fetched.reason });
    if (fetched.status === 'nxdomain' || (fetched.status === 'none' && fetched.empty)) node.voidAnswer = true;
    return node;
  }

  const node = emptyNode(domain, 'found', via);
  node.record = fetched.record;
  node.bytes = Buffer.byteLength(fetched.record);
  node.longestString = Math.max(...fetched.chunks.map((c) => Buffer.byteLength(c)));
  const parsed = parseSpf(fetched.record);
  node.parsed = parsed;
  node.errors = parsed.errors;
  const hasAll = parsed.mechanisms.some((m) => m.name === 'all');
  // A redirect next to "all" is never evaluated, so it costs nothing (RFC 7208 §6.1).
  const redirect = parsed.redirect && !hasAll ? parsed.redirect : undefined;
  node.lookups = [...parsed.mechanisms, ...parsed.invalidMechanisms].filter((m) => LOOKUP_TERMS.has(m.name)).length + (redirect ? 1 : 0);

  const lineage = [...ancestors, domain];
  const childJobs: Array<Promise<SpfNode>> = [];
  const voidJobs: Array<Promise<void>> = [];
  const noteVoid = (name: string) => {
    node.voidLookups++;
    node.voidNames.push(name);
  };
  const noteFailure = (name: string, type: string, r: DnsResult<unknown>) => {
    if (r.status === 'error') node.failures.push({ name, type, reason: r.reason });
  };

  for (const m of parsed.mechanisms) {
    if (m.name === 'include') {
      childJobs.push(followTarget(resolver, m.value!, m.raw, lineage, budget));
    } else if (m.name === 'a' || m.name === 'mx' || m.name === 'exists') {
      const target = m.value ?? domain;
      if (hasMacro(target)) continue;
      voidJobs.push(checkTermVoid(resolver, m, normalizeName(target), node, noteVoid, noteFailure));
    }
  }
  if (redirect) childJobs.push(followTarget(resolver, redirect.value, redirect.raw, lineage, budget));

  const [children] = await Promise.all([Promise.all(childJobs), Promise.all(voidJobs)]);
  node.children = children;
  for (const c of children) if (c.voidAnswer) noteVoid(c.domain);
  node.totalLookups = node.lookups + children.reduce((s, c) => s + c.totalLookups, 0);
  node.totalVoidLookups = node.voidLookups + children.reduce((s, c) => s + c.totalVoidLookups, 0);
  return node;
}

function followTarget(resolver: Resolver, target: string, via: string, lineage: string[], budget: { nodes: number }): Promise<SpfNode> {
  if (hasMacro(target)) return Promise.resolve(emptyNode(target, 'macro', via));
  return resolveNode(resolver, normalizeName(target), via, lineage, budget);
}

async function checkTermVoid(
  resolver: Resolver,
  m: Mechanism,
  target: string,
  node: SpfNode,
  noteVoid: (name: string) => void,
  noteFailure: (name: string, type: string, r: DnsResult<unknown>) => void,
): Promise<void> {
  if (m.name === 'exists') {
    const r = await resolver.query(target, 'A');
    noteFailure(target, 'A', r);
    if (isVoid(r)) noteVoid(target);
    return;
  }
  if (m.name === 'a') {
    // The sender's address family decides A or AAAA; without one, the term is void only if both are.
    const [a, aaaa] = await Promise.all([resolver.query(target, 'A'), resolver.query(target, 'AAAA')]);
    noteFailure(target, 'A', a);
    noteFailure(target, 'AAAA', aaaa);
    if (isVoid(a) && isVoid(aaaa)) noteVoid(target);
    return;
  }
  const mx = await resolver.query(target, 'MX');
  noteFailure(target, 'MX', mx);
  if (isVoid(mx)) {
    noteVoid(target);
    return;
  }
  if (mx.status === 'found') {
    const hosts = mx.records.map((r) => r.exchange).filter(Boolean);
    if (hosts.length > SPF_LIMITS.mxHosts) node.mxOverLimit.push({ term: m.raw, count: hosts.length });
  }
}

/** Walks the tree in evaluation order and names the term whose lookup was the 11th. */
export function lookupCrossing(root: SpfNode, limit: number = SPF_LIMITS.lookups): string | undefined {
  let count = 0;
  let crossed: string | undefined;
  const visit = (node: SpfNode) => {
    if (!node.parsed || crossed) return;
    const children = [...node.children];
    const take = (raw: string) => {
      count++;
      if (count === limit + 1 && !crossed) crossed = node === root ? raw : `${raw} (in ${node.domain})`;
    };
    for (const m of node.parsed.mechanisms) {
      if (!LOOKUP_TERMS.has(m.name)) continue;
      take(m.raw);
      if (m.name === 'include') {
        const child = children.shift();
        if (child) visit(child);
      }
    }
    const hasAll = node.parsed.mechanisms.some((m) => m.name === 'all');
    if (node.parsed.redirect && !hasAll) {
      take(node.parsed.redirect.raw);
      const child = children.shift();
      if (child) visit(child);
    }
  };
  visit(root);
  return crossed;
}

/** The tree as JSON shows it: each node with its own counts, no parser internals. */
/** An include tree node as JSON holds it: without the parsed record. */
export type JsonSpfNode = Omit<SpfNode, 'parsed' | 'children'> & { children: JsonSpfNode[] };

export function treeForJson(node: SpfNode): JsonSpfNode {
  const { parsed: _parsed, children, ...rest } = node;
  return { ...rest, children: children.map(treeForJson) };
}
