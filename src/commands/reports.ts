import type { Command } from 'commander';
import type { CommandResult, RunContext } from '../core/run-context.js';
import { t } from '../i18n/ui.js';
import { o } from '../i18n/options.js';
import { collect } from './arg-parsers.js';

export interface ReportsOptions {
  mbox?: boolean;
  offline?: boolean;
  resolver?: string[];
  zoneFile?: string[];
}

export function declareReports(cmd: Command): Command {
  return cmd
    .description(t('help.cmd.reports'))
    .argument('[file|dir...]', o('reports.arg'))
    .option('--offline', o('reports.offline'))
    .option('--resolver <ip[:port]>', o('reports.resolver'), collect)
    .option('--zone-file <path>', o('reports.zone-file'), collect)
    .addHelpText(
      'after',
      `
${t('help.examples')}
  maildiag reports ~/dmarc-reports/
  maildiag reports google.com!example.fr!1732060800!1732147199.xml.gz report.zip tlsrpt.json.gz
  maildiag reports rapports.mbox --format markdown
  maildiag reports ~/dmarc-reports/ --offline --json`,
    );
}

/**
 * Reads every input (files, directories, standard input; reports, their gzip and zip, the messages and
 * mboxes that carry them), counts each report once, then writes one report per policy domain: DMARC
 * senders with their verdicts and the readiness for a stricter policy, TLS-RPT failures with their fixes.
 */
export async function runReports(files: string[], opts: ReportsOptions, ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError, InputError }, { readReports }, { ReportSet }, { groupSenders, readiness, fetchIpFacts, lookupFailures }, { checkDmarcDomain, checkTlsDomain }, { finding, makeReport }, rows] =
    await Promise.all([
      import('../core/errors.js'),
      import('../reports/read.js'),
      import('../reports/aggregate.js'),
      import('../reports/senders.js'),
      import('../reports/check.js'),
      import('../core/finding.js'),
      import('../reports/rows.js'),
    ]);
  const inputs = files.length ? files : ctx.stdinIsTTY ? [] : ['-'];
  if (!inputs.length) throw new UsageError(t('error.reports-needs-input'));
  if (opts.offline && (opts.resolver || opts.zoneFile)) throw new UsageError(t('error.offline-no-resolver'));

  const set = new ReportSet();
  let unreadable = 0;
  // --format jsonl: one line per record, written as each report is read (memory holds one report).
  const record = async (list: () => Array<Record<string, unknown>>) => {
    if (ctx.records) for (const row of list()) await ctx.records(row);
  };
  const refuse = async (file: string, why: import('../core/catalogue/reasons.js').Reason) => {
    unreadable++;
    await record(() => [rows.unreadableRow(file, why)]);
    await ctx.emit(makeReport({ command: 'reports', target: file, findings: [finding('reports.unreadable', file, { file, reason: why })], data: { kind: 'file', file, domain: null }, startedAt: ctx.now(), now: ctx.now() }));
  };

  const sink = {
    dmarc: async (name: string, r: import('../reports/dmarc-xml.js').DmarcReport) => {
      if (set.addDmarc(name, r)) await record(() => rows.dmarcRows(name, r));
    },
    tls: async (name: string, r: import('../reports/tlsrpt.js').TlsReport) => {
      if (set.addTls(r)) await record(() => rows.tlsRows(name, r));
    },
    refused: refuse,
  };
  await readReports(inputs, sink, { stdin: ctx.stdin, signal: ctx.signal, progress: (file) => ctx.progress(t('progress.reading', { source: file === '-' ? t('error.stdin') : file })) });
  if (!set.dmarc.size && !set.tls.size && !unreadable) throw new InputError(t('error.no-reports'));

  // The senders of each domain, named through the run's resolver (unless --offline).
  const [{ loadPsl }, { buildResolver }] = await Promise.all([import('../dns/dmarc.js'), import('../dns/build-resolver.js')]);
  const psl = await loadPsl();
  const orgDomain = (n: string) => psl.getDomain(n, { allowPrivateDomains: false }) ?? n;
  const resolver = opts.offline ? undefined : buildResolver({ servers: opts.resolver ?? [], zoneFiles: opts.zoneFile ?? [], timeoutMs: ctx.timeoutMs });
  ctx.setTotal(set.dmarc.size + set.tls.size);
  const period = (p: { first: number; last: number }) => ({ first: rows.isoTime(p.first) ?? '', last: rows.isoTime(p.last) ?? '' });
  try {
    for (const d of [...set.dmarc.values()].sort((a, b) => b.messages - a.messages)) {
      if (ctx.signal.aborted) break;
      const started = ctx.now();
      ctx.progress(t('progress.checking', { target: d.domain }));
      const facts = resolver ? await fetchIpFacts(resolver, d.domain, [...d.sources.keys()]) : new Map();
      const senders = groupSenders(d, facts, orgDomain);
      const ready = readiness(d, senders);
      const nameOf = new Map(senders.flatMap((s) => s.ips.map((ip) => [ip, s.name] as const)));
      const sources = [...d.sources.values()]
        .sort((a, b) => b.messages - a.messages)
        .map((s) => ({ ip: s.ip, ptr: facts.get(s.ip)?.ptr?.confirmedName ?? facts.get(s.ip)?.ptr?.names[0] ?? null, sender: nameOf.get(s.ip) ?? s.ip, messages: s.messages, dmarcPass: s.dmarcPass, spfAligned: s.spfAligned, dkimAligned: s.dkimAligned, spf: s.spf, dkim: s.dkim, dispositions: s.dispositions, reasons: s.reasons }));
      await ctx.emit(
        makeReport({
          command: 'reports',
          target: d.domain,
          findings: checkDmarcDomain(d, senders, ready, orgDomain, lookupFailures(facts)),
          data: { kind: 'dmarc', domain: d.domain, file: null, period: period(d.period), reports: d.reports, messages: d.messages, reporters: Object.entries(d.reporters).map(([name, r]) => ({ name, ...r })), policies: d.policies, sources, senders, readiness: ready, tls: [] },
          startedAt: started,
          now: ctx.now(),
        }),
      );
    }
    for (const d of set.tls.values()) {
      const started = ctx.now();
      await ctx.emit(
        makeReport({
          command: 'reports',
          target: `${d.domain} (TLS-RPT)`,
          findings: checkTlsDomain(d),
          data: { kind: 'tls-rpt', domain: d.domain, file: null, period: period(d.period), reports: d.reports, messages: 0, reporters: Object.entries(d.reporters).map(([name, r]) => ({ name, reports: r.reports, messages: r.sessions })), policies: {}, sources: [], senders: [], readiness: null, tls: Object.values(d.policies) },
          startedAt: started,
          now: ctx.now(),
        }),
      );
    }
  } finally {
    resolver?.wire.close();
  }
  return { many: true };
}
