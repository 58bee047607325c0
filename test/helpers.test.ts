/** The test servers themselves: real sockets on 127.0.0.1, read by the real clients. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dgram from 'node:dgram';
import nodemailer from 'nodemailer';
import packet from 'dns-packet';
import { WireResolver } from '../src/dns/resolver.js';
import { WireClient } from '../src/dns/wire.js';
import { makeCa, makeServerCert, type TestCert } from './helpers/certs.js';
import { loadZoneFixture, startDnsServer, type DnsTestServer } from './helpers/dns-server.js';
import { startSmtpServer } from './helpers/smtp-server.js';
import { rssHook } from './helpers/rss.js';
import { execFile } from 'node:child_process';

describe('test DNS server', () => {
  let dns: DnsTestServer;
  let resolver: WireResolver;
  beforeAll(async () => {
    dns = await startDnsServer({ zone: loadZoneFixture('dns/large-txt.zone') });
    resolver = new WireResolver(new WireClient([dns.address], 3000));
  });
  afterAll(() => dns.close());

  it('answers small questions over UDP', async () => {
    expect(await resolver.query('ns1.big.example', 'A')).toEqual({ status: 'found', records: ['192.0.2.53'] });
    expect(dns.log.filter((q) => q.name === 'ns1.big.example').map((q) => q.transport)).toEqual(['udp']);
  });

  it('truncates a >512-byte answer on UDP so that the client retries over TCP', async () => {
    const r = await resolver.query('big.example', 'TXT');
    expect(r.status).toBe('found');
    const record = r.status === 'found' ? r.records[0]!.join('') : '';
    expect(record.length).toBeGreaterThan(512);
    expect(record).toMatch(/^v=spf1 ip4:198\.51\.100\.1 .* -all$/);
    expect(dns.log.filter((q) => q.name === 'big.example' && q.type === 'TXT').map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('tells NXDOMAIN from no data', async () => {
    expect(await resolver.query('nothing.big.example', 'A')).toEqual({ status: 'nxdomain' });
    expect(await resolver.query('big.example', 'MX')).toEqual({ status: 'nodata' });
    expect(await resolver.query('sub.big.example', 'A')).toEqual({ status: 'nodata' });
  });

  it.each([
    ['servfail', 'SERVFAIL'],
    ['refused', 'REFUSED'],
    ['drop', 'TIMEOUT'],
  ] as const)('injects %s as a failure, never as "no record"', async (fault, reason) => {
    const r = new WireResolver(new WireClient([dns.address], 700));
    dns.setFault('ns1.big.example', fault);
    try {
      expect(await r.query('ns1.big.example', 'A')).toMatchObject({ status: 'error', reason });
    } finally {
      dns.setFault('ns1.big.example', undefined);
    }
  });

  it.each([
    ['wrong-owner', 'TXT', 'WRONG-NAME', /answered TXT big\.example with a record of hijack\.invalid/],
    ['wrong-owner', 'A', 'WRONG-NAME', /with a record of hijack\.invalid/],
    ['wrong-question', 'TXT', 'WRONG-NAME', /answered TXT hijack\.invalid to the question TXT big\.example/],
    ['garbage', 'TXT', 'BADRESP', /not a DNS message/],
  ] as const)('takes %s (%s) as a failure, never as the record', async (fault, type, reason, message) => {
    const r = new WireResolver(new WireClient([dns.address], 700));
    dns.setFault('big.example', fault);
    const t0 = performance.now();
    try {
      expect(await r.query('big.example', type)).toMatchObject({ status: 'error', reason, message: expect.stringMatching(message) });
      expect(performance.now() - t0).toBeLessThan(700 + 300);
    } finally {
      dns.setFault('big.example', undefined);
    }
  });

  it('a truncated answer whose TCP retry is reset (TCP/53 blocked) is a failure that says so, at once', async () => {
    const r = new WireResolver(new WireClient([dns.address], 3000));
    dns.setFault('big.example', 'tcp-blocked');
    const t0 = performance.now();
    try {
      expect(await r.query('big.example', 'TXT')).toMatchObject({ status: 'error', reason: 'TCP-FAILED', message: expect.stringMatching(/truncated over UDP.*TCP.*ECONNRESET/) });
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      dns.setFault('big.example', undefined);
    }
  });

  it('asks again without EDNS when a server answers FORMERR to it', async () => {
    dns.setFault('ns1.big.example', 'no-edns');
    try {
      const before = dns.log.length;
      expect(await resolver.query('ns1.big.example', 'A')).toEqual({ status: 'found', records: ['192.0.2.53'] });
      expect(dns.log.length - before).toBe(2);
    } finally {
      dns.setFault('ns1.big.example', undefined);
    }
  });

  it('follows a CNAME chain inside the answer and keeps only its records', async () => {
    expect(await resolver.query('alias.big.example', 'A')).toEqual({ status: 'found', records: ['192.0.2.53'] });
  });

  it('gives UNREACHABLE at once for a closed resolver port', async () => {
    const closed = await startDnsServer({ zone: loadZoneFixture('dns/large-txt.zone') });
    await closed.close();
    const t0 = performance.now();
    expect(await new WireResolver(new WireClient([closed.address], 3000)).query('big.example', 'A')).toMatchObject({ status: 'error', reason: 'UNREACHABLE' });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('moves on to the next server when one fails', async () => {
    const closed = await startDnsServer({ zone: loadZoneFixture('dns/large-txt.zone') });
    await closed.close();
    expect(await new WireResolver(new WireClient([closed.address, dns.address], 3000)).query('ns1.big.example', 'A')).toEqual({ status: 'found', records: ['192.0.2.53'] });
  });

  it('does not ask again when the answer is already waiting in the socket as the wait runs out (a busy event loop)', async () => {
    // A fleet keeps the event loop busy: a try's wait can run out while its answer sits unread in the
    // socket's buffer, and the timers run before the sockets are read. That is no loss, and no reason to ask again.
    // This server answers at once, then keeps the event loop busy past the client's first wait (100 ms).
    const server = dgram.createSocket('udp4');
    let questions = 0;
    server.on('message', (msg, rinfo) => {
      questions++;
      const q = packet.decode(msg);
      server.send(packet.encode({ id: q.id, type: 'response', flags: packet.RECURSION_DESIRED, questions: q.questions, answers: [{ name: 'busy.example', type: 'A', ttl: 60, data: '192.0.2.7' }] }), rinfo.port, rinfo.address);
      const until = performance.now() + 250;
      while (performance.now() < until); // the answer has left; it waits unread while the client's wait runs out
    });
    await new Promise<void>((r) => server.bind(0, '127.0.0.1', r));
    const client = new WireClient([`127.0.0.1:${server.address().port}`], 700);
    try {
      const r = await client.exchange('busy.example', 'A');
      expect(r.ok && r.reply.answers?.[0]).toMatchObject({ data: '192.0.2.7' });
      expect(client.stats.retried).toBe(0);
      expect(questions).toBe(1);
    } finally {
      client.close();
      server.close();
    }
  });

  it('adds the latency it is asked for', async () => {
    dns.setLatency(60);
    const t0 = performance.now();
    await new WireResolver(new WireClient([dns.address], 3000)).query('ns1.big.example', 'SOA');
    dns.setLatency(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });
});

describe('test SMTP server', () => {
  let ca: TestCert;
  beforeAll(async () => {
    ca = await makeCa();
  });

  it('accepts a STARTTLS + AUTH session from a real client and records the message', async () => {
    const cert = await makeServerCert({ names: ['localhost', '127.0.0.1'], ca });
    const smtp = await startSmtpServer({ mode: 'starttls', cert, users: { 'app@mairie-exemple.fr': 'correct horse' } });
    try {
      const transport = nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: false,
        requireTLS: true,
        auth: { user: 'app@mairie-exemple.fr', pass: 'correct horse' },
        tls: { ca: ca.cert, servername: 'localhost' },
      });
      const info = await transport.sendMail({ from: 'app@mairie-exemple.fr', to: 'agent@example.net', subject: 'test', text: 'hello' });
      expect(info.response).toMatch(/^250 .*queued as TEST/);
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toMatchObject({ from: 'app@mairie-exemple.fr', user: 'app@mairie-exemple.fr', to: ['agent@example.net'] });
    } finally {
      await smtp.close();
    }
  });

  it('refuses a wrong password with 535', async () => {
    const cert = await makeServerCert({ names: ['localhost'], ca });
    const smtp = await startSmtpServer({ mode: 'implicit', cert, users: { u: 'right' } });
    try {
      const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: true, auth: { user: 'u', pass: 'wrong' }, tls: { ca: ca.cert, servername: 'localhost' } });
      await expect(transport.verify()).rejects.toMatchObject({ responseCode: 535 });
    } finally {
      await smtp.close();
    }
  });
});

describe('the peak-memory hook', () => {
  it("reports the child's own peak, not the size of the process that started it", async () => {
    // getrusage's maxRSS survives exec: a small child of a 150 MB process would say 150 MB.
    const ballast = Buffer.alloc(150 * 1024 * 1024, 1);
    const stderr = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', rssHook(), '-e', '0'], (err, _out, err2) => (err ? reject(err) : resolve(err2))),
    );
    expect(ballast.length).toBeGreaterThan(0);
    expect(Number(stderr.match(/maxrss_kb=(\d+)/)?.[1]) / 1024).toBeLessThan(100);
  });
});
