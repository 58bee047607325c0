import { spec } from './define.js';
import type { Reason } from './reasons.js';
import { reasonText } from './reason-words.js';

/** One answer of a blocklist about an IP or a domain: the address it answered, the list's name for it, what it means. */
export interface Listing {
  address: string;
  label: string;
  meaning: Reason;
  policy?: true;
}

/** check-dns: SPF, DMARC, DKIM, MX, expected provider records, and DNS failures. */
export const dnsFindings = {
  // ---- Any command --------------------------------------------------------------------------------
  'run.error': spec<{ message: string }>({
    section: 'run',
    severity: 'error',
    aborts: true,
    title: 'The check could not be run',
    message: (a) => a.message,
    hint: () => `Correct the command or the input named above and run it again; the reports before it are complete.`,
  }),
  // ---- DNS itself -------------------------------------------------------------------------------
  'dns.query-failed': spec<{ name: string; type: string; reason: string }>({
    section: 'dns',
    severity: 'warning',
    title: 'DNS query failed',
    message: (a) => `The ${a.type} query for ${a.name} failed (${a.reason}); what depends on it could not be checked.`,
    hint: (a) =>
      a.reason === 'SERVFAIL'
        ? `The domain's name servers answered SERVFAIL: receivers get the same and will defer or reject mail (temperror). Check the zone and its DNSSEC signatures with your DNS host.`
        : a.reason === 'REFUSED'
          ? `The resolver refused the query: check --resolver points at a recursive resolver that serves you.`
          : a.reason === 'CNAME-LOOP' || a.reason === 'CNAME-CHAIN'
            ? `${a.name} is an alias (CNAME) that never ends in a record${a.reason === 'CNAME-LOOP' ? ': its aliases point at each other' : ': over 16 aliases, where resolvers give up'}. Receivers cannot read it either. Point the CNAME straight at the record your provider gave you.`
            : a.reason === 'TCP-FAILED'
              ? `The answer for ${a.name} is too long for UDP, and asking again over TCP failed: a firewall or router here lets DNS through on UDP port 53 only. Long records (SPF, DKIM keys) need TCP (RFC 7766). Allow TCP port 53 to your resolver, or run from another network.`
            : a.reason === 'WRONG-NAME'
              ? `The resolver answered for another name than ${a.name}: a broken resolver, or DNS interception on this network (some firewalls, filters and antivirus do it). The answer was not used. Run again with another resolver (--resolver 1.1.1.1) or from another network; receivers with a sound resolver see your real records.`
          : `Try again, or another resolver with --resolver 1.1.1.1; a failure is not the same as a missing record.`,
  }),
  'dns.no-answer': spec<{ domain: string; resolver: string }>({
    section: 'dns',
    severity: 'error',
    aborts: true,
    title: 'No DNS answer at all',
    message: (a) => `No DNS query for ${a.domain} got an answer from ${a.resolver}: nothing could be checked.`,
    hint: () => `Check the network and the resolver address (--resolver), or raise --timeout.`,
  }),
  'dns.resolver-rewrites': spec<{ resolver: string; name: string; answer: string }>({
    section: 'dns',
    severity: 'warning',
    title: 'Resolver rewrites NXDOMAIN answers',
    message: (a) => `${a.resolver} answered ${a.name}, a name that cannot exist, with the address ${a.answer}: it rewrites "no such name" into an address of its own (an ISP's search page, a filter). Blocklists read through it are unusable, and so is any check of a name that should not exist.`,
    hint: () => `Run again with a resolver that passes NXDOMAIN through (--resolver 9.9.9.9, or your own), or turn the "search assistance" off at your ISP.`,
    ref: 'RFC 5782 §5; RFC 8499 (NXDOMAIN)',
  }),
  'dns.domain-nxdomain': spec<{ domain: string }>({
    section: 'dns',
    severity: 'error',
    title: 'Domain does not exist',
    message: (a) => `${a.domain} does not exist in DNS (NXDOMAIN).`,
    hint: () => `Check the spelling, or that the domain is registered and delegated to your name servers.`,
  }),

  // ---- SPF (RFC 7208) ---------------------------------------------------------------------------
  'spf.valid': spec<{ domain: string; lookups: number; voidLookups: number }>({
    section: 'spf',
    severity: 'ok',
    title: 'SPF record valid',
    message: (a) => `${a.domain} publishes a valid SPF record (${a.lookups}/10 DNS lookups, ${a.voidLookups}/2 void lookups).`,
    ref: 'RFC 7208',
  }),
  'spf.missing': spec<{ domain: string }>({
    section: 'spf',
    severity: 'error',
    title: 'No SPF record',
    message: (a) => `${a.domain} publishes no SPF record (no TXT record starting with "v=spf1").`,
    hint: (a) =>
      `Receivers cannot tell which servers may send for ${a.domain}, and Gmail, Yahoo and Microsoft reject or junk unauthenticated mail. Publish one TXT record at ${a.domain}, e.g. "v=spf1 include:<your provider> -all" (your mail provider gives the include).`,
    ref: 'RFC 7208 §4.5',
  }),
  'spf.multiple': spec<{ domain: string; count: number }>({
    section: 'spf',
    severity: 'error',
    title: 'Several SPF records',
    message: (a) => `${a.domain} publishes ${a.count} SPF records; receivers must treat this as a permanent error (permerror), so SPF fails for every message.`,
    hint: () => `Merge them into one TXT record: one "v=spf1", every include and ip4/ip6 mechanism of both, and one "all" at the end.`,
    ref: 'RFC 7208 §4.5',
  }),
  'spf.syntax': spec<{ domain: string; term: string; position: number; reason: Reason }>({
    section: 'spf',
    severity: 'error',
    title: 'SPF syntax error',
    message: (a) => `SPF record of ${a.domain}: "${a.term}" at character ${a.position} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `Receivers treat a syntax error as permerror: SPF fails for every message. Correct the term, or remove it.`,
    ref: 'RFC 7208 §4.6',
  }),
  'spf.lookups-exceeded': spec<{ domain: string; lookups: number; crossedAt: string; passing: string[]; failing: string[] }>({
    section: 'spf',
    severity: 'error',
    title: 'Over 10 DNS lookups',
    message: (a) =>
      `The SPF record of ${a.domain} needs ${a.lookups} DNS lookups; the limit is 10, crossed at ${a.crossedAt}. A receiver evaluates the terms in order and stops at the 11th lookup with permerror: an address matched before that still passes, every other sender fails SPF.` +
      (a.failing.length ? ` Of the IPs given, ${a.failing.join(', ')} ${a.failing.length > 1 ? 'get' : 'gets'} permerror.` : '') +
      (a.passing.length ? ` ${a.passing.join(', ')} ${a.passing.length > 1 ? 'pass, matched' : 'passes, matched'} before the limit.` : ''),
    hint: () => `Remove includes of services you no longer use, replace a/mx with ip4/ip6 ranges, or move a sending service to a subdomain with its own SPF.`,
    ref: 'RFC 7208 §4.6.4',
  }),
  'spf.void-lookups-exceeded': spec<{ domain: string; voidLookups: number; names: string[] }>({
    section: 'spf',
    severity: 'error',
    title: 'Over 2 void lookups',
    message: (a) => `The SPF record of ${a.domain} makes ${a.voidLookups} lookups that return nothing (${a.names.join(', ')}); the limit is 2.`,
    hint: () => `Receivers answer permerror past two void lookups. Remove the includes, a or mx terms that point at names that no longer exist.`,
    ref: 'RFC 7208 §4.6.4',
  }),
  'spf.mx-lookups-exceeded': spec<{ domain: string; term: string; count: number }>({
    section: 'spf',
    severity: 'error',
    title: 'More than 10 MX hosts in one mx term',
    message: (a) => `"${a.term}" in the SPF of ${a.domain} has ${a.count} hosts to look up; receivers stop at 10 with permerror.`,
    hint: () => `Replace the mx term with ip4/ip6 ranges of the hosts that really send.`,
    ref: 'RFC 7208 §4.6.4',
  }),
  'spf.include-loop': spec<{ domain: string; chain: string[] }>({
    section: 'spf',
    severity: 'error',
    title: 'SPF include loop',
    message: (a) => `The SPF of ${a.domain} includes itself: ${a.chain.join(' → ')}.`,
    hint: () => `A loop ends in permerror at receivers once the lookup limit is hit. Remove the include or redirect that points back.`,
    ref: 'RFC 7208 §5.2',
  }),
  'spf.include-invalid': spec<{ domain: string; term: string; target: string; reason: Reason }>({
    section: 'spf',
    severity: 'error',
    title: 'Include or redirect without a usable SPF record',
    message: (a) => `"${a.term}" in the SPF of ${a.domain} points at ${a.target}, which ${reasonText(a.reason)}.`,
    hint: () => `An include or redirect whose target has no valid SPF record is a permerror. Fix the name (ask the provider for the right include) or remove it.`,
    ref: 'RFC 7208 §5.2, §6.1',
  }),
  'spf.all-pass': spec<{ domain: string; term: string }>({
    section: 'spf',
    severity: 'error',
    title: 'SPF allows everyone',
    message: (a) => `The SPF of ${a.domain} ends with "${a.term}": every server on the Internet may send as ${a.domain}.`,
    hint: () => `This makes SPF worthless and invites spoofing. End the record with "~all" (softfail) or "-all" (fail).`,
    ref: 'RFC 7208 §5.1',
  }),
  'spf.all-neutral': spec<{ domain: string }>({
    section: 'spf',
    severity: 'warning',
    title: 'SPF ends with ?all',
    message: (a) => `The SPF of ${a.domain} ends with "?all": it says nothing about servers not listed.`,
    hint: () => `Once every sending service is listed, end with "~all" or "-all" so forged mail is recognised.`,
    ref: 'RFC 7208 §8.2',
  }),
  'spf.all-missing': spec<{ domain: string }>({
    section: 'spf',
    severity: 'warning',
    title: 'SPF has no all and no redirect',
    message: (a) => `The SPF of ${a.domain} has no "all" mechanism and no redirect: servers not listed get "neutral".`,
    hint: () => `End the record with "~all" or "-all".`,
    ref: 'RFC 7208 §4.7',
  }),
  'spf.ptr': spec<{ domain: string; term: string }>({
    section: 'spf',
    severity: 'warning',
    title: 'SPF uses ptr',
    message: (a) => `The SPF of ${a.domain} uses "${a.term}", which RFC 7208 says not to use: it is slow, unreliable, and some receivers ignore it.`,
    hint: () => `Replace it with ip4/ip6 ranges or an include.`,
    ref: 'RFC 7208 §5.5',
  }),
  'spf.record-size': spec<{ domain: string; bytes: number; longestString: number }>({
    section: 'spf',
    severity: 'warning',
    title: 'SPF record too long',
    message: (a) =>
      `The SPF of ${a.domain} is ${a.bytes} bytes${a.longestString > 255 ? `, with a string of ${a.longestString} characters (a TXT string holds 255)` : ''}; over 450 bytes, answers may not fit in one UDP packet.`,
    hint: () => `Some receivers do not retry over TCP. Shorten the record: fewer terms, an include of a subdomain that holds the rest.`,
    ref: 'RFC 7208 §3.3, §3.4',
  }),
  'spf.redirect-ignored': spec<{ domain: string }>({
    section: 'spf',
    severity: 'info',
    title: 'redirect ignored because of all',
    message: (a) => `The SPF of ${a.domain} has both "all" and "redirect=": receivers ignore the redirect.`,
    hint: () => `Remove one of them so the record says what you mean.`,
    ref: 'RFC 7208 §6.1',
  }),
  // ---- The sending IP's reverse DNS (--ip) ---------------------------------------------------------
  'ip.ptr-ok': spec<{ ip: string; name: string }>({
    section: 'ip-rdns',
    severity: 'ok',
    title: 'Sending IP has forward-confirmed reverse DNS',
    message: (a) => `${a.ip} has the reverse name ${a.name}, which resolves back to it.`,
    ref: 'RFC 8601 §2.7.3 (iprev); Gmail and Yahoo sender requirements',
  }),
  'ip.ptr-missing': spec<{ ip: string }>({
    section: 'ip-rdns',
    severity: 'error',
    title: 'Sending IP has no reverse DNS',
    message: (a) => `${a.ip} has no reverse DNS (PTR record): Gmail rejects its mail (550-5.7.25), Yahoo and Outlook.com treat it as suspect.`,
    hint: (a) => `The PTR of ${a.ip} is set by whoever owns the address (your hosting provider or ISP, in their panel or by a ticket), not in your own zone. Ask for a name of your domain (mail.example.fr, for instance), and publish an A record for that name pointing to ${a.ip}.`,
    ref: 'RFC 1912 §2.1; Gmail sender requirements',
  }),
  'ip.ptr-not-confirmed': spec<{ ip: string; names: string[] }>({
    section: 'ip-rdns',
    severity: 'error',
    title: 'Reverse DNS of the sending IP is not confirmed',
    message: (a) => `${a.ip} has the reverse name ${a.names.join(', ')}, which does not resolve back to ${a.ip}: receivers that check forward-confirmed reverse DNS (Gmail: 550-5.7.25) refuse or distrust it.`,
    hint: (a) => `Publish an ${a.ip.includes(':') ? 'AAAA' : 'A'} record for ${a.names[0] ?? 'that name'} pointing to ${a.ip}, or have the PTR changed to a name that does.`,
    ref: 'RFC 8601 §2.7.3 (iprev)',
  }),
  'ip.ptr-generic': spec<{ ip: string; name: string; kind: 'provider-default' | 'address-in-name' | 'isp-word'; evidence: string }>({
    section: 'ip-rdns',
    severity: 'warning',
    title: 'Reverse DNS of the sending IP looks generic',
    message: (a) =>
      `The reverse name of ${a.ip}, ${a.name}, looks like ${a.kind === 'provider-default' ? `${a.evidence}'s default name for a machine` : a.kind === 'address-in-name' ? `an address nobody named (it spells the address: ${a.evidence})` : `a subscriber or dynamic address ("${a.evidence}")`}, not a mail server's: Yahoo and others score such mail as likely spam.`,
    hint: () => `Have the PTR set to a name of your own domain (mail.example.fr), with an A record for that name pointing back to the address.`,
    ref: 'Yahoo sender requirements; M3AAWG best practices for reverse DNS',
  }),
  // ---- Blocklists (RFC 5782): the sending IPs (--ip) and the domain -----------------------------------
  'ip.listed': spec<{ ip: string; list: string; zone: string; codes: Listing[]; text: string | null; delist: string | null; role: 'relay' | 'client'; policyOnly: boolean }>({
    section: 'dnsbl',
    severity: 'error',
    title: 'Sending IP is on a blocklist',
    message: (a) =>
      `${a.ip} is listed by ${a.list} (${a.codes.map((c) => `${c.label}: ${reasonText(c.meaning)}`).join('; ')})${a.text ? ` — "${a.text}"` : ''}: ${a.policyOnly && a.role === 'client' ? 'expected for an address a user submits from with a login, a problem only if it delivers mail to the Internet itself.' : 'receivers that consult the list refuse or junk its mail.'}`,
    hint: (a) =>
      a.policyOnly
        ? `A PBL listing says the range should not deliver mail itself: send through your provider's authenticated submission server (port 587 or 465), or, for a real mail server on a fixed address, have the owner of the range ask for its removal${a.delist ? ` (${a.delist})` : ''}.`
        : `Find and stop what sent the spam (an infected machine, a hacked mailbox or web form, a list bought or never confirmed), then ask for removal${a.delist ? ` at ${a.delist}` : ' on the list\'s site'}; most lists drop an entry by themselves days after the spam stops.`,
    ref: 'RFC 5782',
  }),
  'ip.not-listed': spec<{ ip: string; lists: string[] }>({
    section: 'dnsbl',
    severity: 'ok',
    title: 'Sending IP on no blocklist',
    message: (a) => `${a.ip} is on none of the blocklists asked (${a.lists.join(', ')}).`,
    ref: 'RFC 5782',
  }),
  'ip.dnsbl-unusable': spec<{ list: string; zone: string; why: Reason; resolver: string }>({
    section: 'dnsbl',
    severity: 'info',
    title: 'Blocklist cannot be asked from here',
    message: (a) => `${a.list} (${a.zone}) could not be asked through ${a.resolver}: ${reasonText(a.why)}. Its answers were not used: nothing is said listed or clean by it.`,
    hint: (a) =>
      a.why.code === 'bl.health-rewritten'
        ? `Run again with a resolver that returns NXDOMAIN as it comes (--resolver 9.9.9.9, or your own), not your ISP's or a filtering one.`
        : a.zone.endsWith('spamhaus.org')
          ? `Your resolver cannot query Spamhaus: use your own resolver (--resolver), or a free Data Query Service key: --dnsbl-only --dnsbl <key>.zen.dq.spamhaus.net --dnsbl <key>.dbl.dq.spamhaus.net.`
          : `Use a resolver the list answers (--resolver; Barracuda answers resolvers registered at barracudacentral.org), or leave it out with --dnsbl-only and the lists you want.`,
    ref: 'RFC 5782 §5',
  }),
  'domain.listed': spec<{ domain: string; list: string; zone: string; codes: Listing[]; text: string | null; delist: string | null }>({
    section: 'dnsbl',
    severity: 'error',
    title: 'Domain is on a blocklist',
    message: (a) => `${a.domain} is listed by ${a.list} (${a.codes.map((c) => `${c.label}: ${reasonText(c.meaning)}`).join('; ')})${a.text ? ` — "${a.text}"` : ''}: receivers that consult it junk or refuse mail that names the domain, in its From or in its links.`,
    hint: (a) => `Find what put it there (a hacked site or form, links of a campaign, a compromised account), fix it, then ask for removal${a.delist ? ` at ${a.delist}` : " on the list's site"}.`,
    ref: 'RFC 5782',
  }),
  'domain.not-listed': spec<{ domain: string; lists: string[] }>({
    section: 'dnsbl',
    severity: 'ok',
    title: 'Domain on no blocklist',
    message: (a) => `${a.domain} is on none of the domain blocklists asked (${a.lists.join(', ')}).`,
    ref: 'RFC 5782',
  }),
  'spf.ip-pass': spec<{ domain: string; ip: string; mechanism: string }>({
    section: 'spf-ip',
    severity: 'ok',
    title: 'Sending IP authorised',
    message: (a) => `${a.ip} is authorised to send for ${a.domain} (pass, by "${a.mechanism}").`,
    ref: 'RFC 7208 §2.6.3',
  }),
  'spf.ip-fail': spec<{ domain: string; ip: string; mechanism: string; explanation: string | null }>({
    section: 'spf-ip',
    severity: 'error',
    title: 'Sending IP refused',
    message: (a) =>
      `${a.ip} is NOT authorised to send for ${a.domain} (fail, by "${a.mechanism}"): receivers may reject its mail${a.explanation ? `, and may quote the domain's explanation (exp=): "${a.explanation}"` : ''}.`,
    hint: (a) => `Add "ip${a.ip.includes(':') ? '6' : '4'}:${a.ip}" (or the include your provider gives) before the "all" of ${a.domain}'s SPF.`,
    ref: 'RFC 7208 §2.6.4',
  }),
  'spf.ip-softfail': spec<{ domain: string; ip: string; mechanism: string }>({
    section: 'spf-ip',
    severity: 'warning',
    title: 'Sending IP not authorised (softfail)',
    message: (a) => `${a.ip} is not authorised to send for ${a.domain} (softfail, by "${a.mechanism}"): its mail is likely to land in spam.`,
    hint: (a) => `Add "ip${a.ip.includes(':') ? '6' : '4'}:${a.ip}" (or the include your provider gives) before the "all" of ${a.domain}'s SPF.`,
    ref: 'RFC 7208 §2.6.5',
  }),
  'spf.ip-neutral': spec<{ domain: string; ip: string; mechanism: string }>({
    section: 'spf-ip',
    severity: 'warning',
    title: 'Sending IP neither authorised nor refused',
    message: (a) => `SPF of ${a.domain} says nothing definite about ${a.ip} (neutral, by "${a.mechanism}").`,
    hint: (a) => `Add "ip${a.ip.includes(':') ? '6' : '4'}:${a.ip}" (or the include your provider gives) to the SPF of ${a.domain}.`,
    ref: 'RFC 7208 §2.6.2',
  }),
  'spf.ip-none': spec<{ domain: string; ip: string }>({
    section: 'spf-ip',
    severity: 'warning',
    title: 'No SPF to evaluate the IP against',
    message: (a) => `${a.domain} has no SPF record, so nothing says whether ${a.ip} may send for it (none).`,
    hint: (a) => `Publish an SPF record at ${a.domain} that includes ${a.ip}.`,
    ref: 'RFC 7208 §2.6.1',
  }),
  'spf.ip-permerror': spec<{ domain: string; ip: string; reason: Reason }>({
    section: 'spf-ip',
    severity: 'error',
    title: 'SPF evaluation ends in permerror',
    message: (a) => `A receiver evaluating mail from ${a.ip} for ${a.domain} gets permerror: ${reasonText(a.reason)}.`,
    hint: () => `Fix the SPF errors above; under DMARC, permerror counts as an SPF failure.`,
    ref: 'RFC 7208 §2.6.7',
  }),
  'spf.ip-temperror': spec<{ domain: string; ip: string; reason: Reason }>({
    section: 'spf-ip',
    severity: 'warning',
    title: 'SPF evaluation ends in temperror',
    message: (a) => `Evaluating mail from ${a.ip} for ${a.domain} hits a DNS failure (temperror): ${reasonText(a.reason)}.`,
    hint: () => `Receivers defer such mail. Check the DNS failures reported above.`,
    ref: 'RFC 7208 §2.6.6',
  }),

  // ---- DMARC (RFC 9989, RFC 7489) ----------------------------------------------------------------
  'dmarc.valid': spec<{ domain: string; name: string; policy: string }>({
    section: 'dmarc',
    severity: 'ok',
    title: 'DMARC record valid',
    message: (a) => `DMARC policy for ${a.domain} is p=${a.policy} (record at ${a.name}).`,
    ref: 'RFC 9989',
  }),
  'dmarc.missing': spec<{ domain: string }>({
    section: 'dmarc',
    severity: 'error',
    title: 'No DMARC record',
    message: (a) => `No DMARC record applies to ${a.domain} (none at _dmarc.${a.domain} nor at its organizational domain).`,
    hint: (a) =>
      `Gmail, Yahoo and Microsoft expect one from bulk senders and may reject mail without it. Start with a TXT record at _dmarc.${a.domain}: "v=DMARC1; p=none; rua=mailto:dmarc-reports@${a.domain}" (a dedicated mailbox: reports can be numerous).`,
    ref: 'RFC 9989 §4.10',
  }),
  'dmarc.multiple': spec<{ name: string; count: number }>({
    section: 'dmarc',
    severity: 'error',
    title: 'Several DMARC records',
    message: (a) => `${a.name} publishes ${a.count} DMARC records; receivers then ignore DMARC altogether.`,
    hint: () => `Keep exactly one TXT record starting with "v=DMARC1".`,
    ref: 'RFC 9989 §4.10',
  }),
  'dmarc.syntax': spec<{ name: string; reason: Reason }>({
    section: 'dmarc',
    severity: 'error',
    title: 'DMARC syntax error',
    message: (a) => `The DMARC record at ${a.name} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `The record must start with "v=DMARC1;" followed by tag=value pairs separated by ";", e.g. "v=DMARC1; p=none; rua=mailto:dmarc@example.com".`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.invalid-tag': spec<{ name: string; tag: string; value: string; expected: string }>({
    section: 'dmarc',
    severity: 'error',
    title: 'Invalid DMARC tag value',
    message: (a) => `DMARC at ${a.name}: ${a.tag}=${a.value} is not valid (expected ${a.expected}).`,
    hint: (a) => `Receivers ignore an invalid ${a.tag} (or the whole record when it is p). Use one of: ${a.expected}.`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.unknown-tag': spec<{ name: string; tag: string }>({
    section: 'dmarc',
    severity: 'warning',
    title: 'Unknown DMARC tag',
    message: (a) => `DMARC at ${a.name}: the tag "${a.tag}" is not defined; receivers ignore it.`,
    hint: () => `Check the spelling (p, sp, np, adkim, aspf, rua, ruf, fo, psd, t).`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.policy-none': spec<{ domain: string }>({
    section: 'dmarc',
    severity: 'info',
    title: 'DMARC in monitoring mode (p=none)',
    message: (a) => `The DMARC policy of ${a.domain} is p=none: receivers report but do not act on failing mail.`,
    hint: () => `A fine first step: read the reports, fix every legitimate source, then move to p=quarantine and p=reject.`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.testing': spec<{ domain: string }>({
    section: 'dmarc',
    severity: 'info',
    title: 'DMARC in test mode (t=y)',
    message: (a) => `The DMARC record of ${a.domain} has t=y: receivers apply one policy level lower than the one published.`,
    hint: () => `Remove t=y once reports show that legitimate mail passes.`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.pct-obsolete': spec<{ name: string; pct: number }>({
    section: 'dmarc',
    severity: 'info',
    title: 'pct is removed by RFC 9989',
    message: (a) => `DMARC at ${a.name} has pct=${a.pct}; RFC 9989 removed pct (receivers now apply the policy to all mail, or treat pct<100 as t=y).`,
    hint: () => `Remove pct; to test a stricter policy, use t=y instead.`,
    ref: 'RFC 9989 Appendix A',
  }),
  'dmarc.strict-alignment': spec<{ domain: string; tags: string[] }>({
    section: 'dmarc',
    severity: 'warning',
    title: 'Strict DMARC alignment',
    message: (a) =>
      `DMARC of ${a.domain} asks for strict alignment (${a.tags.join(', ')}): the SPF or DKIM domain must be exactly ${a.domain}, not a subdomain.`,
    hint: () =>
      `Third-party senders (mailing platforms, invoicing services) usually sign and bounce with a subdomain such as mail.${'<your domain>'}; with strict alignment their mail fails DMARC. Use relaxed alignment (adkim=r; aspf=r, the default) unless you know every sender matches exactly.`,
    ref: 'RFC 9989 §4.4',
  }),
  'dmarc.no-reports': spec<{ domain: string }>({
    section: 'dmarc',
    severity: 'warning',
    title: 'No DMARC report address',
    message: (a) => `The DMARC record of ${a.domain} has no rua: nobody receives the aggregate reports.`,
    hint: (a) =>
      `Without reports you cannot see which services send as ${a.domain} nor which fail. Add "rua=mailto:dmarc-reports@${a.domain}" with a dedicated mailbox or a report service: reports can be numerous.`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.rua-invalid': spec<{ name: string; uri: string }>({
    section: 'dmarc',
    severity: 'error',
    title: 'Invalid report address',
    message: (a) => `DMARC at ${a.name}: "${a.uri}" is not a valid report URI.`,
    hint: () => `Report addresses are written "mailto:address@domain", several separated by commas.`,
    ref: 'RFC 9989 §4.7',
  }),
  'dmarc.rua-unauthorized': spec<{ domain: string; tag: string; address: string; authName: string }>({
    section: 'dmarc',
    severity: 'warning',
    title: 'External report address not authorised',
    message: (a) => `${a.tag}=${a.address} is outside ${a.domain}'s organization and ${a.authName} has no "v=DMARC1" record: receivers will not send reports there.`,
    hint: (a) => `Ask the owner of the report domain to publish a TXT record "v=DMARC1" at ${a.authName} (or *._report._dmarc.<their domain>).`,
    ref: 'RFC 9989 §4.7.3 (RFC 7489 §7.1)',
  }),
  'dmarc.rua-undeliverable': spec<{ tag: string; address: string; domain: string }>({
    section: 'dmarc',
    severity: 'warning',
    title: 'Report address cannot receive mail',
    message: (a) => `${a.tag}=${a.address}: ${a.domain} has no MX nor address record, so reports cannot be delivered.`,
    hint: () => `Use a mailbox on a domain that receives mail.`,
  }),
  'dmarc.discovery-differs': spec<{ domain: string; treeWalk: string | null; psl: string | null }>({
    section: 'dmarc',
    severity: 'info',
    title: 'Tree walk and Public Suffix List disagree',
    message: (a) =>
      `For ${a.domain}, RFC 9989's DNS tree walk finds the policy at ${a.treeWalk ?? 'no record'} but the Public Suffix List method of RFC 7489 finds ${a.psl ?? 'no record'}: receivers may apply different policies.`,
    hint: (a) => `Publish a DMARC record at _dmarc.${a.domain} itself so both methods agree.`,
    ref: 'RFC 9989 §4.10, RFC 7489 §6.6.3',
  }),
  'dmarc.subdomain-policy': spec<{ domain: string; orgDomain: string; policy: string }>({
    section: 'dmarc',
    severity: 'info',
    title: 'Policy inherited from the organizational domain',
    message: (a) => `${a.domain} has no DMARC record of its own; ${a.orgDomain}'s applies, with policy ${a.policy}.`,
    hint: (a) => `Nothing to do if that policy suits ${a.domain}; to give it its own (another policy, other report addresses), publish a TXT record at _dmarc.${a.domain}.`,
    ref: 'RFC 9989 §4.10.1',
  }),

  // ---- DKIM (RFC 6376) ---------------------------------------------------------------------------
  'dkim.valid': spec<{ name: string; keyType: string; bits: number | null }>({
    section: 'dkim',
    severity: 'ok',
    title: 'DKIM key published',
    message: (a) => `DKIM key at ${a.name}: ${a.keyType}${a.bits ? ` ${a.bits} bits` : ''}.`,
    ref: 'RFC 6376 §3.6.1',
  }),
  'dkim.missing': spec<{ name: string; selector: string }>({
    section: 'dkim',
    severity: 'error',
    title: 'DKIM key missing',
    message: (a) => `No DKIM key is published at ${a.name} (selector "${a.selector}").`,
    hint: () => `Mail signed with this selector fails DKIM. Publish the record (often a CNAME) that your mail provider gives you, exactly as given.`,
    ref: 'RFC 6376 §3.6.2',
  }),
  'dkim.none-found': spec<{ domain: string; tried: string[] }>({
    section: 'dkim',
    severity: 'info',
    title: 'No DKIM key at common selectors',
    message: (a) => `No DKIM key found for ${a.domain} at the selectors its records point to and the common ones (${a.tried.join(', ')}).`,
    hint: () => `DKIM selectors cannot be listed from DNS. Give yours with --dkim-selector (it is the s= of the DKIM-Signature header of a message you sent).`,
  }),
  'dkim.syntax': spec<{ name: string; reason: Reason }>({
    section: 'dkim',
    severity: 'error',
    title: 'DKIM record invalid',
    message: (a) => `The DKIM record at ${a.name} is invalid: ${reasonText(a.reason)}.`,
    hint: () => `Copy the record again from your mail provider; a missing quote or a cut key is the usual cause.`,
    ref: 'RFC 6376 §3.6.1',
  }),
  'dkim.weak-key': spec<{ name: string; bits: number }>({
    section: 'dkim',
    severity: 'warning',
    title: 'Weak DKIM key',
    message: (a) => `The DKIM key at ${a.name} is RSA ${a.bits} bits${a.bits < 1024 ? ', which receivers reject' : ', the minimum; 2048 is recommended'}.`,
    hint: () => `Generate a 2048-bit key, publish it under a new selector, switch signing to it, then remove the old one.`,
    ref: 'RFC 8301 §3.2',
  }),
  'dkim.revoked': spec<{ name: string }>({
    section: 'dkim',
    severity: 'warning',
    title: 'DKIM key revoked',
    message: (a) => `The DKIM record at ${a.name} has an empty p=: the key is revoked, and mail signed with it fails DKIM.`,
    hint: () => `Fine if this selector is retired; otherwise publish the current key.`,
    ref: 'RFC 6376 §3.6.1',
  }),
  'dkim.testing': spec<{ name: string }>({
    section: 'dkim',
    severity: 'info',
    title: 'DKIM key in test mode',
    message: (a) => `The DKIM record at ${a.name} has t=y (testing): some receivers treat its signatures as unsigned.`,
    hint: () => `Remove t=y once signing works.`,
    ref: 'RFC 6376 §3.6.1',
  }),

  // ---- Expected records (from a provider's set-up page) -----------------------------------------
  'cname.present': spec<{ name: string; target: string }>({
    section: 'expected',
    severity: 'ok',
    title: 'Expected CNAME present',
    message: (a) => `${a.name} is a CNAME to ${a.target}, as expected.`,
  }),
  'cname.missing': spec<{ name: string; expected: string; doubledAt: string | null }>({
    section: 'expected',
    severity: 'error',
    title: 'Expected CNAME missing',
    message: (a) => `${a.name} should be a CNAME to ${a.expected}, but ${a.doubledAt ? `it exists at ${a.doubledAt} instead (the domain was typed twice)` : 'there is no CNAME at that name'}.`,
    hint: (a) => `Create the record at your DNS host: name ${a.name}, type CNAME, value ${a.expected}. Some DNS hosts add the domain themselves: enter only the part before it.`,
  }),
  'cname.mismatch': spec<{ name: string; expected: string; actual: string }>({
    section: 'expected',
    severity: 'error',
    title: 'CNAME points elsewhere',
    message: (a) => `${a.name} is a CNAME to ${a.actual}, not to ${a.expected}.`,
    hint: (a) => `Change its value to ${a.expected}. A doubled domain (…${'.example.fr.example.fr'}) means the host appended the domain to a full name.`,
  }),
  'txt.present': spec<{ name: string; value: string }>({
    section: 'expected',
    severity: 'ok',
    title: 'Expected TXT present',
    message: (a) => `${a.name} has the expected TXT record "${a.value}".`,
  }),
  'txt.missing': spec<{ name: string; value: string; found: string[] }>({
    section: 'expected',
    severity: 'error',
    title: 'Expected TXT missing',
    message: (a) => `${a.name} lacks the TXT record "${a.value}"${a.found.length ? ` (it has: ${a.found.map((v) => `"${v}"`).join(', ')})` : ''}.`,
    hint: (a) => `Add a TXT record at ${a.name} with the value exactly as your provider gives it: ${a.value}.`,
  }),
  'mx.expected-present': spec<{ domain: string; host: string }>({
    section: 'expected',
    severity: 'ok',
    title: 'Expected MX present',
    message: (a) => `${a.domain} has the expected MX ${a.host}.`,
  }),
  'mx.expected-missing': spec<{ domain: string; host: string; found: string[] }>({
    section: 'expected',
    severity: 'error',
    title: 'Expected MX missing',
    message: (a) => `${a.domain} has no MX ${a.host}${a.found.length ? ` (its MX: ${a.found.join(', ')})` : ''}.`,
    hint: (a) => `Add an MX record for ${a.domain} pointing at ${a.host}, as your provider asks.`,
  }),

  // ---- MX (RFC 5321, RFC 7505) -----------------------------------------------------------------
  'mx.valid': spec<{ domain: string; hosts: string[] }>({
    section: 'mx',
    severity: 'ok',
    title: 'MX records resolve',
    message: (a) => `${a.domain} receives mail at ${a.hosts.join(', ')}.`,
  }),
  'mx.missing': spec<{ domain: string; hasAddress: boolean }>({
    section: 'mx',
    severity: 'warning',
    title: 'No MX record',
    message: (a) =>
      a.hasAddress
        ? `${a.domain} has no MX record; senders fall back to its A/AAAA address, which is rarely a mail server.`
        : `${a.domain} has no MX record and no address: it cannot receive mail, so bounces and replies are lost.`,
    hint: () => `Some receivers reject mail from a domain that cannot receive replies. Publish the MX records of your mail host, or a null MX ("0 .") if the domain must never receive mail.`,
    ref: 'RFC 5321 §5.1',
  }),
  'mx.null': spec<{ domain: string }>({
    section: 'mx',
    severity: 'warning',
    title: 'Null MX: the domain accepts no mail',
    message: (a) => `${a.domain} publishes a null MX ("0 ."): it declares that it never receives mail.`,
    hint: () => `Receivers may reject mail sent FROM such a domain (RFC 7505 §4.2), and replies and bounces are impossible. Remove it if this domain sends mail that people reply to.`,
    ref: 'RFC 7505',
  }),
  'mx.host-unresolved': spec<{ domain: string; host: string; reason: Reason }>({
    section: 'mx',
    severity: 'error',
    title: 'MX host does not resolve',
    message: (a) => `MX host ${a.host} of ${a.domain} has no address (${reasonText(a.reason)}).`,
    hint: () => `Mail to this host cannot be delivered. Fix the host name in the MX record, or publish its A/AAAA record.`,
    ref: 'RFC 5321 §5.1',
  }),
  'mx.cname': spec<{ domain: string; host: string; target: string }>({
    section: 'mx',
    severity: 'warning',
    title: 'MX host is a CNAME',
    message: (a) => `MX host ${a.host} of ${a.domain} is a CNAME to ${a.target}; an MX must name a host with its own address records.`,
    hint: (a) => `Point the MX directly at ${a.target}.`,
    ref: 'RFC 2181 §10.3, RFC 5321 §5.1',
  }),
  'mx.ip-literal': spec<{ domain: string; host: string }>({
    section: 'mx',
    severity: 'error',
    title: 'MX is an IP address',
    message: (a) => `MX of ${a.domain} is "${a.host}", an IP address; an MX must be a host name.`,
    hint: () => `Create a name (mx.<domain>) with an A record for that address and use it in the MX.`,
    ref: 'RFC 7505 §3, RFC 5321 §5.1',
  }),
};
