/** What check-dns shows besides its findings: a table (or tree) per area, from report.data. */
import type { ReportOf } from '../core/model.js';
import type { JsonSpfNode } from '../dns/spf/tree.js';
import { DMARC_TAGS } from '../dns/dmarc.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Section, TreeNode } from './types.js';
import { blocklistTable, reverseDnsTable } from './sending-ip.js';
import { reasonText } from '../core/catalogue/reason-words.js';
import { requirementsSection } from './requirements.js';

function spfTree(node: JsonSpfNode, lang: Lang): TreeNode {
  const counts = node.status === 'found' ? ` · ${t('dns.own-lookups', { own: node.lookups, total: node.totalLookups }, lang)}` : ` · ${node.status}`;
  const label = node.via ? `${node.via}${counts}` : `${node.domain}${counts}`;
  return { label, children: node.children.map((c) => spfTree(c, lang)) };
}

export function checkDnsSections(report: ReportOf<'check-dns'>, lang: Lang): Section[] {
  const d = report.data;
  const h = (key: Parameters<typeof t>[0]) => t(key as 'dns.head.ip', undefined, lang);
  const sections: Section[] = [{ area: 'dns', title: h('dns.section.dns') }];
  if (!d.spf) return sections;

  const spf: Section = { area: 'spf', title: 'SPF' };
  if (d.spf.record) {
    spf.table = { head: [h('dns.head.spf-record'), h('dns.head.lookups'), h('dns.head.void')], rows: [[d.spf.record, `${d.spf.lookups}/10`, `${d.spf.voidLookups}/2`]] };
    spf.tree = spfTree(d.spf.tree, lang);
  }
  sections.push(spf);
  if (Array.isArray(d.ips) && d.ips.length) {
    sections.push({
      area: 'spf-ip',
      title: h('dns.section.ips'),
      table: {
        head: [h('dns.head.ip'), h('dns.head.spf-result'), h('dns.head.decided-by')],
        rows: d.ips.map((v) => [v.ip, v.result, [...(v.path ?? []), v.mechanism ?? (v.reason ? reasonText(v.reason, lang) : '')].filter(Boolean).join(' → ')]),
      },
    });
  }

  if (Array.isArray(d.rdns) && d.rdns.length) sections.push({ area: 'ip-rdns', title: h('dns.section.rdns'), table: reverseDnsTable(d.rdns, lang) });

  if (d.dnsbl && (d.dnsbl.ips.length || d.dnsbl.domains.length)) {
    const lookups = [...d.dnsbl.ips, ...d.dnsbl.domains];
    const targets = [...new Set(lookups.map((l) => l.target))].map((target) => ({ label: target, lookups: lookups.filter((l) => l.target === target) }));
    sections.push({ area: 'dnsbl', title: h('dns.section.dnsbl'), table: blocklistTable(targets, lang) });
  }

  const dmarc: Section = { area: 'dmarc', title: 'DMARC' };
  if (d.dmarc?.tags) {
    const meaning = new Map(DMARC_TAGS.map((tag) => [tag.tag, lang === 'fr' ? tag.meaningFr : tag.meaning]));
    dmarc.table = {
      head: [h('dns.head.tag'), h('dns.head.value'), h('dns.head.meaning')],
      rows: Object.entries(d.dmarc.tags).map(([k, v]) => [k, v, meaning.get(k) ?? (lang === 'fr' ? 'balise inconnue' : 'unknown tag')]),
    };
    dmarc.lines = [t('dns.record-at', { name: d.dmarc.name ?? '', source: d.dmarc.source }, lang)];
  }
  sections.push(dmarc);

  const dkim: Section = { area: 'dkim', title: 'DKIM' };
  const selectors = d.dkim?.selectors ?? [];
  if (selectors.length) {
    dkim.table = {
      head: [h('dns.head.selector'), h('dns.head.key'), h('dns.head.published-at')],
      rows: selectors.map((s) => [s.selector, s.status === 'found' ? `${s.keyType ?? '?'}${s.bits ? ` ${t('dns.bits', { bits: s.bits }, lang)}` : ''}` : s.status, s.cname ? `${s.name} → ${s.cname}` : s.name]),
    };
  }
  if (d.dkim?.guessed && d.dkim.tried.length) {
    // Which selectors were asked, grouped by why (a platform the records name, or the common list).
    const why = new Map<string, string[]>();
    for (const x of d.dkim.tried) {
      const label = x.why === 'platform' ? t('dns.dkim.platform', { platform: x.platform ?? '', by: x.namedBy ?? 'spf' }, lang) : h(x.why === 'expected' ? 'dns.dkim.expected' : 'dns.dkim.common');
      why.set(label, [...(why.get(label) ?? []), x.selector]);
    }
    dkim.lines = [t('dns.dkim-tried', { groups: [...why].map(([w, list]) => `${list.join(', ')} (${w})`).join('; ') }, lang)];
  }
  sections.push(dkim);

  const mx: Section = { area: 'mx', title: 'MX' };
  if (d.mx?.hosts?.length) {
    mx.table = {
      head: [h('dns.head.priority'), h('dns.head.mail-server'), h('dns.head.addresses')],
      rows: d.mx.hosts.map((m) => [String(m.priority), m.cname ? `${m.host} → ${m.cname}` : m.host, m.addresses.join(', ') || '—']),
    };
  }
  sections.push(mx);

  if (Array.isArray(d.mxTls) && d.mxTls.length) {
    sections.push({
      area: 'mx-tls',
      title: h('dns.section.mx-tls'),
      table: {
        head: ['MX', h('dns.head.address'), h('dns.head.tls'), h('dns.head.certificate')],
        rows: d.mxTls.map((m) => [
          m.host,
          m.ip,
          m.tls ? `${m.tls.protocol}, ${m.tls.cipher}` : m.failure ? `${h('dns.no')} (${m.failure.kind})` : `${h('dns.no')} STARTTLS`,
          m.tls
            ? `${m.tls.subject}, ${t('dns.trusted', { trusted: m.tls.trusted }, lang)}, ${t('dns.name-matches', { matches: m.tls.hostnameMatch }, lang)}, ${t('dns.days-left', { days: m.tls.daysLeft }, lang)}`
            : '—',
        ]),
      },
    });
  }
  if (d.mtaSts) {
    const m = d.mtaSts;
    const lines = [`${m.txt.name}: ${m.txt.record ?? m.txt.status}`, `${m.url}: ${m.policy.status === 'found' ? `mode ${m.policy.mode}, max_age ${m.policy.maxAge}, mx ${(m.policy.mx ?? []).join(', ')}` : (m.policy.reason ? reasonText(m.policy.reason, lang) : m.policy.status)}`];
    sections.push({ area: 'mta-sts', title: 'MTA-STS', ...(m.txt.status !== 'none' || m.policy.status === 'found' ? { lines } : {}) });
  }
  if (d.dnssec) {
    const x = d.dnssec;
    sections.push({
      area: 'dnssec',
      title: 'DNSSEC',
      lines: x.checked ? [t('dns.dnssec-line', { ds: Boolean(x.ds), auth: Boolean(x.domainAuthenticated), validates: Boolean(x.resolverValidates) }, lang)] : [t('dns.not-checked', { reason: x.reason ? reasonText(x.reason, lang) : '' }, lang)],
    });
  }
  if (d.tlsRpt) sections.push({ area: 'tlsrpt', title: h('dns.section.tlsrpt'), ...(d.tlsRpt.record ? { lines: [`${d.tlsRpt.name}: ${d.tlsRpt.record}`] } : {}) });
  if (d.bimi) sections.push({ area: 'bimi', title: 'BIMI', ...(d.bimi.record ? { lines: [`${d.bimi.name}: ${d.bimi.record}`] } : {}) });
  if (Array.isArray(d.ptr) && d.ptr.length) {
    sections.push({
      area: 'ptr',
      title: h('dns.section.ptr'),
      table: {
        head: ['MX', h('dns.head.address'), h('dns.head.ptr'), h('dns.head.confirmed')],
        rows: d.ptr.map((p) => [p.host, p.ip, p.names.join(', ') || '—', p.status === 'confirmed' ? h('dns.yes') : p.status]),
      },
    });
  }
  if (Array.isArray(d.expected) && d.expected.length) {
    sections.push({
      area: 'expected',
      title: h('dns.section.expected'),
      table: {
        head: [h('dns.head.type'), h('dns.head.name'), h('dns.head.expected'), h('dns.head.found')],
        rows: d.expected.map((e) => [e.type, e.name, e.expected, e.status === 'present' ? h('dns.yes') : e.actual.join(', ') || e.status]),
      },
    });
  }
  // area: 'requirements' (drawn by requirements.ts, shared with inspect-headers)
  if (d.requirements) sections.push(requirementsSection(d.requirements, lang));
  return sections;
}

