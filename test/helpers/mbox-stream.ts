/**
 * An mbox of any size, made as it is read: the real fixture messages in turn, one in four carrying a
 * PDF-like attachment of ~1 MB in base64 (an archive of invoices and notifications, as support desks
 * export them). Nothing is written to disk, so a 2 GB archive costs no disk and little memory here.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';

const DIR = new URL('../../fixtures/messages/', import.meta.url);

/** Base64 lines of 76 characters, about `bytes` long, from a fixed pseudo-random sequence. */
function attachment(bytes: number): string {
  const raw = Buffer.alloc(Math.floor((bytes * 3) / 4));
  let x = 0x2545f491;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  return raw.toString('base64').replace(/.{76}/g, '$&\n');
}

/** A fixture with its body replaced by a multipart/mixed body carrying `blob`. */
function withAttachment(message: string, blob: string, n: number): string {
  const split = message.search(/\r?\n\r?\n/);
  const head = (split < 0 ? message : message.slice(0, split)).replace(/^Content-Type:.*(\r?\n[ \t].*)*\r?\n?/gim, '').replace(/^MIME-Version:.*\r?\n?/gim, '');
  const boundary = `=_maildiag_${n}`;
  return (
    `${head.trimEnd()}\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${boundary}"\n\n` +
    `--${boundary}\nContent-Type: text/plain; charset=utf-8\n\nVeuillez trouver ci-joint votre facture n° ${n}.\n>From the accounts team: do not reply (escaped, as mbox writers do).\n\n` +
    `--${boundary}\nContent-Type: application/pdf; name="facture-${n}.pdf"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="facture-${n}.pdf"\n\n` +
    `${blob}\n--${boundary}--\n`
  );
}

export interface MboxStream {
  stream: Readable;
  /** Messages written so far (all of them once the stream has ended). */
  messages(): number;
}

/** At least `totalBytes` of mbox, in whole messages, each starting with its "From " line. */
export function mboxStream(totalBytes: number): MboxStream {
  const fixtures = readdirSync(DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => readFileSync(new URL(f, DIR), 'utf8').replace(/^From /gm, '>From '));
  const blob = attachment(1024 * 1024);
  let written = 0;
  let n = 0;
  const stream = new Readable({
    read() {
      // Fill a few MB per call; push() returns false when the reader has enough, and read() is called again.
      for (let chunk = 0; chunk < 4 * 1024 * 1024 && written < totalBytes; ) {
        const base = fixtures[n % fixtures.length]!;
        const body = n % 4 === 3 ? withAttachment(base, blob, n) : base;
        const text = `From MAILER-DAEMON Tue Nov 19 10:${String(n % 60).padStart(2, '0')}:00 2024\n${body.endsWith('\n') ? body : `${body}\n`}\n`;
        const buf = Buffer.from(text, 'utf8');
        n++;
        written += buf.length;
        chunk += buf.length;
        if (!this.push(buf)) return;
      }
      if (written >= totalBytes) this.push(null);
    },
  });
  return { stream, messages: () => n };
}
