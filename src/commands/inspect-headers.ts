import type { Command } from 'commander';
import type { Report } from '../core/model.js';
import type { CommandResult, RunContext } from './context.js';

export interface InspectHeadersOptions {
  mbox?: boolean;
  expectRelay?: string[];
  expectFrom?: string;
  trusted?: string[];
  verify?: boolean;
  resolver?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function declareInspectHeaders(cmd: Command): Command {
  return cmd
    .description('read the headers of a received message: which relay and sender delivered it, did SPF/DKIM/DMARC pass and align, was it forwarded')
    .argument('[file...]', '.eml files or pasted header blocks; - or a pipe reads stdin')
    .option('--mbox', 'the input is an mbox: one summary row per message (detected by itself when it starts with "From ")')
    .option('--expect-relay <host|ip>', 'did the message go through this relay? (repeatable)', collect)
    .option('--expect-from <address|domain>', 'was it sent with this sender?')
    .option('--trusted <host|domain>', "the receiving side's own hosts, when the guess is wrong (repeatable)", collect)
    .addHelpText(
      'after',
      `
Examples:
  maildiag inspect-headers message.eml
  maildiag inspect-headers notification.eml --expect-relay smtp.mairie-exemple.fr --expect-from notifications@mairie-exemple.fr
  pbpaste | maildiag inspect-headers            (headers pasted from "Show original")
  maildiag inspect-headers --mbox archive.mbox --json`,
    );
}

/** Reads each input, inspects each message; mbox files give one row per message. */
export async function runInspectHeaders(files: string[], opts: InspectHeadersOptions, ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError }, read, { inspectMessage }, { decoders }] = await Promise.all([
    import('../core/errors.js'),
    import('../headers/read.js'),
    import('../headers/inspect.js'),
    import('../headers/decoders.js'),
  ]);
  const inputs = files.length ? files : ctx.stdinIsTTY ? [] : ['-'];
  if (!inputs.length) throw new UsageError('inspect-headers needs a file, or headers on standard input (e.g. pbpaste | maildiag inspect-headers)');
  if (inputs.filter((f) => f === '-').length > 1) throw new UsageError('standard input can be read only once');
  const d = await decoders();
  const options = { relays: opts.expectRelay ?? [], ...(opts.expectFrom ? { from: opts.expectFrom } : {}), trusted: opts.trusted ?? [] };
  const reports: Report[] = [];
  let mboxSeen = false;

  for (const file of inputs) {
    const started = ctx.now();
    ctx.progress(`reading ${file === '-' ? 'standard input' : file}`);
    const first = await read.readHeaderBlock(file, ctx.stdin, false);
    const isMbox = opts.mbox || first.firstLine.startsWith('From ');
    if (isMbox) {
      if (file === '-' && !opts.mbox) throw new UsageError('standard input looks like an mbox: give --mbox, or the file path, so it can be read from the start');
      mboxSeen = true;
      for await (const raw of read.readMbox(file, ctx.stdin, false)) reports.push(inspectMessage(raw, options, d, undefined, ctx.now(), ctx.now));
      continue;
    }
    // The body is read only to confirm an inline forward (Fwd:/TR: subjects); the header block is enough otherwise.
    let report = inspectMessage(first, options, d, undefined, started, ctx.now);
    const fwd = (report.data as { forwarding?: { subjectOnly?: boolean } }).forwarding;
    if (fwd?.subjectOnly && file !== '-') {
      const whole = await read.readHeaderBlock(file, ctx.stdin, true);
      if (whole.body && whole.body.length > 0) report = inspectMessage(whole, options, d, await bodyText(whole), started, ctx.now);
    }
    reports.push(report);
  }
  return { reports, many: inputs.length > 1 || mboxSeen, ...(mboxSeen ? { summary: true } : {}) };
}

/** Plain text of a message's body, decoded by mailparser (loaded only here). */
async function bodyText(raw: { header: Buffer; body?: Buffer }): Promise<string> {
  const { simpleParser } = await import('mailparser');
  const parsed = await simpleParser(Buffer.concat([raw.header, raw.body ?? Buffer.alloc(0)]), { skipImageLinks: true, skipTextToHtml: true, skipHtmlToText: false });
  return parsed.text ?? '';
}
