/**
 * Wiring only: options -> command -> reports -> renderer -> stdout, and the exit code, set here and nowhere else.
 * Heavy modules (renderers, nodemailer, mailparser) are imported inside actions so --help and --version stay fast.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { declareCheckDns, runCheckDns, type CheckDnsOptions } from './commands/check-dns.js';
import { declareInspectHeaders, runInspectHeaders, type InspectHeadersOptions } from './commands/inspect-headers.js';
import { declareSmtpTest, runSmtpTest, type SmtpTestOptions } from './commands/smtp-test.js';
import type { CommandResult, RunContext } from './commands/context.js';
import { isKnownError } from './core/errors.js';
import { EXIT, EXIT_CODE_HELP } from './core/exit-codes.js';
import { VERSION } from './core/version.js';

type Format = 'text' | 'json' | 'markdown' | 'jsonl' | 'csv';

interface GlobalOptions {
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
  if (!Number.isFinite(n) || n <= 0 || n > 3600) throw new InvalidArgumentError('give a number of seconds between 0 and 3600, e.g. 10 or 2.5');
  return n;
}

/** Colour is decided once: --no-color, NO_COLOR and FORCE_COLOR, else whether stdout is a colour terminal. */
function colorLevel(opts: GlobalOptions, format: Format): 0 | 1 | 2 | 3 {
  if (format !== 'text' || !opts.color) return 0;
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (!process.stdout.isTTY) return 0;
  const depth = process.stdout.getColorDepth?.() ?? 1;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Runs a command through the runner; the exit code comes from the statuses of its reports. */
async function execute(cmd: Command, command: (ctx: RunContext) => Promise<CommandResult>): Promise<void> {
  const global = cmd.optsWithGlobals<GlobalOptions>();
  const format: Format = global.json ? 'json' : global.format;
  const explicit = Boolean(global.json) || cmd.getOptionValueSourceWithGlobals('format') !== 'default';
  const { run } = await import('./runner.js');
  process.exitCode = await run(
    {
      format,
      formatExplicit: explicit,
      ...(global.output ? { output: global.output } : {}),
      colorLevel: colorLevel(global, format),
      timeoutMs: Math.round(global.timeout * 1000),
      verbose: Boolean(global.verbose),
      quiet: Boolean(global.quiet),
      ...(global.failOn ? { failOn: global.failOn } : {}),
    },
    command,
  );
}

export function buildProgram(): Command {
  const program = new Command('maildiag');
  program
    .description('Email deliverability diagnostics: is the sending domain\'s DNS right, does this SMTP account work, who really delivered this message.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'markdown', 'jsonl', 'csv']).default('text'))
    .option('--json', 'shorthand for --format json')
    .option('--output <file>', 'write the report to this file (format from --format or the extension: .json .jsonl .csv .md .txt); the terminal gets a summary')
    .option('--quiet', 'no progress bar or spinner')
    .addOption(new Option('--fail-on <level>', 'for CI: error (warnings exit 0), warning (the default codes), never (always 0)').choices(['error', 'warning', 'never']))
    .option('--no-color', 'no colours in text output (NO_COLOR and FORCE_COLOR are honoured too)')
    .option('--timeout <seconds>', 'how long to wait for any one network answer', parseSeconds, 10)
    .option('--verbose', 'debug lines on stderr, and stack traces of internal errors')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`maildiag: ${oneLine(str.replace(/^error: /, ''))}\n`) })
    .addHelpText(
      'after',
      `
Commands, for the three ways mail goes wrong:
  check-dns        IT admins: SPF, DMARC, DKIM, MX and provider CNAMEs of a sending domain
  smtp-test        support staff: does this SMTP account really send, and if not, why
  inspect-headers  anyone with a received message: who delivered it, did it authenticate

${EXIT_CODE_HELP}

Output: --format text (default), json (one JSON document on stdout; an array for several
targets), markdown (to paste into a ticket), jsonl (one report per line, written as each target
finishes) or csv (one row per target). Progress goes to stderr; Ctrl-C stops after the targets under way.`,
    );

  const checkDns = declareCheckDns(program.command('check-dns'));
  checkDns.addHelpText('after', `\n${EXIT_CODE_HELP}`).action(async (_domains: string[], _opts: CheckDnsOptions, cmd: Command) => {
    await execute(cmd, (ctx) => runCheckDns(cmd.args, cmd.opts<CheckDnsOptions>(), ctx));
  });

  declareSmtpTest(program.command('smtp-test'))
    .addHelpText('after', `\n${EXIT_CODE_HELP}`)
    .action(async (_opts: unknown, cmd: Command) => {
      await execute(cmd, (ctx) => runSmtpTest(cmd.opts<SmtpTestOptions>(), ctx));
    });

  declareInspectHeaders(program.command('inspect-headers'))
    .addHelpText('after', `\n${EXIT_CODE_HELP}`)
    .action(async (files: string[], _opts: unknown, cmd: Command) => {
      await execute(cmd, (ctx) => runInspectHeaders(files, cmd.opts<InspectHeadersOptions>(), ctx));
    });

  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `maildiag ... | head`: once the reader is gone there is nobody to tell; end quietly, never a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      process.exitCode = EXIT.unknown;
      return;
    }
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit 0; usage errors were printed by outputError.
      process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.unknown;
      return;
    }
    if (isKnownError(err)) {
      process.stderr.write(`maildiag: ${oneLine(err.message)}\n`);
    } else {
      const verbose = argv.includes('--verbose');
      process.stderr.write(
        verbose && err instanceof Error && err.stack ? `${err.stack}\n` : `maildiag: internal error: ${oneLine(String((err as Error)?.message ?? err))} (run with --verbose for details)\n`,
      );
    }
    process.exitCode = EXIT.unknown;
  }
}

