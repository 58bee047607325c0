import { t } from '../i18n/ui.js';
import { boundedLines } from '../core/lines.js';
import { InputError, UsageError } from '../core/errors.js';
import type { RunContext } from './context.js';

/** A portable environment variable name (POSIX: upper case, digits, _): the only kind an error may echo. */
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,127}$/;

/**
 * The secret in the environment variable `name`. When it is not set, the error names the variable only
 * if it looks like one: what was given may be the password itself, typed in place of the name.
 */
export function readEnvSecret(name: string, option: string): string {
  const value = process.env[name];
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
    return { value: readEnvSecret(opts.passwordEnv, '--password-env'), fromCommandLine: false };
  }
  if (opts.passwordStdin) {
    for await (const line of boundedLines(ctx.stdin, 64 * 1024, '--password-stdin')) return { value: line, fromCommandLine: false };
    throw new InputError(t('error.password-stdin-empty'));
  }
  if (opts.password !== undefined) return { value: opts.password, fromCommandLine: true };
  if (!usable) return { fromCommandLine: false };
  if (opts.user !== undefined && ctx.stdinIsTTY && process.stderr.isTTY) return { value: await prompt(t('prompt.password', { user: opts.user }), ctx.stdin), fromCommandLine: false };
  if (opts.user !== undefined) throw new UsageError(t('error.password-needed'));
  return { fromCommandLine: false };
}

/**
 * Reads a password at the terminal with nothing echoed: the terminal in raw mode, keys read one by one
 * (Enter ends, Backspace and Ctrl-U erase, arrow keys and other escape sequences are ignored, Ctrl-C quits
 * with 130 as a shell would). The terminal's mode is restored whatever happens.
 */
function prompt(question: string, stdin: NodeJS.ReadableStream): Promise<string> {
  const tty = stdin as NodeJS.ReadStream;
  return new Promise((resolve) => {
    const wasRaw = tty.isRaw;
    let value = '';
    let escape = false;
    const finish = () => {
      tty.off('data', onData);
      tty.setRawMode(wasRaw);
      tty.pause();
      process.stderr.write('\n');
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
    process.stderr.write(question);
    tty.on('data', onData);
    tty.resume();
  });
}
