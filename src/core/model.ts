/** The result model shared by every command: what a check found, and the report that carries it. */

export const SEVERITIES = ['ok', 'info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['pass', 'warn', 'fail', 'error'] as const;
/** pass: ok/info only; warn: warnings; fail: at least one error finding; error: the check could not be run. */
export type Status = (typeof STATUSES)[number];

export const COMMANDS = ['check-dns', 'smtp-test', 'inspect-headers', 'reports', 'bounce'] as const;
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

/**
 * Each command's report data, declared by the layer that fills it, by module augmentation (the core knows
 * no layer above it): dns/areas.ts for check-dns, smtp/account.ts for smtp-test, headers/inspect.ts for
 * inspect-headers. A report that ends in run.error has none of it, so every field is optional.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ReportDataMap {}

export type DataOf<C extends CommandName> = C extends keyof ReportDataMap ? Partial<ReportDataMap[C]> : Record<string, unknown>;

/** The report of one command: its data typed by the command. */
export interface ReportOf<C extends CommandName> {
  tool: 'maildiag';
  version: string;
  command: C;
  target: string;
  status: Status;
  findings: Finding[];
  data: DataOf<C>;
  durationMs: number;
}

/** A report of any command; narrow on `command` to read its data. */
export type Report = { [C in CommandName]: ReportOf<C> }[CommandName];
