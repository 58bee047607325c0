/** Certificates made at test time, so validity dates stay relative to today: trusted-by-a-test-CA, self-signed, expired. */
import { generate } from 'selfsigned';

export interface TestCert {
  key: string;
  cert: string;
}

const DAY = 86_400_000;

function leafExtensions(names: string[]) {
  return [
    { name: 'basicConstraints' as const, cA: false },
    { name: 'keyUsage' as const, digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage' as const, serverAuth: true },
    {
      name: 'subjectAltName' as const,
      altNames: names.map((n) => (/^[\d.]+$|:/.test(n) ? { type: 7 as const, ip: n } : { type: 2 as const, value: n })),
    },
  ];
}

/** A private CA, as an organisation's internal PKI would have; tests pass its cert as --ca. */
export async function makeCa(cn = 'maildiag test CA'): Promise<TestCert> {
  const r = await generate([{ name: 'commonName', value: cn }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() - DAY),
    notAfterDate: new Date(Date.now() + 365 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { key: r.private, cert: r.cert };
}

/** A server certificate for `names` (first is the CN), signed by `ca` or self-signed, valid from/to days relative to now. */
export async function makeServerCert(opts: { names: string[]; ca?: TestCert; validFromDays?: number; validToDays?: number }): Promise<TestCert> {
  const r = await generate([{ name: 'commonName', value: opts.names[0] ?? 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.now() + (opts.validFromDays ?? -1) * DAY),
    notAfterDate: new Date(Date.now() + (opts.validToDays ?? 90) * DAY),
    extensions: leafExtensions(opts.names),
    ...(opts.ca ? { ca: { key: opts.ca.key, cert: opts.ca.cert } } : {}),
  });
  return { key: r.private, cert: r.cert };
}
