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

/** Parses one report, or throws ReportError with the reason. */
export function parseDmarcXml(xml: string): DmarcReport {
  const records: DmarcRecord[] = [];
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  let text = '';
  let root: string | null = null;
  let ns = '';
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
  let auth: Record<string, string | null> | undefined;
  let reasonItem: { type: string; comment: string | null } | undefined;
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
      ns = tag.uri ?? '';
      if (name !== 'feedback') {
        failure = reason('rep.not-dmarc', { root: name.slice(0, 60) });
        throw new ReportError(failure);
      }
      if (ns === 'urn:ietf:params:xml:ns:dmarc-2.0') head.format = 'rfc9990';
    }
    path.push(name);
    text = '';
    const at = path.join('/');
    if (at === 'feedback/record') {
      if (records.length >= MAX_RECORDS) {
        failure = reason('rep.too-many-records', { max: MAX_RECORDS });
        throw new ReportError(failure);
      }
      rec = { ip: '', count: 0, disposition: '', dkim: '', spf: '', reasons: [], headerFrom: '', envelopeFrom: null, envelopeTo: null, authDkim: [], authSpf: [] };
    } else if (at === 'feedback/record/auth_results/dkim' || at === 'feedback/record/auth_results/spf') auth = {};
    else if (at === 'feedback/record/row/policy_evaluated/reason') reasonItem = { type: '', comment: null };
  });
  parser.on('text', (t) => {
    if (text.length < 4096) text += t;
  });
  parser.on('closetag', () => {
    const at = path.join('/');
    const value = text.trim();
    const leaf = path[path.length - 1]!;
    path.pop();
    text = '';
    const parent = path.join('/');
    switch (parent) {
      case 'feedback/report_metadata':
        if (leaf === 'org_name') head.orgName = value;
        else if (leaf === 'email') head.email = value;
        else if (leaf === 'report_id') head.reportId = value;
        else if (leaf === 'error') head.errors.push(value);
        else if (leaf === 'generator') head.generator = value;
        return;
      case 'feedback/report_metadata/date_range':
        if (leaf === 'begin') head.begin = Number(value);
        else if (leaf === 'end') head.end = Number(value);
        return;
      case 'feedback/policy_published': {
        const keys: Record<string, keyof DmarcReportHead['policy']> = { domain: 'domain', p: 'p', sp: 'sp', np: 'np', adkim: 'adkim', aspf: 'aspf', pct: 'pct', testing: 'testing', discovery_method: 'discoveryMethod' };
        const k = keys[leaf];
        if (k) head.policy[k] = k === 'domain' ? value.toLowerCase().replace(/\.$/, '') : value.toLowerCase();
        return;
      }
      case 'feedback/record/row':
        if (leaf === 'source_ip') rec!.ip = value;
        else if (leaf === 'count') rec!.count = Math.max(0, Math.floor(Number(value)) || 0);
        return;
      case 'feedback/record/row/policy_evaluated':
        if (leaf === 'disposition') rec!.disposition = value.toLowerCase();
        else if (leaf === 'dkim') rec!.dkim = value.toLowerCase();
        else if (leaf === 'spf') rec!.spf = value.toLowerCase();
        else if (leaf === 'reason' && reasonItem) {
          rec!.reasons.push(reasonItem);
          reasonItem = undefined;
        }
        return;
      case 'feedback/record/row/policy_evaluated/reason':
        if (leaf === 'type') reasonItem!.type = value.toLowerCase();
        else if (leaf === 'comment') reasonItem!.comment = value || null;
        return;
      case 'feedback/record/identifiers':
        if (leaf === 'header_from') rec!.headerFrom = value.toLowerCase();
        else if (leaf === 'envelope_from') rec!.envelopeFrom = value.toLowerCase() || null;
        else if (leaf === 'envelope_to') rec!.envelopeTo = value.toLowerCase() || null;
        return;
      case 'feedback/record/auth_results/dkim':
      case 'feedback/record/auth_results/spf':
        auth![leaf] = value;
        return;
      case 'feedback/record/auth_results':
        if (leaf === 'dkim') rec!.authDkim.push({ domain: (auth!.domain ?? '').toLowerCase(), selector: auth!.selector ?? null, result: (auth!.result ?? '').toLowerCase(), humanResult: auth!.human_result ?? null });
        else if (leaf === 'spf') rec!.authSpf.push({ domain: (auth!.domain ?? '').toLowerCase(), scope: auth!.scope ?? null, result: (auth!.result ?? '').toLowerCase(), humanResult: auth!.human_result ?? null });
        auth = undefined;
        return;
      case 'feedback':
        if (leaf === 'record' && rec) {
          records.push(rec);
          rec = undefined;
        }
        return;
      default:
        void at;
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
