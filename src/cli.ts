/**
 * Wiring only: options -> command -> reports -> renderer -> stdout, and the exit code, set here and nowhere else.
 * Heavy modules (renderers, nodemailer, mailparser) are imported inside actions so --help and --version stay fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { declareCheckDns, runCheckDns, type CheckDnsOptions } from './commands/check-dns.js';
import { declareInspectHeaders, runInspectHeaders, type InspectHeadersOptions } from './commands/inspect-headers.js';
import { declareReports, runReports, type ReportsOptions } from './commands/reports.js';
import { declareBounce, runBounce } from './commands/bounce.js';
import { declareSmtpTest, runSmtpTest, type SmtpTestOptions } from './commands/smtp-test.js';
import type { CommandResult, RunContext } from './core/run-context.js';
import { isKnownError } from './core/errors.js';
import { safeText } from './core/sanitize.js';
import { EXIT } from './core/exit-codes.js';
import { VERSION } from './core/version.js';
import { COMMANDS, type CommandName } from './core/model.js';
import { detectLang, language, LANGS, setLanguage, type Lang } from './i18n/lang.js';
import { t } from './i18n/ui.js';
import { processStdio, type Stdio } from './core/stdio.js';

type Format = 'text' | 'json' | 'markdown' | 'jsonl' | 'csv';

interface GlobalOptions {
  lang?: Lang;
  format: Format;
  json?: boolean;
  color: boolean;
  timeout: number;
  verbose?: boolean;
  output?: string;
  quiet?: boolean;
  failOn?: 'error' | 'warning' | 'never';
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError(t('error.invalid-seconds'));
  return n;
}

/** Colour is decided once: --no-color, NO_COLOR and FORCE_COLOR, else whether stdout is a colour terminal. */
function colorLevel(opts: GlobalOptions, format: Format, io: Stdio): 0 | 1 | 2 | 3 {
  if (format !== 'text' || !opts.color) return 0;
  const env = io.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (!io.stdout.isTTY) return 0;
  const depth = io.stdout.getColorDepth?.() ?? 1;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

/** Errors may quote input (a JSON parser echoes the bytes it choked on): one line, no raw control character. */
function oneLine(text: string): string {
  return safeText(text.replace(/\s*\n\s*/g, ' ').trim());
}

/** Commander's own messages, in the run's language (the rest of its text comes from our catalogue). */
function commanderMessage(text: string): string {
  const m =
    text.match(/^unknown option '([^']+)'/) ??
    text.match(/^unknown command '([^']+)'/) ??
    text.match(/^option '([^']+)' argument missing/) ??
    text.match(/^option '([^']+)' argument '([^']*)' is invalid\. ?(.*)$/) ??
    text.match(/^too many arguments/);
  if (!m) return text;
  if (text.startsWith('unknown option')) return t('error.unknown-option', { option: m[1]! });
  if (text.startsWith('unknown command')) return t('error.unknown-command', { command: m[1]! });
  if (/argument missing/.test(text)) return t('error.missing-argument', { option: m[1]! });
  if (/is invalid/.test(text)) return t('error.invalid-argument', { option: m[1]!, value: m[2] ?? '', reason: m[3] ?? '' });
  return t('error.too-many-arguments');
}

/** One call of main: its streams, its exit code, and whether a command's run is under way (its output failures are then the runner's to report). */
interface Session {
  io: Stdio;
  code: number;
  running: boolean;
}

/** Runs a command through the runner; the exit code comes from the statuses of its reports. */
async function execute(session: Session, cmd: Command, command: (ctx: RunContext) => Promise<CommandResult>): Promise<void> {
  const global = cmd.optsWithGlobals<GlobalOptions>();
  const format: Format = global.json ? 'json' : global.format;
  const explicit = Boolean(global.json) || cmd.getOptionValueSourceWithGlobals('format') !== 'default';
  const { run } = await import('./runner.js');
  session.running = true;
  session.code = await run(
    {
      command: cmd.name() as CommandName,
      lang: language(),
      format,
      formatExplicit: explicit,
      ...(global.output ? { output: global.output } : {}),
      colorLevel: colorLevel(global, format, session.io),
      timeoutMs: Math.round(global.timeout * 1000),
      verbose: Boolean(global.verbose),
      quiet: Boolean(global.quiet),
      ...(global.failOn ? { failOn: global.failOn } : {}),
    },
    command,
    session.io,
  );
}

function buildProgram(session: Session): Command {
  const program = new Command('maildiag');
  const titles: Record<string, Parameters<typeof t>[0]> = {
    'Usage:': 'help.title.usage',
    'Options:': 'help.title.options',
    'Commands:': 'help.title.commands',
    'Arguments:': 'help.title.arguments',
    'Global Options:': 'help.title.global',
  };
  program
    .description(t('help.description'))
    .version(VERSION, '-V, --version', t('help.version'))
    .helpOption('-h, --help', t('help.help'))
    .helpCommand('help [command]', t('help.help'))
    .configureHelp({ styleTitle: (title: string) => (titles[title] ? t(titles[title] as 'help.title.usage') : title) })
    .addOption(new Option('--lang <lang>', t('help.lang')).choices([...LANGS]))
    .addOption(new Option('--format <format>', t('help.format')).choices(['text', 'json', 'markdown', 'jsonl', 'csv']).default('text'))
    .option('--json', t('help.json'))
    .option('--output <file>', t('help.output'))
    .option('--quiet', t('help.quiet'))
    .addOption(new Option('--fail-on <level>', t('help.fail-on')).choices(['error', 'warning', 'never']))
    .option('--no-color', t('help.no-color'))
    .option('--timeout <seconds>', t('help.timeout'), parseSeconds, 10)
    .option('--verbose', t('help.verbose'))
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (str) => session.io.stdout.write(str),
      writeErr: (str) => session.io.stderr.write(str),
      outputError: (str, write) => write(`maildiag: ${commanderMessage(oneLine(str.replace(/^error: /, '')))}\n`),
    })
    .addHelpText('after', `\n${t('help.commands')}\n\n${t('help.exit-codes')}\n\n${t('help.output-formats')}`);

  const checkDns = declareCheckDns(program.command('check-dns'));
  checkDns.addHelpText('after', `\n${t('help.exit-codes')}`).action(async (_domains: string[], _opts: CheckDnsOptions, cmd: Command) => {
    await execute(session, cmd, (ctx) => runCheckDns(cmd.args, cmd.opts<CheckDnsOptions>(), ctx));
  });

  declareSmtpTest(program.command('smtp-test'))
    .addHelpText('after', `\n${t('help.exit-codes')}`)
    .action(async (_opts: unknown, cmd: Command) => {
      await execute(session, cmd, (ctx) => runSmtpTest(cmd.opts<SmtpTestOptions>(), ctx));
    });

  declareInspectHeaders(program.command('inspect-headers'))
    .addHelpText('after', `\n${t('help.exit-codes')}`)
    .action(async (files: string[], _opts: unknown, cmd: Command) => {
      await execute(session, cmd, (ctx) => runInspectHeaders(files, cmd.opts<InspectHeadersOptions>(), ctx));
    });

  declareReports(program.command('reports'))
    .addHelpText('after', `\n${t('help.exit-codes')}`)
    .action(async (files: string[], _opts: unknown, cmd: Command) => {
      await execute(session, cmd, (ctx) => runReports(files, cmd.opts<ReportsOptions>(), ctx));
    });

  declareBounce(program.command('bounce'))
    .addHelpText('after', `\n${t('help.exit-codes')}`)
    .action(async (files: string[], _opts: unknown, cmd: Command) => {
      await execute(session, cmd, (ctx) => runBounce(files, ctx));
    });

  return program;
}

/**
 * A usage error under --json (or --format json) still prints one JSON document: a report of the command
 * named, with the error as its run.error finding.
 */
async function usageErrorDocument(argv: string[], message: string, io: Stdio): Promise<void> {
  const args = argv.slice(2);
  const json = args.includes('--json') || args.some((a, i) => a === '--format=json' || (a === '--format' && args[i + 1] === 'json'));
  const command = args.find((a) => (COMMANDS as readonly string[]).includes(a)) as CommandName | undefined;
  if (!json || !command) return;
  const [{ finding, makeReport }, { localize }, { renderJson }] = await Promise.all([import('./core/finding.js'), import('./core/localize.js'), import('./render/json.js')]);
  const report = makeReport({ command, target: '', findings: [finding('run.error', '', { message: commanderMessage(oneLine(message.replace(/^error: /, ''))) })], data: {}, startedAt: 0, now: 0 });
  io.stdout.write(`${renderJson([localize(report, language())], false)}\n`);
}

/** The whole CLI over the given streams (the process's by default); resolves to the exit code. */
export async function main(argv: string[], io: Stdio = processStdio()): Promise<number> {
  // The language is decided once, before the help is built: --lang, else the locale.
  setLanguage(detectLang(argv.slice(2), io.env));
  const session: Session = { io, code: EXIT.ok, running: false };
  // `maildiag ... | head`: once the reader is gone there is nobody to tell; end quietly, never a stack trace.
  // During a run the runner owns stdout's failures (it keeps the exit code of what was found).
  for (const stream of [io.stdout, io.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (stream === io.stdout && session.running) return;
      if (err.code !== 'EPIPE' && stream === io.stdout) io.stderr.write(`maildiag: ${oneLine(t('error.cannot-write', { path: t('error.stdout'), code: err.code ?? err.message }))}\n`);
      if (io.stdout === process.stdout) process.exit(err.code === 'EPIPE' ? session.code : EXIT.unknown);
    });
  }
  const program = buildProgram(session);
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.unknown;
    }
    await program.parseAsync(argv);
    return session.code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit 0; usage errors were printed by outputError.
      if (err.exitCode !== 0) await usageErrorDocument(argv, err.message, io);
      return err.exitCode === 0 ? EXIT.ok : EXIT.unknown;
    }
    if (isKnownError(err)) {
      io.stderr.write(`maildiag: ${oneLine(err.message)}\n`);
    } else {
      const verbose = argv.includes('--verbose');
      io.stderr.write(
        verbose && err instanceof Error && err.stack ? `${err.stack}\n` : `maildiag: ${t('error.internal', { message: oneLine(String((err as Error)?.message ?? err)) })}\n`,
      );
    }
    return EXIT.unknown;
  }
}
