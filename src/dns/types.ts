/** What one DNS question can end in. Only `nxdomain` and `nodata` may ever become "missing". */
export type DnsResult<T> =
  | { status: 'found'; records: T[] }
  | { status: 'nxdomain' }
  | { status: 'nodata' }
  | { status: 'error'; reason: DnsFailure; message: string };

/** CNAMEs followed before giving up, by the resolver and by the zone lookup, as BIND and Unbound do near here. */
export const MAX_ALIASES = 16;

/**
 * CNAME-LOOP and CNAME-CHAIN: the name is an alias that never ends in a record (a loop, or over 16 aliases).
 * WRONG-NAME: the reply was for another question, or its records belong to another name than the one asked.
 * TCP-FAILED: the answer was too long for UDP (truncated) and the retry over TCP failed.
 */
/** A query that failed (not "no record"): reported once per name and type as dns.query-failed. */
export interface QueryFailure {
  name: string;
  type: string;
  reason: DnsFailure;
}

export type DnsFailure = 'SERVFAIL' | 'REFUSED' | 'TIMEOUT' | 'UNREACHABLE' | 'BADRESP' | 'WRONG-NAME' | 'TCP-FAILED' | 'CNAME-LOOP' | 'CNAME-CHAIN' | 'OTHER';

export interface MxRecord {
  priority: number;
  exchange: string;
}

export interface SoaRecord {
  mname: string;
  rname: string;
  serial: number;
  refresh: number;
  retry: number;
  expire: number;
  minimum: number;
}

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface DsRecord {
  keyTag: number;
  algorithm: number;
  digestType: number;
  /** Hexadecimal. */
  digest: string;
}

export interface CaaRecord {
  flags: number;
  tag: string;
  value: string;
}

/** Record data by type. TXT keeps its character-strings apart: their sizes matter (255 each). */
export interface RecordData {
  A: string;
  AAAA: string;
  MX: MxRecord;
  TXT: string[];
  CNAME: string;
  NS: string;
  PTR: string;
  SOA: SoaRecord;
  SRV: SrvRecord;
  CAA: CaaRecord;
  DS: DsRecord;
}

export type RecordType = keyof RecordData;

export interface Resolver {
  query<T extends RecordType>(name: string, type: T): Promise<DnsResult<RecordData[T]>>;
  /** Where answers come from, for messages ("127.0.0.1:5353", "system resolver", "zone file + system resolver"). */
  readonly description: string;
}

/** Lowercase, no trailing dot: the one form names are compared in. */
export function normalizeName(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n.slice(0, -1) : n;
}
