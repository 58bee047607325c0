/** Why a DMARC or TLS-RPT report file could not be read (maildiag reports). Spread into reasons.ts; French in fr/report-reasons.ts. */
import type { ReasonWording } from './reason-shape.js';

function w<A extends object = Record<string, never>>(f: ReasonWording<A>): ReasonWording<A> {
  return f;
}
const mb = (n: number) => `${Math.round(n / 1048576)} MB`;

export const reportReasonsEn = {
  'rep.bomb': w<{ limit: number; ratio: number }>((a) => `it would uncompress to more than ${mb(a.limit)} (or ${a.ratio} times its size): a compression bomb, not a report`),
  'rep.bad-gzip': w<{ detail: string }>((a) => `the gzip data is broken (${a.detail})`),
  'rep.bad-zip': w<{ detail: string }>((a) => `the zip file is broken or unsafe (${a.detail})`),
  'rep.zip-members': w<{ count: number; max: number }>((a) => `the zip has ${a.count} members (a report has one; at most ${a.max} are read)`),
  'rep.zip-encrypted': w<{ name: string }>((a) => `the zip member ${a.name} is encrypted`),
  'rep.nested': w(() => 'an archive inside an archive inside an archive'),
  'rep.not-a-report': w(() => 'neither XML, JSON, gzip, zip nor an e-mail message'),
  'rep.doctype': w(() => 'the XML declares a DOCTYPE (entities are refused: no report needs one)'),
  'rep.xml': w<{ detail: string }>((a) => `the XML is not well-formed (${a.detail})`),
  'rep.not-dmarc': w<{ root: string }>((a) => `the XML is a <${a.root}>, not a DMARC aggregate report (<feedback>)`),
  'rep.missing': w<{ field: string }>((a) => `the report has no ${a.field}`),
  'rep.bad-json': w<{ detail: string }>((a) => `the JSON cannot be read (${a.detail})`),
  'rep.not-tlsrpt': w(() => 'the JSON is not a TLS-RPT report (RFC 8460: organization-name, report-id, date-range, policies)'),
  'rep.no-report-attached': w(() => 'the message carries no report (no XML, gzip, zip or JSON attachment)'),
  // TLS-RPT result types (RFC 8460 §4.3): what to change on the receiving side
  'tls.fix.starttls': w(() => 'an MX does not offer STARTTLS: turn TLS on for incoming mail on every MX host'),
  'tls.fix.host-mismatch': w(() => "an MX presents a certificate that does not name it: install a certificate for the MX host's own name (the name in the MX record, and in the MTA-STS policy's mx: lines)"),
  'tls.fix.expired': w(() => 'an MX presents an expired certificate: renew it (and automate the renewal)'),
  'tls.fix.not-trusted': w(() => 'an MX presents a certificate no public authority signed (self-signed, or a missing intermediate): install one from a public CA, with its full chain'),
  'tls.fix.validation': w(() => 'the certificate or the policy could not be validated: check the chain and the MTA-STS policy with maildiag check-dns <domain> --smtp'),
  'tls.fix.tlsa': w(() => "the TLSA (DANE) records do not match the MX's certificate: publish TLSA records for the current key before rolling it"),
  'tls.fix.dnssec': w(() => 'DNSSEC validation failed for the MX or its TLSA records: fix the zone signatures (DS at the parent, unexpired RRSIGs)'),
  'tls.fix.dane-required': w(() => 'DANE is required but the MX offered no usable TLSA-validated TLS: publish correct TLSA records or stop requiring DANE'),
  'tls.fix.sts-fetch': w(() => 'senders could not fetch the MTA-STS policy at https://mta-sts.<domain>/.well-known/mta-sts.txt: serve it over HTTPS with a valid certificate'),
  'tls.fix.sts-invalid': w(() => 'the MTA-STS policy file is invalid: fix its syntax (version: STSv1, mode, mx:, max_age)'),
  'tls.fix.sts-webpki': w(() => 'the MTA-STS policy host presents a certificate senders do not trust: install a public certificate on mta-sts.<domain>'),
  'tls.fix.other': w<{ type: string }>((a) => `the reporter says "${a.type}": see its additional-information and the MX logs`),
  'rep.too-many-records': w<{ max: number }>((a) => `the report has more than ${a.max} records`),
};
