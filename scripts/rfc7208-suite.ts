/**
 * Runs the OpenSPF RFC 7208 test suite (not in this repository: Debian's python3-spf ships it as
 * /usr/share/doc/python3-spf/rfc7208-tests.yml.gz) against maildiag's check_host(), each scenario's
 * zone served by the test DNS server on 127.0.0.1 (UDP and TCP; TIMEOUT names drop the query).
 *   npm run conformance:spf [-- path/to/rfc7208-tests.yml[.gz]] [--verbose]
 * Needs python3 with PyYAML (python3-yaml) to read the YAML. Prints the score and every miss.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startDnsServer } from '../test/helpers/dns-server.js';
import { WireResolver } from '../src/dns/resolver.js';
import { WireClient } from '../src/dns/wire.js';
import { checkHostIdentity } from '../src/dns/spf/evaluate.js';
import type { ZoneRecord } from '../src/dns/zonefile.js';
import { normalizeName } from '../src/dns/types.js';

interface Test {
  spec?: string | string[];
  helo: string;
  host: string;
  mailfrom: string;
  result: string | string[];
  explanation?: string;
}
interface Scenario {
  description: string;
  tests: Record<string, Test>;
  zonedata: Record<string, Array<Record<string, unknown> | string>>;
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const path = args.find((a) => !a.startsWith('--')) ?? '/usr/share/doc/python3-spf/rfc7208-tests.yml.gz';
if (!existsSync(path)) {
  console.error(`rfc7208-suite: ${path} not found (apt-get install python3-spf, or give the path)`);
  process.exit(2);
}
const json = execFileSync(
  'python3',
  ['-c', 'import sys,gzip,json,yaml; p=sys.argv[1]; f=gzip.open(p,"rb") if p.endswith(".gz") else open(p,"rb"); print(json.dumps(list(yaml.safe_load_all(f))))', path],
  { maxBuffer: 64 * 1024 * 1024 },
);
const scenarios = (JSON.parse(json.toString('utf8')) as Array<Scenario | null>).filter((s): s is Scenario => Boolean(s));

const TYPES = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'SPF', 'NS', 'SOA'];

/** The records of a scenario; a TIMEOUT entry makes every type not given before it time out at that name (as testspf.py does). */
function zoneOf(data: Scenario['zonedata']): { records: ZoneRecord[]; timeouts: string[] } {
  const records: ZoneRecord[] = [];
  const timeouts: string[] = [];
  for (const [rawName, list] of Object.entries(data ?? {})) {
    const name = normalizeName(rawName);
    for (const entry of list) {
      if (entry === 'TIMEOUT') {
        const given = new Set(list.slice(0, list.indexOf(entry)).flatMap((e) => (typeof e === 'object' ? Object.entries(e).filter(([, v]) => v !== 'NONE').map(([k]) => k) : [])));
        for (const t of TYPES) if (!given.has(t)) timeouts.push(`${name}/${t}`);
        continue;
      }
      const [type, value] = Object.entries(entry as Record<string, unknown>)[0]!;
      const base = { name, ttl: 300 };
      // RFC 7208 dropped type SPF: its data is served as TXT only when the scenario has no TXT of its own.
      if (type === 'SPF') continue;
      if (value === 'NONE' || (Array.isArray(value) && value.length === 1 && value[0] === 'NONE')) continue;
      if (type === 'TXT') records.push({ ...base, type: 'TXT', data: Array.isArray(value) ? value.map(String) : [String(value)] });
      else if (type === 'A' || type === 'AAAA' || type === 'PTR' || type === 'CNAME') {
        for (const v of Array.isArray(value) ? value : [value]) records.push({ ...base, type, data: type === 'A' || type === 'AAAA' ? String(v) : normalizeName(String(v)) } as ZoneRecord);
      }
      else if (type === 'MX') {
        const [priority, exchange] = value as [number, string];
        records.push({ ...base, type: 'MX', data: { priority, exchange: normalizeName(exchange) } });
      }
    }
    // A scenario that gives only SPF records means them as the SPF of the name (served as TXT).
    const hasTxt = list.some((e) => typeof e === 'object' && 'TXT' in e);
    if (!hasTxt) for (const e of list) if (typeof e === 'object' && 'SPF' in e) {
      const v = (e as { SPF: unknown }).SPF;
      records.push({ name, ttl: 300, type: 'TXT', data: Array.isArray(v) ? v.map(String) : [String(v)] });
    }
  }
  return { records, timeouts };
}

let total = 0;
let passed = 0;
const misses: string[] = [];
for (const s of scenarios) {
  const { records, timeouts } = zoneOf(s.zonedata);
  const apexes = [...new Set(records.map((r) => r.name.split('.').slice(-1)[0]!).filter(Boolean))];
  const dns = await startDnsServer({ zone: { apexes, records } });
  for (const t of timeouts) dns.setFault(t, 'drop');
  const resolver = new WireResolver(new WireClient([dns.address], 400));
  try {
    for (const [name, t] of Object.entries(s.tests)) {
      total++;
      const v = await checkHostIdentity(resolver, { ip: t.host, mailFrom: t.mailfrom, helo: t.helo });
      const want = Array.isArray(t.result) ? t.result : [t.result];
      const okResult = want.includes(v.result);
      // "DEFAULT" is the receiver's own explanation: none came from exp=.
      const okExp = t.explanation === undefined || v.result !== 'fail' || (t.explanation === 'DEFAULT' ? v.explanation === undefined : v.explanation === t.explanation);
      if (okResult && okExp) passed++;
      else misses.push(`${s.description} / ${name}: want ${want.join('|')}${t.explanation !== undefined ? ` exp="${t.explanation}"` : ''}, got ${v.result}${v.explanation !== undefined ? ` exp="${v.explanation}"` : ''}`);
      if (verbose) console.log(`${okResult && okExp ? 'ok  ' : 'MISS'} ${s.description} / ${name}`);
    }
  } finally {
    await dns.close();
  }
}
console.log(`OpenSPF RFC 7208 suite: ${passed}/${total} as expected`);
for (const m of misses) console.log(`  ${m}`);
process.exit(passed === total ? 0 : 1);
