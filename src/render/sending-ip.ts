/**
 * The tables of a sending IP as receivers judge it, shared by check-dns (--ip) and inspect-headers
 * (--verify): its reverse DNS, and the blocklists that list it or not.
 */
import type { BlocklistLookup } from '../dns/dnsbl.js';
import type { genericOf, ReverseDns } from '../dns/reverse.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Table } from './types.js';

type Rdns = Pick<ReverseDns, 'ip' | 'status' | 'names'> & { generic: ReturnType<typeof genericOf> };

export function reverseDnsTable(list: readonly Rdns[], lang: Lang): Table {
  const h = (key: 'dns.head.ip' | 'dns.head.ptr' | 'dns.head.confirmed' | 'dns.head.generic' | 'dns.yes' | 'dns.no') => t(key, undefined, lang);
  return {
    head: [h('dns.head.ip'), h('dns.head.ptr'), h('dns.head.confirmed'), h('dns.head.generic')],
    rows: list.map((r) => [r.ip, r.names.join(', ') || '—', r.status === 'confirmed' ? h('dns.yes') : r.status, r.generic ? r.generic.evidence : h('dns.no')]),
  };
}

/** One row per IP or domain (labelled as the caller says): the lists that list it, with their codes, and those that do not. */
export function blocklistTable(targets: ReadonlyArray<{ label: string; lookups: readonly BlocklistLookup[] }>, lang: Lang): Table {
  return {
    head: [t('dns.head.target', undefined, lang), t('dns.head.listed-by', undefined, lang), t('dns.head.not-listed-by', undefined, lang)],
    rows: targets.map(({ label, lookups }) => [
      label,
      lookups.filter((l) => l.status === 'listed').map((l) => `${l.list} (${[...new Set(l.codes.map((c) => c.label))].join(', ')})`).join(', ') || '—',
      lookups.filter((l) => l.status === 'clean').map((l) => l.list).join(', ') || '—',
    ]),
  };
}
