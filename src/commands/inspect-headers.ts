import type { Command } from 'commander';
import type { CommandResult, RunContext } from '../core/run-context.js';
import type { Report } from '../core/model.js';
import { t } from '../i18n/ui.js';
import { o } from '../i18n/options.js';
import { collect } from './arg-parsers.js';

export interface InspectHeadersOptions {
  mbox?: boolean;
  expectRelay?: string[];
  expectFrom?: string;
  trusted?: string[];
  verify?: boolean;
  requirements?: boolean;
  bulk?: boolean;
  resolver?: string[];
  zoneFile?: string[];
}


export function declareInspectHeaders(cmd: Command): Command {
  return cmd
    .description(t('help.cmd.inspect-headers'))
    .argument('[file...]', o('inspect-headers.arg'))
    .option('--mbox', o('inspect-headers.mbox'))
    .option('--expect-relay <host|ip>', o('inspect-headers.expect-relay'), collect)
    .option('--expect-from <address|domain>', o('inspect-headers.expect-from'))
    .option('--trusted <host|domain>', o('inspect-headers.trusted'), collect)
    .option('--verify', o('inspect-headers.verify'))
    .option('--requirements', o('inspect-headers.requirements'))
    .option('--bulk', o('inspect-headers.bulk'))
    .option('--resolver <ip[:port]>', o('inspect-headers.resolver'), collect)
    .option('--zone-file <path>', o('inspect-headers.zone-file'), collect)
    .addHelpText(
      'after',
      `
${t('help.examples')}
  maildiag inspect-headers message.eml
  maildiag inspect-headers notification.eml --expect-relay smtp.mairie-exemple.fr --expect-from notifications@mairie-exemple.fr
  pbpaste | maildiag inspect-headers            (headers pasted from "Show original")
  maildiag inspect-headers newsletter.eml --requirements --bulk
  maildiag inspect-headers --mbox archive.mbox --json
  maildiag inspect-headers message.eml --verify --resolver 1.1.1.1`,
    );
}

/** Reads each input, inspects each message; mbox files give one row per message. */
export async function runInspectHeaders(files: string[], opts: InspectHeadersOptions, ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError, InputError }, read, { inspectMessage }, { decoders }, { bodyParts }] = await Promise.all([
    import('../core/errors.js'),
    import('../headers/read.js'),
    import('../headers/inspect.js'),
    import('../headers/decoders.js'),
    import('../headers/body-text.js'),
  ]);
  const inputs = files.length ? files : ctx.stdinIsTTY ? [] : ['-'];
  if (!inputs.length) throw new UsageError(t('error.inspect-needs-input'));
  if (inputs.filter((f) => f === '-').length > 1) throw new UsageError(t('error.stdin-once'));
  const d = await decoders();
  const options = { relays: opts.expectRelay ?? [], ...(opts.expectFrom ? { from: opts.expectFrom } : {}), trusted: opts.trusted ?? [], requirements: Boolean(opts.requirements), bulk: Boolean(opts.bulk) };
  if (opts.bulk && !opts.requirements) throw new UsageError(t('error.bulk-needs-requirements'));
  if (!opts.verify && (opts.resolver || opts.zoneFile)) throw new UsageError(t('error.resolver-needs-verify'));
  const verifier = opts.verify ? await makeVerifier(opts, ctx, d.orgDomain) : undefined;
  let mboxSeen = false;
  ctx.setTotal(inputs.length);

  for (const file of inputs) {
    if (ctx.signal.aborted) break;
    const started = ctx.now();
    ctx.progress(t('progress.reading', { source: file === '-' ? t('error.stdin') : file }));
    // Standard input can be read once: with --verify, body included from the start; with --mbox, as an mbox.
    // Otherwise the header block is inspected as soon as it is read; the body is read on, from the same
    // stream and only its first MB, when an inline forward (Fwd:/TR: subjects) must be confirmed or the
    // sender requirements are judged (the unsubscribe link is in the body).
    let headerOnly: Report | undefined;
    const confirmForward = async (head: import('../headers/read.js').HeaderRead) => {
      if (head.firstLine.startsWith('From ')) return 0;
      headerOnly = await inspectMessage(head, options, d, undefined, started, ctx.now);
      // The body's unsubscribe link is looked for when asked, or in mail whose headers say it went to a list.
      const needsLink = opts.requirements || headerOnly.data.requirements?.rows.some((r) => r.rule === 'unsubscribe-link' && r.state === 'unknown');
      return headerOnly.data.forwarding?.subjectOnly || needsLink ? read.MAX_BODY_PREFIX : 0;
    };
    const first = opts.mbox ? undefined : await read.readHeaderBlock(file, ctx.stdin, Boolean(verifier) && file === '-', verifier ? undefined : confirmForward);
    if (!first || first.firstLine.startsWith('From ')) {
      if (file === '-' && !opts.mbox) throw new UsageError(t('error.stdin-is-mbox'));
      mboxSeen = true;
      let messages = 0;
      for await (const raw of read.readMbox(file, ctx.stdin, Boolean(verifier) || Boolean(opts.requirements), ctx.signal)) {
        if (ctx.signal.aborted) break;
        messages++;
        await ctx.emit(await inspectMessage(raw, { ...options, summary: true }, d, opts.requirements ? await bodyParts(raw) : undefined, ctx.now(), ctx.now, verifier?.(raw)));
      }
      // An empty mbox is bad input (one line, exit 3), not an empty table that passes.
      if (messages === 0 && !ctx.signal.aborted) throw new InputError(t('error.empty-mbox', { path: file === '-' ? t('error.stdin') : file }));
      continue;
    }
    if (verifier) {
      // DKIM body hashes need the whole message: read it once, body included.
      const whole = file === '-' ? first : await read.readHeaderBlock(file, ctx.stdin, true);
      ctx.emit(await inspectMessage(whole, options, d, whole.body ? await bodyParts(whole) : undefined, started, ctx.now, verifier(whole)));
      continue;
    }
    const report = first.body?.length ? await inspectMessage(first, options, d, await bodyParts(first), started, ctx.now) : (headerOnly ?? (await inspectMessage(first, options, d, undefined, started, ctx.now)));
    ctx.emit(report);
  }
  return { many: inputs.length > 1 || mboxSeen, ...(mboxSeen ? { summary: true } : {}) };
}

/** --verify: one resolver for the run; per message, mailauth's re-check and maildiag's own alignment. */
async function makeVerifier(opts: InspectHeadersOptions, ctx: RunContext, orgDomain: (n: string) => string) {
  const [{ buildResolver }, { verifyMessage }, { checkVerification }, { fetchDmarc }, { reverseDns, checkReverseDns, genericOf }, { fetchDnsbl, checkDnsbl }, { blocklistsOf }, { finding }, { isPrivateIp }] = await Promise.all([
    import('../dns/build-resolver.js'),
    import('../headers/verify.js'),
    import('../headers/verify-check.js'),
    import('../dns/dmarc.js'),
    import('../dns/reverse.js'),
    import('../dns/dnsbl.js'),
    import('../dns/blocklists.js'),
    import('../core/finding.js'),
    import('../headers/received.js'),
  ]);
  const lists = blocklistsOf().filter((l) => l.kind === 'ip');
  const resolver = buildResolver({ servers: opts.resolver ?? [], zoneFiles: opts.zoneFile ?? [], timeoutMs: ctx.timeoutMs });
  return (raw: { header: Buffer; body?: Buffer }) =>
    async (a: import('../headers/analyze.js').HeaderAnalysis) => {
      const message = Buffer.concat([raw.header, raw.body ?? Buffer.alloc(0)]);
      const verification = await verifyMessage(
        { message, ip: a.delivering?.ip ?? null, helo: a.hops.find((h) => h.side === 'handoff')?.helo ?? null, sender: a.returnPath, mta: a.delivering?.by ?? null },
        resolver,
      );
      // The sending IPs as receivers judged them: the delivering relay (reverse DNS, blocklists), and the
      // address an authenticated user submitted from, where a PBL listing is expected (role client).
      const ips = [
        ...(a.delivering?.ip && !isPrivateIp(a.delivering.ip) ? [{ ip: a.delivering.ip, role: 'relay' as const }] : []),
        ...(a.origin?.auth && !a.origin.privateIp && a.origin.ip !== a.delivering?.ip ? [{ ip: a.origin.ip, role: 'client' as const }] : []),
      ];
      const [policy, judged] = await Promise.all([
        a.alignment.fromDomain ? fetchDmarc(resolver, a.alignment.fromDomain) : undefined,
        Promise.all(ips.map(async (x) => ({ ...x, rdns: x.role === 'relay' ? await reverseDns(resolver, x.ip) : undefined, dnsbl: await fetchDnsbl(resolver, lists, [x.ip], undefined) }))),
      ]);
      const tag = (t: string): 'r' | 's' => (policy?.parsed?.tags[t]?.toLowerCase() === 's' ? 's' : 'r');
      const ipFindings = judged.flatMap((j) => [
        ...[...(j.rdns?.failures ?? []), ...j.dnsbl.failures].map((f) => finding('dns.query-failed', f.name, { name: f.name, type: f.type, reason: f.reason })),
        ...(j.rdns ? checkReverseDns(j.rdns) : []),
        ...checkDnsbl(j.dnsbl, resolver.description, j.role),
      ]);
      const ipData = judged.map((j) => ({
        ip: j.ip,
        role: j.role,
        rdns: j.rdns ? { status: j.rdns.status, names: j.rdns.names, confirmedName: j.rdns.confirmedName ?? null, generic: genericOf(j.rdns) } : null,
        dnsbl: { lists: j.dnsbl.lists, lookups: j.dnsbl.ips, rewrite: j.dnsbl.rewrite ?? null },
      }));
      return {
        findings: [...checkVerification(a, verification, { adkim: tag('adkim'), aspf: tag('aspf') }, orgDomain), ...ipFindings],
        data: { verify: { ...verification, policy: policy?.record ?? null, ips: ipData } },
      };
    };
}
