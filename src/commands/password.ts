import { t } from '../i18n/ui.js';
import { boundedLines } from '../core/lines.js';
import { InputError, UsageError } from '../core/errors.js';
import type { RunContext } from '../core/run-context.js';

/** A portable environment variable name (POSIX: upper case, digits, _): the only kind an error may echo. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/**
 * The secret in the environment variable `name`. When it is not set, the error names the variable only
 * if it looks like one: what was given may be the password itself, typed in place of the name.
 */
export function readEnvSecret(env: RunContext['env'], name: string, option: string): string {
  const value = env[name];
  if (value !== undefined) return value;
  throw new InputError(ENV_NAME.test(name) ? t('error.env-not-set', { option, name }) : t('error.env-not-set-hidden', { option }));
}

export interface PasswordSource {
  user?: string;
  password?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
}

/**
 * --password-env, --password-stdin, --password (warned), or a hidden prompt when a person is at the terminal.
 * `usable` false: the session cannot carry a password (unencrypted, no --allow-cleartext-auth), so none is asked for.
 */
export async function readPassword(opts: PasswordSource, ctx: RunContext, usable = true): Promise<{ value?: string; fromCommandLine: boolean }> {
  const given = [opts.password !== undefined, opts.passwordEnv !== undefined, Boolean(opts.passwordStdin)].filter(Boolean).length;
  if (given > 1) throw new UsageError(t('error.password-one-way'));
  if (opts.passwordEnv !== undefined) {
    return { value: readEnvSecret(ctx.env, opts.passwordEnv, '--password-env'), fromCommandLine: false };
  }
  if (opts.passwordStdin) {
    for await (const line of boundedLines(ctx.stdin, 64 * 1024, '--password-stdin')) return { value: line, fromCommandLine: false };
    throw new InputError(t('error.password-stdin-empty'));
  }
  if (opts.password !== undefined) return { value: opts.password, fromCommandLine: true };
  if (!usable) return { fromCommandLine: false };
  if (opts.user !== undefined && ctx.stdinIsTTY && ctx.stderr.isTTY) return { value: await prompt(t('prompt.password', { user: opts.user }), ctx.stdin, ctx.stderr), fromCommandLine: false };
  if (opts.user !== undefined) throw new UsageError(t('error.password-needed'));
  return { fromCommandLine: false };
}

/**
 * Reads a password at the terminal with nothing echoed: the terminal in raw mode, keys read one by one
 * (Enter ends, Backspace and Ctrl-U erase, arrow keys and other escape sequences are ignored, Ctrl-C quits
 * with 130 as a shell would). The terminal's mode is restored whatever happens.
 */
function prompt(question: string, stdin: NodeJS.ReadableStream, stderr: NodeJS.WritableStream): Promise<string> {
  const tty = stdin as NodeJS.ReadStream;
  return new Promise((resolve) => {
    const wasRaw = tty.isRaw;
    let value = '';
    let escape = false;
    const finish = () => {
      tty.off('data', onData);
      tty.setRawMode(wasRaw);
      tty.pause();
      stderr.write('\n');
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (escape) {
          // CSI sequences end with a letter or ~; a lone ESC followed by a letter ends there too.
          if (/[A-Za-z~]/.test(ch)) escape = false;
          continue;
        }
        if (ch === '\r' || ch === '\n' || (ch === '\u0004' && !value)) {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          process.exit(130);
        }
        if (ch === '\u001b') escape = true;
        else if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch === '\u0015') value = '';
        else if (ch >= ' ') value += ch;
      }
    };
    // Raw (no echo) before the question shows, so nothing typed after it is ever echoed.
    tty.setRawMode(true);
    stderr.write(question);
    tty.on('data', onData);
    tty.resume();
  });
}

export interface TokenSource {
  oauth2TokenEnv?: string;
  oauth2TokenStdin?: boolean;
  oauth2TokenCmd?: string;
}

/** An OAuth 2.0 access token from --oauth2-token-env, --oauth2-token-stdin or --oauth2-token-cmd; undefined when none is asked for. */
export async function readToken(opts: TokenSource & PasswordSource, ctx: RunContext): Promise<string | undefined> {
  const given = [opts.oauth2TokenEnv !== undefined, Boolean(opts.oauth2TokenStdin), opts.oauth2TokenCmd !== undefined].filter(Boolean).length;
  if (given === 0) return undefined;
  if (given > 1 || opts.password !== undefined || opts.passwordEnv !== undefined || opts.passwordStdin) throw new UsageError(t('error.credential-one-way'));
  if (opts.user === undefined) throw new UsageError(t('error.token-needs-user'));
  if (opts.oauth2TokenEnv !== undefined) return readEnvSecret(ctx.env, opts.oauth2TokenEnv, '--oauth2-token-env');
  if (opts.oauth2TokenStdin) {
    for await (const line of boundedLines(ctx.stdin, 64 * 1024, '--oauth2-token-stdin')) if (line.trim()) return line.trim();
    throw new InputError(t('error.token-stdin-empty'));
  }
  return runTokenCommand(opts.oauth2TokenCmd!, '--oauth2-token-cmd', ctx.timeoutMs, ctx.env);
}

/** Splits a command line as a shell splits words (quotes and backslashes), without running any shell. */
export function splitCommand(text: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word = (word ?? '') + text[++i];
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) word = (word ?? '') + text[++i];
    else if (/\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new UsageError(t('error.token-cmd-quote'));
  if (word !== undefined) out.push(word);
  return out;
}

/**
 * Runs the command the user trusts to print an access token (a cloud CLI), without a shell, within the
 * timeout; its first non-empty line of output is the token. On failure its last line of stderr is shown.
 */
export async function runTokenCommand(commandLine: string, option: string, timeoutMs: number, env: RunContext['env']): Promise<string> {
  const [file, ...args] = splitCommand(commandLine);
  if (!file) throw new UsageError(t('error.token-cmd-empty', { option }));
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: env as NodeJS.ProcessEnv, timeout: timeoutMs, maxBuffer: 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      const token = stdout.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
      if (!err && token) return resolve(token);
      const said = stderr.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).pop()?.slice(0, 300);
      const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: string | number }) | null;
      const reason = e?.code === 'ENOENT' ? t('error.token-cmd-not-found') : e?.killed ? t('error.token-cmd-timeout', { seconds: timeoutMs / 1000 }) : said ?? (e ? String(e.code ?? e.message) : t('error.token-cmd-no-output'));
      reject(new InputError(t('error.token-cmd-failed', { option, command: file, reason })));
    });
  });
}
