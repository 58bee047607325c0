/**
 * OAuth 2.0 logins for SMTP, pure: the SASL strings (XOAUTH2, as Google and Microsoft 365 take it, and
 * OAUTHBEARER, RFC 7628), the server's decoded refusal, and what an access token says about itself. A JWT
 * is read without verifying its signature: only to tell a support person that the token has expired, is for
 * another service, lacks the SMTP permission, or was issued to another mailbox than the login.
 */

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

export type OAuthMechanism = 'XOAUTH2' | 'OAUTHBEARER';

/** The initial client response of each mechanism, base64 as it goes on the wire. */
export function saslResponse(mechanism: OAuthMechanism, user: string, token: string, host: string, port: number): string {
  return mechanism === 'XOAUTH2' ? b64(`user=${user}\u0001auth=Bearer ${token}\u0001\u0001`) : b64(`n,a=${user},\u0001host=${host}\u0001port=${port}\u0001auth=Bearer ${token}\u0001\u0001`);
}

/** The mechanism to use of those the server offers: XOAUTH2 first (what Microsoft 365 and Google document), else OAUTHBEARER. */
export function pickMechanism(offered: readonly string[]): OAuthMechanism | undefined {
  return (['XOAUTH2', 'OAUTHBEARER'] as const).find((m) => offered.includes(m));
}

/** The error a server sends in its 334 challenge ({"status":"401","schemes":"Bearer","scope":"..."}), decoded. */
export interface OAuthRefusal {
  status: string | null;
  scope: string | null;
  schemes: string | null;
}

export function decodeRefusal(challenge: string): OAuthRefusal | null {
  try {
    const json = JSON.parse(Buffer.from(challenge.trim(), 'base64').toString('utf8')) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);
    return { status: str(json.status), scope: str(json.scope), schemes: str(json.schemes) };
  } catch {
    return null;
  }
}

/** What an access token says, when it is a JWT (Microsoft's are; Google's are opaque). */
export interface TokenClaims {
  audience: string | null;
  /** Delegated permissions (scp) and application roles (roles), as words. */
  permissions: string[];
  user: string | null;
  expiresAt: string | null;
}

export function readClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (!claims || typeof claims !== 'object') return null;
    const words = (v: unknown) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
    const first = (...keys: string[]) => keys.map((k) => claims[k]).find((v): v is string => typeof v === 'string') ?? null;
    const aud = Array.isArray(claims.aud) ? (claims.aud.find((a) => typeof a === 'string') as string | undefined) : claims.aud;
    return {
      audience: typeof aud === 'string' ? aud : null,
      permissions: [...words(claims.scp), ...words(claims.scope), ...words(claims.roles)],
      user: first('upn', 'unique_name', 'email', 'preferred_username'),
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : null,
    };
  } catch {
    return null;
  }
}

/** Exchange Online's SMTP audience, by URL or by its application id. */
const MICROSOFT_SMTP_AUDIENCES = ['https://outlook.office.com', 'https://outlook.office365.com', '00000002-0000-0ff1-ce00-000000000000'];

export type TokenProblem = 'expired' | 'audience' | 'scope' | 'user';

/** Pure: what is wrong with a token for sending as `login`, read from its claims, at `now`. */
export function tokenProblems(c: TokenClaims, login: string, now: number): Array<{ problem: TokenProblem; detail: string }> {
  const out: Array<{ problem: TokenProblem; detail: string }> = [];
  if (c.expiresAt && Date.parse(c.expiresAt) <= now) out.push({ problem: 'expired', detail: c.expiresAt });
  const microsoft = c.audience !== null && MICROSOFT_SMTP_AUDIENCES.some((a) => c.audience!.replace(/\/$/, '').toLowerCase() === a);
  if (c.audience !== null && !microsoft && !/google/i.test(c.audience)) out.push({ problem: 'audience', detail: c.audience });
  if (microsoft && !c.permissions.some((p) => /^SMTP\.Send(AsApp)?$/i.test(p))) out.push({ problem: 'scope', detail: c.permissions.join(' ') || 'none' });
  if (c.user && login.includes('@') && c.user.toLowerCase() !== login.toLowerCase()) out.push({ problem: 'user', detail: c.user });
  return out;
}
