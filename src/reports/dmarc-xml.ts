/**
 * DMARC aggregate reports (RFC 7489 Appendix C, and RFC 9990's urn:ietf:params:xml:ns:dmarc-2.0 with np,
 * testing, discovery_method, generator and human_result), read with saxes as a stream of elements, one
 * report at a time: a report that breaks half-way counts for nothing. A DOCTYPE is refused as soon as it is
 * met, so no entity (internal or external) is declared, expanded or fetched; saxes rejects undefined ones.
 */
import { SaxesParser } from 'saxes';
import { reason, type Reason } from '../core/catalogue/reasons.js';

export interface DmarcRecord {
  ip: string;
  count: number;
  disposition: string;
  /** policy_evaluated: DMARC's own SPF and DKIM verdicts (pass means aligned and passing). */
  dkim: string;
  spf: string;
  reasons: Array<{ type: string; comment: string | null }>;
  headerFrom: string;
  envelopeFrom: string | null;
  envelopeTo: string | null;
  authDkim: Array<{ domain: string; selector: string | null; result: string; humanResult: string | null }>;
  authSpf: Array<{ domain: string; scope: string | null; result: string; humanResult: string | null }>;
}

export interface DmarcReportHead {
  format: 'rfc7489' | 'rfc9990';
  orgName: string;
  email: string | null;
  reportId: string;
  begin: number;
  end: number;
  generator: string | null;
  errors: string[];
  policy: { domain: string; p: string | null; sp: string | null; np: string | null; adkim: string | null; aspf: string | null; pct: string | null; testing: string | null; discoveryMethod: string | null };
}

export class ReportError extends Error {
  constructor(readonly why: Reason) {
    super(why.code);
  }
}

/** At most this many records per report are read (the largest real reports have a few thousand). */
export const MAX_RECORDS = 200_000;

export interface DmarcReport {
  head: DmarcReportHead;
  records: DmarcRecord[];
}

/** The elements that hold the fields read, numbered; their children are the fields (CHILDREN says which). */
const enum C {
  None,
  Feedback,
  Metadata,
  DateRange,
  Policy,
  Record,
  Row,
  Evaluated,
  Reason,
  Identifiers,
  Auth,
  AuthDkim,
  AuthSpf,
}
/** Which child of a container is itself a container (anything else under a container is a field). */
const CHILDREN: ReadonlyArray<ReadonlyMap<string, C>> = (() => {
  const t: Array<Map<string, C>> = Array.from({ length: 13 }, () => new Map());
  t[C.Feedback]!.set('report_metadata', C.Metadata).set('policy_published', C.Policy).set('record', C.Record);
  t[C.Metadata]!.set('date_range', C.DateRange);
  t[C.Record]!.set('row', C.Row).set('identifiers', C.Identifiers).set('auth_results', C.Auth);
  t[C.Row]!.set('policy_evaluated', C.Evaluated);
  t[C.Evaluated]!.set('reason', C.Reason);
  t[C.Auth]!.set('dkim', C.AuthDkim).set('spf', C.AuthSpf);
  return t;
})();
const POLICY_KEYS: Record<string, keyof DmarcReportHead['policy']> = { domain: 'domain', p: 'p', sp: 'sp', np: 'np', adkim: 'adkim', aspf: 'aspf', pct: 'pct', testing: 'testing', discovery_method: 'discoveryMethod' };

/** Parses one report, or throws ReportError with the reason. */
export function parseDmarcXml(xml: string): DmarcReport {
  const records: DmarcRecord[] = [];
  const parser = new SaxesParser({ xmlns: true });
  // One entry per open element: the container it is (None for a field, or anything outside the fields read).
  const stack: C[] = [];
  let text = '';
  let collecting = false;
  let root: string | null = null;
  const head: DmarcReportHead = {
    format: 'rfc7489',
    orgName: '',
    email: null,
    reportId: '',
    begin: Number.NaN,
    end: Number.NaN,
    generator: null,
    errors: [],
    policy: { domain: '', p: null, sp: null, np: null, adkim: null, aspf: null, pct: null, testing: null, discoveryMethod: null },
  };
  let rec: DmarcRecord | undefined;
  let auth: Record<string, string | null> = {};
  let reasonItem: { type: string; comment: string | null } = { type: '', comment: null };
  let failure: Reason | undefined;

  parser.on('doctype', () => {
    failure ??= reason('rep.doctype');
    throw new ReportError(failure);
  });
  parser.on('error', (err) => {
    failure ??= reason('rep.xml', { detail: err.message.replace(/^undefined:/, '').slice(0, 160) });
    throw new ReportError(failure);
  });
  parser.on('opentag', (tag) => {
    const name = tag.local ?? tag.name;
    if (root === null) {
      root = name;
      if (name !== 'feedback') {
        failure = reason('rep.not-dmarc', { root: name.slice(0, 60) });
        throw new ReportError(failure);
      }
      if (tag.uri === 'urn:ietf:params:xml:ns:dmarc-2.0') head.format = 'rfc9990';
      stack.push(C.Feedback);
      return;
    }
    const parent = stack[stack.length - 1]!;
    const c = parent === C.None ? C.None : (CHILDREN[parent]!.get(name) ?? C.None);
    stack.push(c);
    // Text is kept only for a field: a child of a container that is not a container itself.
    collecting = parent !== C.None && c === C.None;
    text = '';
    if (c === C.Record) {
      if (records.length >= MAX_RECORDS) {
        failure = reason('rep.too-many-records', { max: MAX_RECORDS });
        throw new ReportError(failure);
      }
      rec = { ip: '', count: 0, disposition: '', dkim: '', spf: '', reasons: [], headerFrom: '', envelopeFrom: null, envelopeTo: null, authDkim: [], authSpf: [] };
    } else if (c === C.AuthDkim || c === C.AuthSpf) auth = {};
    else if (c === C.Reason) reasonItem = { type: '', comment: null };
  });
  parser.on('text', (t) => {
    if (collecting && text.length < 4096) text += t;
  });
  parser.on('closetag', (tag) => {
    const c = stack.pop()!;
    const leaf = tag.local ?? tag.name;
    const parent = stack.length ? stack[stack.length - 1]! : C.None;
    collecting = false;
    if (c !== C.None) {
      // A container closes: a record, an auth result or a reason is complete.
      if (c === C.Record && rec) {
        records.push(rec);
        rec = undefined;
      } else if (c === C.AuthDkim) rec?.authDkim.push({ domain: (auth.domain ?? '').toLowerCase(), selector: auth.selector ?? null, result: (auth.result ?? '').toLowerCase(), humanResult: auth.human_result ?? null });
      else if (c === C.AuthSpf) rec?.authSpf.push({ domain: (auth.domain ?? '').toLowerCase(), scope: auth.scope ?? null, result: (auth.result ?? '').toLowerCase(), humanResult: auth.human_result ?? null });
      else if (c === C.Reason) rec?.reasons.push(reasonItem);
      return;
    }
    const value = text.trim();
    text = '';
    switch (parent) {
      case C.Metadata:
        if (leaf === 'org_name') head.orgName = value;
        else if (leaf === 'email') head.email = value;
        else if (leaf === 'report_id') head.reportId = value;
        else if (leaf === 'error') head.errors.push(value);
        else if (leaf === 'generator') head.generator = value;
        return;
      case C.DateRange:
        if (leaf === 'begin') head.begin = Number(value);
        else if (leaf === 'end') head.end = Number(value);
        return;
      case C.Policy: {
        const k = POLICY_KEYS[leaf];
        if (k) head.policy[k] = k === 'domain' ? value.toLowerCase().replace(/\.$/, '') : value.toLowerCase();
        return;
      }
      case C.Row:
        if (leaf === 'source_ip') rec!.ip = value;
        else if (leaf === 'count') rec!.count = Math.max(0, Math.floor(Number(value)) || 0);
        return;
      case C.Evaluated:
        if (leaf === 'disposition') rec!.disposition = value.toLowerCase();
        else if (leaf === 'dkim') rec!.dkim = value.toLowerCase();
        else if (leaf === 'spf') rec!.spf = value.toLowerCase();
        return;
      case C.Reason:
        if (leaf === 'type') reasonItem.type = value.toLowerCase();
        else if (leaf === 'comment') reasonItem.comment = value || null;
        return;
      case C.Identifiers:
        if (leaf === 'header_from') rec!.headerFrom = value.toLowerCase();
        else if (leaf === 'envelope_from') rec!.envelopeFrom = value.toLowerCase() || null;
        else if (leaf === 'envelope_to') rec!.envelopeTo = value.toLowerCase() || null;
        return;
      case C.AuthDkim:
      case C.AuthSpf:
        auth[leaf] = value;
        return;
      default:
    }
  });
  try {
    parser.write(xml).close();
  } catch (err) {
    if (err instanceof ReportError) throw err;
    throw new ReportError(failure ?? reason('rep.xml', { detail: String((err as Error).message).slice(0, 160) }));
  }
  if (root === null) throw new ReportError(reason('rep.xml', { detail: 'no element' }));
  for (const [field, ok] of [
    ['report_metadata/org_name', head.orgName],
    ['report_metadata/report_id', head.reportId],
    ['policy_published/domain', head.policy.domain],
  ] as const) {
    if (!ok) throw new ReportError(reason('rep.missing', { field }));
  }
  if (!Number.isFinite(head.begin) || !Number.isFinite(head.end)) throw new ReportError(reason('rep.missing', { field: 'report_metadata/date_range' }));
  return { head, records };
}
