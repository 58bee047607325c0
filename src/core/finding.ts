import { specOf, type ArgsOf, type FindingId } from './catalogue/index.js';
import type { Finding, Report, DataOf, Severity, Status, CommandName } from './model.js';
import { VERSION } from './version.js';

export interface FindingOptions {
  /** Overrides the catalogue's default severity where the same problem is worse in some cases (a 512-bit key). */
  severity?: Severity;
}

/** Builds a finding from the catalogue: wording is never written at the call site. */
export function finding<K extends FindingId>(id: K, subject: string, args: ArgsOf<K>, opts: FindingOptions = {}): Finding {
  const s = specOf(id);
  const a = args as object;
  const f: Finding = {
    id,
    severity: opts.severity ?? s.severity,
    subject,
    message: s.message(a),
  };
  if (s.hint) f.hint = s.hint(a);
  if (Object.keys(a).length > 0) f.data = a as Record<string, unknown>;
  return f;
}

const RANK: Record<Severity, number> = { ok: 0, info: 1, warning: 2, error: 3 };

export function worstSeverity(findings: readonly Finding[]): Severity {
  let worst: Severity = 'ok';
  for (const f of findings) if (RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

export function statusOf(findings: readonly Finding[]): Status {
  if (findings.some((f) => specOf(f.id as FindingId)?.aborts)) return 'error';
  const worst = worstSeverity(findings);
  return worst === 'error' ? 'fail' : worst === 'warning' ? 'warn' : 'pass';
}

export function makeReport<C extends CommandName>(input: {
  command: C;
  target: string;
  findings: Finding[];
  data: DataOf<C>;
  startedAt: number;
  now: number;
}): Extract<Report, { command: C }> {
  // A report of a command named at run time (the run.error report of cli.ts and runner.ts) is a Report of either.
  return {
    tool: 'maildiag',
    version: VERSION,
    command: input.command,
    target: input.target,
    status: statusOf(input.findings),
    findings: input.findings,
    data: input.data,
    durationMs: Math.round(input.now - input.startedAt),
  } as Extract<Report, { command: C }>;
}
