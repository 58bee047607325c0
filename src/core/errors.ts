import { t } from '../i18n/ui.js';

/**
 * Known errors: each is printed as one line and exits 3 ("could not run").
 * Anything that is not one of these is a bug and keeps its stack under --verbose.
 */
export class MaildiagError extends Error {
  override name = 'MaildiagError';
  /** What the error is about (a file, "stdin"), when there is one: the target of its report under --json. */
  subject?: string;
}

/** A bad argument or option value. */
export class UsageError extends MaildiagError {
  override name = 'UsageError';
}

/** An input file or stream that cannot be read or understood. */
export class InputError extends MaildiagError {
  override name = 'InputError';
}

export function isKnownError(err: unknown): err is MaildiagError {
  return err instanceof MaildiagError;
}

/**
 * The one-line error for a file (or stdin, "-") that could not be opened or read, in the user's
 * language, with the option it came from when there is one: "--ca: /etc/ca.pem: no such file".
 */
export function fileReadError(path: string, err: unknown, option?: string): InputError {
  const code = (err as NodeJS.ErrnoException)?.code;
  const what = path === '-' ? t('error.stdin') : path;
  const message =
    code === 'ENOENT' ? t('error.no-such-file', { path })
    : code === 'EACCES' || code === 'EPERM' ? t('error.permission-denied', { path })
    : code === 'EISDIR' ? t('error.not-a-file', { path })
    : code === 'ELOOP' ? t('error.symlink-loop', { path })
    : t('error.cannot-read', { what, code: code ?? (err as Error)?.message ?? 'error' });
  const error = new InputError(option ? t('error.with-option', { option, message }) : message);
  error.subject = path;
  return error;
}
