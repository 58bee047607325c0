/** What smtp-test shows besides its findings: the phases with their durations, TLS, capabilities, transcript. */
import type { ReportOf } from '../core/model.js';
import { formatDate, formatNumber, type Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Section } from './types.js';

export function smtpTestSections(report: ReportOf<'smtp-test'>, lang: Lang): Section[] {
  const h = (key: Parameters<typeof t>[0]) => t(key as 'smtp.failed', undefined, lang);
  const d = report.data;
  if (d.profiles) {
    return [
      {
        area: 'config',
        title: h('smtp.section.accounts'),
        table: {
          head: [h('smtp.head.profile'), h('smtp.head.server'), h('smtp.head.active'), h('smtp.head.default')],
          rows: d.profiles.map((p) => [p.name, `${p.host}${p.port ? `:${p.port}` : ''}`, p.active ? h('dns.yes') : h('dns.no'), p.default ? h('dns.yes') : '']),
        },
      },
    ];
  }
  const sections: Section[] = [];
  const phases: Section = { area: 'smtp', title: h('smtp.section.session') };
  if (d.phases?.length) {
    phases.table = {
      head: [h('smtp.head.step'), h('smtp.head.result'), h('smtp.head.time')],
      rows: d.phases.map((p) => [
        p.name === 'dns' ? `DNS (${(d.addresses ?? []).join(', ') || '—'})` : p.name === 'connect' ? `connect ${d.address ?? ''}:${d.port}` : p.name,
        p.skipped ? h('smtp.skipped') : p.ok ? 'ok' : h('smtp.failed'),
        `${formatNumber(p.ms, lang)} ms`,
      ]),
    };
  }
  const lines: string[] = [];
  if (d.greeting) lines.push(t('smtp.greeting', { text: `${d.greeting.code} ${d.greeting.text}` }, lang));
  if (d.ehlo) lines.push(t('smtp.capabilities', { list: d.ehlo.extensions.join(', ') || '—' }, lang));
  if (d.ehloPlain && d.ehloPlain !== d.ehlo && d.tls?.mode === 'starttls') lines.push(t('smtp.before-starttls', { list: d.ehloPlain.extensions.join(', ') }, lang));
  if (lines.length) phases.lines = lines;
  sections.push(phases);
  if (d.tls) {
    const x = d.tls;
    sections.push({
      area: 'tls',
      title: 'TLS',
      table: {
        head: [h('smtp.head.tls'), ''],
        rows: [
          [h('smtp.tls.mode'), x.mode === 'implicit' ? h('smtp.tls.mode-implicit') : 'STARTTLS'],
          [h('smtp.tls.protocol'), `${x.protocol}, ${x.cipher}`],
          [h('smtp.tls.certificate'), x.subject],
          [h('smtp.tls.names'), x.altNames.join(', ') || '—'],
          [h('smtp.tls.issuer'), x.issuer],
          [h('smtp.tls.valid'), t('smtp.tls.valid-range', { from: formatDate(x.validFrom, lang), to: formatDate(x.validTo, lang), days: x.daysLeft }, lang)],
          [h('smtp.tls.trusted'), x.trusted ? h('dns.yes') : `${h('dns.no')} (${x.trustError ?? '?'})`],
          [h('smtp.tls.name-matches'), `${x.hostnameMatch ? h('dns.yes') : h('dns.no')} (${x.servername ?? d.host})`],
        ],
      },
    });
  }
  if (d.transcript?.length) sections.push({ area: 'transcript', title: h('smtp.section.transcript'), lines: d.transcript.map((l) => `${String(l.ms).padStart(5)} ms  ${l.dir}: ${l.text}`) });
  return sections;
}
