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
