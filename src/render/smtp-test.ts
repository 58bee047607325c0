/** What smtp-test shows besides its findings: the phases with their durations, TLS, capabilities, transcript. */
import type { Report } from '../core/model.js';
import type { ProbeResult, TranscriptLine } from '../smtp/types.js';
import type { Section } from './sections.js';

export function smtpTestSections(report: Report): Section[] {
  const d = report.data as Partial<ProbeResult> & { profiles?: Array<{ name: string; host: string; port: number | null; active: boolean; default: boolean }>; transcript?: TranscriptLine[] };
  if (d.profiles) {
    return [
      {
        area: 'config',
        title: 'Accounts',
        table: { head: ['Profile', 'Server', 'Active', 'Default'], rows: d.profiles.map((p) => [p.name, `${p.host}${p.port ? `:${p.port}` : ''}`, p.active ? 'yes' : 'no', p.default ? 'yes' : '']) },
      },
    ];
  }
  const sections: Section[] = [];
  const phases: Section = { area: 'smtp', title: 'SMTP session' };
  if (d.phases?.length) {
    phases.table = {
      head: ['Step', 'Result', 'Time'],
      rows: d.phases.map((p) => [p.name === 'dns' ? `DNS (${(d.addresses ?? []).join(', ') || '—'})` : p.name === 'connect' ? `connect ${d.address ?? ''}:${d.port}` : p.name, p.ok ? 'ok' : 'FAILED', `${p.ms} ms`]),
    };
  }
  const lines: string[] = [];
  if (d.greeting) lines.push(`Greeting: ${d.greeting.code} ${d.greeting.text}`);
  if (d.ehlo) lines.push(`Capabilities: ${d.ehlo.extensions.join(', ') || 'none'}`);
  if (d.ehloPlain && d.ehloPlain !== d.ehlo && d.tls?.mode === 'starttls') lines.push(`Before STARTTLS: ${d.ehloPlain.extensions.join(', ')}`);
  if (lines.length) phases.lines = lines;
  sections.push(phases);
  if (d.tls) {
    const t = d.tls;
    sections.push({
      area: 'tls',
      title: 'TLS',
      table: {
        head: ['Certificate and TLS', ''],
        rows: [
          ['Mode', t.mode === 'implicit' ? 'SSL/TLS from the first byte' : 'STARTTLS'],
          ['Protocol', `${t.protocol}, ${t.cipher}`],
          ['Certificate', t.subject],
          ['Names', t.altNames.join(', ') || '—'],
          ['Issuer', t.issuer],
          ['Valid', `${t.validFrom.slice(0, 10)} to ${t.validTo.slice(0, 10)} (${t.daysLeft} days left)`],
          ['Trusted', t.trusted ? 'yes' : `no (${t.trustError ?? 'unknown'})`],
          ['Name matches', t.hostnameMatch ? `yes (${t.servername ?? d.host})` : `no (${t.servername ?? d.host})`],
        ],
      },
    });
  }
  if (d.transcript?.length) sections.push({ area: 'transcript', title: 'Transcript', lines: d.transcript.map((l) => `${String(l.ms).padStart(5)} ms  ${l.dir}: ${l.text}`) });
  return sections;
}
