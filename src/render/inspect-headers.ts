/** What inspect-headers shows besides its findings: the route, the sender, authentication; and the mbox summary row. */
import type { ReportOf } from '../core/model.js';
import { explainAlignment } from '../core/catalogue/alignment.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Section, Table } from './types.js';
import { blocklistTable, reverseDnsTable } from './sending-ip.js';
import { statusWord } from './words.js';
import { requirementsSection } from './requirements.js';

const ms = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 60_000 ? `${Math.round(v / 60_000)} min` : `${Math.round(v / 1000)} s`);

export function inspectHeadersSections(report: ReportOf<'inspect-headers'>, lang: Lang): Section[] {
  const h = (key: Parameters<typeof t>[0]) => t(key as 'headers.receiver', undefined, lang);
  const a = report.data;
  // A summary row (--mbox) counts its hops and is shown in the summary table, not here.
  if (!Array.isArray(a.hops)) return [];
  const route: Section = { area: 'route', title: h('headers.section.route') };
  if (a.hops.length) {
    route.table = {
      head: ['#', h('headers.head.from'), h('headers.head.by'), h('headers.head.with'), h('headers.head.delay'), ''],
      rows: a.hops.map((x, i) => [
        String(i + 1),
        x.parsed ? `${x.rdns ?? x.helo ?? '?'}${x.ip ? ` [${x.ip}]${x.privateIp ? ` ${h('headers.private')}` : ''}` : ''}` : `${h('headers.unreadable')} ${x.raw.slice(0, 80)}`,
        x.by ?? '?',
        `${x.with ?? ''}${x.tls ? ` TLS${x.tls === 'yes' ? '' : ` ${x.tls}`}` : ''}`,
        i === 0 ? '' : ms(x.delayMs),
        x.side === 'handoff' ? h('headers.delivered-here') : x.side === 'receiver' ? h('headers.receiver') : '',
      ]),
    };
  }
  const lines: string[] = [];
  if (a.origin) {
    const auth = a.origin.auth === undefined ? null : a.origin.auth === true ? (lang === 'fr' ? 'un utilisateur authentifié' : 'an authenticated user') : a.origin.auth;
    lines.push(t('headers.origin', { host: a.origin.host ?? '?', ip: a.origin.ip, private: a.origin.privateIp, auth }, lang));
  }
  if (a.totalDelayMs !== null && a.totalDelayMs !== undefined) lines.push(t('headers.transit', { delay: ms(a.totalDelayMs) }, lang));
  if (lines.length) route.lines = lines;

  const sender: Section = {
    area: 'sender',
    title: h('headers.section.sender'),
    table: {
      head: [h('headers.head.header'), h('headers.head.value')],
      rows: [
        ['From', (a.from ?? []).map((f) => (f.name ? `${f.name} <${f.address}>` : f.address)).join(', ') || '—'],
        ...(a.sender ? [['Sender', a.sender.address]] : []),
        ...(a.replyTo?.length ? [['Reply-To', a.replyTo.map((r) => r.address).join(', ')]] : []),
        ['Return-Path', a.returnPath ?? '—'],
        ['Message-ID', a.messageId ?? '—'],
        ['Date', a.date ?? '—'],
        ['Subject', a.subject ?? '—'],
        ...(a.mailer ? [['Mailer', a.mailer]] : []),
        ...(a.dkimSignatures ?? []).map((d) => ['DKIM-Signature', `d=${d.d} s=${d.s} a=${d.a} (${t('headers.signed-headers', { n: d.h.length }, lang)})`]),
      ],
    },
  };
  const al = a.alignment;
  const auth: Section = { area: 'auth', title: h('headers.section.auth') };
  if (al) {
    const aligned = (x: { strict: boolean; relaxed: boolean }) => (x.strict ? h('headers.aligned.both') : x.relaxed ? h('headers.aligned.relaxed') : h('headers.aligned.no'));
    auth.table = {
      head: [h('headers.head.check'), h('headers.head.result'), h('headers.head.domain'), h('headers.head.aligned')],
      rows: [
        ...(al.spf ? [['SPF', al.spf.result, al.spf.domain, aligned(al.spf)]] : []),
        ...al.dkim.map((d) => ['DKIM', d.result, `${d.domain}${d.selector ? ` (s=${d.selector})` : ''}`, aligned(d)]),
        ...(al.receiverDmarc ? [[h('headers.dmarc-receiver'), al.receiverDmarc, al.fromDomain ?? '—', '']] : []),
        [h('headers.dmarc-maildiag'), al.dmarc, al.fromDomain ?? '—', ''],
      ],
    };
    const explanation = al.fromDomain ? explainAlignment({ fromDomain: al.fromDomain, spf: al.spf, dkim: al.dkim, verdict: al.dmarc, modes: null }, lang) : t('headers.alignment-no-from', undefined, lang);
    auth.lines = [explanation, ...(a.microsoft ? Object.entries(a.microsoft.meaning).map(([, v]) => `Microsoft 365: ${v}`) : [])];
  }
  // --verify: the delivering relay (and the submitting client) judged now, as check-dns --ip does.
  const ips = a.verify?.ips ?? [];
  const rdns: Section = { area: 'ip-rdns', title: h('headers.section.relay-rdns') };
  const relay = ips.flatMap((x) => (x.rdns ? [{ ...x.rdns, ip: x.ip }] : []));
  if (relay.length) rdns.table = reverseDnsTable(relay, lang);
  const dnsbl: Section = { area: 'dnsbl', title: h('headers.section.relay-dnsbl') };
  if (ips.some((x) => x.dnsbl.lookups.length)) {
    dnsbl.table = blocklistTable(ips.map((x) => ({ label: `${x.ip} (${h(x.role === 'relay' ? 'headers.role.relay' : 'headers.role.client')})`, lookups: x.dnsbl.lookups })), lang);
  }
  // area: 'requirements' (drawn by requirements.ts, shared with check-dns)
  return [route, sender, auth, rdns, dnsbl, ...(a.requirements ? [requirementsSection(a.requirements, lang)] : [])];
}

export function inspectHeadersSummary(reports: ReadonlyArray<ReportOf<'inspect-headers'>>, lang: Lang): Table {
  const h = (key: Parameters<typeof t>[0]) => t(key as 'headers.receiver', undefined, lang);
  return {
    head: ['#', h('headers.head.date'), h('headers.head.from'), h('headers.head.subject'), h('headers.head.delivered-by'), 'SPF', 'DKIM', 'DMARC', t('head.status', undefined, lang)],
    rows: reports.map((r, i) => {
      const a = r.data;
      const al = a.alignment;
      return [
        String(i + 1),
        a.date ?? '',
        a.from?.[0]?.address ?? '',
        (a.subject ?? '').slice(0, 60),
        a.delivering ? `${a.delivering.host ?? ''}${a.delivering.ip ? ` [${a.delivering.ip}]` : ''}` : '',
        al?.spf?.result ?? '',
        al?.dkim.map((d) => d.result).join(',') ?? '',
        al?.dmarc ?? '',
        statusWord(r.status, lang),
      ];
    }),
  };
}
