import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandResult, RunContext } from './context.js';
import { t } from '../i18n/ui.js';

export interface CheckDnsOptions {
  file?: string;
  resolver?: string[];
  zoneFile?: string[];
  ip?: string[];
  expectCname?: string[];
  expect?: string;
  dkimSelector?: string[];
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

const collect = (value: string, previous: string[] = []) => [...previous, value];

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new InvalidArgumentError('give a port number from 1 to 65535');
  return n;
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
    .argument('[domain...]', 'domains to check (IDNs and e-mail addresses accepted)')
    .option('--file <path>', 'more domains, one per line (# comments allowed); - reads stdin')
    .option('--resolver <ip[:port]>', 'ask this DNS server instead of the system one, like dig @server (repeatable; IPv6 as [addr]:port)', collect)
    .option('--zone-file <path>', 'answer from this RFC 1035 zone file first, e.g. before publishing (repeatable)', collect)
    .option('--ip <address>', 'check whether SPF authorises this sending IP, and by which mechanism (repeatable)', collect)
    .option('--expect-cname <name=target>', 'a CNAME your provider asked for; name relative to the domain or absolute (repeatable)', collect)
    .option('--expect <file.json>', 'records a provider requires: [{"type":"CNAME|TXT|MX","name":"...","value":"..."}]')
    .option('--dkim-selector <selector>', 'DKIM selector to check (repeatable); without it, common selectors are tried', collect)
    .addOption(new Option('--concurrency <n>', 'domains checked at once').default(50).argParser(positiveInt))
    .option('--skip <area>', 'leave out an area: spf, dmarc, dkim, mx, expected, tls-rpt, bimi, ptr, mta-sts, dnssec (repeatable)', collect)
    .option('--only <area>', 'check only this area (repeatable); the opposite of --skip', collect)
    .addOption(new Option('--qps <n>', 'never send more than n DNS queries per second in all (shared resolvers)').argParser(positiveNumber))
    .option('--resume <file.jsonl>', 'skip the domains already in this JSON Lines output of an earlier run')
    .option('--shard <i/n>', 'check only the i-th of n deterministic shares of the domains (0 <= i < n)')
    .option('--bimi-selector <selector>', 'BIMI selector (default: default)')
    .option('--ca <file>', 'trust this private CA (PEM) for the MTA-STS policy fetch and MX certificates')
    .addOption(new Option('--https-port <n>', 'port of the MTA-STS policy host (default 443; for test setups)').argParser(portNumber))
    .option('--smtp', 'connect to port 25 of every MX: STARTTLS, TLS version, certificate (off by default: often blocked, slower)')
    .addOption(new Option('--smtp-port <n>', 'port for --smtp (default 25; for test setups)').argParser(portNumber))
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

/** Gathers the inputs, builds the resolver once, and checks every domain with bounded concurrency. */
export async function runCheckDns(args: string[], opts: CheckDnsOptions, ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError }, { normalizeDomainInput }, { loadExpectations, parseExpectCname }, { buildResolver }, { checkDomain, AREAS }, { readLines }, { ipFamily }] = await Promise.all([
    import('../core/errors.js'),
    import('../dns/domain-name.js'),
    import('../dns/expected.js'),
    import('../dns/build-resolver.js'),
    import('../dns/check-domain.js'),
    import('./input.js'),
    import('../dns/ip.js'),
  ]);

  const raw = [...args, ...(opts.file ? await readLines(opts.file, ctx.stdin) : [])];
  if (raw.length === 0) throw new UsageError('check-dns needs a domain, e.g. maildiag check-dns example.fr (or --file domains.txt)');
  if (opts.skip?.length && opts.only?.length) throw new UsageError('give --skip or --only, not both');
  let domains = [...new Set(raw.map(normalizeDomainInput))];
  const fleet = await import('../core/fleet.js');
  if (opts.shard) {
    const { index, count } = fleet.parseShard(opts.shard);
    domains = domains.filter((d) => fleet.shardOf(d, count) === index);
  }
  if (opts.resume) {
    const finished = await fleet.finishedTargets(opts.resume);
    domains = domains.filter((d) => !finished.has(d));
  }
  for (const ip of opts.ip ?? []) if (!ipFamily(ip)) throw new UsageError(`--ip: "${ip}" is not an IPv4 or IPv6 address`);
  const expectations = [...(opts.expectCname ?? []).map(parseExpectCname), ...(opts.expect ? loadExpectations(opts.expect) : [])];
  const areas = AREAS.filter((x) => x !== 'smtp');
  const area = (option: string) => (a: string) => {
    if (!(areas as readonly string[]).includes(a)) throw new UsageError(`${option}: "${a}" is not an area (${areas.join(', ')})`);
    return a as (typeof AREAS)[number];
  };
  const skip = new Set((opts.skip ?? []).map(area('--skip')));
  if (opts.only?.length) {
    const only = new Set(opts.only.map(area('--only')));
    for (const a of areas) if (!only.has(a)) skip.add(a);
  }
  let ca: string | undefined;
  if (opts.ca) {
    const { readFileSync } = await import('node:fs');
    try {
      ca = readFileSync(opts.ca, 'utf8');
    } catch (err) {
      throw new UsageError(`--ca: cannot read ${opts.ca} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca: ${opts.ca} holds no PEM certificate`);
  }
  const https = { port: opts.httpsPort ?? 443, timeoutMs: ctx.timeoutMs, ...(ca ? { ca } : {}) };
  const limiter = opts.qps ? new fleet.RateLimiter(opts.qps) : undefined;
  const resolver = buildResolver({ servers: opts.resolver ?? [], zoneFiles: opts.zoneFile ?? [], timeoutMs: ctx.timeoutMs, ...(limiter ? { limiter } : {}) });
  const [{ DnssecClient }, { parseResolverAddress }, { getServers }] = await Promise.all([import('../dns/dnssec.js'), import('../dns/resolver.js'), import('node:dns')]);
  const dnssecServers = opts.resolver?.length ? opts.resolver.map(parseResolverAddress) : getServers();
  const dnssec = { client: new DnssecClient(dnssecServers, ctx.timeoutMs, limiter), zoneApexes: resolver.zoneApexes };
  ctx.debug(`resolver: ${resolver.description}`);

  ctx.setTotal(domains.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < domains.length && !ctx.signal.aborted) {
      const i = next++;
      const domain = domains[i]!;
      ctx.progress(domains.length > 1 ? `checking ${domain} (${done + 1}/${domains.length})` : `checking ${domain}`);
      const report = await checkDomain(
        resolver,
        { domain, ips: opts.ip ?? [], ...(opts.dkimSelector ? { selectors: opts.dkimSelector } : {}), expectations, skip, https, dnssec, ...(opts.smtp ? { smtp: { port: opts.smtpPort ?? 25, timeoutMs: ctx.timeoutMs, ...(ca ? { ca } : {}) } } : {}), ...(opts.bimiSelector ? { bimiSelector: opts.bimiSelector } : {}) },
        ctx.now,
      );
      ctx.emit(report, i);
      done++;
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, domains.length) }, worker));
  } finally {
    dnssec.client.close();
  }
  return { many: raw.length > 1 || Boolean(opts.file) };
}
