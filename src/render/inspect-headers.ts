/** What inspect-headers shows besides its findings: the route, the sender, authentication; and the mbox summary row. */
import type { Report } from '../core/model.js';
import type { HeaderAnalysis } from '../headers/analyze.js';
import { STATUS_WORD, type Section, type Table } from './sections.js';

const ms = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 60_000 ? `${Math.round(v / 60_000)} min` : `${Math.round(v / 1000)} s`);

export function inspectHeadersSections(report: Report): Section[] {
  const a = report.data as Partial<HeaderAnalysis>;
  if (!a.hops) return [];
  const route: Section = { area: 'route', title: 'Route, oldest hop first' };
  if (a.hops.length) {
    route.table = {
      head: ['#', 'From', 'By', 'With', 'Delay', ''],
      rows: a.hops.map((h, i) => [
        String(i + 1),
        h.parsed ? `${h.rdns ?? h.helo ?? '?'}${h.ip ? ` [${h.ip}]${h.privateIp ? ' private' : ''}` : ''}` : `(unreadable) ${h.raw.slice(0, 80)}`,
        h.by ?? '?',
        `${h.with ?? ''}${h.tls ? ` TLS${h.tls === 'yes' ? '' : ` ${h.tls}`}` : ''}`,
        i === 0 ? '' : ms(h.delayMs),
        h.side === 'handoff' ? '← delivered here' : h.side === 'receiver' ? 'receiver' : '',
      ]),
    };
  }
  const lines: string[] = [];
  if (a.origin) lines.push(`Origin: ${a.origin.host ?? '?'} [${a.origin.ip}]${a.origin.privateIp ? ' (private address: the first public hop is further on)' : ''}`);
  if (a.totalDelayMs !== null && a.totalDelayMs !== undefined) lines.push(`Total transit: ${ms(a.totalDelayMs)}`);
  if (lines.length) route.lines = lines;

  const sender: Section = {
    area: 'sender',
    title: 'Sender',
    table: {
      head: ['Header', 'Value'],
      rows: [
        ['From', (a.from ?? []).map((f) => (f.name ? `${f.name} <${f.address}>` : f.address)).join(', ') || '—'],
        ...(a.sender ? [['Sender', a.sender.address]] : []),
        ...(a.replyTo?.length ? [['Reply-To', a.replyTo.map((r) => r.address).join(', ')]] : []),
        ['Return-Path', a.returnPath ?? '—'],
        ['Message-ID', a.messageId ?? '—'],
        ['Date', a.date ?? '—'],
        ['Subject', a.subject ?? '—'],
        ...(a.mailer ? [['Mailer', a.mailer]] : []),
        ...(a.dkimSignatures ?? []).map((d) => ['DKIM-Signature', `d=${d.d} s=${d.s} a=${d.a} (${d.h.length} headers signed)`]),
      ],
    },
  };
  const al = a.alignment;
  const auth: Section = { area: 'auth', title: 'Authentication' };
  if (al) {
    auth.table = {
      head: ['Check', 'Result', 'Domain', 'Aligned with From'],
      rows: [
        ...(al.spf ? [['SPF', al.spf.result, al.spf.domain, al.spf.strict ? 'strict and relaxed' : al.spf.relaxed ? 'relaxed only' : 'no']] : []),
        ...al.dkim.map((d) => ['DKIM', d.result, `${d.domain}${d.selector ? ` (s=${d.selector})` : ''}`, d.strict ? 'strict and relaxed' : d.relaxed ? 'relaxed only' : 'no']),
        ...(al.receiverDmarc ? [['DMARC (receiver)', al.receiverDmarc, al.fromDomain ?? '—', '']] : []),
        ['DMARC (maildiag)', al.dmarc, al.fromDomain ?? '—', ''],
      ],
    };
    auth.lines = [al.explanation, ...(a.microsoft ? Object.entries(a.microsoft.meaning).map(([, v]) => `Microsoft 365: ${v}`) : [])];
  }
  return [route, sender, auth];
}

export function inspectHeadersSummary(reports: readonly Report[]): Table {
  return {
    head: ['#', 'Date', 'From', 'Subject', 'Delivered by', 'SPF', 'DKIM', 'DMARC', 'Status'],
    rows: reports.map((r, i) => {
      const a = r.data as Partial<HeaderAnalysis>;
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
        STATUS_WORD[r.status],
      ];
    }),
  };
}
