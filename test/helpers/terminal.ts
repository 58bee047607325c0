/** The built CLI on a real pseudo-terminal, through util-linux script(1): what a person at a terminal sees. */
import { execFileSync, spawn } from 'node:child_process';
import { BIN } from './cli.js';

/** Whether util-linux script(1) is here; without it, terminal tests are skipped. */
export const hasScript = (() => {
  try {
    return execFileSync('script', ['--version'], { encoding: 'utf8' }).includes('util-linux');
  } catch {
    return false;
  }
})();

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI on a pseudo-terminal of `columns` columns (0: a terminal that reports no width) and
 * returns all the terminal received, raw, and the exit code; killed after `timeoutMs`.
 */
export function onTerminal(args: string[], opts: { columns?: number; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<{ screen: string; code: number | null; killed: boolean }> {
  const command = `stty cols ${opts.columns ?? 100} rows 30; exec ${[process.execPath, BIN, ...args].map(quote).join(' ')}`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
    // No CI variable and a real TERM: progress is shown as it would be to a person.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NO_COLOR: '1', LANG: 'C', TERM: 'xterm', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let killed = false;
  child.stdout.on('data', (d) => (screen += d));
  child.stderr.on('data', (d) => (screen += d));
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 15_000);
  return new Promise((resolve) => child.on('close', (code) => (clearTimeout(timer), resolve({ screen, code, killed }))));
}
