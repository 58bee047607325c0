import tls from 'node:tls';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextTrusting } from '../../src/core/tls-trust.js';
import { makeCa, makeServerCert, type TestCert } from '../helpers/certs.js';

/** --ca: the CA given is trusted on the connections that ask for it, and on no other of the process. */
describe('contextTrusting', () => {
  let ca: TestCert;
  let other: TestCert;
  let server: tls.Server;
  let port: number;
  beforeAll(async () => {
    ca = await makeCa('maildiag trust CA');
    other = await makeCa('maildiag other CA');
    const cert = await makeServerCert({ names: ['localhost'], ca });
    server = tls.createServer({ key: cert.key, cert: cert.cert }, (s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const authorized = (extra: tls.ConnectionOptions) =>
    new Promise<boolean>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false, ...extra }, () => {
        resolve(s.authorized);
        s.destroy();
      });
      s.on('error', reject);
    });

  it('trusts a server certificate of the CA given', async () => {
    expect(await authorized({ secureContext: contextTrusting(ca.cert, {}) })).toBe(true);
  });

  it('does not trust it with another CA', async () => {
    expect(await authorized({ secureContext: contextTrusting(other.cert, {}) })).toBe(false);
  });

  it('leaves the rest of the process on the system roots alone', async () => {
    contextTrusting(ca.cert, { minVersion: 'TLSv1' });
    expect(await authorized({})).toBe(false);
    expect(await authorized({ secureContext: tls.createSecureContext({}) })).toBe(false);
  });

  it('keeps the roots the process trusts next to the CA (here the system store, node --use-openssl-ca)', async () => {
    // The roots are Node's bundle, or the system's store under --use-openssl-ca (SSL_CERT_FILE): a private
    // CA adds to them. A server signed by a root of that store stays trusted on a connection that trusts --ca.
    const extra = await makeCa('maildiag system root');
    const cert = await makeServerCert({ names: ['localhost'], ca: extra });
    const rooted = tls.createServer({ key: cert.key, cert: cert.cert }, (s) => s.end());
    await new Promise<void>((r) => rooted.listen(0, '127.0.0.1', r));
    const dir = mkdtempSync(join(tmpdir(), 'maildiag-trust-'));
    writeFileSync(join(dir, 'extra.pem'), extra.cert);
    writeFileSync(join(dir, 'ca.pem'), ca.cert);
    const script = [
      `import tls from 'node:tls';`,
      `import { readFileSync } from 'node:fs';`,
      `import { contextTrusting } from ${JSON.stringify(fileURLToPath(new URL('../../src/core/tls-trust.ts', import.meta.url)))};`,
      `const s = tls.connect({ host: '127.0.0.1', port: ${(rooted.address() as AddressInfo).port}, servername: 'localhost', rejectUnauthorized: false, secureContext: contextTrusting(readFileSync(${JSON.stringify(join(dir, 'ca.pem'))}, 'utf8'), {}) }, () => { process.stdout.write(String(s.authorized)); s.destroy(); });`,
    ].join('\n');
    try {
      const out = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--use-openssl-ca', '--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, SSL_CERT_FILE: join(dir, 'extra.pem'), SSL_CERT_DIR: dir } }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
      });
      expect(out).toBe('true');
    } finally {
      await new Promise<void>((r) => rooted.close(() => r()));
    }
  });
});
