/** One SMTP account, probed and checked: the report smtp-test prints for it. */
import { readCaFile } from '../core/json-file.js';
import { finding, makeReport } from '../core/finding.js';
import type { Report } from '../core/model.js';
import type { RunContext } from '../core/run-context.js';
import { VERSION } from '../core/version.js';
import { checkProbe } from './check.js';
import { readClaims, tokenProblems } from './oauth2.js';
import type { ProbeOptions } from './probe.js';
import type { Security } from './types.js';

export interface AccountInput {
  /** Profile name, with --config. */
  name?: string;
  host: string;
  port?: number;
  security: Security;
  user?: string;
  password?: string;
  passwordOnCommandLine?: boolean;
  /** An OAuth 2.0 access token, instead of a password. */
  oauth2Token?: string;
  from?: string;
  to?: string;
  send: boolean;
  ehloName?: string;
  servername?: string;
  caFile?: string;
  insecure: boolean;
  requireTls: boolean;
  allowCleartextAuth: boolean;
  family?: 4 | 6;
  transcript: boolean;
  /** --resolver: how host names are resolved instead of the system's way. */
  lookup?: ProbeOptions['lookup'];
}

function defaultPort(security: Security): number {
  return security === 'tls' ? 465 : 587;
}

export async function testAccount(input: AccountInput, ctx: RunContext): Promise<Report> {
  const started = ctx.now();
  let ca: string | undefined;
  if (input.caFile) {
    ca = readCaFile(input.caFile);
  }
  const port = input.port ?? defaultPort(input.security);
  const { probeSmtp } = await import('./probe.js');
  const probe = await probeSmtp({
    host: input.host,
    port,
    security: input.security,
    ...(input.user !== undefined ? { user: input.user } : {}),
    ...(input.password !== undefined ? { password: input.password } : {}),
    ...(input.oauth2Token !== undefined ? { oauth2Token: input.oauth2Token } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
    send: input.send,
    ...(input.ehloName ? { ehloName: input.ehloName } : {}),
    ...(input.servername ? { servername: input.servername } : {}),
    ...(ca ? { ca } : {}),
    insecure: input.insecure,
    requireTls: input.requireTls,
    allowCleartextAuth: input.allowCleartextAuth,
    ...(input.family ? { family: input.family } : {}),
    timeoutMs: ctx.timeoutMs,
    version: VERSION,
    ...(input.lookup ? { lookup: input.lookup } : {}),
    signal: ctx.signal,
  });
  ctx.debug(`${input.host}:${port}: ${probe.phases.map((p) => `${p.name} ${p.ok ? 'ok' : 'failed'} ${p.ms} ms`).join(', ')}`);
  const findings = checkProbe(probe, { requireTls: input.requireTls, insecure: input.insecure, explicitSecurity: input.security !== 'auto' });
  if (input.passwordOnCommandLine) findings.unshift(finding('smtp.password-visible', 'password', { option: '--password' }));
  // What the token says about itself (a JWT's claims, read without its signature): none of it is secret.
  const claims = input.oauth2Token !== undefined ? readClaims(input.oauth2Token) : null;
  if (claims && input.user) for (const p of tokenProblems(claims, input.user, Date.now())) findings.unshift(finding('smtp.oauth2-token', 'access token', { ...p, user: input.user }));
  const { transcript, ...rest } = probe;
  return makeReport({
    command: 'smtp-test',
    target: input.name ? `${input.name} (${input.host}:${port})` : `${input.host}:${port}`,
    findings,
    data: { ...(input.name ? { profile: input.name } : {}), ...rest, ...(input.oauth2Token !== undefined ? { token: { claims } } : {}), ...(input.transcript ? { transcript } : {}) },
    startedAt: started,
    now: ctx.now(),
  });
}
