/** The mbox reader over every way a stream can cut it: chunk edges inside "From ", inside CRLF, inside long lines. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMbox, skipBody } from '../../src/headers/read.js';

async function read(text: string | Buffer, chunk: number, withBody = false) {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  const out = [];
  for await (const m of readMbox('-', Readable.from(parts), withBody)) out.push({ header: m.header.toString('latin1'), body: m.body?.toString('latin1') });
  return out;
}

const MBOX = [
  'From MAILER-DAEMON Tue Nov 19 10:00:00 2024\nFrom: a@mairie-exemple.fr\nSubject: un\n\nBonjour,\n>From the team\nFromage\n',
  'From MAILER-DAEMON Tue Nov 19 10:01:00 2024\r\nFrom: b@mairie-exemple.fr\r\nSubject: deux\r\n\r\nline\r\n\r\n',
  'From MAILER-DAEMON Tue Nov 19 10:02:00 2024\nFrom: c@mairie-exemple.fr\nSubject: trois\n\n' + 'x'.repeat(7_000) + '\nend\n',
  'From MAILER-DAEMON Tue Nov 19 10:03:00 2024\nSubject: no body',
].join('');

describe('readMbox', () => {
  it.each([1, 2, 3, 5, 6, 7, 64, 4096, 1 << 20])('gives the same messages whatever the chunk size (%i bytes)', async (chunk) => {
    const whole = await read(MBOX, 1 << 20);
    expect(whole.map((m) => m.header.match(/^Subject: (.*?)\r?$/m)?.[1])).toEqual(['un', 'deux', 'trois', 'no body']);
    expect(await read(MBOX, chunk)).toEqual(whole);
    expect(await read(MBOX, chunk, true)).toEqual(await read(MBOX, 1 << 20, true));
  });

  it('keeps bodies whole when asked (--verify), the escaped ">From" line included', async () => {
    const [first] = await read(MBOX, 3, true);
    expect(first!.body).toBe('Bonjour,\n>From the team\nFromage\n');
  });

  it('drops a body line of 10 MB without a newline as it streams, and finds the next message', async () => {
    const huge = Buffer.concat([Buffer.from('From x\nSubject: a\n\n'), Buffer.alloc(10 * 1024 * 1024, 0x41), Buffer.from('\nFrom y\nSubject: b\n\n')]);
    expect((await read(huge, 65536)).map((m) => m.header.match(/Subject: (\w)/)?.[1])).toEqual(['a', 'b']);
  });

  it('skipBody: to the next "From " line, else to the last unfinished line', () => {
    const b = Buffer.from('body\nmore\nFrom x\n');
    expect(skipBody(b, 0)).toBe(10);
    expect(skipBody(Buffer.from('From x\n'), 0)).toBe(0);
    expect(skipBody(Buffer.from('body\nFro'), 0)).toBe(5);
    expect(skipBody(Buffer.from('Fro'), 0)).toBe(0);
  });
});
