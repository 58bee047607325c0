/**
 * What a report file holds, recognised by its content (a mislabelled .xml.gz, a .zip named .xml, an .eml):
 * gzip and zip are opened with limits (a bomb is stopped at a stated size and ratio); a zip's members are
 * read into memory by content, never written anywhere. Over bytes: no file is opened here.
 */
import { gunzipSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Reason } from '../core/catalogue/reasons.js';
import { reason } from '../core/catalogue/reasons.js';
import { ReportError } from './dmarc-xml.js';

/** A report larger than this, once uncompressed, is refused: real aggregate reports are kilobytes to a few MB. */
export const MAX_REPORT_BYTES = 64 * 1024 * 1024;
/** Nor may it grow more than this many times its compressed size (XML compresses about 20 to 50 times). */
export const MAX_RATIO = 200;
/** A zip with more members than this is not a report. */
export const MAX_ZIP_MEMBERS = 20;

export type Content = 'dmarc-xml' | 'tls-json' | 'message' | 'mbox' | 'gzip' | 'zip' | 'unknown';

export interface Unpacked {
  /** The file, and inside it the member or attachment ("report.eml > google.com!example.fr!1700000000!1700086399.zip > ....xml"). */
  name: string;
  content: Content;
  bytes: Buffer;
}

export type Refusal = { name: string; reason: Reason };

/** What the first bytes say the content is. */
export function sniff(bytes: Buffer): Content {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) return 'dmarc-xml';
  if (head.startsWith('{')) return 'tls-json';
  if (head.startsWith('From ')) return 'mbox';
  if (/^[!-9;-~]+:[ \t]/.test(head)) return 'message';
  return 'unknown';
}

/** How far `compressed` bytes may inflate: the size or ratio limit, whichever comes first (`used`: already inflated from the same file). */
const inflateLimit = (compressed: number, used = 0) => Math.min(MAX_REPORT_BYTES - used, Math.max(1024 * 1024, compressed * MAX_RATIO));
const bomb = (limit: number) => refused(reason('rep.bomb', { limit, ratio: MAX_RATIO }));
const refused = (why: Reason) => new ReportError(why);

function gunzip(bytes: Buffer): Buffer {
  const limit = inflateLimit(bytes.length);
  try {
    return gunzipSync(bytes, { maxOutputLength: limit });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw bomb(limit);
    throw refused(reason('rep.bad-gzip', { detail: (err as Error).message }));
  }
}

/** A zip's members, read with yauzl (which refuses absolute and ".." member names), each with the same limits. */
function unzip(bytes: Buffer): Promise<Array<{ name: string; bytes: Buffer }>> {
  return new Promise((resolve, reject) => {
    const bad = (err: Error) => reject(err instanceof ReportError ? err : refused(reason('rep.bad-zip', { detail: err.message })));
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return bad(err ?? new Error('unreadable'));
      if (zip.entryCount > MAX_ZIP_MEMBERS) return reject(refused(reason('rep.zip-members', { count: zip.entryCount, max: MAX_ZIP_MEMBERS })));
      const out: Array<{ name: string; bytes: Buffer }> = [];
      let total = 0;
      zip.on('error', bad);
      zip.on('end', () => resolve(out));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        if (entry.isEncrypted()) return reject(refused(reason('rep.zip-encrypted', { name: entry.fileName })));
        const limit = inflateLimit(entry.compressedSize, total);
        if (entry.uncompressedSize > limit) return reject(bomb(limit));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return bad(e ?? new Error('unreadable member'));
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (c: Buffer) => {
            size += c.length;
            // yauzl stops a member that grows past its declared size; this stops one that lies about the limit.
            if (size > limit) {
              stream.destroy();
              reject(bomb(limit));
            } else chunks.push(c);
          });
          stream.on('error', bad);
          stream.on('end', () => {
            total += size;
            out.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/**
 * The reports inside a file's bytes, opened as far as containers go (gzip, zip, a gzip in a zip), each with
 * its content; or why it was refused. Messages and mboxes are returned as they are, for the caller to open
 * (their attachments are reports too).
 */
export async function unpack(name: string, bytes: Buffer, depth = 0): Promise<{ found: Unpacked[]; refused: Refusal[] }> {
  const found: Unpacked[] = [];
  const refusedList: Refusal[] = [];
  const content = sniff(bytes);
  try {
    if (content === 'gzip' || content === 'zip') {
      if (depth >= 2) throw refused(reason('rep.nested'));
      const members = content === 'gzip' ? [{ name, bytes: gunzip(bytes) }] : (await unzip(bytes)).map((m) => ({ name: `${name} > ${m.name}`, bytes: m.bytes }));
      for (const m of members) {
        const inner = await unpack(m.name, m.bytes, depth + 1);
        found.push(...inner.found);
        refusedList.push(...inner.refused);
      }
    } else if (content === 'unknown') refusedList.push({ name, reason: reason('rep.not-a-report') });
    else found.push({ name, content, bytes });
  } catch (err) {
    if (err instanceof ReportError) refusedList.push({ name, reason: err.why });
    else throw err;
  }
  return { found, refused: refusedList };
}
