/** What check-dns shows besides its findings: a table (or tree) per area, from report.data. */
import type { Report } from '../core/model.js';
import { DMARC_TAGS } from '../dns/dmarc.js';
import type { Section, TreeNode } from './sections.js';

interface JsonSpfNode {
  domain: string;
  via?: string;
  status: string;
  lookups: number;
  totalLookups: number;
  voidLookups: number;
  children: JsonSpfNode[];
}

function spfTree(node: JsonSpfNode): TreeNode {
  const counts = node.status === 'found' ? ` · ${node.lookups} own lookup${node.lookups === 1 ? '' : 's'}, ${node.totalLookups} with includes` : ` · ${node.status}`;
  const label = node.via ? `${node.via}${counts}` : `${node.domain}${counts}`;
  return { label, children: node.children.map(spfTree) };
}

const MEANING = new Map(DMARC_TAGS.map((t) => [t.tag, t.meaning]));

export function checkDnsSections(report: Report): Section[] {
  const d = report.data as Record<string, any>;
  const sections: Section[] = [{ area: 'dns', title: 'DNS' }];
  if (!d.spf) return sections;

  const spf: Section = { area: 'spf', title: 'SPF' };
  if (d.spf.record) {
    spf.table = { head: ['SPF record', 'DNS lookups', 'Void lookups'], rows: [[d.spf.record, `${d.spf.lookups}/10`, `${d.spf.voidLookups}/2`]] };
    spf.tree = spfTree(d.spf.tree as JsonSpfNode);
  }
  if (Array.isArray(d.ips) && d.ips.length) {
    sections.push(spf, {
      area: 'spf-ip',
      title: 'Sending IPs',
      table: {
        head: ['IP', 'SPF result', 'Decided by'],
        rows: d.ips.map((v: any) => [v.ip, v.result, [...(v.path ?? []), v.mechanism ?? v.reason ?? ''].filter(Boolean).join(' → ')]),
      },
    });
  } else {
    sections.push(spf);
  }

  const dmarc: Section = { area: 'dmarc', title: 'DMARC' };
  if (d.dmarc?.tags) {
    dmarc.table = { head: ['Tag', 'Value', 'Meaning'], rows: Object.entries(d.dmarc.tags as Record<string, string>).map(([k, v]) => [k, v, MEANING.get(k) ?? 'unknown tag']) };
    dmarc.lines = [`Record at ${d.dmarc.name}${d.dmarc.source === 'domain' ? '' : ` (${d.dmarc.source} domain)`}`];
  }
  sections.push(dmarc);

  const dkim: Section = { area: 'dkim', title: 'DKIM' };
  const selectors = (d.dkim?.selectors ?? []) as any[];
  if (selectors.length) {
    dkim.table = {
      head: ['Selector', 'Key', 'Published at'],
      rows: selectors.map((s) => [s.selector, s.status === 'found' ? `${s.keyType ?? '?'}${s.bits ? ` ${s.bits} bits` : ''}` : s.status, s.cname ? `${s.name} → ${s.cname}` : s.name]),
    };
  }
  sections.push(dkim);

  const mx: Section = { area: 'mx', title: 'MX' };
  if (d.mx?.hosts?.length) {
    mx.table = { head: ['Priority', 'Mail server', 'Addresses'], rows: (d.mx.hosts as any[]).map((h) => [String(h.priority), h.cname ? `${h.host} → ${h.cname}` : h.host, h.addresses.join(', ') || '—']) };
  }
  sections.push(mx);

  if (Array.isArray(d.mxTls) && d.mxTls.length) {
    sections.push({
      area: 'mx-tls',
      title: 'STARTTLS on MX hosts',
      table: {
        head: ['MX', 'Address', 'TLS', 'Certificate'],
        rows: (d.mxTls as any[]).map((m) => [
          m.host,
          m.ip,
          m.tls ? `${m.tls.protocol}, ${m.tls.cipher}` : m.failure ? `no (${m.failure.kind})` : 'no STARTTLS',
          m.tls ? `${m.tls.subject}, ${m.tls.trusted ? 'trusted' : 'NOT trusted'}, ${m.tls.hostnameMatch ? 'name matches' : 'OTHER NAME'}, ${m.tls.daysLeft} days left` : '—',
        ]),
      },
    });
  }
  if (d.mtaSts) {
    const m = d.mtaSts;
    const lines = [`${m.txt.name}: ${m.txt.record ?? m.txt.status}`, `${m.url}: ${m.policy.status === 'found' ? `mode ${m.policy.mode}, max_age ${m.policy.maxAge}, mx ${(m.policy.mx ?? []).join(', ')}` : (m.policy.reason ?? m.policy.status)}`];
    sections.push({ area: 'mta-sts', title: 'MTA-STS', ...(m.txt.status !== 'none' || m.policy.status === 'found' ? { lines } : {}) });
  }
  if (d.dnssec) {
    const x = d.dnssec;
    sections.push({
      area: 'dnssec',
      title: 'DNSSEC',
      lines: x.checked
        ? [`DS at the parent: ${x.ds ? 'yes' : 'no'} · answers authenticated: ${x.domainAuthenticated ? 'yes' : 'no'} · resolver validates: ${x.resolverValidates ? 'yes' : 'no'}`]
        : [`Not checked: ${x.reason}`],
    });
  }
  if (d.tlsRpt) sections.push({ area: 'tlsrpt', title: 'TLS reporting (TLS-RPT)', ...(d.tlsRpt.record ? { lines: [`${d.tlsRpt.name}: ${d.tlsRpt.record}`] } : {}) });
  if (d.bimi) sections.push({ area: 'bimi', title: 'BIMI', ...(d.bimi.record ? { lines: [`${d.bimi.name}: ${d.bimi.record}`] } : {}) });
  if (Array.isArray(d.ptr) && d.ptr.length) {
    sections.push({
      area: 'ptr',
      title: 'Reverse DNS of MX addresses',
      table: { head: ['MX', 'Address', 'PTR', 'Confirmed'], rows: (d.ptr as any[]).map((p) => [p.host, p.ip, p.names.join(', ') || '—', p.status === 'confirmed' ? 'yes' : p.status]) },
    });
  }
  if (Array.isArray(d.expected) && d.expected.length) {
    sections.push({
      area: 'expected',
      title: 'Expected records',
      table: {
        head: ['Type', 'Name', 'Expected', 'Found'],
        rows: (d.expected as any[]).map((e) => [e.type, e.name, e.expected, e.status === 'present' ? 'yes' : e.actual.join(', ') || e.status]),
      },
    });
  }
  return sections;
}
