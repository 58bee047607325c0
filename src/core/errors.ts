/**
 * Known errors: each is printed as one line and exits 3 ("could not run").
 * Anything that is not one of these is a bug and keeps its stack under --verbose.
 */
export class MaildiagError extends Error {
  override name = 'MaildiagError';
}

/** A bad argument or option value. */
export class UsageError extends MaildiagError {
  override name = 'UsageError';
}

/** An input file or stream that cannot be read or understood. */
export class InputError extends MaildiagError {
  override name = 'InputError';
}

/** A command whose issue has not landed yet. */
export class NotImplementedError extends MaildiagError {
  override name = 'NotImplementedError';
}

export function isKnownError(err: unknown): err is MaildiagError {
  return err instanceof MaildiagError;
}
