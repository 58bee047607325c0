/**
 * Reading report inputs: files, directories (walked in name order), standard input; each file opened as far
 * as its containers go (unpack.ts), the messages and mboxes that carry reports opened through their
 * attachments, every report parsed. What was found goes to the sink, in reading order; one report at a time.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileReadError, InputError } from '../core/errors.js';
import { readWholeFile } from '../core/json-file.js';
import { reason, type Reason } from '../core/catalogue/reasons.js';
import { t } from '../i18n/ui.js';
import { parseDmarcXml, ReportError, type DmarcReport } from './dmarc-xml.js';
import { parseTlsRpt, type TlsReport } from './tlsrpt.js';
import { unpack } from './unpack.js';

/** A file larger than this is not a report, nor a message carrying one. */
export const MAX_FILE = 256 * 1024 * 1024;

export interface ReportSink {
  dmarc(name: string, report: DmarcReport): Promise<void>;
  tls(name: string, report: TlsReport): Promise<void>;
  /** A file (or a member, an attachment) that is not a report or could not be read safely. */
  refused(name: string, why: Reason): Promise<void>;
}

export interface ReadOptions {
  stdin: NodeJS.ReadableStream;
  signal: AbortSignal;
  progress: (file: string) => void;
}

export async function readReports(inputs: readonly string[], sink: ReportSink, opts: ReadOptions): Promise<void> {
  /** One report's bytes, as recognised: parsed and handed to the sink, or refused with its reason. */
  const take = async (name: string, content: string, bytes: Buffer, depth: number): Promise<void> => {
    try {
      if (content === 'dmarc-xml') {
        await sink.dmarc(name, parseDmarcXml(bytes.toString('utf8')));
      } else if (content === 'tls-json') {
        await sink.tls(name, parseTlsRpt(bytes.toString('utf8')));
      } else if ((content === 'message' || content === 'mbox') && depth === 0) {
        await openMessages(name, content, bytes);
      } else await sink.refused(name, reason('rep.not-a-report'));
    } catch (err) {
      if (err instanceof ReportError) await sink.refused(name, err.why);
      else throw err;
    }
  };
  const openBytes = async (name: string, bytes: Buffer, depth: number) => {
    const { found, refused } = await unpack(name, bytes);
    for (const r of refused) await sink.refused(r.name, r.reason);
    for (const f of found) await take(f.name, f.content, f.bytes, depth);
  };
  /** A message (or every message of an mbox) that carries reports: each attachment is opened as a file. */
  const openMessages = async (name: string, content: string, bytes: Buffer) => {
    const [{ decodeMessage }, { splitMbox }] = await Promise.all([import('../headers/attachments.js'), import('../headers/read.js')]);
    const messages = content === 'mbox' ? splitMbox(bytes) : [bytes];
    for (const [i, m] of messages.entries()) {
      const label = content === 'mbox' ? `${name}#${i + 1}` : name;
      const attachments = await decodeMessage(m, false).then((d) => d.attachments, () => []);
      if (!attachments.length) {
        await sink.refused(label, reason('rep.no-report-attached'));
        continue;
      }
      for (const a of attachments) await openBytes(`${label} > ${a.filename}`, a.content, 1);
    }
  };

  const readFile = async (file: string): Promise<Buffer | undefined> => {
    if (file === '-') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of opts.stdin as AsyncIterable<Buffer | string>) {
        const b = typeof c === 'string' ? Buffer.from(c) : c;
        size += b.length;
        if (size > MAX_FILE) throw new InputError(t('error.input-too-large', { path: t('error.stdin'), mb: MAX_FILE / 1048576 }));
        chunks.push(b);
      }
      return Buffer.concat(chunks);
    }
    // Reports are small and many: read at once (a thread-pool round trip per file costs more than the read).
    let bytes: Buffer | undefined;
    try {
      bytes = readWholeFile(file, MAX_FILE);
    } catch (err) {
      throw fileReadError(file, err);
    }
    if (!bytes) await sink.refused(file, reason('rep.bomb', { limit: MAX_FILE, ratio: 1 }));
    return bytes;
  };
  /** Files under a directory, in name order, depth first (links not followed). */
  async function* walk(dir: string): AsyncGenerator<string> {
    const entries = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
      throw fileReadError(dir, err);
    });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, e.name);
      if (e.isDirectory()) yield* walk(full);
      else if (e.isFile()) yield full;
    }
  }

  let read = 0;
  for (const input of inputs) {
    if (opts.signal.aborted) break;
    const isDir = input !== '-' && (await stat(input).catch(() => undefined))?.isDirectory();
    for await (const file of isDir ? walk(input) : [input]) {
      if (opts.signal.aborted) break;
      // Now and then, let the event loop run: Ctrl-C and the progress spinner are heard between files.
      if (++read % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      opts.progress(file);
      const bytes = await readFile(file);
      if (bytes) await openBytes(file === '-' ? 'stdin' : file, bytes, 0);
    }
  }
}
