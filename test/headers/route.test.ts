/**
 * Who really delivered the message, and who sent it: origin and delivering relay over our own fixtures,
 * in process, with the reason each was chosen.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decoders } from '../../src/headers/decoders.js';
import { inspectMessage, type Decoders } from '../../src/headers/inspect.js';


let d: Decoders;
beforeAll(async () => {
  d = await decoders();
});

async function inspect(name: string, trusted: string[] = [], withBody = false) {
  const bytes = readFileSync(new URL(`../../fixtures/messages/${name}`, import.meta.url));
  const end = bytes.indexOf('\n\n');
  const raw = { source: name, header: bytes.subarray(0, end + 2), truncated: false };
  let body: { text: string; html: string | null } | undefined;
  if (withBody) {
    const { simpleParser } = await import('mailparser');
    body = { text: (await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true })).text ?? '', html: null };
  }
  const report = await inspectMessage(raw, { relays: [], trusted }, d, body, 0, () => 0);
  return { data: report.data as any, ids: report.findings.map((f) => f.id) };
}

describe('origin and delivering relay, with the reason for each', () => {
  it.each([
    // file, origin ip, origin decided by, delivering ip, delivering decided by
    ['postfix-nat-submission.eml', '203.0.113.5', 'authenticated submission', '198.51.100.40', 'trust boundary'],
    ['exim-submission-private-hop.eml', '192.168.1.23', 'authenticated submission', '203.0.113.80', 'trust boundary'],
    ['gmail-to-gmail.eml', '209.85.220.41', 'oldest public hop', '209.85.220.41', "receiver's client-ip"],
    ['o365-to-o365.eml', '2603:10a6:20b:1ad::14', 'oldest public hop', '40.107.22.63', "receiver's client-ip"],
    ['o365-inbound-invoice.eml', '198.51.100.23', 'oldest public hop', '198.51.100.23', 'trust boundary'],
    ['gateway-disagrees.eml', '203.0.113.50', 'oldest public hop', '198.51.100.9', 'trust boundary'],
    ['garbage-received.eml', '203.0.113.90', 'oldest public hop', '198.51.100.77', 'trust boundary'],
  ])('%s: origin %s (%s), delivered by %s (%s)', async (file, originIp, originBy, relayIp, relayBy) => {
    const { data } = await inspect(file);
    expect(data.origin).toMatchObject({ ip: originIp, decidedBy: originBy });
    expect(data.delivering).toMatchObject({ ip: relayIp, decidedBy: relayBy });
  });

  it("the NAT'd submission: the public client address, not the HELO literal, and the login as the landmark", async () => {
    const { data } = await inspect('postfix-nat-submission.eml');
    const submission = data.hops.find((h: { by: string }) => h.by === 'smtp.mairie-exemple.fr');
    expect(submission).toMatchObject({ helo: '192.168.1.20', rdns: null, ip: '203.0.113.5', auth: 'agent.martin@mairie-exemple.fr', with: 'ESMTPSA' });
    expect(data.origin).toMatchObject({ host: null, privateIp: false, auth: 'agent.martin@mairie-exemple.fr' });
    expect(data.delivering).toMatchObject({ host: 'smtp.mairie-exemple.fr', by: 'mx.google.com', receiverEvidence: { ip: '198.51.100.40', agrees: true } });
  });

  it('the same provider on both sides: the receiver\'s own record of the client names the handoff', async () => {
    for (const file of ['gmail-to-gmail.eml', 'o365-to-o365.eml']) {
      const { data, ids } = await inspect(file);
      expect(data.hops.filter((h: { side: string }) => h.side === 'handoff')).toHaveLength(1);
      expect(data.delivering.receiverEvidence.agrees).toBe(true);
      expect(ids).toContain('delivery.route');
      expect(ids).toContain('auth.dmarc-pass');
    }
  });

  it('a receiver that judged another address than the route names: said, as a warning', async () => {
    const { data, ids } = await inspect('gateway-disagrees.eml');
    expect(data.delivering.receiverEvidence).toEqual({ ip: '203.0.113.50', source: 'authentication-results', agrees: false });
    expect(ids).toContain('delivery.receiver-disagrees');
  });

  it('--trusted moves the boundary past the gateway, and then the receiver agrees', async () => {
    const { data, ids } = await inspect('gateway-disagrees.eml', ['passerelle-exemple.net']);
    expect(data.delivering).toMatchObject({ ip: '203.0.113.50', receiverEvidence: { agrees: true } });
    expect(ids).not.toContain('delivery.receiver-disagrees');
  });

  it('a Received line of escapes and unbalanced parentheses stays raw and is never given a role', async () => {
    const { data, ids } = await inspect('garbage-received.eml');
    const garbage = data.hops.find((h: { parsed: boolean }) => !h.parsed);
    expect(garbage).toMatchObject({ helo: null, rdns: null, ip: null, by: null, side: 'before' });
    expect(garbage.raw).toContain('\x1b[2J');
    expect(ids).toContain('headers.received-unparsed');
    expect(data.delivering.ip).toBe('198.51.100.77');
  });

  it.each([['forward-encoded.eml', 'Fwd'], ['forward-html-only.eml', 'TR']])('an inline forward whose marker sits in an encoded part (%s) is confirmed from the decoded text', async (file, prefix) => {
    const { data } = await inspect(file, [], true);
    expect(data.forwarding).toEqual({ kind: 'inline', evidence: [`Subject starts with "${prefix}:"`, 'the body quotes "-------- Message transféré --------"'] });
  });
});

describe('docs/report.schema.json describes every hop, origin and relay', () => {
  it('for every message fixture, in full and as an mbox summary', async () => {
    const { Ajv } = await import('ajv');
    const { readdirSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const file of readdirSync(new URL('../../fixtures/messages/', import.meta.url))) {
      const bytes = readFileSync(new URL(`../../fixtures/messages/${file}`, import.meta.url));
      const raw = { source: file, header: bytes.subarray(0, bytes.indexOf('\n\n') + 2), truncated: false };
      for (const summary of [false, true]) {
        const report = JSON.parse(JSON.stringify(await inspectMessage(raw, { relays: [], trusted: [], summary }, d, undefined, 0, () => 0)));
        expect(validate(report) ? [] : validate.errors, `${file}${summary ? ' (summary)' : ''}`).toEqual([]);
      }
    }
  });
});
