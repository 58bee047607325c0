import { spec } from './define.js';

/** check-dns, the receiving side: MX TLS, MTA-STS, TLS-RPT, BIMI, reverse DNS, DNSSEC. */
export const receivingFindings = {
  // ---- TLS-RPT (RFC 8460) --------------------------------------------------------------------------
  'tlsrpt.valid': spec<{ domain: string; rua: string[] }>({
    severity: 'ok',
    title: 'TLS reporting set up',
    message: (a) => `${a.domain} asks for TLS failure reports at ${a.rua.join(', ')}.`,
    ref: 'RFC 8460',
  }),
  'tlsrpt.none': spec<{ domain: string }>({
    severity: 'info',
    title: 'No TLS reporting',
    message: (a) => `${a.domain} publishes no TLS-RPT record (_smtp._tls.${a.domain}): senders cannot tell you when TLS to your MX fails.`,
    hint: (a) => `Optional hardening: publish a TXT record at _smtp._tls.${a.domain}: "v=TLSRPTv1; rua=mailto:tls-reports@${a.domain}".`,
    ref: 'RFC 8460 §3',
  }),
  'tlsrpt.invalid': spec<{ name: string; reason: string }>({
    severity: 'warning',
    title: 'TLS-RPT record invalid',
    message: (a) => `The TLS-RPT record at ${a.name} is invalid: ${a.reason}.`,
    hint: () => `The record reads "v=TLSRPTv1; rua=mailto:address" (or an https: URL), several URIs separated by commas.`,
    ref: 'RFC 8460 §3',
  }),

  // ---- BIMI ----------------------------------------------------------------------------------------
  'bimi.valid': spec<{ name: string; logo: string }>({
    severity: 'ok',
    title: 'BIMI record published',
    message: (a) => `BIMI record at ${a.name}, logo ${a.logo}.`,
  }),
  'bimi.none': spec<{ name: string }>({
    severity: 'info',
    title: 'No BIMI record',
    message: (a) => `No BIMI record at ${a.name}: mail clients that show sender logos will show none.`,
    hint: () => `Optional: BIMI needs DMARC at quarantine or reject first, then a TXT "v=BIMI1; l=https://.../logo.svg" (and a certificate for Gmail and Apple).`,
  }),
  'bimi.invalid': spec<{ name: string; reason: string }>({
    severity: 'warning',
    title: 'BIMI record invalid',
    message: (a) => `The BIMI record at ${a.name} is invalid: ${a.reason}.`,
    hint: () => `The record reads "v=BIMI1; l=https://example.fr/logo.svg; a=https://example.fr/vmc.pem" (a= is optional).`,
  }),
  'bimi.dmarc-prerequisite': spec<{ domain: string; reason: string }>({
    severity: 'warning',
    title: 'DMARC too weak for BIMI',
    message: (a) => `${a.domain} publishes BIMI but its DMARC ${a.reason}: mail clients ignore BIMI then.`,
    hint: () => `Move DMARC to p=quarantine or p=reject (without pct below 100) once reports show legitimate mail passes.`,
  }),

  // ---- Reverse DNS of MX addresses -----------------------------------------------------------------
  'ptr.valid': spec<{ ip: string; name: string }>({
    severity: 'ok',
    title: 'Reverse DNS confirmed',
    message: (a) => `${a.ip} has reverse name ${a.name}, which resolves back to it.`,
  }),
  'ptr.missing': spec<{ host: string; ip: string }>({
    severity: 'warning',
    title: 'MX address has no reverse DNS',
    message: (a) => `${a.ip} (MX ${a.host}) has no PTR record.`,
    hint: () => `Many servers distrust hosts without reverse DNS. Ask whoever owns the address (your host or ISP) to set a PTR to the MX name.`,
  }),
  'ptr.not-confirmed': spec<{ host: string; ip: string; name: string }>({
    severity: 'warning',
    title: 'Reverse DNS not forward-confirmed',
    message: (a) => `${a.ip} (MX ${a.host}) has reverse name ${a.name}, which does not resolve back to ${a.ip}.`,
    hint: (a) => `Publish an A/AAAA record for ${a.name} pointing at ${a.ip}, or change the PTR to a name that does.`,
  }),
};
