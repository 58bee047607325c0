/** An HTTPS server on 127.0.0.1 (port 0) serving MTA-STS policies by Host name, for check-dns tests. */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestCert } from './certs.js';

export interface PolicyServer {
  port: number;
  requests: string[];
  close(): Promise<void>;
}

/** `routes`: host -> { status, body, location? }. Unknown hosts get 404. */
export async function startPolicyServer(cert: TestCert, routes: Record<string, { status: number; body?: string; location?: string }>): Promise<PolicyServer> {
  const requests: string[] = [];
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    requests.push(`${host}${req.url}`);
    const route = req.url === '/.well-known/mta-sts.txt' ? routes[host] : undefined;
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(route.status, { 'Content-Type': 'text/plain', ...(route.location ? { Location: route.location } : {}) }).end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
