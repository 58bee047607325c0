/**
 * How an authoritative server answers from a zone: exact names, CNAME chains inside the zone,
 * wildcards (RFC 4592), NXDOMAIN told apart from NODATA (empty non-terminals exist).
 * Shared by --zone-file and the test DNS server.
 */
import { MAX_ALIASES, normalizeName, type RecordType } from './types.js';
import type { Zone, ZoneRecord } from './zonefile.js';

export type ZoneAnswer =
  | { kind: 'outside' }
  | { kind: 'nxdomain'; apex: string; chain: ZoneRecord[] }
  | { kind: 'nodata'; apex: string; chain: ZoneRecord[] }
  /** `records` holds the CNAMEs followed, in order, then the records of the type asked. */
  | { kind: 'found'; apex: string; records: ZoneRecord[] }
  /** The CNAME chain leaves the zone at `target`: the rest must be asked elsewhere. */
  | { kind: 'leaves-zone'; apex: string; chain: ZoneRecord[]; target: string };

export class ZoneIndex {
  private readonly byName = new Map<string, ZoneRecord[]>();
  private readonly existing = new Set<string>();
  readonly apexes: string[];

  constructor(zone: Zone) {
    this.apexes = [...zone.apexes].sort((a, b) => b.length - a.length);
    for (const r of zone.records) {
      const list = this.byName.get(r.name);
      if (list) list.push(r);
      else this.byName.set(r.name, [r]);
      // Every ancestor up to the apex exists too (empty non-terminals answer NODATA, not NXDOMAIN).
      const apex = this.apexOf(r.name);
      let n = r.name;
      for (;;) {
        this.existing.add(n);
        if (n === apex || apex === undefined) break;
        const dot = n.indexOf('.');
        if (dot < 0) break;
        n = n.slice(dot + 1);
      }
    }
  }

  apexOf(name: string): string | undefined {
    return this.apexes.find((a) => a === '' || name === a || name.endsWith(`.${a}`));
  }

  /** Records at a name, wildcard-synthesised when the name itself does not exist. */
  private recordsAt(name: string, apex: string): ZoneRecord[] | undefined {
    if (this.existing.has(name)) return this.byName.get(name) ?? [];
    let encloser = name;
    while (encloser !== apex) {
      const dot = encloser.indexOf('.');
      if (dot < 0) return undefined;
      encloser = encloser.slice(dot + 1);
      if (this.existing.has(encloser) || encloser === apex) break;
    }
    const wild = this.byName.get(encloser === '' ? '*' : `*.${encloser}`);
    return wild?.map((r) => ({ ...r, name }) as ZoneRecord);
  }

  lookup(qname: string, type: RecordType): ZoneAnswer {
    let name = normalizeName(qname);
    const chain: ZoneRecord[] = [];
    const seen = new Set<string>();
    for (;;) {
      const apex = this.apexOf(name);
      if (apex === undefined) {
        return chain.length ? { kind: 'leaves-zone', apex: this.apexOf(chain[0]!.name)!, chain, target: name } : { kind: 'outside' };
      }
      const here = this.recordsAt(name, apex);
      if (here === undefined) return { kind: 'nxdomain', apex, chain };
      const wanted = here.filter((r) => r.type === type);
      if (wanted.length) return { kind: 'found', apex, records: [...chain, ...wanted] };
      const cname = here.find((r) => r.type === 'CNAME');
      if (!cname || type === 'CNAME') return { kind: 'nodata', apex, chain };
      chain.push(cname);
      seen.add(name);
      const target = cname.data as string;
      // A loop or an endless chain answers what was followed so far, as servers do.
      if (seen.has(target) || chain.length > MAX_ALIASES) return { kind: 'nodata', apex, chain };
      name = target;
    }
  }
}
