/** The result model shared by every command: what a check found, and the report that carries it. */

export const SEVERITIES = ['ok', 'info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'warn', 'fail', 'error'] as const;
/** pass: ok/info only; warn: warnings; fail: at least one error finding; error: the check could not be run. */
export type Status = (typeof STATUSES)[number];

export const COMMANDS = ['check-dns', 'smtp-test', 'inspect-headers'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Finding {
  /** Stable, dotted, lowercase id (`spf.lookups-exceeded`): scripts depend on it. */
  id: string;
  severity: Severity;
  /** What the finding is about: a DNS name, a host:port, a header. */
  subject: string;
  message: string;
  hint?: string;
  /** The finding's arguments, machine-readable. */
  data?: Record<string, unknown>;
}

export interface Report {
  tool: 'maildiag';
  version: string;
  command: CommandName;
  target: string;
  status: Status;
  findings: Finding[];
  data: Record<string, unknown>;
  durationMs: number;
}
