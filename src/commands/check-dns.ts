import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandResult, RunContext } from '../core/run-context.js';
import { t } from '../i18n/ui.js';
import { FIRST_QUESTIONS, SKIPPABLE_AREAS, type Area } from '../dns/area-names.js';
import { o } from '../i18n/options.js';
import { collect, portNumber } from './arg-parsers.js';

export interface CheckDnsOptions {
  file?: string;
  resolver?: string[];
  zoneFile?: string[];
  ip?: string[];
  dnsbl?: string[];
  dnsblOnly?: boolean;
  sender?: string;
  helo?: string;
  expectCname?: string[];
  expect?: string;
  dkimSelector?: string[];
  requirements?: boolean;
  bulk?: boolean;
  concurrency: number;
  skip?: string[];
  bimiSelector?: string;
  ca?: string;
  httpsPort?: number;
  smtp?: boolean;
  smtpPort?: number;
  only?: string[];
  qps?: number;
  resume?: string;
  shard?: string;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1_000_000) throw new InvalidArgumentError('give a positive number, e.g. 50');
  return n;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('give a whole number from 1 to 1000');
  return n;
}

export function declareCheckDns(cmd: Command): Command {
  return cmd
    .description(t('help.cmd.check-dns'))
    .argument('[domain...]', o('check-dns.arg'))
    .option('--file <path>', o('check-dns.file'))
    .option('--resolver <ip[:port]>', o('check-dns.resolver'), collect)
    .option('--zone-file <path>', o('check-dns.zone-file'), collect)
    .option('--ip <address>', o('check-dns.ip'), collect)
    .option('--sender <address>', o('check-dns.sender'))
    .option('--helo <name>', o('check-dns.helo'))
    .option('--dnsbl <zone>', o('check-dns.dnsbl'), collect)
    .option('--dnsbl-only', o('check-dns.dnsbl-only'))
    .option('--expect-cname <name=target>', o('check-dns.expect-cname'), collect)
    .option('--expect <file.json>', o('check-dns.expect'))
    .option('--dkim-selector <selector>', o('check-dns.dkim-selector'), collect)
    .option('--requirements', o('check-dns.requirements'))
    .option('--bulk', o('check-dns.bulk'))
    .addOption(new Option('--concurrency <n>', o('check-dns.concurrency')).default(50).argParser(positiveInt))
    .option('--skip <area>', o('check-dns.skip').replace('{areas}', SKIPPABLE_AREAS.join(', ')), collect)
    .option('--only <area>', o('check-dns.only'), collect)
    .addOption(new Option('--qps <n>', o('check-dns.qps')).argParser(positiveNumber))
    .option('--resume <file.jsonl>', o('check-dns.resume'))
    .option('--shard <i/n>', o('check-dns.shard'))
    .option('--bimi-selector <selector>', o('check-dns.bimi-selector'))
    .option('--ca <file>', o('check-dns.ca'))
    .addOption(new Option('--https-port <n>', o('check-dns.https-port')).argParser(portNumber))
    .option('--smtp', o('check-dns.smtp'))
    .addOption(new Option('--smtp-port <n>', o('check-dns.smtp-port')).argParser(portNumber))
    .addHelpText(
      'after',
      `
${t('help.examples')}
  maildiag check-dns example.fr
  maildiag check-dns example.fr --ip 212.146.241.127 --ip 2001:db8::25
  maildiag check-dns example.fr --expect-cname s1._domainkey=s1.domainkey.u1234.wl.sendgrid.net
  maildiag check-dns --file domains.txt --resolver 1.1.1.1 --json
  maildiag check-dns --file domains.txt --format jsonl --output results.jsonl --qps 200 --shard 0/4
  maildiag check-dns example.fr --zone-file example.fr.zone     (before publishing)
  maildiag check-dns example.fr --smtp                          (STARTTLS on every MX, from a host allowed to use port 25)`,
    );
}

/** local@domain with the domain in its ASCII form; the local part as given (printable ASCII only). */
function senderAddress(text: string, domain: string): string {
  const at = text.lastIndexOf('@');
  const local = at > 0 ? text.slice(0, at).replace(/[^\x21-\x7e]/g, '') : '';
  return local ? `${local}@${domain}` : `postmaster@${domain}`;
}

/** Gathers the inputs, builds the resolver once, and checks every domain with bounded concurrency. */
export async function runCheckDns(args: string[], opts: CheckDnsOptions, ctx: RunContext): Promise<CommandResult> {
  // What reads and checks the options, and the resolver: light. The checks (and the catalogue of findings
  // they word) load once the first questions are on their way (FIRST_QUESTIONS).
  const [{ UsageError }, { normalizeDomainInput }, { buildResolver }, { targetLines, RecentNames }, { ipFamily }, fleet] = await Promise.all([
    import('../core/errors.js'),
    import('../core/domain-name.js'),
    import('../dns/build-resolver.js'),
    import('./input.js'),
    import('../core/ip-family.js'),
    import('../core/fleet.js'),
  ]);

  const where = opts.file === '-' ? 'stdin' : opts.file;
  if (!args.length && !opts.file) throw new UsageError(t('error.check-dns-needs-domain'));
  if (opts.skip?.length && opts.only?.length) throw new UsageError(t('error.skip-or-only'));
  // A bad line in a list of thousands is named by its line number.
  const domain = ({ text, line }: { text: string; line: number }) => {
    try {
      return normalizeDomainInput(text);
    } catch (err) {
      throw line && err instanceof UsageError ? new UsageError(`${where}:${line}: ${err.message}`) : err;
    }
  };
  const wanted = await fleet.selectTargets(opts);
  // The list is streamed, never held: a file is read once to check every line before any query is
  // sent (and to count the targets for the progress bar), then again as the checks go; standard input,
  // which can be read once, is checked line by line as it comes.
  let total: number | undefined;
  const positional = args.map((text) => domain({ text, line: 0 }));
  // An address given as the domain keeps its local part for SPF's macros (%{l}, %{s}): user@example.fr.
  const senders = new Map(args.flatMap((text, i) => (text.includes('@') && text.trim().lastIndexOf('@') > 0 ? [[positional[i]!, senderAddress(text.trim(), positional[i]!)] as const] : [])));
  if (opts.file && opts.file !== '-') {
    let lines = 0;
    total = positional.filter(wanted).length;
    for await (const batch of targetLines(opts.file, ctx.stdin)) {
      lines += batch.length;
      for (const l of batch) if (wanted(domain(l))) total++;
    }
    if (lines + args.length === 0) throw new UsageError(t('error.check-dns-needs-domain'));
  }
  const sender = (d: string) => {
    const s = opts.sender ?? senders.get(d);
    return s ? { sender: s } : {};
  };
  const recent = new RecentNames();
  let read = 0;
  async function* domains(): AsyncGenerator<string> {
    for (const d of positional) if (wanted(d) && !recent.seen(d)) yield d;
    if (!opts.file) return;
    for await (const batch of targetLines(opts.file, ctx.stdin)) {
      read += batch.length;
      const chosen = batch.map(domain).filter((d) => wanted(d) && !recent.seen(d));
      yield* chosen;
    }
  }
  if (opts.sender !== undefined) opts.sender = senderAddress(opts.sender, normalizeDomainInput(opts.sender));
  if (opts.helo !== undefined) opts.helo = normalizeDomainInput(opts.helo);
  for (const ip of opts.ip ?? []) if (!ipFamily(ip)) throw new UsageError(t('error.invalid-ip', { option: '--ip', input: ip }));
  if (opts.dnsblOnly && !opts.dnsbl?.length) throw new UsageError(t('error.dnsbl-only-alone'));
  if (opts.bulk && !opts.requirements) throw new UsageError(t('error.bulk-needs-requirements'));
  const dnsbl = (opts.dnsbl ?? []).map((z) => normalizeDomainInput(z));
  // Expected records are read (and refused) before any question, like every other input.
  const expected = opts.expect || opts.expectCname?.length ? await import('../dns/expected.js') : undefined;
  const expectations = expected ? [...(opts.expectCname ?? []).map(expected.parseExpectCname), ...(opts.expect ? expected.loadExpectations(opts.expect) : [])] : [];
  const areas = SKIPPABLE_AREAS;
  const area = (option: string) => (a: string) => {
    if (!(areas as readonly string[]).includes(a)) throw new UsageError(t('error.not-an-area', { option, input: a, areas: areas.join(', ') }));
    return a as Area;
  };
  const skip = new Set((opts.skip ?? []).map(area('--skip')));
  if (opts.only?.length) {
    const only = new Set(opts.only.map(area('--only')));
    for (const a of areas) if (!only.has(a)) skip.add(a);
  }
  let ca: string | undefined;
  if (opts.ca) {
    const { readCaFile } = await import('../core/json-file.js');
    ca = readCaFile(opts.ca);
  }
  const https = { port: opts.httpsPort ?? 443, timeoutMs: ctx.timeoutMs, ...(ca ? { ca } : {}) };
  const limiter = opts.qps ? new fleet.RateLimiter(opts.qps) : undefined;
  const resolver = buildResolver({ servers: opts.resolver ?? [], zoneFiles: opts.zoneFile ?? [], timeoutMs: ctx.timeoutMs, concurrent: opts.concurrency, ...(limiter ? { limiter } : {}) });
  for (const d of positional.filter(wanted).slice(0, opts.concurrency)) for (const q of FIRST_QUESTIONS) if (!skip.has(q.area)) void resolver.query(q.name(d), q.type);
  const [{ checkDomain }, { DnssecClient }, { blocklistsOf }] = await Promise.all([import('../dns/check-domain.js'), import('../dns/dnssec.js'), import('../dns/blocklists.js')]);
  const blocklists = blocklistsOf(dnsbl, opts.dnsblOnly);
  const dnssec = { client: new DnssecClient(resolver.wire, resolver.maxEntries), zoneApexes: resolver.zoneApexes };
  ctx.debug(`resolver: ${resolver.description}`);

  if (total !== undefined) ctx.setTotal(total);
  const queue = domains();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (!ctx.signal.aborted) {
      const item = await queue.next();
      if (item.done) return;
      const domain = item.value;
      const i = next++;
      ctx.progress(total !== undefined && total > 1 ? t('progress.checking-of', { target: domain, n: done + 1, total }) : t('progress.checking', { target: domain }));
      const report = await checkDomain(
        resolver,
        { domain, ips: opts.ip ?? [], blocklists, ...sender(domain), ...(opts.helo ? { helo: opts.helo } : {}), ...(opts.dkimSelector ? { selectors: opts.dkimSelector } : {}), expectations, skip, https, dnssec, ...(opts.smtp ? { smtp: { port: opts.smtpPort ?? 25, timeoutMs: ctx.timeoutMs, ...(ca ? { ca } : {}) } } : {}), ...(opts.bimiSelector ? { bimiSelector: opts.bimiSelector } : {}), ...(opts.requirements ? { requirements: { bulk: Boolean(opts.bulk) } } : {}) },
        ctx.now,
      );
      await ctx.emit(report, i);
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, total ?? opts.concurrency)) }, worker));
  } finally {
    resolver.wire.close();
  }
  if (opts.file === '-' && read + args.length === 0) throw new UsageError(t('error.check-dns-needs-domain'));
  return { many: args.length > 1 || Boolean(opts.file), dns: { ...resolver.wire.stats } };
}
