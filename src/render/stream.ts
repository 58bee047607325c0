/**
 * Formats written one target at a time, as each finishes: JSON Lines (one report per line), CSV (one
 * row per target, for spreadsheets), and the one JSON document of --json in position order.
 */
import type { CommandName, Report, ReportOf } from '../core/model.js';
import { escapeJsonUnsafe, safeText } from '../core/sanitize.js';
import { renderJson } from './json.js';
import { countBySeverity } from './words.js';
import { passingShare } from '../reports/aggregate.js';

export function jsonLine(value: object): string {
  return `${escapeJsonUnsafe(JSON.stringify(value))}\n`;
}

/**
 * RFC 4180: quote when needed, double the quotes; a leading = + - @ is defused for spreadsheets. Control
 * characters and bidi marks are shown as visible escapes, as in text output: `cat report.csv` is safe.
 */
export function csvCell(value: unknown): string {
  let text = safeText(value === null || value === undefined ? '' : String(value));
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type Column<R = Report> = [name: string, value: (r: R) => unknown];

const ids = (r: Report) => [...new Set(r.findings.filter((f) => f.severity !== 'ok').map((f) => f.id))].join(' ');
const common: Column[] = [
  ['target', (r) => r.target],
  ['status', (r) => r.status],
  ['errors', (r) => countBySeverity(r.findings).error],
  ['warnings', (r) => countBySeverity(r.findings).warning],
];
const tail: Column[] = [
  ['finding_ids', ids],
  ['duration_ms', (r) => r.durationMs],
];

/** The key columns of each command. */
export const CSV_COLUMNS: { [C in CommandName]: Array<Column<ReportOf<C>>> } = {
  'check-dns': [
    ...common,
    ['spf_lookups', (r) => r.data.spf?.lookups ?? ''],
    ['spf_void_lookups', (r) => r.data.spf?.voidLookups ?? ''],
    ['dmarc_policy', (r) => r.data.dmarc?.policy ?? ''],
    ['dmarc_adkim', (r) => r.data.dmarc?.tags?.adkim ?? ''],
    ['dmarc_aspf', (r) => r.data.dmarc?.tags?.aspf ?? ''],
    ['dmarc_record', (r) => r.data.dmarc?.name ?? ''],
    ['expected', (r) => (r.data.expected ?? []).map((e) => `${e.type} ${e.name}=${e.status}`).join('; ')],
    ...tail,
  ],
  'smtp-test': [
    ...common,
    ['host', (r) => r.data.host ?? ''],
    ['port', (r) => r.data.port ?? ''],
    ['tls', (r) => r.data.tls?.protocol ?? ''],
    ['auth', (r) => {
      const auth = r.data.auth;
      return !auth ? '' : auth.withheld ? 'not sent' : auth.ok ? 'ok' : 'failed';
    }],
    ...tail,
  ],
  'inspect-headers': [
    ...common,
    ['from', (r) => r.data.from?.[0]?.address ?? ''],
    ['subject', (r) => r.data.subject ?? ''],
    ['delivered_by_ip', (r) => r.data.delivering?.ip ?? ''],
    ['dmarc', (r) => r.data.alignment?.dmarc ?? ''],
    ['forwarding', (r) => r.data.forwarding?.kind ?? ''],
    ...tail,
  ],
  reports: [
    ...common,
    ['kind', (r) => r.data.kind ?? ''],
    ['first', (r) => r.data.period?.first ?? ''],
    ['last', (r) => r.data.period?.last ?? ''],
    ['reports', (r) => r.data.reports ?? ''],
    ['messages', (r) => r.data.messages ?? ''],
    ['dmarc_pass_share', (r) => (r.data.readiness ? (passingShare(r.data.readiness) ?? '') : '')],
    ['senders', (r) => (r.data.senders ?? []).map((s) => `${s.name}=${s.verdict}`).join('; ')],
    ...tail,
  ],
  bounce: [
    ...common,
    ['kind', (r) => r.data.kind ?? ''],
    ['recipients', (r) => (r.data.recipients ?? []).map((x) => x.recipient ?? '?').join(' ')],
    ['reasons', (r) => (r.data.recipients ?? []).map((x) => x.reason).join(' ')],
    ['statuses', (r) => (r.data.recipients ?? []).map((x) => x.status ?? x.smtpCode ?? '').join(' ')],
    ['remote_mta', (r) => (r.data.recipients ?? []).map((x) => x.remoteMta ?? '').join(' ')],
    ...tail,
  ],
};

export function csvHeader(command: Report['command']): string {
  return `${CSV_COLUMNS[command].map(([name]) => name).join(',')}\r\n`;
}

export function csvRow(report: Report): string {
  // The columns of the report's own command: the cast only joins the two sides of that lookup.
  const columns = CSV_COLUMNS[report.command] as Array<Column<typeof report>>;
  return `${columns.map(([, value]) => csvCell(value(report))).join(',')}\r\n`;
}

/** What a run keeps of each target once written: enough for the exit code and the closing summary. */
export class RunTally {
  total = 0;
  readonly byStatus: Record<Report['status'], number> = { pass: 0, warn: 0, fail: 0, error: 0 };
  /** Finding id -> number of targets that have it. */
  readonly idCounts = new Map<string, number>();
  slowest: Array<{ target: string; ms: number }> = [];

  add(r: Report): void {
    this.total++;
    this.byStatus[r.status]++;
    for (const id of new Set(r.findings.filter((f) => f.severity !== 'ok').map((f) => f.id))) this.idCounts.set(id, (this.idCounts.get(id) ?? 0) + 1);
    if (this.slowest.length < 5 || r.durationMs > this.slowest[this.slowest.length - 1]!.ms) {
      this.slowest = [...this.slowest, { target: r.target, ms: r.durationMs }].sort((a, b) => b.ms - a.ms).slice(0, 5);
    }
  }

  topIds(n = 10): Array<[string, number]> {
    return [...this.idCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n);
  }
}

/**
 * --json, streamed: the same one document renderJson writes, but each report goes out as soon as every
 * report before it (by position) has, so a run over a 2 GB mbox holds a handful of reports, not all of
 * them. The first report waits for a second one: only then is it certain the document is an array.
 */
export class JsonDocumentWriter {
  private readonly waiting = new Map<number, Report>();
  private next = 0;
  private first: Report | undefined;
  private open = false;

  constructor(private readonly write: (text: string) => void) {}

  add(report: Report, position: number): void {
    this.waiting.set(position, report);
    for (let r = this.waiting.get(this.next); r; r = this.waiting.get(this.next)) {
      this.waiting.delete(this.next++);
      this.inOrder(r);
    }
  }

  /** Writes what is still waiting (positions may have gaps: --resume, --shard), and closes the document. */
  finish(many: boolean): void {
    for (const [, r] of [...this.waiting].sort((a, b) => a[0] - b[0])) this.inOrder(r);
    this.waiting.clear();
    if (this.open) this.write('\n]\n');
    else this.write(`${this.first ? renderJson([this.first], many) : '[]'}\n`);
  }

  /** The run failed: close the document if it was begun, else write nothing. */
  abandon(): void {
    if (this.open) this.finish(true);
  }

  private inOrder(r: Report): void {
    if (!this.open && !this.first) {
      this.first = r;
      return;
    }
    if (!this.open) {
      this.write(`[\n${item(this.first!)}`);
      this.first = undefined;
      this.open = true;
    }
    this.write(`,\n${item(r)}`);
  }
}

/** One array element as JSON.stringify(array, null, 2) writes it: every line two more spaces in. */
function item(r: Report): string {
  // JSON.stringify of a one-element array already indents the element: drop the bracket lines around it.
  const doc = renderJson([r], true);
  return doc.slice(2, doc.length - 2);
}
