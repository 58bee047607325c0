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

/** A file larger than this is not a report, nor a message carrying one. */
const MAX_FILE = 256 * 1024 * 1024;

/**
 * Reads every input (files, directories, standard input; reports, their gzip and zip, the messages and
 * mboxes that carry them), counts each report once, then writes one report per policy domain: DMARC
 * senders with their verdicts and the readiness for a stricter policy, TLS-RPT failures with their fixes.
 */
export async function runReports(files: string[], opts: ReportsOptions, ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError, InputError, fileReadError }, fs, fsSync, path, { unpack }, { parseDmarcXml, ReportError }, { parseTlsRpt }, { ReportSet }, { groupSenders, readiness, fetchIpFacts, lookupFailures }, { checkDmarcDomain, checkTlsDomain }, { finding, makeReport }, { reason }, rows] =
    await Promise.all([
      import('../core/errors.js'),
      import('node:fs/promises'),
      import('node:fs'),
      import('node:path'),
      import('../reports/unpack.js'),
      import('../reports/dmarc-xml.js'),
      import('../reports/tlsrpt.js'),
      import('../reports/aggregate.js'),
      import('../reports/senders.js'),
      import('../reports/check.js'),
      import('../core/finding.js'),
      import('../core/catalogue/reasons.js'),
      import('../reports/rows.js'),
    ]);
  const inputs = files.length ? files : ctx.stdinIsTTY ? [] : ['-'];
  if (!inputs.length) throw new UsageError(t('error.reports-needs-input'));
  if (opts.offline && (opts.resolver || opts.zoneFile)) throw new UsageError(t('error.offline-no-resolver'));

  const set = new ReportSet();
  const dupByDomain = new Map<string, number>();
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

  /** One report's bytes, as recognised: parsed and counted, or refused with its reason. */
  const take = async (name: string, content: string, bytes: Buffer, depth: number): Promise<void> => {
    try {
      if (content === 'dmarc-xml') {
        const r = parseDmarcXml(bytes.toString('utf8'));
        if (set.addDmarc(name, r)) await record(() => rows.dmarcRows(name, r));
        else dupByDomain.set(r.head.policy.domain, (dupByDomain.get(r.head.policy.domain) ?? 0) + 1);
      } else if (content === 'tls-json') {
        const r = parseTlsRpt(bytes.toString('utf8'));
        if (set.addTls(r)) await record(() => rows.tlsRows(name, r));
        else for (const p of r.policies) dupByDomain.set(`tls ${p.domain}`, (dupByDomain.get(`tls ${p.domain}`) ?? 0) + 1);
      } else if ((content === 'message' || content === 'mbox') && depth === 0) {
        await openMessages(name, content, bytes);
      } else await refuse(name, reason('rep.not-a-report'));
    } catch (err) {
      if (err instanceof ReportError) await refuse(name, err.why);
      else throw err;
    }
  };
  const openBytes = async (name: string, bytes: Buffer, depth: number) => {
    const { found, refused } = await unpack(name, bytes);
    for (const r of refused) await refuse(r.name, r.reason);
    for (const f of found) await take(f.name, f.content, f.bytes, depth);
  };
  /** A message (or every message of an mbox) that carries reports: each attachment is opened as a file. */
  const openMessages = async (name: string, content: string, bytes: Buffer) => {
    const [{ messageAttachments }, { splitMbox }] = await Promise.all([import('../headers/attachments.js'), import('../headers/read.js')]);
    const messages = content === 'mbox' ? splitMbox(bytes) : [bytes];
    for (const [i, m] of messages.entries()) {
      const label = content === 'mbox' ? `${name}#${i + 1}` : name;
      const attachments = await messageAttachments(m).catch(() => []);
      if (!attachments.length) {
        await refuse(label, reason('rep.no-report-attached'));
        continue;
      }
      for (const a of attachments) await openBytes(`${label} > ${a.filename}`, a.content, 1);
    }
  };

  const readFile = async (file: string): Promise<Buffer | undefined> => {
    if (file === '-') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of ctx.stdin as AsyncIterable<Buffer | string>) {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        size += b.length;
        if (size > MAX_FILE) throw new InputError(t('error.input-too-large', { path: t('error.stdin'), mb: MAX_FILE / 1048576 }));
        chunks.push(b);
      }
      return Buffer.concat(chunks);
    }
    // Reports are small and many: read at once (a thread-pool round trip per file costs more than the read).
    let fd: number | undefined;
    try {
      fd = fsSync.openSync(file, 'r');
      if (fsSync.fstatSync(fd).size > MAX_FILE) {
        await refuse(file, reason('rep.bomb', { limit: MAX_FILE, ratio: 1 }));
        return undefined;
      }
      return fsSync.readFileSync(fd);
    } catch (err) {
      throw fileReadError(file, err);
    } finally {
      if (fd !== undefined) fsSync.closeSync(fd);
    }
  };
  /** Files under a directory, in name order, depth first (links not followed). */
  async function* walk(dir: string): AsyncGenerator<string> {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      throw fileReadError(dir, err);
    });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) yield* walk(full);
      else if (e.isFile()) yield full;
    }
  }

  let read = 0;
  for (const input of inputs) {
    if (ctx.signal.aborted) break;
    const isDir = input !== '-' && (await fs.stat(input).catch(() => undefined))?.isDirectory();
    for await (const file of isDir ? walk(input) : [input]) {
      if (ctx.signal.aborted) break;
      // Now and then, let the event loop run: Ctrl-C and the progress spinner are heard between files.
      if (++read % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      ctx.progress(t('progress.reading', { source: file === '-' ? t('error.stdin') : file }));
      const bytes = await readFile(file);
      if (bytes) await openBytes(file === '-' ? 'stdin' : file, bytes, 0);
    }
  }
  if (!set.dmarc.size && !set.tls.size && !unreadable) throw new InputError(t('error.no-reports'));

  // The senders of each domain, named through the run's resolver (unless --offline).
  const [{ loadPsl }, { buildResolver }] = await Promise.all([import('../dns/dmarc.js'), import('../dns/build-resolver.js')]);
  const psl = await loadPsl();
  const orgDomain = (n: string) => psl.getDomain(n, { allowPrivateDomains: false }) ?? n;
  const resolver = opts.offline ? undefined : buildResolver({ servers: opts.resolver ?? [], zoneFiles: opts.zoneFile ?? [], timeoutMs: ctx.timeoutMs });
  ctx.setTotal(set.dmarc.size + set.tls.size);
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
      const iso = (x: number) => new Date(x * 1000).toISOString();
      await ctx.emit(
        makeReport({
          command: 'reports',
          target: d.domain,
          findings: checkDmarcDomain(d, senders, ready, dupByDomain.get(d.domain) ?? 0, orgDomain, lookupFailures(facts)),
          data: { kind: 'dmarc', domain: d.domain, file: null, period: { first: iso(d.period.first), last: iso(d.period.last) }, reports: d.reports, messages: d.messages, reporters: Object.entries(d.reporters).map(([name, r]) => ({ name, ...r })), policies: d.policies, sources, senders, readiness: ready, tls: [] },
          startedAt: started,
          now: ctx.now(),
        }),
      );
    }
    for (const d of set.tls.values()) {
      const started = ctx.now();
      const iso = (x: number) => (Number.isFinite(x) ? new Date(x * 1000).toISOString() : '');
      await ctx.emit(
        makeReport({
          command: 'reports',
          target: `${d.domain} (TLS-RPT)`,
          findings: checkTlsDomain(d, dupByDomain.get(`tls ${d.domain}`) ?? 0),
          data: { kind: 'tls-rpt', domain: d.domain, file: null, period: { first: iso(d.period.first), last: iso(d.period.last) }, reports: d.reports, messages: 0, reporters: Object.entries(d.reporters).map(([name, r]) => ({ name, reports: r.reports, messages: r.sessions })), policies: {}, sources: [], senders: [], readiness: null, tls: Object.values(d.policies) },
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
