/**
 * "host", "host:port", "[v6]" or "[v6]:port" split apart, as --resolver, the system's resolver list and
 * --host write them. A bare IPv6 address ("2001:db8::53") is a host without a port. No validation here:
 * each caller checks the host it expects (an IP for a resolver, a name or an IP for an SMTP server).
 */
export function splitHostPort(text: string): { host: string; port?: string } {
  const v6 = text.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (v6) return { host: v6[1]!, ...(v6[2] !== undefined ? { port: v6[2] } : {}) };
  const hp = text.match(/^([^:[\]]+):(\d+)$/);
  if (hp) return { host: hp[1]!, port: hp[2]! };
  return { host: text };
}
