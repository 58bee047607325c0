import { Option, type Command } from 'commander';
import type { CommandResult, RunContext } from '../core/run-context.js';
import { t } from '../i18n/ui.js';
import { o } from '../i18n/options.js';
import { collect, portNumber, smtpServer } from './arg-parsers.js';
import { WIRE_CHECKS, type WireValue } from '../smtp/wire-values.js';

export interface SmtpTestOptions {
  host?: string;
  port?: number;
  security: 'auto' | 'tls' | 'starttls' | 'none';
  requireTls?: boolean;
  allowCleartextAuth?: boolean;
  user?: string;
  password?: string;
  passwordEnv?: string;
  passwordStdin?: boolean;
  oauth2TokenEnv?: string;
  oauth2TokenStdin?: boolean;
  oauth2TokenCmd?: string;
  from?: string;
  to?: string;
  send?: boolean;
  ehloName?: string;
  servername?: string;
  ca?: string;
  insecure?: boolean;
  ipv4?: boolean;
  ipv6?: boolean;
  config?: string;
  profile?: string;
  all?: boolean;
  transcript?: boolean;
  resolver?: string[];
  resume?: string;
  shard?: string;
}

/** The values of one account that reach the wire, with the option each came from. */
type WireValues = Array<[option: string, kind: WireValue, value: string | undefined]>;

/** Refuses, before any connection, a value the SMTP grammar does not allow (a CR or LF would inject commands). */
function refuseUnsafe(values: WireValues, InputError: new (m: string) => Error): void {
  for (const [option, kind, value] of values) {
    if (value !== undefined && !WIRE_CHECKS[kind](value)) throw new InputError(t(`error.wire-${kind}`, { option, value: JSON.stringify(value.slice(0, 100)) }));
  }
}

export function declareSmtpTest(cmd: Command): Command {
  return cmd
    .description(t('help.cmd.smtp-test'))
    .option('--host <host>', o('smtp-test.host'))
    .option('--port <n>', o('smtp-test.port'), portNumber)
    .addOption(new Option('--security <mode>', o('smtp-test.security')).choices(['auto', 'tls', 'starttls', 'none']).default('auto'))
    .option('--require-tls', o('smtp-test.require-tls'))
    .option('--allow-cleartext-auth', o('smtp-test.allow-cleartext-auth'))
    .option('--user <login>', o('smtp-test.user'))
    .option('--password-env <VAR>', o('smtp-test.password-env'))
    .option('--password-stdin', o('smtp-test.password-stdin'))
    .option('--password <password>', o('smtp-test.password'))
    .option('--oauth2-token-env <VAR>', o('smtp-test.oauth2-token-env'))
    .option('--oauth2-token-stdin', o('smtp-test.oauth2-token-stdin'))
    .option('--oauth2-token-cmd <command>', o('smtp-test.oauth2-token-cmd'))
    .option('--from <address>', o('smtp-test.from'))
    .option('--to <address>', o('smtp-test.to'))
    .option('--send', o('smtp-test.send'))
    .option('--ehlo-name <name>', o('smtp-test.ehlo-name'))
    .option('--servername <name>', o('smtp-test.servername'))
    .option('--ca <file>', o('smtp-test.ca'))
    .option('--insecure', o('smtp-test.insecure'))
    .option('-4, --ipv4', o('smtp-test.ipv4'))
    .option('-6, --ipv6', o('smtp-test.ipv6'))
    .option('--config <file>', o('smtp-test.config'))
    .option('--profile <name>', o('smtp-test.profile'))
    .option('--all', o('smtp-test.all'))
    .option('--transcript', o('smtp-test.transcript'))
    .option('--resolver <ip[:port]>', o('smtp-test.resolver'), collect)
    .option('--resume <file.jsonl>', o('smtp-test.resume'))
    .option('--shard <i/n>', o('smtp-test.shard'))
    .addHelpText(
      'after',
      `
${t('help.examples')}
  SMTP_PASSWORD=... maildiag smtp-test --host smtp.office365.com --port 587 --user app@example.fr --password-env SMTP_PASSWORD --from app@example.fr
  maildiag smtp-test --host ssl0.ovh.net --port 465 --user contact@example.fr --from agent@example.fr
  maildiag smtp-test --host smtp.example.fr --user app@example.fr --password-env P --from app@example.fr --to me@example.net --send
  maildiag smtp-test --config smtp-accounts.json --all`,
    );
}

export async function runSmtpTest(opts: SmtpTestOptions, ctx: RunContext): Promise<CommandResult> {
  const [{ UsageError, InputError }, { loadConfig, checkConfig }, { testAccount, credentialOf }, { makeReport }, { readPassword, readEnvSecret, readToken, runTokenCommand }] = await Promise.all([
    import('../core/errors.js'),
    import('../smtp/config.js'),
    import('../smtp/account.js'),
    import('../core/finding.js'),
    import('./password.js'),
  ]);
  const family: 4 | 6 | undefined = opts.ipv4 ? 4 : opts.ipv6 ? 6 : undefined;
  if (opts.ipv4 && opts.ipv6) throw new UsageError(t('error.ipv4-ipv6'));
  // What the command line says for every account, whether one (--host) or several (--config).
  const common = {
    to: opts.to,
    send: Boolean(opts.send),
    insecure: Boolean(opts.insecure),
    requireTls: Boolean(opts.requireTls),
    allowCleartextAuth: Boolean(opts.allowCleartextAuth),
    family,
    transcript: Boolean(opts.transcript),
    ...(opts.resolver?.length ? { lookup: await resolverLookup(opts.resolver, ctx.timeoutMs) } : {}),
  };

  if (opts.config) {
    if (opts.host) throw new UsageError(t('error.host-or-config'));
    if (!opts.all && !opts.profile) throw new UsageError(t('error.config-choose'));
    const started = ctx.now();
    const profiles = loadConfig(opts.config);
    let chosen = opts.all ? profiles.filter((p) => p.active) : profiles.filter((p) => p.name === opts.profile);
    const fleet = await import('../core/fleet.js');
    // An account's report names its profile: that is what a resumed run skips.
    const wanted = await fleet.selectTargets(opts, (r) => r.data?.profile);
    chosen = chosen.filter((p) => wanted(p.name));
    if (!chosen.length && !opts.shard && !opts.resume) throw new UsageError(opts.all ? t('error.config-no-active', { path: opts.config }) : t('error.config-no-profile', { path: opts.config, name: opts.profile ?? '' }));
    refuseUnsafe(
      [
        ['--to', 'mailbox', opts.to],
        ['--ehlo-name', 'ehlo', opts.ehloName],
        ...chosen.flatMap((p): WireValues => {
          const where = `--config: profile ${p.name}`;
          return [[`${where}: "user"`, 'login', p.user], [`${where}: "from"`, 'mailbox', p.from], [`${where}: "ehloName"`, 'ehlo', p.ehloName], [`${where}: "servername"`, 'servername', p.servername]];
        }),
      ],
      InputError,
    );
    // Every password is read before any connection, so a missing variable stops the run at once.
    const withPasswords = chosen.map((p) => {
      if (!p.user) return { p, password: undefined };
      const where = `--config: profile ${p.name}`;
      if (p.oauth2TokenEnv) return { p, token: readEnvSecret(ctx.env, p.oauth2TokenEnv, where) };
      if (p.oauth2TokenCmd) return { p, tokenCmd: p.oauth2TokenCmd };
      if (!p.passwordEnv) throw new InputError(t('error.config-no-password-env', { name: p.name }));
      return { p, password: readEnvSecret(ctx.env, p.passwordEnv, where) };
    });
    // Token commands run before any connection too, each once.
    const withCredentials = await Promise.all(
      withPasswords.map(async (c) => ('tokenCmd' in c && c.tokenCmd ? { p: c.p, token: await runTokenCommand(c.tokenCmd, `--config: profile ${c.p.name}: "oauth2TokenCmd"`, ctx.timeoutMs, ctx.env) } : c)),
    );
    ctx.progress(t('progress.testing-accounts', { n: chosen.length }));
    ctx.setTotal(chosen.length + (opts.all ? 1 : 0));
    if (opts.all) {
      ctx.emit(
        makeReport({
          command: 'smtp-test',
          target: `config ${opts.config}`,
          findings: checkConfig(opts.config, profiles),
          data: { profiles: profiles.map((p) => ({ name: p.name, host: p.host, port: p.port ?? null, active: p.active, default: p.default })) },
          startedAt: started,
          now: ctx.now(),
        }),
      );
    }
    // Profiles run at once; each report goes out as soon as its account is done.
    await Promise.all(
      withCredentials.map((c, i) =>
        testAccount(
          {
            ...common,
            name: c.p.name,
            host: c.p.host,
            port: c.p.port,
            security: c.p.security ?? 'auto',
            credential: credentialOf(c.p.user, 'password' in c ? c.password : undefined, 'token' in c ? c.token : undefined),
            from: c.p.from,
            ehloName: c.p.ehloName ?? opts.ehloName,
            servername: c.p.servername,
            caFile: c.p.ca ?? opts.ca,
          },
          ctx,
        ).then((report) => ctx.emit(report, i + 1)),
      ),
    );
    return { many: chosen.length + (opts.all ? 1 : 0) > 1 };
  }

  if (!opts.host) throw new UsageError(t('error.smtp-needs-host'));
  if (opts.all || opts.profile) throw new UsageError(t('error.needs-config'));
  const server = smtpServer(opts.host);
  if (server.port !== undefined && opts.port !== undefined && server.port !== opts.port) throw new UsageError(t('error.port-twice', { host: opts.host, port: opts.port }));
  refuseUnsafe(
    [
      ['--user', 'login', opts.user],
      ['--from', 'mailbox', opts.from],
      ['--to', 'mailbox', opts.to],
      ['--ehlo-name', 'ehlo', opts.ehloName],
      ['--servername', 'servername', opts.servername],
    ],
    InputError,
  );
  const security = opts.security === 'auto' && server.tls ? 'tls' : opts.security;
  // On a session that is known to stay unencrypted the password could not be sent: do not ask for it.
  const usable = security !== 'none' || (Boolean(opts.allowCleartextAuth) && !opts.requireTls);
  const oauth2Token = await readToken(opts, ctx);
  const password = oauth2Token !== undefined ? { fromCommandLine: false } : await readPassword(opts, ctx, usable);
  ctx.progress(t('progress.testing', { host: server.host }));
  const report = await testAccount(
    {
      ...common,
      host: server.host,
      port: opts.port ?? server.port,
      // smtps:// says implicit TLS, unless --security says otherwise.
      security,
      credential: credentialOf(opts.user, password.value, oauth2Token),
      passwordOnCommandLine: password.fromCommandLine,
      from: opts.from,
      ehloName: opts.ehloName,
      servername: opts.servername,
      caFile: opts.ca,
    },
    ctx,
  );
  ctx.emit(report);
  return { many: false };
}

/** --resolver: host names resolved through these servers, by the adapter every command shares. */
async function resolverLookup(servers: string[], timeoutMs: number) {
  const [{ WireResolver, parseResolverAddress }, { WireClient }, { addressLookup }] = await Promise.all([import('../dns/resolver.js'), import('../dns/wire.js'), import('../dns/node-adapter.js')]);
  return addressLookup(new WireResolver(new WireClient(servers.map(parseResolverAddress), timeoutMs)));
}
