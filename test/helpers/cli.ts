import { spawn } from 'node:child_process';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/maildiag.js', import.meta.url));
const CLI = new URL('../../dist/cli.js', import.meta.url).href;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

function environment(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', ...env };
}

/**
 * The built CLI (dist/cli.js, as bin/maildiag.js runs it) in this process, with its own streams and
 * environment: same arguments, output and exit code as a spawned run, without a Node start-up per case.
 * The language is the CLI's one global: runs in different languages take turns, runs in the same one may
 * overlap (a test may start several at once). Process-level behaviour (signals, memory, a real terminal or
 * pipe, start-up) is tested with spawnCli.
 */
export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  const lang = languageOf(args, environment(opts.env));
  while (active > 0 && activeLang !== lang) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  activeLang = lang;
  try {
    return await runInProcess(args, opts);
  } finally {
    if (--active === 0) for (const wake of waiting.splice(0)) wake();
  }
}

let active = 0;
let activeLang: string | undefined;
const waiting: Array<() => void> = [];

/** The language the CLI will pick, as src/i18n/lang.ts decides it. */
function languageOf(args: string[], env: Record<string, string>): string {
  const i = args.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i >= 0) return args[i] === '--lang' ? (args[i + 1] ?? '') : args[i]!.slice(7);
  return /^fr([_.@-]|$)/i.test(env.LC_ALL || env.LC_MESSAGES || env.LANG || '') ? 'fr' : 'en';
}

async function runInProcess(args: string[], opts: CliOptions): Promise<CliResult> {
  const { main } = (await import(CLI)) as { main: (argv: string[], io: unknown) => Promise<number> };
  const collect = () => {
    const stream = new PassThrough();
    let text = '';
    stream.setEncoding('utf8');
    stream.on('data', (d: string) => (text += d));
    return { stream, text: () => text };
  };
  const stdout = collect();
  const stderr = collect();
  const stdin = Readable.from(opts.input ? [Buffer.from(opts.input)] : []);
  const code = await main([process.execPath, BIN, ...args], { stdin, stdout: stdout.stream, stderr: stderr.stream, env: environment(opts.env) });
  await new Promise<void>((resolve) => setImmediate(resolve));
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Spawns the real, built bin with NO_COLOR=1, as users run it. */
export function spawnCli(args: string[], opts: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: environment(opts.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}
