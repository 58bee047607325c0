/**
 * The sender requirements (core/requirements.ts) as a domain's DNS shows them (check-dns --requirements):
 * SPF present and evaluable (and, with --ip, passing for the sending IPs), a DMARC record, DKIM keys of
 * 1024 bits or more, and the sending IPs' reverse DNS. What only a message shows is "not visible from DNS". Pure.
 */
import { reason } from '../core/catalogue/reasons.js';
import { eitherRule, type RuleFact, type RuleFacts } from '../core/requirements.js';
import type { DkimData } from './dkim.js';
import { dmarcFailures, type DmarcData } from './dmarc.js';
import { genericOf, type ReverseDns } from './reverse.js';
import type { SpfVerdict } from './spf/evaluate.js';
import type { SpfNode } from './spf/tree.js';
import { SPF_LIMITS } from './spf/parse.js';

/** What the SPF, DKIM, DMARC and reverse-DNS areas fetched (areas.ts). */
export interface FetchedForRequirements {
  spf?: { tree: SpfNode; verdicts: SpfVerdict[] };
  dkim?: DkimData;
  dmarc?: DmarcData;
  rdns?: ReverseDns[];
}

const fact = (state: RuleFact['state'], evidence: RuleFact['evidence']): RuleFact => ({ state, evidence });

/** Why the SPF record would give permerror before any IP is tried (RFC 7208 §4.6, §5.2), or null. */
function spfBroken(root: SpfNode): string | null {
  if (root.status !== 'found') return root.status;
  if (root.totalLookups > SPF_LIMITS.lookups) return `permerror: more than ${SPF_LIMITS.lookups} DNS lookups`;
  if (root.totalVoidLookups > SPF_LIMITS.voidLookups) return `permerror: more than ${SPF_LIMITS.voidLookups} void lookups`;
  const walk = (n: SpfNode, depth: number): string | null => {
    if (n.errors.length) return `permerror: syntax error in the record of ${n.domain}`;
    if (depth > 0 && (n.status === 'none' || n.status === 'nxdomain' || n.status === 'multiple' || n.status === 'loop')) return `permerror: ${n.via ?? n.domain} (${n.status})`;
    for (const c of n.children) {
      const why = walk(c, depth + 1);
      if (why) return why;
    }
    return null;
  };
  return walk(root, 0);
}

export function domainFacts(domain: string, f: FetchedForRequirements, ips: readonly string[]): RuleFacts {
  const notInDns = fact('unknown', reason('req.not-in-dns'));
  const needsIp = fact('unknown', reason('req.needs-ip'));

  const tree = f.spf?.tree;
  const broken = tree ? spfBroken(tree) : 'none';
  let spf: RuleFact;
  // A DNS failure tells nothing about the record: the rule cannot be told, it is not failed.
  if (tree?.status === 'error') spf = fact('unknown', reason('req.dns-failed', { name: domain }));
  else if (!tree || tree.status === 'none' || tree.status === 'nxdomain') spf = fact('not-met', reason('req.spf-missing', { domain }));
  else if (broken) spf = fact('not-met', reason('req.spf-broken', { status: broken }));
  else if (f.spf?.verdicts.length) {
    const results = f.spf.verdicts.map((v) => `${v.ip} ${v.result}`);
    spf = fact(f.spf.verdicts.every((v) => v.result === 'pass') ? 'met' : 'not-met', reason('req.spf-ips', { results }));
  } else spf = fact('met', reason('req.spf-record', { record: tree.record ?? '' }));

  const dk = f.dkim;
  const found = dk?.selectors.filter((s) => s.status === 'found' && s.parsed && !s.parsed.revoked) ?? [];
  const label = (s: (typeof found)[number]) => `${s.selector} (${s.parsed!.keyType}${s.parsed!.bits ? ` ${s.parsed!.bits} bits` : ''})`;
  let dkim: RuleFact;
  if (!dk || (!dk.guessed && !dk.selectors.length)) dkim = fact('unknown', reason('req.dkim-not-guessed'));
  else if (!dk.guessed) {
    const missing = dk.selectors.filter((s) => !found.includes(s)).map((s) => s.name);
    const failed = dk.selectors.find((s) => s.status === 'error');
    dkim = failed && !found.length
      ? fact('unknown', reason('req.dns-failed', { name: failed.name }))
      : missing.length ? fact('not-met', reason('req.dkim-not-published', { selectors: missing })) : fact('met', reason('req.dkim-keys', { keys: found.map(label) }));
  } else dkim = found.length ? fact('met', reason('req.dkim-keys', { keys: found.map(label) })) : fact('unknown', reason('req.dkim-not-guessed'));
  // RSA keys are judged by their modulus; Ed25519 keys (256 bits) are strong.
  const small = found.filter((s) => s.parsed!.keyType === 'rsa' && s.parsed!.bits !== null && s.parsed!.bits < 1024);
  const dkimKeySize = small.length ? fact('not-met', reason('req.dkim-small-keys', { keys: small.map(label) })) : found.length ? fact('met', reason('req.dkim-keys', { keys: found.map(label) })) : dkim;

  const dm = f.dmarc;
  const dmarcFailed = dm && !dm.record ? dmarcFailures(dm)[0] : undefined;
  const dmarcRecord: RuleFact = dmarcFailed ? fact('unknown', reason('req.dns-failed', { name: dmarcFailed.name })) : !dm || !dm.record ? fact('not-met', reason('req.dmarc-none', { domain })) : dm.policy ? fact('met', reason('req.dmarc-policy', { policy: dm.policy, rua: Boolean(dm.parsed?.tags.rua) })) : fact('not-met', reason('req.dmarc-invalid', { record: dm.record }));

  let ptr: RuleFact = needsIp;
  let ptrGeneric: RuleFact = needsIp;
  const rdns = f.rdns ?? [];
  if (ips.length && rdns.length) {
    const bad = rdns.find((r) => r.status === 'missing' || r.status === 'not-confirmed');
    const unsure = rdns.find((r) => r.status === 'error');
    ptr = bad
      ? fact('not-met', reason(bad.status === 'missing' ? 'req.ptr-missing' : 'req.ptr-not-confirmed', { ip: bad.ip, names: bad.names }))
      : unsure
        ? fact('unknown', reason('req.ptr-needs-verify', { ip: unsure.ip }))
        : fact('met', reason('req.ptr-confirmed', { ip: rdns[0]!.ip, name: rdns[0]!.confirmedName ?? '' }));
    const generic = rdns.map((r) => genericOf(r)).find(Boolean);
    ptrGeneric = generic ? fact('not-met', reason('req.ptr-generic', { name: generic.name })) : ptr.state === 'met' ? fact('met', reason('req.ptr-named', { name: rdns[0]!.confirmedName ?? '' })) : ptr;
  }

  return {
    'spf-or-dkim': eitherRule(spf, dkim, 'dkim'),
    spf,
    dkim,
    'dkim-key-size': dkimKeySize,
    'dmarc-record': dmarcRecord,
    'dmarc-aligned': fact('unknown', reason('req.alignment-per-message')),
    ptr,
    'ptr-not-generic': ptrGeneric,
    tls: notInDns,
    format: notInDns,
    'one-click': notInDns,
    'list-unsubscribe': notInDns,
    'unsubscribe-link': notInDns,
    'spam-rate': fact('unknown', reason('req.spam-rate')),
  };
}
