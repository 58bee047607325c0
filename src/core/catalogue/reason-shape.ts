/** The shape of a reason and of its wording, shared by the reason tables (reasons.ts and the tables it spreads). */

/** A reason held inside another's arguments (an SPF syntax error met while evaluating an include). */
export interface ReasonLike {
  code: string;
  args: object;
}

/** Words a reason; `word` words a reason nested in its arguments, in the same language. */
export type ReasonWording<A> = (args: A, word: (inner: ReasonLike) => string) => string;
