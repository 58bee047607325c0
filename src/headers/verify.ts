/**
 * --verify: DKIM (body hash and signature), SPF for the delivering IP and envelope sender, DMARC and
 * ARC re-checked now, through the run's resolver, with mailauth (the only place that imports it).
 * mailauth 4 takes the client IP only from a [..] literal in the topmost Received and treats strict
 * DMARC alignment as relaxed: maildiag passes the IP and sender it found, and computes alignment itself.
 */
import { nodeErrorCode } from '../dns/node-adapter.js';
import type { DnsResult, RecordType, Resolver } from '../dns/types.js';

export interface VerifyInput {
  message: Buffer;
  ip: string | null;
  helo: string | null;
  sender: string | null;
  mta: string | null;
}

export interface VerifiedDkim {
  domain: string;
  selector: string;
  result: string;
  comment: string | null;
  /** The RSA key's size, from the key fetched now; null for Ed25519 (or when no key was read). */
  bits: number | null;
}

export interface Verification {
  dkim: VerifiedDkim[];
  spf: { result: string; domain: string | null; ip: string | null; comment: string | null } | null;
  arc: { result: string; comment: string | null } | null;
  /** DMARC as mailauth concludes (its alignment may be looser than the policy asks). */
  dmarc: { result: string; policy: string | null } | null;
}

type MailauthResolver = (name: string, type: string) => Promise<unknown[]>;

/** mailauth expects dns.promises.resolve: arrays, and errors carrying ENOTFOUND / ENODATA. */
export function mailauthResolver(resolver: Resolver): MailauthResolver {
  return async (name, type) => {
    const r = (await resolver.query(name, type as RecordType)) as DnsResult<unknown>;
    if (r.status === 'found') return r.records;
    const code = nodeErrorCode(r);
    throw Object.assign(new Error(`${type} ${name}: ${code}`), { code });
  };
}

interface MailauthStatus {
  result?: string;
  comment?: string;
}

export async function verifyMessage(input: VerifyInput, resolver: Resolver): Promise<Verification> {
  const { authenticate } = (await import('mailauth')) as unknown as {
    authenticate: (msg: Buffer, opts: Record<string, unknown>) => Promise<Record<string, any>>;
  };
  const r = await authenticate(input.message, {
    resolver: mailauthResolver(resolver),
    ...(input.ip ? { ip: input.ip } : {}),
    ...(input.helo ? { helo: input.helo } : {}),
    ...(input.sender ? { sender: input.sender } : {}),
    mta: input.mta ?? 'maildiag.invalid',
    disableBimi: true,
    trustReceived: false,
  });
  const dkim: VerifiedDkim[] = ((r.dkim?.results ?? []) as Array<{ signingDomain?: string; selector?: string; status?: MailauthStatus; modulusLength?: number }>).map((d) => ({
    domain: (d.signingDomain ?? '').toLowerCase(),
    selector: d.selector ?? '',
    result: d.status?.result ?? 'none',
    comment: d.status?.comment ?? null,
    bits: d.modulusLength ?? null,
  }));
  const spfStatus = r.spf?.status as MailauthStatus | undefined;
  return {
    dkim,
    spf: r.spf ? { result: spfStatus?.result ?? 'none', domain: r.spf.domain ?? null, ip: input.ip, comment: spfStatus?.comment ?? null } : null,
    arc: r.arc ? { result: (r.arc.status as MailauthStatus)?.result ?? 'none', comment: (r.arc.status as MailauthStatus)?.comment ?? null } : null,
    dmarc: r.dmarc ? { result: (r.dmarc.status as MailauthStatus)?.result ?? 'none', policy: r.dmarc.policy ?? r.dmarc.p ?? null } : null,
  };
}
