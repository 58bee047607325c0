import type { SecureContext, SecureContextOptions } from 'node:tls';

/**
 * A TLS context that trusts the system's roots and one more CA (--ca, a private CA of the relay). Listing
 * every root next to it (`ca: [...tls.rootCertificates, ca]`) makes Node parse the 140-odd roots again for
 * each context: 21 ms a context, measured, and smtp-test built two. A context on the default roots with
 * the CA added costs about 1.5 ms, and keeps the roots the process really trusts (the system's store
 * under node --use-openssl-ca, which tls.rootCertificates does not list). Node copies its shared root
 * store before adding to it, so no other connection of the process trusts the CA (tests hold both).
 * One context per CA and options for the run.
 */
const contexts = new Map<string, SecureContext>();

export function contextTrusting(ca: string, options: SecureContextOptions): SecureContext {
  const key = JSON.stringify([ca, options]);
  let context = contexts.get(key);
  if (!context) {
    // node:tls is loaded by whoever connects; taken here without a module-level import.
    context = process.getBuiltinModule('node:tls').createSecureContext(options);
    (context.context as { addCACert(pem: string): void }).addCACert(ca);
    contexts.set(key, context);
  }
  return context;
}
