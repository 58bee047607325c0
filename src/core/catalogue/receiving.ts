import { spec } from './define.js';
import type { Reason } from './reasons.js';
import { reasonText } from './reason-words.js';

/** check-dns, the receiving side: MX TLS, MTA-STS, TLS-RPT, BIMI, reverse DNS, DNSSEC. */
export const receivingFindings = {
  // ---- TLS-RPT (RFC 8460) --------------------------------------------------------------------------
  'tlsrpt.valid': spec<{ domain: string; rua: string[] }>({
    section: 'tlsrpt',
    severity: 'ok',
    title: 'TLS reporting set up',
    message: (a) => `${a.domain} asks for TLS failure reports at ${a.rua.join(', ')}.`,
    ref: 'RFC 8460',
  }),
  'tlsrpt.none': spec<{ domain: string }>({
    section: 'tlsrpt',
    severity: 'info',
    title: 'No TLS reporting',
    message: (a) => `${a.domain} publishes no TLS-RPT record (_smtp._tls.${a.domain}): senders cannot tell you when TLS to your MX fails.`,
    hint: (a) => `Optional hardening: publish a TXT record at _smtp._tls.${a.domain}: "v=TLSRPTv1; rua=mailto:tls-reports@${a.domain}".`,
    ref: 'RFC 8460 §3',
  }),
  'tlsrpt.invalid': spec<{ name: string; reason: Reason }>({
    section: 'tlsrpt',
    severity: 'warning',
    title: 'TLS-RPT record invalid',
    message: (a) => `The TLS-RPT record at ${a.name} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `The record reads "v=TLSRPTv1; rua=mailto:address" (or an https: URL), several URIs separated by commas.`,
    ref: 'RFC 8460 §3',
  }),

  // ---- BIMI ----------------------------------------------------------------------------------------
  'bimi.valid': spec<{ name: string; logo: string }>({
    section: 'bimi',
    severity: 'ok',
    title: 'BIMI record published',
    message: (a) => `BIMI record at ${a.name}, logo ${a.logo}.`,
  }),
  'bimi.none': spec<{ name: string }>({
    section: 'bimi',
    severity: 'info',
    title: 'No BIMI record',
    message: (a) => `No BIMI record at ${a.name}: mail clients that show sender logos will show none.`,
    hint: () => `Optional: BIMI needs DMARC at quarantine or reject first, then a TXT "v=BIMI1; l=https://.../logo.svg" (and a certificate for Gmail and Apple).`,
  }),
  'bimi.invalid': spec<{ name: string; reason: Reason }>({
    section: 'bimi',
    severity: 'warning',
    title: 'BIMI record invalid',
    message: (a) => `The BIMI record at ${a.name} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `The record reads "v=BIMI1; l=https://example.fr/logo.svg; a=https://example.fr/vmc.pem" (a= is optional).`,
  }),
  'bimi.dmarc-prerequisite': spec<{ domain: string; reason: Reason }>({
    section: 'bimi',
    severity: 'warning',
    title: 'DMARC too weak for BIMI',
    message: (a) => `${a.domain} publishes BIMI but its DMARC ${reasonText(a.reason)}: mail clients ignore BIMI then.`,
    hint: () => `Move DMARC to p=quarantine or p=reject (without pct below 100) once reports show legitimate mail passes.`,
  }),

  // ---- Reverse DNS of MX addresses -----------------------------------------------------------------
  'ptr.valid': spec<{ ip: string; name: string }>({
    section: 'ptr',
    severity: 'ok',
    title: 'Reverse DNS confirmed',
    message: (a) => `${a.ip} has reverse name ${a.name}, which resolves back to it.`,
  }),
  'ptr.missing': spec<{ host: string; ip: string }>({
    section: 'ptr',
    severity: 'warning',
    title: 'MX address has no reverse DNS',
    message: (a) => `${a.ip} (MX ${a.host}) has no PTR record.`,
    hint: () => `Many servers distrust hosts without reverse DNS. Ask whoever owns the address (your host or ISP) to set a PTR to the MX name.`,
  }),
  'ptr.not-confirmed': spec<{ host: string; ip: string; name: string }>({
    section: 'ptr',
    severity: 'warning',
    title: 'Reverse DNS not forward-confirmed',
    message: (a) => `${a.ip} (MX ${a.host}) has reverse name ${a.name}, which does not resolve back to ${a.ip}.`,
    hint: (a) => `Publish an A/AAAA record for ${a.name} pointing at ${a.ip}, or change the PTR to a name that does.`,
  }),

  // ---- MTA-STS (RFC 8461) --------------------------------------------------------------------------
  'mta-sts.valid': spec<{ domain: string; mode: string; maxAge: number; mx: string[] }>({
    section: 'mta-sts',
    severity: 'ok',
    title: 'MTA-STS policy valid',
    message: (a) => `${a.domain} publishes an MTA-STS policy in ${a.mode} mode (max_age ${a.maxAge} s) covering every MX (${a.mx.join(', ')}).`,
    ref: 'RFC 8461',
  }),
  'mta-sts.none': spec<{ domain: string }>({
    section: 'mta-sts',
    severity: 'info',
    title: 'No MTA-STS',
    message: (a) => `${a.domain} publishes no MTA-STS policy: senders cannot insist on TLS to its MX, so a network attacker could strip it.`,
    hint: (a) => `Optional hardening: serve https://mta-sts.${a.domain}/.well-known/mta-sts.txt (start with mode: testing) and publish _mta-sts.${a.domain} TXT "v=STSv1; id=<a new id at each change>".`,
    ref: 'RFC 8461',
  }),
  'mta-sts.txt-invalid': spec<{ name: string; reason: Reason }>({
    section: 'mta-sts',
    severity: 'error',
    title: 'MTA-STS TXT record invalid',
    message: (a) => `The MTA-STS record at ${a.name} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `It reads "v=STSv1; id=20241119T100000" (an id of 1 to 32 letters and digits, changed whenever the policy changes).`,
    ref: 'RFC 8461 §3.1',
  }),
  'mta-sts.unreachable': spec<{ url: string; reason: Reason }>({
    section: 'mta-sts',
    severity: 'error',
    title: 'MTA-STS policy cannot be fetched',
    message: (a) => `The MTA-STS record is published but the policy at ${a.url} cannot be fetched: ${reasonText(a.reason)}.`,
    hint: () => `Senders that already cached an older policy keep applying it; new senders see none. Serve the policy over HTTPS with a valid certificate for the mta-sts host, without redirects.`,
    ref: 'RFC 8461 §3.3',
  }),
  'mta-sts.policy-invalid': spec<{ url: string; reason: Reason }>({
    section: 'mta-sts',
    severity: 'error',
    title: 'MTA-STS policy invalid',
    message: (a) => `The MTA-STS policy at ${a.url} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `A policy is plain text lines: "version: STSv1", "mode: enforce|testing|none", one "mx: <host or *.domain>" per MX, "max_age: <seconds>".`,
    ref: 'RFC 8461 §3.2',
  }),
  'mta-sts.testing': spec<{ domain: string }>({
    section: 'mta-sts',
    severity: 'info',
    title: 'MTA-STS in testing mode',
    message: (a) => `The MTA-STS policy of ${a.domain} is in testing mode: failures are reported (TLS-RPT), not enforced.`,
    hint: () => `Move to mode: enforce once TLS reports show no failures.`,
    ref: 'RFC 8461 §5',
  }),
  'mta-sts.mode-none': spec<{ domain: string }>({
    section: 'mta-sts',
    severity: 'info',
    title: 'MTA-STS mode none',
    message: (a) => `The MTA-STS policy of ${a.domain} has mode: none, which withdraws the policy.`,
    hint: () => `Fine while retiring MTA-STS; otherwise use testing, then enforce.`,
    ref: 'RFC 8461 §5',
  }),
  'mta-sts.mx-not-covered': spec<{ domain: string; host: string; patterns: string[]; mode: string }>({
    section: 'mta-sts',
    severity: 'error',
    title: 'MX not covered by MTA-STS',
    message: (a) => `MX ${a.host} of ${a.domain} matches none of the policy's mx patterns (${a.patterns.join(', ')})${a.mode === 'enforce' ? ': senders that enforce the policy will not deliver to it' : ''}.`,
    hint: (a) => `Add "mx: ${a.host}" (or a wildcard for its domain) to the policy, and publish a new id in the TXT record.`,
    ref: 'RFC 8461 §4.1',
  }),

  // ---- STARTTLS on every MX (check-dns --smtp) -------------------------------------------------------
  'mx.tls-ok': spec<{ host: string; ip: string; protocol: string; daysLeft: number }>({
    section: 'mx-tls',
    severity: 'ok',
    title: 'MX offers valid TLS',
    message: (a) => `MX ${a.host} [${a.ip}] offers STARTTLS (${a.protocol}) with a trusted certificate for its name, valid ${a.daysLeft} more days.`,
  }),
  'mx.unreachable': spec<{ host: string; ip: string; port: number; reason: Reason }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX not reachable from here',
    message: (a) => `MX ${a.host} [${a.ip}] could not be reached on port ${a.port}: ${reasonText(a.reason)}.`,
    hint: () => `Outbound port 25 is blocked by many ISPs and clouds: run --smtp from a server allowed to send mail. If it is reachable elsewhere, the MX is down or filtered.`,
  }),
  'mx.starttls-missing': spec<{ host: string; ip: string }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX offers no STARTTLS',
    message: (a) => `MX ${a.host} [${a.ip}] does not offer STARTTLS: mail to this domain travels unencrypted.`,
    hint: () => `Enable STARTTLS with a certificate for the MX name (Postfix: smtpd_tls_security_level = may).`,
    ref: 'RFC 3207',
  }),
  'mx.tls-failed': spec<{ host: string; ip: string; reason: Reason }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX TLS handshake fails',
    message: (a) => `MX ${a.host} [${a.ip}] offers STARTTLS but the handshake fails: ${reasonText(a.reason)}. Senders fall back to plain text or defer.`,
    hint: () => `Check the certificate and TLS versions configured on the MX (TLS 1.2 or 1.3).`,
  }),
  'mx.cert-untrusted': spec<{ host: string; ip: string; issuer: string; reason: Reason; enforced: boolean }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX certificate not trusted',
    message: (a) => `The certificate of MX ${a.host} [${a.ip}] is not trusted (${reasonText(a.reason)}; issued by ${a.issuer})${a.enforced ? ': senders enforcing MTA-STS will not deliver' : ''}.`,
    hint: () => `Most senders accept any certificate on port 25, but MTA-STS and DANE senders do not: use a certificate from a public authority (Let's Encrypt...).`,
  }),
  'mx.cert-expired': spec<{ host: string; ip: string; validTo: string; enforced: boolean }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX certificate expired',
    message: (a) => `The certificate of MX ${a.host} [${a.ip}] expired on ${a.validTo}${a.enforced ? ': senders enforcing MTA-STS will not deliver' : ''}.`,
    hint: () => `Renew it, and check its automatic renewal.`,
  }),
  'mx.cert-expiring': spec<{ host: string; ip: string; validTo: string; daysLeft: number }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX certificate expires soon',
    message: (a) => `The certificate of MX ${a.host} [${a.ip}] expires in ${a.daysLeft} days (${a.validTo}).`,
    hint: () => `Renew it before then; check that its automatic renewal works.`,
  }),
  'mx.cert-hostname-mismatch': spec<{ host: string; ip: string; names: string[]; enforced: boolean }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX certificate is for another name',
    message: (a) => `The certificate of MX ${a.host} [${a.ip}] is for ${a.names.join(', ') || 'no name'}, not ${a.host}${a.enforced ? ': senders enforcing MTA-STS will not deliver' : ''}.`,
    hint: (a) => `Add ${a.host} to the certificate, or point the MX at a name the certificate covers.`,
  }),
  'mx.tls-outdated': spec<{ host: string; ip: string; protocol: string }>({
    section: 'mx-tls',
    severity: 'warning',
    title: 'MX uses an outdated TLS version',
    message: (a) => `MX ${a.host} [${a.ip}] negotiated ${a.protocol}, deprecated (RFC 8996).`,
    hint: () => `Enable TLS 1.2 and 1.3 on the MX.`,
  }),

  // ---- DNSSEC --------------------------------------------------------------------------------------
  'dnssec.signed': spec<{ domain: string }>({
    section: 'dnssec',
    severity: 'ok',
    title: 'DNSSEC signed and validated',
    message: (a) => `${a.domain} is signed (DS at its parent) and its answers come back authenticated.`,
    ref: 'RFC 4033',
  }),
  'dnssec.unsigned': spec<{ domain: string }>({
    section: 'dnssec',
    severity: 'info',
    title: 'DNSSEC not enabled',
    message: (a) => `${a.domain} is not signed with DNSSEC (no DS record at its parent): its answers, MX included, can be forged on the way.`,
    hint: () => `Optional hardening, most domains lack it: enable DNSSEC at your DNS host, then publish the DS record it gives at your registrar.`,
    ref: 'RFC 4033',
  }),
  'dnssec.bogus': spec<{ name: string; type: string }>({
    section: 'dnssec',
    severity: 'error',
    title: 'DNSSEC validation fails',
    message: (a) => `The ${a.type} answer for ${a.name} fails DNSSEC validation (bogus): validating resolvers answer SERVFAIL, so mail to or from this domain fails for them.`,
    hint: () => `Usually a DS record at the registrar that no longer matches the zone's keys (after a DNS host change or a key rollover). Re-publish the DS your DNS host gives, or remove it to go unsigned.`,
    ref: 'RFC 4035 §5.5',
  }),
  'dnssec.mx-unsigned': spec<{ domain: string; host: string }>({
    section: 'dnssec',
    severity: 'info',
    title: 'MX host not signed',
    message: (a) => `MX ${a.host} of ${a.domain} is in a zone that is not signed: its address cannot be authenticated (DANE needs it).`,
    hint: () => `Nothing to do unless you plan DANE; the MX provider signs its own zone.`,
  }),
  'dnssec.resolver-not-validating': spec<{ resolver: string; ds: boolean }>({
    section: 'dnssec',
    severity: 'info',
    title: 'Resolver does not validate DNSSEC',
    message: (a) => `The resolver in use (${a.resolver}) does not validate DNSSEC, so maildiag cannot tell whether answers are authentic${a.ds ? ' (a DS record shows the domain is signed)' : ''}.`,
    hint: () => `Run again with a validating resolver, e.g. --resolver 1.1.1.1 or --resolver 9.9.9.9.`,
  }),
};
