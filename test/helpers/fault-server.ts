/** Misbehaving SMTP servers on raw sockets (127.0.0.1, port 0), for the fault cases no real server library will play. */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Accepts TCP, never says a word. */
  | 'silent'
  /** Greets, then never answers EHLO. */
  | 'greet-then-hang'
  /** Offers STARTTLS, says 220 to it, then drops the connection at the first TLS byte. */
  | 'drop-during-tls'
  /** Answers like a web server. */
  | 'garbage'
  /** 421 at the greeting, then closes. */
  | 'busy-421'
  /** Takes AUTH, then closes without a reply. */
  | 'close-after-auth'
  /** A greeting line of 1 MB, never ended. */
  | 'huge-line'
  /** A greeting without CRLF, then silence. */
  | 'no-crlf'
  /** A greeting that goes on in continuation lines ("220-...") forever. */
  | 'endless-continuation'
  /** Replies carrying ANSI/OSC escapes, a bare CR and bidi overrides, then 535 to AUTH. */
  | 'hostile-replies'
  /**
   * Answers AUTH PLAIN with a 535 that echoes the password and its base64 form, each split over two
   * continuation lines; a password of 1-3 characters is echoed as a word.
   */
  | 'echo-secret'
  /** Offers STARTTLS and AUTH, then answers STARTTLS with 454 (a server whose certificate cannot be read). */
  | 'starttls-454'
  /** Answers EHLO with one "250-" line every 0.5 s, forever: each line resets an idle timer. */
  | 'drip-ehlo'
  /** A normal EHLO, then one "535-" line a second after AUTH, forever. */
  | 'drip-auth';

export interface FaultServer {
  port: number;
  close(): Promise<void>;
}

export async function startFaultServer(fault: Fault, at: { host?: string; port?: number } = {}): Promise<FaultServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    const say = (text: string) => s.write(`${text}\r\n`);
    switch (fault) {
      case 'silent':
        return;
      case 'garbage':
        s.write('HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html>bad request</html>\r\n');
        return;
      case 'huge-line':
        s.write(`220 ${'x'.repeat(1024 * 1024)}`);
        return;
      case 'no-crlf':
        s.write('220 mail.example.net ESMTP ready');
        return;
      case 'endless-continuation': {
        const timer = setInterval(() => {
          if (s.destroyed) return clearInterval(timer);
          s.write('220-mail.example.net still greeting you\r\n'.repeat(200));
        }, 5);
        s.on('close', () => clearInterval(timer));
        return;
      }
      case 'busy-421':
        say('421 4.7.0 mx.example.net Too many concurrent SMTP connections; please try again later');
        s.end();
        return;
    }
    const evil = '\x1b[2J\x1b]0;pwned\x07\x1b[31m\rspoofed \u202egnp.exe\u2066';
    say(fault === 'hostile-replies' ? `220 mail.example.net ESMTP ${evil}` : '220 mail.example.net ESMTP');
    let buf = '';
    s.on('data', (chunk) => {
      if (fault === 'drop-during-tls' && buf.endsWith('STARTTLS\r\n')) {
        s.destroy();
        return;
      }
      buf += chunk.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const cmd = line.split(' ')[0]!.toUpperCase();
        if (fault === 'greet-then-hang') return;
        if (cmd === 'EHLO' && fault === 'hostile-replies') say(`250-mail.example.net ${evil}\r\n250 AUTH PLAIN LOGIN`);
        else if (cmd === 'EHLO' && fault === 'echo-secret') say('250-mail.example.net\r\n250 AUTH PLAIN');
        else if ((cmd === 'EHLO' && fault === 'drip-ehlo') || (cmd === 'AUTH' && fault === 'drip-auth')) {
          const code = cmd === 'EHLO' ? '250' : '535';
          say(`${code}-mail.example.net`);
          const timer = setInterval(() => (s.destroyed ? clearInterval(timer) : say(`${code}-still going`)), cmd === 'EHLO' ? 500 : 1000);
          s.on('close', () => clearInterval(timer));
        } else if (cmd === 'EHLO' && fault === 'starttls-454') say('250-mail.example.net\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN');
        else if (cmd === 'STARTTLS' && fault === 'starttls-454') say('454 4.7.0 TLS not available due to local problem');
        else if (cmd === 'EHLO') say(fault === 'drop-during-tls' ? '250-mail.example.net\r\n250 STARTTLS' : '250-mail.example.net\r\n250 AUTH PLAIN LOGIN');
        else if (cmd === 'STARTTLS') {
          say('220 2.0.0 Ready to start TLS');
          buf = 'STARTTLS\r\n';
          return;
        } else if (cmd === 'AUTH' && fault === 'echo-secret') {
          const [, user = '', password = ''] = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\u0000');
          if (password.length < 4) {
            say(`535 5.7.8 login ${user} with password ${password} rejected`);
          } else {
            const b64 = Buffer.from(password).toString('base64');
            const p = Math.floor(password.length / 2);
            const q = Math.floor(b64.length / 2);
            say(`535-5.7.8 Authentication failed: the password ${password.slice(0, p)}\r\n535-${password.slice(p)} is wrong (base64 ${b64.slice(0, q)}\r\n535 5.7.8 ${b64.slice(q)})`);
          }
        } else if (cmd === 'AUTH' && fault === 'hostile-replies') {
          if (line.split(' ').length === 2 && /LOGIN/i.test(line)) say('334 VXNlcm5hbWU6');
          else say(`535 5.7.8 ${evil} authentication failed`);
        } else if (cmd === 'AUTH') {
          s.destroy();
          return;
        } else if (cmd === 'QUIT') {
          say('221 Bye');
          s.end();
        } else say('502 5.5.2 Error: command not recognized');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port ?? 0, at.host ?? '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A port where TCP connects hang, as behind a firewall that drops packets, without leaving loopback:
 * a child process listens with a backlog of 1 and blocks its event loop, two sockets fill the accept
 * queue, and the kernel then drops further SYNs.
 */
export async function startBlackHole(holdMs = 20_000, host = '127.0.0.1', listenPort = 0): Promise<FaultServer> {
  const { spawn } = await import('node:child_process');
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const s = require('node:net').createServer(() => {});
       s.listen({ port: ${listenPort}, host: '${host}', backlog: 1 }, () => {
         console.log(s.address().port);
         setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${holdMs}), 50);
       });`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  await new Promise((r) => setTimeout(r, 200));
  const fillers = await Promise.all(
    [0, 1].map(
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect(port, host);
          s.on('error', () => {});
          s.once('connect', () => resolve(s));
          setTimeout(() => resolve(s), 500);
        }),
    ),
  );
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}

/**
 * A plain SMTP server on 127.0.0.1, port 0, that greets and then hands each command line to `answer`,
 * which writes the reply on the socket. Every line received is kept in `commands`.
 */
async function scriptedServer(answer: (line: string, s: net.Socket) => void): Promise<FaultServer & { commands: string[] }> {
  const sockets = new Set<net.Socket>();
  const commands: string[] = [];
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    s.write('220 smtp.provider.example ESMTP\r\n');
    let buf = '';
    s.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        commands.push(line);
        if (line.split(' ')[0]!.toUpperCase() === 'QUIT') s.end('221 Bye\r\n');
        else answer(line, s);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A plain SMTP server that offers AUTH PLAIN LOGIN and answers every AUTH with `reply` (CRLF-separated lines), as a provider would. */
export function startAuthReplyServer(reply: string): Promise<FaultServer> {
  return scriptedServer((line, s) => {
    const cmd = line.split(' ')[0]!.toUpperCase();
    if (cmd === 'EHLO') s.write('250-smtp.provider.example\r\n250 AUTH PLAIN LOGIN\r\n');
    else if (cmd === 'AUTH') s.write(`${reply}\r\n`);
    else s.write('502 5.5.2 Error: command not recognized\r\n');
  });
}

/**
 * A plain SMTP server that offers only AUTH OAUTHBEARER (RFC 7628) and accepts `token` for `user`; any other
 * gets the RFC's error challenge, then 535 once the client answers it. Records the commands it received.
 */
export function startOAuthBearerServer(user: string, token: string): Promise<FaultServer & { commands: string[] }> {
  const challenged = new WeakSet<net.Socket>();
  return scriptedServer((line, s) => {
    const [cmd = '', mech, initial] = line.split(' ');
    const verb = cmd.toUpperCase();
    if (challenged.has(s)) {
      challenged.delete(s);
      s.write('535 5.7.8 Authentication credentials invalid\r\n');
    } else if (verb === 'EHLO') s.write('250-smtp.provider.example\r\n250 AUTH OAUTHBEARER\r\n');
    else if (verb === 'AUTH' && mech === 'OAUTHBEARER') {
      const fields = Buffer.from(initial ?? '', 'base64').toString('utf8').split('\u0001');
      if (fields[0] === `n,a=${user},` && fields.includes(`auth=Bearer ${token}`)) s.write('235 2.7.0 Authentication successful\r\n');
      else {
        challenged.add(s);
        s.write(`334 ${Buffer.from(JSON.stringify({ status: 'invalid_token', scope: 'https://mail.example/smtp' })).toString('base64')}\r\n`);
      }
    } else if (verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET') s.write('250 2.1.0 Ok\r\n');
    else s.write('502 5.5.2 Error: command not recognized\r\n');
  });
}
