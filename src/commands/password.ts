import { t } from '../i18n/ui.js';
import { createInterface } from 'node:readline';
import { InputError, UsageError } from '../core/errors.js';
import type { RunContext } from './context.js';

export interface PasswordSource {
  user?: string;
  password?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
}

/** --password-env, --password-stdin, --password (warned), or a hidden prompt when a person is at the terminal. */
export async function readPassword(opts: PasswordSource, ctx: RunContext): Promise<{ value?: string; fromCommandLine: boolean }> {
  const given = [opts.password !== undefined, opts.passwordEnv !== undefined, Boolean(opts.passwordStdin)].filter(Boolean).length;
  if (given > 1) throw new UsageError(t('error.password-one-way'));
  if (opts.passwordEnv !== undefined) {
    const v = process.env[opts.passwordEnv];
    if (v === undefined) throw new InputError(t('error.env-not-set', { option: '--password-env', name: opts.passwordEnv }));
    return { value: v, fromCommandLine: false };
  }
  if (opts.passwordStdin) {
    const rl = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      rl.close();
      return { value: line, fromCommandLine: false };
    }
    throw new InputError(t('error.password-stdin-empty'));
  }
  if (opts.password !== undefined) return { value: opts.password, fromCommandLine: true };
  if (opts.user !== undefined && ctx.stdinIsTTY && process.stderr.isTTY) return { value: await prompt(`Password for ${opts.user}: `, ctx), fromCommandLine: false };
  if (opts.user !== undefined) throw new UsageError(t('error.password-needed'));
  return { fromCommandLine: false };
}

function prompt(question: string, ctx: RunContext): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: ctx.stdin, output: process.stderr, terminal: true });
    // Echo nothing of what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stderr.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
