import type { Report } from './model.js';
import type { Stdio, Terminal } from './stdio.js';

/** What every command gets from the runner: the network and clock arrive as arguments, built once. */
export interface RunContext {
  /** Per network answer (DNS query, SMTP reply), in milliseconds. */
  timeoutMs: number;
  verbose: boolean;
  now: () => number;
  /** Debug lines to stderr, only under --verbose. */
  debug: (line: string) => void;
  /** Progress for people at a terminal; a no-op otherwise. */
  progress: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
  /** The hidden password prompt writes its question here. */
  stderr: Terminal;
  /** The environment (passwords and tokens in variables, the token command's environment). */
  env: Stdio['env'];
  /**
   * Each finished target's report, as soon as it is done: written at once (JSON Lines, CSV, in the order
   * targets finish) or kept (text, JSON, Markdown, shown in `position` order: the order they were given).
   */
  /** Hands a finished report over; the promise, when there is one, says the output is ready for more (await it in loops). */
  emit: (report: Report, position?: number) => Promise<void> | undefined;
  /**
   * --format jsonl, for a command whose unit is a record rather than a report (maildiag reports: one line
   * per report record): writes one line; once used, the run's reports count for the exit code and the
   * closing summary but are not written. Undefined in every other format.
   */
  records?: (row: Record<string, unknown>) => Promise<void> | undefined;
  /** How many targets the run has, once known (the progress bar). */
  setTotal: (n: number) => void;
  /** Aborted on Ctrl-C: start no new target; those under way finish. */
  signal: AbortSignal;
}

export interface CommandResult {
  /** Several targets were asked for: JSON prints an array even if one report came back. */
  many: boolean;
  /** Text and Markdown show one summary row per report (an mbox), not each report in full. */
  summary?: boolean;
  /** check-dns: the DNS questions of the run, retried and lost, for the closing summary (a lossy path shows). */
  dns?: { questions: number; retried: number; lost: number };
}
