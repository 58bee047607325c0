import type { Severity } from '../model.js';

/** One finding id: how severe it is by default, and how it is worded (what is wrong, why, what to change). */
export interface FindingSpec<A> {
  severity: Severity;
  /** Short name of the problem, for the docs and summary tables. */
  title: string;
  message: (args: A) => string;
  hint?: (args: A) => string;
  /** The standard that says so (RFC and section), shown in docs/findings.md. */
  ref?: string;
  /** The check could not be run at all: the report's status becomes `error` (exit 3). */
  aborts?: boolean;
}

/** Keeps each entry's argument type, so `finding(id, subject, args)` is checked per id. */
export function spec<A extends object = Record<string, never>>(s: FindingSpec<A>): FindingSpec<A> {
  return s;
}
