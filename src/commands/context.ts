import type { Report } from '../core/model.js';

/** What every command gets from cli.ts: the network and clock arrive as arguments, built once. */
export interface RunContext {
  /** Per network answer (DNS query, SMTP reply), in milliseconds. */
  timeoutMs: number;
  verbose: boolean;
  now: () => number;
  /** Debug lines to stderr, only under --verbose. */
  debug: (line: string) => void;
  /** Progress for people at a terminal (a spinner on stderr); a no-op otherwise. */
  progress: (text: string) => void;
  stdin: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
}

export interface CommandResult {
  reports: Report[];
  /** Several targets were asked for: JSON prints an array even if one report came back. */
  many: boolean;
  /** Text and Markdown show one summary row per report (an mbox), not each report in full. */
  summary?: boolean;
}
