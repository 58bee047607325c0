/** Pure: SPF findings from the resolved tree and from --ip verdicts. */
import { finding } from '../../core/finding.js';
import type { Finding } from '../../core/model.js';
import type { SpfVerdict } from './evaluate.js';
import { lookupCrossing, type SpfNode } from './tree.js';
import { SPF_LIMITS } from './parse.js';
import { reason } from '../../core/catalogue/reasons.js';

function allNodes(node: SpfNode): SpfNode[] {
  return [node, ...node.children.flatMap(allNodes)];
}

/** The "all" that ends evaluation for this domain: its own, or the one at the end of its redirect chain. */
function effectiveAll(root: SpfNode): { qualifier: string; raw: string } | undefined {
  let node: SpfNode | undefined = root;
  // Each redirect= is a lookup: no chain is longer than the lookup limit.
  for (let hops = 0; node?.parsed && hops < SPF_LIMITS.lookups; hops++) {
    const all = node.parsed.mechanisms.find((m) => m.name === 'all');
    if (all) return { qualifier: all.qualifier, raw: all.raw };
    if (!node.parsed.redirect) return undefined;
    node = node.children.find((c) => c.via === node!.parsed!.redirect!.raw);
  }
  return undefined;
}

/** Pure: findings of a domain's SPF tree; the verdicts of the --ip addresses say who an over-limit record still lets through. */
export function checkSpf(domain: string, root: SpfNode, verdicts: readonly SpfVerdict[] = []): Finding[] {
  const out: Finding[] = [];
  if (root.status === 'error' || root.status === 'nxdomain') return out;
  if (root.status === 'none') return [finding('spf.missing', domain, { domain })];
  if (root.status === 'multiple') return [finding('spf.multiple', domain, { domain, count: root.records?.length ?? 2 })];

  const nodes = allNodes(root);
  for (const n of nodes) {
    for (const e of n.errors) out.push(finding('spf.syntax', n.domain, { domain: n.domain, term: e.term, position: e.position, reason: e.reason }));
    for (const m of n.mxOverLimit) out.push(finding('spf.mx-lookups-exceeded', n.domain, { domain: n.domain, term: m.term, count: m.count }));
    for (const c of n.children) {
      if (c.status === 'loop') out.push(finding('spf.include-loop', n.domain, { domain: root.domain, chain: [...pathTo(root, n), c.domain] }));
      const why =
        c.status === 'nxdomain'
          ? reason('include.nxdomain')
          : c.status === 'none'
            ? reason('include.none')
            : c.status === 'multiple'
              ? reason('include.multiple')
              : c.status === 'found' && c.errors.length
                ? reason('include.invalid')
                : undefined;
      if (why) out.push(finding('spf.include-invalid', n.domain, { domain: n.domain, term: c.via ?? c.domain, target: c.domain, reason: why }));
    }
    // The ptr mechanism and the %{p} macro cost the same slow, unreliable PTR lookups (RFC 7208 §5.5, §7.3).
    for (const m of n.parsed?.mechanisms ?? []) if (m.name === 'ptr' || /%\{p/i.test(m.value ?? '')) out.push(finding('spf.ptr', n.domain, { domain: n.domain, term: m.raw }));
  }

  if (root.totalLookups > SPF_LIMITS.lookups) {
    // What a receiver does with each given IP: a match before the 11th lookup passes, the rest get permerror.
    const over = verdicts.filter((v) => v.result === 'permerror' && v.reason?.code === 'spf.too-many-lookups').map((v) => v.ip);
    const passing = verdicts.filter((v) => v.result === 'pass').map((v) => v.ip);
    out.push(finding('spf.lookups-exceeded', domain, { domain, lookups: root.totalLookups, crossedAt: lookupCrossing(root) ?? 'an unknown term', passing, failing: over }));
  }
  if (root.totalVoidLookups > SPF_LIMITS.voidLookups) {
    out.push(finding('spf.void-lookups-exceeded', domain, { domain, voidLookups: root.totalVoidLookups, names: nodes.flatMap((n) => n.voidNames) }));
  }
  if ((root.bytes ?? 0) > 450 || (root.longestString ?? 0) > 255) {
    out.push(finding('spf.record-size', domain, { domain, bytes: root.bytes ?? 0, longestString: root.longestString ?? 0 }));
  }

  const all = effectiveAll(root);
  if (root.parsed?.redirect && root.parsed.mechanisms.some((m) => m.name === 'all')) out.push(finding('spf.redirect-ignored', domain, { domain }));
  if (all && all.qualifier === '+') out.push(finding('spf.all-pass', domain, { domain, term: all.raw }));
  else if (all?.qualifier === '?') out.push(finding('spf.all-neutral', domain, { domain }));
  else if (!all && !root.parsed?.redirect) out.push(finding('spf.all-missing', domain, { domain }));

  if (!out.some((f) => f.severity === 'error')) {
    out.unshift(finding('spf.valid', domain, { domain, lookups: root.totalLookups, voidLookups: root.totalVoidLookups }));
  }
  return out;
}

function pathTo(root: SpfNode, target: SpfNode): string[] {
  if (root === target) return [root.domain];
  for (const c of root.children) {
    const p = pathTo(c, target);
    if (p.length) return [root.domain, ...p];
  }
  return [];
}

export function checkIpVerdicts(domain: string, verdicts: readonly SpfVerdict[]): Finding[] {
  return verdicts.map((v) => {
    const mechanism = [...v.path, v.mechanism ?? ''].filter(Boolean).join(' → ');
    switch (v.result) {
      case 'pass':
        return finding('spf.ip-pass', v.ip, { domain, ip: v.ip, mechanism });
      case 'fail':
        return finding('spf.ip-fail', v.ip, { domain, ip: v.ip, mechanism, explanation: v.explanation ?? null });
      case 'softfail':
        return finding('spf.ip-softfail', v.ip, { domain, ip: v.ip, mechanism });
      case 'neutral':
        return finding('spf.ip-neutral', v.ip, { domain, ip: v.ip, mechanism });
      case 'none':
        return finding('spf.ip-none', v.ip, { domain, ip: v.ip });
      case 'permerror':
        return finding('spf.ip-permerror', v.ip, { domain, ip: v.ip, reason: v.reason ?? reason('spf.invalid') });
      case 'temperror':
        return finding('spf.ip-temperror', v.ip, { domain, ip: v.ip, reason: v.reason ?? reason('spf.dns-failure') });
    }
  });
}

export function spfFailures(root: SpfNode) {
  return allNodes(root).flatMap((n) => n.failures);
}
