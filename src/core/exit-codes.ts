import type { Report, Status } from './model.js';

/**
 * The monitoring-plugin convention (Nagios, Icinga), so admins can wire maildiag into what they run already.
 * Set in one place: cli.ts turns the reports of a run into one of these.
 */
export const EXIT = {
  ok: 0,
  warning: 1,
  critical: 2,
  unknown: 3,
} as const;

export const EXIT_CODE_HELP = `Exit codes:
  0  every check passed (ok or info findings only)
  1  warnings, nothing broken
  2  at least one error finding
  3  the check could not be run (bad arguments, unreadable input,
     resolver or server unreachable before anything could be checked)
  With several targets, the highest code of any target.`;

const BY_STATUS: Record<Status, number> = {
  pass: EXIT.ok,
  warn: EXIT.warning,
  fail: EXIT.critical,
  error: EXIT.unknown,
};

export function exitCodeFor(reports: readonly Report[]): number {
  let code: number = EXIT.ok;
  for (const r of reports) code = Math.max(code, BY_STATUS[r.status]);
  return code;
}
