/** One message, from its raw bytes to its report. */
import { finding, makeReport } from '../core/finding.js';
import type { Finding, ReportOf } from '../core/model.js';
import { analyzeHeaders, type Address, type HeaderAnalysis } from './analyze.js';
import { checkHeaders, type HeaderExpectations } from './check.js';
import { decodeBytes, Headers, parseHeaderBlock } from './message.js';
import { MAX_HEADER_BLOCK, type RawMessage } from './read.js';
import type { Verification } from './verify.js';
import type { genericOf, ReverseDns } from '../dns/reverse.js';
import type { DnsblData } from '../dns/dnsbl.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';
import { judgeRequirements, type RequirementsData } from '../core/requirements.js';
import { requirementFindings } from '../core/requirement-findings.js';
import { bulkSigns, messageFacts, type BodyParts } from './requirements.js';
import { bounceSigns } from '../core/bounce-reasons.js';

export interface Decoders {
  orgDomain: (name: string) => string;
  parseAddresses: (value: string) => Address[];
  decodeWords: (value: string) => string;
}

export interface InspectOptions extends HeaderExpectations {
  trusted: string[];
  /** mbox: each report carries the summary of its message, not every detail (one row per message). */
  summary?: boolean;
  /** --requirements: judge the message against the providers' sender rules (shown anyway when it looks like bulk mail). */
  requirements?: boolean;
  /** --bulk: the sender sends 5,000 or more a day, so the bulk rules apply in full. */
  bulk?: boolean;
}

/** What one mbox row needs: enough to find the message again and judge it. */
export function summaryData(a: HeaderAnalysis) {
  return {
    date: a.date,
    from: a.from,
    subject: a.subject,
    messageId: a.messageId,
    returnPath: a.returnPath,
    delivering: a.delivering,
    origin: a.origin,
    hops: a.hops.length,
    totalDelayMs: a.totalDelayMs,
    alignment: a.alignment,
    forwarding: a.forwarding,
  };
}

/** Why these bytes are not a message, or undefined when they look like one. */
function notAMessage(raw: RawMessage, fieldCount: number, invalidLines: number): Reason | undefined {
  if (raw.header.length === 0) return reason('input.empty');
  const sample = raw.header.subarray(0, 4096);
  if (sample.includes(0)) return reason('input.binary');
  if (fieldCount === 0) return raw.header.length <= 2 ? reason('input.no-fields') : reason('input.no-field-line');
  if (invalidLines > fieldCount * 2) return reason('input.mostly-not-fields');
  return undefined;
}

/** More checks run once the analysis exists (--verify): their findings and data join the report. */
export type Extra = (analysis: HeaderAnalysis) => Promise<{ findings: Finding[]; data: Record<string, unknown> }>;

export async function inspectMessage(raw: RawMessage, opts: InspectOptions, d: Decoders, body: BodyParts | undefined, startedAt: number, now: () => number, extra?: Extra): Promise<ReportOf<'inspect-headers'>> {
  const parsed = parseHeaderBlock(decodeBytes(raw.header));
  const why = notAMessage(raw, parsed.fields.length, parsed.invalidLines);
  if (why) {
    return makeReport({ command: 'inspect-headers', target: raw.source, findings: [finding('input.not-a-message', raw.source, { source: raw.source, reason: why })], data: {}, startedAt, now: now() });
  }
  const headers = new Headers(parsed.fields);
  const analysis = analyzeHeaders(headers, { ...d, trusted: opts.trusted, ...(body !== undefined ? { bodyText: body.text } : {}) });
  const findings = checkHeaders(analysis, raw.source, opts);
  if (raw.truncated) findings.unshift(finding('headers.too-large', raw.source, { source: raw.source, bytes: MAX_HEADER_BLOCK }));
  const more = extra ? await extra(analysis) : { findings: [], data: {} };
  const data: Record<string, unknown> = opts.summary ? summaryData(analysis) : { ...analysis };
  // A bounce read here (a delivery report, or a bounce's sender and subject both): maildiag bounce says which recipient failed and why.
  const bounce = bounceSigns({ contentType: headers.first('content-type') ?? null, from: headers.first('from') ?? null, subject: headers.first('subject') ?? null });
  if (bounce.report || (bounce.sender && bounce.subject)) {
    findings.push(finding('headers.is-bounce', raw.source, { source: raw.source }));
  }
  // The sender requirements: asked, or shown unasked for bulk mail in full (not on an mbox row).
  const signs = bulkSigns(headers);
  if (opts.requirements || (!opts.summary && signs.length)) {
    const verify = (more.data as { verify?: InspectHeadersData['verify'] }).verify;
    const facts = messageFacts({ analysis, headers, longLines: parsed.longLines, ...(body ? { body } : {}), ...(verify ? { verify } : {}), orgDomain: d.orgDomain });
    const requirements = judgeRequirements(facts, { declared: Boolean(opts.bulk), signs });
    findings.push(...requirementFindings(requirements));
    data.requirements = requirements;
  }
  return makeReport({ command: 'inspect-headers', target: raw.source, findings: [...findings, ...more.findings], data: { ...data, ...more.data }, startedAt, now: now() });
}

/** What --mbox keeps of each message (a summary row): the count of hops, not the hops. */
export type SummaryData = ReturnType<typeof summaryData>;

/** inspect-headers' report data: the analysis (or its summary with --mbox), and what --verify found. */
export type InspectHeadersData = Omit<HeaderAnalysis, 'hops'> & { hops: HeaderAnalysis['hops'] | number; verify: Verification & { policy: string | null; ips: VerifiedIp[] }; requirements: RequirementsData };

/** --verify: a sending IP of the message judged now, as check-dns --ip judges it. */
export interface VerifiedIp {
  ip: string;
  /** relay: the delivering relay; client: the address an authenticated user submitted from. */
  role: 'relay' | 'client';
  rdns: { status: ReverseDns['status']; names: string[]; confirmedName: string | null; generic: ReturnType<typeof genericOf> } | null;
  dnsbl: { lists: DnsblData['lists']; lookups: DnsblData['ips']; rewrite: DnsblData['rewrite'] | null };
}

declare module '../core/model.js' {
  interface ReportDataMap {
    'inspect-headers': InspectHeadersData;
  }
}
