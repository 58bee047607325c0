/** One SMTP account, probed and checked: the report smtp-test prints for it. */
import { readCaFile } from '../core/json-file.js';
import { finding, makeReport } from '../core/finding.js';
import type { ReportOf } from '../core/model.js';
import type { RunContext } from '../core/run-context.js';
import { VERSION } from '../core/version.js';
import { checkProbe } from './check.js';
import { readClaims, tokenProblems } from './oauth2.js';
import type { Credential, ProbeOptions } from './probe.js';
import type { ProbeResult, Security, TranscriptLine } from './types.js';

/** One account as smtp-test gives it: the probe's options, with the port and CA file as the user gave them. */
export type AccountInput = Omit<ProbeOptions, 'port' | 'ca' | 'timeoutMs' | 'version' | 'signal'> & {
  /** Profile name, with --config. */
  name?: string;
  port?: number;
  caFile?: string;
  /** The password was typed on the command line (--password): warned about. */
  passwordOnCommandLine?: boolean;
  transcript: boolean;
};

/** The login of an account: none without a user, a token when one was given, else the password (if any). */
export function credentialOf(user: string | undefined, password: string | undefined, token: string | undefined): Credential | undefined {
  if (user === undefined) return undefined;
  if (token !== undefined) return { method: 'oauth2', user, token };
  return { method: 'password', user, ...(password !== undefined ? { password } : {}) };
}

function defaultPort(security: Security): number {
  return security === 'tls' ? 465 : 587;
}

export async function testAccount(input: AccountInput, ctx: RunContext): Promise<ReportOf<'smtp-test'>> {
  const started = ctx.now();
  let ca: string | undefined;
  if (input.caFile) {
    ca = readCaFile(input.caFile);
  }
  const { name, port: givenPort, caFile: _caFile, passwordOnCommandLine, transcript: keepTranscript, ...probeInput } = input;
  const port = givenPort ?? defaultPort(input.security);
  const { probeSmtp } = await import('./probe.js');
  const probe = await probeSmtp({ ...probeInput, port, ...(ca ? { ca } : {}), timeoutMs: ctx.timeoutMs, version: VERSION, signal: ctx.signal });
  ctx.debug(`${input.host}:${port}: ${probe.phases.map((p) => `${p.name} ${p.ok ? 'ok' : 'failed'} ${p.ms} ms`).join(', ')}`);
  const findings = checkProbe(probe, { requireTls: input.requireTls, insecure: input.insecure, explicitSecurity: input.security !== 'auto' });
  if (passwordOnCommandLine) findings.unshift(finding('smtp.password-visible', 'password', { option: '--password' }));
  // What the token says about itself (a JWT's claims, read without its signature): none of it is secret.
  const oauth2 = input.credential?.method === 'oauth2' ? input.credential : undefined;
  const claims = oauth2 ? readClaims(oauth2.token) : null;
  if (claims && oauth2) for (const p of tokenProblems(claims, oauth2.user, Date.now())) findings.unshift(finding('smtp.oauth2-token', 'access token', { ...p, user: oauth2.user }));
  const { transcript, ...rest } = probe;
  return makeReport({
    command: 'smtp-test',
    target: name ? `${name} (${input.host}:${port})` : `${input.host}:${port}`,
    findings,
    data: { ...(name ? { profile: name } : {}), ...rest, ...(oauth2 ? { token: { claims } } : {}), ...(keepTranscript ? { transcript } : {}) },
    startedAt: started,
    now: ctx.now(),
  });
}

/** One row of the accounts file, in the report of `--config --all`. */
export interface ProfileRow {
  name: string;
  host: string;
  port: number | null;
  active: boolean;
  default: boolean;
}

/** smtp-test's report data: what the probe observed (its transcript only with --transcript), or the accounts file's profiles. */
export type SmtpTestData = Omit<ProbeResult, 'transcript'> & {
  profile: string;
  token: { claims: ReturnType<typeof readClaims> };
  transcript: TranscriptLine[];
  profiles: ProfileRow[];
};

declare module '../core/model.js' {
  interface ReportDataMap {
    'smtp-test': SmtpTestData;
  }
}
