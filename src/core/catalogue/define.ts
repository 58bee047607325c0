import type { Severity } from '../model.js';
import type { SectionId } from './sections.js';

/** One finding id: how severe it is by default, and how it is worded (what is wrong, why, what to change). */
export interface FindingSpec<A> {
  /** Where the finding is shown (report section, docs/findings.md): see sections.ts. */
  section: SectionId;
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

/** The wording of one finding in another language: the same arguments, typed from the English spec. */
export interface Wording<A> {
  title: string;
  message: (args: A) => string;
  hint?: (args: A) => string;
}

type ArgsIn<T> = T extends FindingSpec<infer A> ? A : never;

/** A translation of an area's catalogue: every id, with the English argument types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Translation<T extends Record<string, FindingSpec<any>>> = { [K in keyof T]: Wording<ArgsIn<T[K]>> };
