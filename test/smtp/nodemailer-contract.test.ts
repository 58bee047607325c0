/**
 * The contract of src/smtp/nodemailer-adapter.ts: the private members of nodemailer's SMTPConnection it
 * relies on, checked on a real session with a real smtp-server over STARTTLS. When an upgrade of
 * nodemailer renames or changes one of them, this fails here, naming it, rather than in a probe.
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { guardCommands, isSecure, PRIVATE_MEMBERS, sendCommand, upgradedSocket } from '../../src/smtp/nodemailer-adapter.js';
import { makeCa, makeServerCert } from '../helpers/certs.js';
import { startSmtpServer, type SmtpTestServer } from '../helpers/smtp-server.js';

let server: SmtpTestServer;
let ca: string;

beforeAll(async () => {
  const authority = await makeCa();
  ca = authority.cert;
  server = await startSmtpServer({ mode: 'starttls', users: { 'app@mairie-exemple.fr': 'pw' }, cert: await makeServerCert({ names: ['localhost'], ca: authority }) });
});
afterAll(() => server.close());

function connection(): SMTPConnection {
  return new SMTPConnection({ host: 'localhost', port: server.port, tls: { ca: [ca], servername: 'localhost' }, greetingTimeout: 2000, socketTimeout: 2000 } as SMTPConnection.Options);
}

const connected = (c: SMTPConnection) => new Promise<void>((resolve, reject) => {
  c.once('error', reject);
  c.connect(() => resolve());
});

describe('the nodemailer members maildiag uses', () => {
  it.each(PRIVATE_MEMBERS)('SMTPConnection still has %s', (member) => {
    const c = connection();
    expect(member in c, `nodemailer's SMTPConnection has no "${member}" any more: update src/smtp/nodemailer-adapter.ts`).toBe(true);
    const kinds: Record<(typeof PRIVATE_MEMBERS)[number], (v: unknown) => boolean> = {
      _socket: (v) => v === false || v === null || v === undefined || typeof v === 'object',
      _responseActions: Array.isArray,
      _sendCommand: (v) => typeof v === 'function',
      secure: (v) => typeof v === 'boolean',
    };
    expect(kinds[member]((c as unknown as Record<string, unknown>)[member]), `"${member}" changed its type`).toBe(true);
  });

  it('after STARTTLS: secure, the TLS socket reachable, one command answered through the response queue', async () => {
    const c = connection();
    await connected(c);
    try {
      expect(isSecure(c)).toBe(true);
      const socket = upgradedSocket(c);
      expect(socket).toBeInstanceOf(tls.TLSSocket);
      expect(socket!.getProtocol()).toMatch(/^TLSv1\.[23]$/);
      expect(await sendCommand(c, 'NOOP')).toMatch(/^250 /);
      expect(await sendCommand(c, 'MAIL FROM:<app@mairie-exemple.fr>')).toMatch(/^(250|530) /);
    } finally {
      c.close();
    }
  });

  it('the guard sits under every command: a line with CR or LF is refused, never written', async () => {
    const c = connection();
    await connected(c);
    guardCommands(c);
    const refused = new Promise<NodeJS.ErrnoException>((resolve) => c.once('error', resolve));
    void sendCommand(c, 'NOOP\r\nQUIT');
    expect((await refused).code).toBe('EUNSAFE');
  });
});
