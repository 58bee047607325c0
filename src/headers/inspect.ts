/** One message, from its raw bytes to its report. */
import { finding, makeReport } from '../core/finding.js';
import type { Report } from '../core/model.js';
import { analyzeHeaders, type Address } from './analyze.js';
import { checkHeaders, type HeaderExpectations } from './check.js';
import { decodeBytes, Headers, parseHeaderBlock } from './message.js';
import { MAX_HEADER_BLOCK, type RawMessage } from './read.js';

export interface Decoders {
  orgDomain: (name: string) => string;
  parseAddresses: (value: string) => Address[];
  decodeWords: (value: string) => string;
}

export interface InspectOptions extends HeaderExpectations {
  trusted: string[];
}

/** Why these bytes are not a message, or undefined when they look like one. */
function notAMessage(raw: RawMessage, fieldCount: number, invalidLines: number): string | undefined {
  if (raw.header.length === 0) return 'the input is empty';
  const sample = raw.header.subarray(0, 4096);
  if (sample.includes(0)) return 'it holds binary data (NUL bytes)';
  if (fieldCount === 0) return raw.header.length <= 2 ? 'it has no header fields before its body' : 'no line looks like a header field ("Name: value")';
  if (invalidLines > fieldCount * 2) return 'most lines are not header fields';
  return undefined;
}

export function inspectMessage(raw: RawMessage, opts: InspectOptions, d: Decoders, bodyText: string | undefined, startedAt: number, now: () => number): Report {
  const parsed = parseHeaderBlock(decodeBytes(raw.header));
  const reason = notAMessage(raw, parsed.fields.length, parsed.invalidLines);
  if (reason) {
    return makeReport({ command: 'inspect-headers', target: raw.source, findings: [finding('input.not-a-message', raw.source, { source: raw.source, reason })], data: {}, startedAt, now: now() });
  }
  const headers = new Headers(parsed.fields);
  const analysis = analyzeHeaders(headers, { ...d, trusted: opts.trusted, ...(bodyText !== undefined ? { bodyText } : {}) });
  const findings = checkHeaders(analysis, raw.source, opts);
  if (raw.truncated) findings.unshift(finding('headers.too-large', raw.source, { source: raw.source, bytes: MAX_HEADER_BLOCK }));
  return makeReport({ command: 'inspect-headers', target: raw.source, findings, data: { ...analysis }, startedAt, now: now() });
}
