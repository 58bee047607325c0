/**
 * One run of a command: the context it gets, where its reports go as they finish (stdout or --output,
 * streamed for JSON Lines and CSV, collected for the other formats), the progress bar, Ctrl-C, and
 * the exit code. cli.ts calls it; renderers stay pure.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { CommandResult, RunContext } from './core/run-context.js';
import { InputError, isKnownError, UsageError } from './core/errors.js';
import type { CommandName } from './core/model.js';
import { EXIT, exitCodeFor } from './core/exit-codes.js';
import type { Report, Status } from './core/model.js';
import type { Lang } from './i18n/lang.js';
import { t } from './i18n/ui.js';
import { safeText } from './core/sanitize.js';
import { keepHeapNearLive } from './core/heap.js';
import type { Stdio, Terminal } from './core/stdio.js';

export type Format = 'text' | 'json' | 'markdown' | 'jsonl' | 'csv';
export type FailOn = 'error' | 'warning' | 'never';

export interface RunOptions {
  /** The command, for the report that carries an error in a --json document. */
  command: CommandName;
  lang: Lang;
  format: Format;
  /** --format was given (otherwise --output's extension may choose). */
  formatExplicit: boolean;
  output?: string;
  colorLevel: 0 | 1 | 2 | 3;
  timeoutMs: number;
  verbose: boolean;
  quiet: boolean;
  failOn?: FailOn;
}

const BY_EXTENSION: Record<string, Format> = { json: 'json', jsonl: 'jsonl', ndjson: 'jsonl', csv: 'csv', md: 'markdown', markdown: 'markdown', txt: 'text' };

export function formatFor(opts: Pick<RunOptions, 'format' | 'formatExplicit' | 'output'>): Format {
  if (opts.formatExplicit || !opts.output) return opts.format;
  return BY_EXTENSION[opts.output.split('.').pop()?.toLowerCase() ?? ''] ?? opts.format;
}

/** The exit code, with --fail-on for CI: error ignores warnings, never always succeeds. */
export function exitCode(statuses: Record<Status, number>, failOn?: FailOn): number {
  const reports = (Object.entries(statuses) as Array<[Status, number]>).filter(([, n]) => n > 0).map(([status]) => ({ status }) as Report);
  const code = exitCodeFor(reports);
  if (failOn === 'never') return EXIT.ok;
  if (failOn === 'error' && code === EXIT.warning) return EXIT.ok;
  return code;
}

/** A one-line progress bar on stderr: done / total, rate, ETA, failures so far. */
class ProgressBar {
  private done = 0;
  private failed = 0;
  private readonly started = performance.now();
  private last = 0;
  constructor(
    private total: number,
    private readonly stderr: Terminal,
  ) {}

  setTotal(n: number) {
    this.total = n;
  }

  tick(status: Status) {
    this.done++;
    if (status === 'fail' || status === 'error') this.failed++;
    const now = performance.now();
    if (now - this.last > 80 || this.done === this.total) {
      this.last = now;
      this.draw(now);
    }
  }

  private draw(now: number) {
    const width = 24;
    const ratio = this.total ? Math.min(1, this.done / this.total) : 0;
    const rate = this.done / Math.max(0.001, (now - this.started) / 1000);
    const eta = rate > 0 && this.total ? Math.max(0, (this.total - this.done) / rate) : 0;
    const bar = '█'.repeat(Math.round(ratio * width)).padEnd(width, '░');
    this.stderr.write(`\r${bar} ${this.done}/${this.total} · ${rate.toFixed(0)}/s · ETA ${Math.ceil(eta)} s · ${this.failed} ${t('progress.failed')}\x1b[K`);
  }

  clear() {
    this.stderr.write('\r\x1b[K');
  }
}

export async function run(opts: RunOptions, command: (ctx: RunContext) => Promise<CommandResult>, io: Stdio): Promise<number> {
  const format = formatFor(opts);
  const streamed = format === 'jsonl' || format === 'csv';
  // The French wording is loaded only for a French run: an English report is already worded.
  const [{ RunTally, jsonLine, csvHeader, csvRow, JsonDocumentWriter }, { renderRunSummary }, localize] = await Promise.all([
    import('./render/stream.js'),
    import('./render/run-summary.js'),
    opts.lang === 'en' ? (report: Report) => report : import('./core/localize.js').then((m) => m.localize),
  ]);
  keepHeapNearLive();
  const tally = new RunTally();
  const collected: Array<{ report: Report; position: number }> = [];

  let out: NodeJS.WritableStream = io.stdout;
  let file: WriteStream | undefined;
  if (opts.output) {
    file = createWriteStream(opts.output, { flags: 'w' });
    await new Promise<void>((resolve, reject) => {
      file!.once('open', () => resolve());
      file!.once('error', (err: NodeJS.ErrnoException) => reject(new UsageError(t('error.cannot-write', { path: opts.output ?? '', code: err.code ?? err.message }))));
    });
    out = file;
  }
  const output = out;
  const controller = new AbortController();
  // A write that fails (a full disk, the reader of a pipe gone) stops the run: nothing more is checked
  // for nobody. A full disk is an error (exit 3), never "written"; a closed pipe keeps the exit code of
  // what was found, as `maildiag ... | head -1` in a script must not turn a failure into a success.
  let writeFailure: NodeJS.ErrnoException | undefined;
  const onWriteError = (err: NodeJS.ErrnoException) => {
    writeFailure ??= err;
    controller.abort();
  };
  output.on('error', onWriteError);
  // Backpressure: when the reader is slower than we are (a pipe into less, a slow disk), the command waits
  // for it at its next report instead of queueing the output in memory.
  let drain: Promise<void> | undefined;
  const write = (text: string): void => {
    if (writeFailure) return;
    if (output.write(text) || drain) return;
    drain = new Promise<void>((resolve) => {
      const done = () => {
        for (const e of ['drain', 'close', 'error']) output.off(e, done);
        drain = undefined;
        resolve();
      };
      for (const e of ['drain', 'close', 'error']) output.on(e, done);
    });
  };
  // --json goes out report by report too, in position order, so a huge mbox or fleet holds little.
  const json = format === 'json' ? new JsonDocumentWriter(write) : undefined;
  let arrivals = 0;

  // Progress: a bar for several targets, a spinner for one, only for a person at a terminal, and only
  // on one that knows its width (a terminal reporting 0 columns made the spinner redraw forever).
  const interactive = io.stderr.isTTY && (io.stderr.columns ?? 0) > 0 && !opts.quiet && !opts.verbose;
  let bar: ProgressBar | undefined;
  let spinner: { start(t: string): unknown; stop(): unknown; text: string; isSpinning: boolean } | undefined;
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    controller.abort();
    io.stderr.write(`\nmaildiag: ${t('run.stopping')}\n`);
  };
  process.on('SIGINT', onSigint);

  let csvStarted = false;
  let recordsOnly = false;
  const ctx: RunContext = {
    timeoutMs: opts.timeoutMs,
    verbose: opts.verbose,
    now: () => performance.now(),
    debug: opts.verbose ? (line) => io.stderr.write(`[maildiag] ${safeText(line)}\n`) : () => {},
    progress: (text) => {
      if (!interactive || bar || format !== 'text') return;
      if (spinner) spinner.text = text;
    },
    stdin: io.stdin,
    stdinIsTTY: Boolean(io.stdin.isTTY),
    stderr: io.stderr,
    env: io.env,
    emit: (english, position) => {
      const report = localize(english, opts.lang);
      tally.add(report);
      bar?.tick(report.status);
      const at = position ?? arrivals;
      arrivals++;
      if (json) json.add(report, at);
      else if (!streamed) collected.push({ report, position: at });
      else if (recordsOnly) return drain;
      else {
        if (format === 'csv' && !csvStarted) {
          write(csvHeader(report.command));
          csvStarted = true;
        }
        write(format === 'csv' ? csvRow(report) : jsonLine(report));
      }
      return drain;
    },
    ...(format === 'jsonl'
      ? {
          records: (row: Record<string, unknown>) => {
            recordsOnly = true;
            write(jsonLine(row));
            return drain;
          },
        }
      : {}),
    setTotal: (n) => {
      if (!interactive || n < 2) return;
      if (bar) bar.setTotal(n);
      else bar = new ProgressBar(n, io.stderr);
    },
    signal: controller.signal,
  };
  if (interactive && format === 'text') {
    const { default: ora } = await import('ora');
    spinner = ora({ stream: io.stderr as NodeJS.WriteStream, discardStdin: false });
    const s = spinner;
    ctx.progress = (text) => {
      if (bar) return;
      // File names and targets come from outside: no escape sequence of theirs reaches the terminal.
      if (!s.isSpinning) s.start(safeText(text));
      else s.text = safeText(text);
    };
  }

  let result: CommandResult;
  try {
    result = await command(ctx);
  } catch (err) {
    // With --json, stdout is one document whatever happens: the reports that finished, then the error as
    // a report of its own (run.error, exit 3). Anything else is a bug: close the document if begun.
    if (json && isKnownError(err)) {
      const { finding, makeReport } = await import('./core/finding.js');
      const subject = err.subject ?? '';
      json.add(localize(makeReport({ command: opts.command, target: subject, findings: [finding('run.error', subject, { message: err.message })], data: {}, startedAt: ctx.now(), now: ctx.now() }), opts.lang), Number.MAX_SAFE_INTEGER);
      json.finish(false);
      await new Promise<void>((resolve) => output.write('', () => resolve()));
    } else json?.abandon();
    throw err;
  } finally {
    spinner?.stop();
    bar?.clear();
    process.off('SIGINT', onSigint);
  }

  if (json) json.finish(result.many);
  else if (!streamed) {
    const { loadRenderer } = await import('./render/index.js');
    const render = await loadRenderer(format, file ? 0 : opts.colorLevel);
    const reports = collected.sort((a, b) => a.position - b.position).map((c) => c.report);
    const text = render(reports, { lang: opts.lang, colorLevel: file ? 0 : opts.colorLevel, many: result.many, summary: Boolean(result.summary), width: io.stdout.columns || 100 });
    write(text.endsWith('\n') ? text : `${text}\n`);
  }
  // Every byte is handed over (or its failure known) before anything is called written.
  await new Promise<void>((resolve) => {
    if (writeFailure || (output as NodeJS.WritableStream & { destroyed?: boolean }).destroyed) return resolve();
    const done = (err?: Error | null) => {
      if (err) onWriteError(err as NodeJS.ErrnoException);
      resolve();
    };
    if (file) file.end(done);
    else output.write('', done);
  });
  output.off('error', onWriteError);
  if (writeFailure && writeFailure.code !== 'EPIPE') {
    throw new InputError(t('error.cannot-write', { path: opts.output ?? t('error.stdout'), code: writeFailure.code ?? writeFailure.message }));
  }
  if (writeFailure) return exitCode(tally.byStatus, opts.failOn);

  // With --output the terminal gets the summary; a text run over several targets ends with it too.
  const interrupted = controller.signal.aborted;
  if (file || (format === 'text' && tally.total > 1) || interrupted) {
    const summary = renderRunSummary(tally, { lang: opts.lang, interrupted, ...(opts.output ? { output: opts.output } : {}), ...(result?.dns ? { dns: result.dns } : {}) });
    (file || format === 'text' ? io.stdout : io.stderr).write(`${file || format !== 'text' ? '' : '\n'}${summary}`);
  }
  return exitCode(tally.byStatus, opts.failOn);
}
