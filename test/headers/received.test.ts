import { describe, expect, it } from 'vitest';
import { isPrivateIp, parseReceived } from '../../src/headers/received.js';

describe('parseReceived: what MTAs really write', () => {
  it.each([
    [
      'Postfix, with a TLS comment',
      'from mail-ed1-f54.google.com (mail-ed1-f54.google.com [209.85.208.54]) (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256) (No client certificate requested) by mx1.mairie-exemple.fr (Postfix) with ESMTPS id 4Xk2Lm0bqz9sRb for <accueil@mairie-exemple.fr>; Tue, 12 Nov 2024 10:15:32 +0100 (CET)',
      { helo: 'mail-ed1-f54.google.com', rdns: 'mail-ed1-f54.google.com', ip: '209.85.208.54', by: 'mx1.mairie-exemple.fr', with: 'ESMTPS', tls: 'TLSv1.3', id: '4Xk2Lm0bqz9sRb', for: 'accueil@mairie-exemple.fr', time: Date.UTC(2024, 10, 12, 9, 15, 32) },
    ],
    [
      'Postfix, unknown reverse DNS',
      'from app-server (unknown [192.0.2.44]) by smtp.mairie-exemple.fr (Postfix) with ESMTPSA id 0A1B2C3D4E; Tue, 12 Nov 2024 10:15:30 +0100 (CET)',
      { helo: 'app-server', rdns: null, ip: '192.0.2.44', by: 'smtp.mairie-exemple.fr', with: 'ESMTPSA', tls: 'yes' },
    ],
    [
      'Exim, address first with helo=',
      'from [198.51.100.23] (port=51234 helo=webapp.facturation-exemple.fr) by mail.facturation-exemple.fr with esmtpsa (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.96) (envelope-from <factures@facturation-exemple.fr>) id 1tAbCd-000123-4x for client@example.net; Tue, 12 Nov 2024 09:15:32 +0000',
      { helo: 'webapp.facturation-exemple.fr', ip: '198.51.100.23', by: 'mail.facturation-exemple.fr', with: 'esmtpsa', tls: 'TLS1.3', id: '1tAbCd-000123-4x', for: 'client@example.net' },
    ],
    [
      'Exim, address with port',
      'from mail.example.org ([203.0.113.5]:41234 helo=mail.example.org) by mx.example.net with esmtp (Exim 4.94.2) (envelope-from <a@example.org>) id 1qXyZ-0003Ab-Cd; Mon, 11 Nov 2024 08:00:00 +0100',
      { helo: 'mail.example.org', ip: '203.0.113.5', by: 'mx.example.net', with: 'esmtp', tls: null },
    ],
    [
      'Sendmail',
      'from relay.example.com (relay.example.com [192.0.2.1]) by mx.example.net (8.15.2/8.15.2) with ESMTP id 4ACF9WX0012345 for <u@example.net>; Tue, 12 Nov 2024 09:15:32 GMT',
      { helo: 'relay.example.com', rdns: 'relay.example.com', ip: '192.0.2.1', by: 'mx.example.net', with: 'ESMTP', id: '4ACF9WX0012345' },
    ],
    [
      'qmail',
      'from unknown (HELO mail.example.com) (192.0.2.77) by mail.example.net with SMTP; 12 Nov 2024 09:15:32 -0000',
      { helo: 'mail.example.com', ip: '192.0.2.77', by: 'mail.example.net', with: 'SMTP', time: Date.UTC(2024, 10, 12, 9, 15, 32) },
    ],
    [
      'Microsoft 365, IP in parentheses',
      'from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:12::34) by DB9PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:10:1a2::5) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8137.20; Tue, 12 Nov 2024 09:15:32 +0000',
      { helo: 'am0pr02mb1234.eurprd02.prod.outlook.com', ip: '2603:10a6:208:12::34', ipVersion: 6, by: 'db9pr02mb5678.eurprd02.prod.outlook.com', byIp: '2603:10a6:10:1a2::5', with: 'Microsoft SMTP Server', tls: 'TLS1_2', id: '15.20.8137.20' },
    ],
    [
      'Microsoft 365 frontend, external sender',
      'from mail.facturation-exemple.fr (198.51.100.23) by AM4PEPF00027A5F.mail.protection.outlook.com (10.167.16.73) with Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.8158.14 via Frontend Transport; Tue, 12 Nov 2024 09:15:33 +0000',
      { helo: 'mail.facturation-exemple.fr', ip: '198.51.100.23', by: 'am4pepf00027a5f.mail.protection.outlook.com', byIp: '10.167.16.73', tls: 'TLS1_3' },
    ],
    [
      'Gmail, no from',
      'by 2002:a05:6a10:8e0a:b0:5a1:2bc3:4d5e with SMTP id ab10csp123456pxb; Tue, 12 Nov 2024 01:15:32 -0800 (PST)',
      { helo: null, ip: null, by: '2002:a05:6a10:8e0a:b0:5a1:2bc3:4d5e', with: 'SMTP', id: 'ab10csp123456pxb', time: Date.UTC(2024, 10, 12, 9, 15, 32) },
    ],
    [
      'Gmail MX',
      'from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id a640c23a62f3a-a9e5668e1f4sor123456766b.2.2024.11.12.01.15.32 for <agent@gmail.com> (Google Transport Security); Tue, 12 Nov 2024 01:15:32 -0800 (PST)',
      { helo: 'mail-sor-f41.google.com', rdns: 'mail-sor-f41.google.com', ip: '209.85.220.41', by: 'mx.google.com', with: 'SMTPS', tls: 'yes', for: 'agent@gmail.com' },
    ],
    [
      'Haraka',
      'from mail.example.com (mail.example.com [192.0.2.15]) by haraka.example.net (Haraka/3.0.3) with ESMTPS id 2C6A7F0B-8E1D-4F6A-9C2B-1D3E5F7A9B0C.1 envelope-from <a@example.com> (version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384); Tue, 12 Nov 2024 09:15:32 +0000',
      { ip: '192.0.2.15', by: 'haraka.example.net', with: 'ESMTPS', tls: 'TLSv1.3' },
    ],
    [
      'SendGrid, no ";" before the date',
      'from xtrwkhkc (unknown) by geopod-ismtpd-3 (SG) with HTTP id 8fJ2kLmNQ9a-Xy3ZbC1d2e Tue, 12 Nov 2024 09:15:32 +0000 (UTC)',
      { helo: 'xtrwkhkc', ip: null, by: 'geopod-ismtpd-3', with: 'HTTP', id: '8fJ2kLmNQ9a-Xy3ZbC1d2e', time: Date.UTC(2024, 10, 12, 9, 15, 32) },
    ],
    [
      'Amazon SES',
      'from a8-82.smtp-out.amazonses.com (a8-82.smtp-out.amazonses.com [54.240.8.82]) by mx.example.net (Postfix) with ESMTPS id 4XkQ; Tue, 12 Nov 2024 09:15:32 +0000 (UTC)',
      { rdns: 'a8-82.smtp-out.amazonses.com', ip: '54.240.8.82' },
    ],
    [
      'Mailgun',
      'from <unknown> (<unknown> [192.0.2.61]) by smtp-out-n02.prod.us-east-1.postgun.com with SMTP id 6733a1b2c3d4e5f6a7b8c9d0; Tue, 12 Nov 2024 09:15:32 GMT',
      { helo: null, ip: '192.0.2.61', by: 'smtp-out-n02.prod.us-east-1.postgun.com', with: 'SMTP' },
    ],
    [
      'Exchange on premises, private addresses',
      'from EXCH01.corp.local (10.0.0.5) by EXCH02.corp.local (10.0.0.6) with Microsoft SMTP Server (TLS) id 15.1.2507.39 via Mailbox Transport; Tue, 12 Nov 2024 10:15:32 +0100',
      { helo: 'exch01.corp.local', ip: '10.0.0.5', by: 'exch02.corp.local', byIp: '10.0.0.6', tls: 'yes' },
    ],
    [
      'IPv6 literal',
      'from [IPv6:2001:db8::25] (unknown [IPv6:2001:db8::25]) by mx.example.net (Postfix) with ESMTP id 1234; Tue, 12 Nov 2024 09:15:32 +0000',
      { ip: '2001:db8::25', ipVersion: 6 },
    ],
  ])('%s', (_name, raw, expected) => {
    expect(parseReceived(raw)).toMatchObject({ ...expected, parsed: true });
  });

  // One line per format family, written for maildiag (documentation addresses and names): which field is
  // the HELO, which the reverse-DNS name, which the TCP peer, as each family lays out its from clause.
  it.each<[string, string, Record<string, unknown>]>([
    ['Postfix, NAT\'d client: the HELO literal is not the peer', 'from [192.168.1.20] (unknown [203.0.113.5]) (Authenticated sender: agent@mairie-exemple.fr) by smtp.mairie-exemple.fr (Postfix) with ESMTPSA id 4Y2k; Tue, 17 Nov 2026 09:12:43 +0100', { helo: '192.168.1.20', rdns: null, ip: '203.0.113.5', by: 'smtp.mairie-exemple.fr', auth: 'agent@mairie-exemple.fr' }],
    ['Sendmail, authenticated bits=0', 'from PC-ACCUEIL (adsl-203-0-113-7.fai-exemple.fr [203.0.113.7]) (authenticated bits=0) by mail.ville-exemple.fr (8.17.1/8.17.1) with ESMTPSA id 5AHA2b3c012345; Tue, 17 Nov 2026 10:02:03 +0100', { helo: 'pc-accueil', rdns: 'adsl-203-0-113-7.fai-exemple.fr', ip: '203.0.113.7', auth: true }],
    ['Sendmail, HELO with an address literal and no reverse name', 'from laptop ([198.51.100.61]) by mail.ville-exemple.fr (8.17.1/8.17.1) with ESMTP id 5AH1; Tue, 17 Nov 2026 10:02:03 +0100', { helo: 'laptop', rdns: null, ip: '198.51.100.61' }],
    ['Sendmail, "may be forged"', 'from mail.fournisseur-exemple.com (gw-198-51-100-8.hebergeur-exemple.net [198.51.100.8] (may be forged)) by mx.ville-exemple.fr (8.17.1/8.17.1) with ESMTP id 5AH2; Tue, 17 Nov 2026 10:02:03 +0100', { helo: 'mail.fournisseur-exemple.com', rdns: 'gw-198-51-100-8.hebergeur-exemple.net', ip: '198.51.100.8' }],
    ['Sendmail, AUTH: LOGIN', 'from poste12 (poste12.asso-exemple.org [203.0.113.12]) (AUTH: LOGIN tresorier@asso-exemple.org) by smtp.asso-exemple.org with esmtp; Tue, 17 Nov 2026 10:02:03 +0100', { helo: 'poste12', rdns: 'poste12.asso-exemple.org', auth: 'tresorier@asso-exemple.org' }],
    ['Exim 4, verified name first, port and helo=', 'from static-203-0-113-30.fai-exemple.fr ([203.0.113.30]:51522 helo=serveur-facturation) by mx.ville-exemple.fr with esmtps (TLS1.3) tls TLS_AES_256_GCM_SHA384 (Exim 4.97) (envelope-from <factures@editeur-exemple.fr>) id 1tQ2-0004; Tue, 17 Nov 2026 10:02:03 +0100', { rdns: 'static-203-0-113-30.fai-exemple.fr', helo: 'serveur-facturation', ip: '203.0.113.30', port: 51522, envelopeFrom: 'factures@editeur-exemple.fr' }],
    ['Exim 4, HELO equal to the verified name', 'from relais.editeur-exemple.fr ([203.0.113.31]) by mx.ville-exemple.fr with esmtp (Exim 4.97) id 1tQ3-0005; Tue, 17 Nov 2026 10:02:03 +0100', { rdns: 'relais.editeur-exemple.fr', helo: 'relais.editeur-exemple.fr', ip: '203.0.113.31' }],
    ['Exim 4, address first, port= and helo=', 'from [203.0.113.32] (port=40112 helo=app.editeur-exemple.fr) by mail.editeur-exemple.fr with esmtpsa (TLS1.3) (Exim 4.97) id 1tQ4-0006; Tue, 17 Nov 2026 10:02:03 +0100', { rdns: null, helo: 'app.editeur-exemple.fr', ip: '203.0.113.32', port: 40112, auth: true }],
    ['Exim 3, rdns (helo) [ip.port]', 'from gw.cabinet-exemple.fr (poste-compta) [198.51.100.44.40312] by mail.cabinet-exemple.fr with esmtp (Exim 3.36 #1) id 1Abc-0001-00; Tue, 17 Nov 2026 10:02:03 +0100', { rdns: 'gw.cabinet-exemple.fr', helo: 'poste-compta', ip: '198.51.100.44', port: 40312 }],
    ['qmail, rdns (HELO x) (user@ip)', 'from adsl-198-51-100-90.fai-exemple.fr (HELO bureau-mairie) (secretariat@198.51.100.90) by smtp.hebergeur-exemple.net with ESMTPA; 17 Nov 2026 09:02:03 -0000', { rdns: 'adsl-198-51-100-90.fai-exemple.fr', helo: 'bureau-mairie', ip: '198.51.100.90', auth: true }],
    ['qmail, rdns (ip), HELO equal to it', 'from relais.hebergeur-exemple.net (198.51.100.91) by mx.hebergeur-exemple.net with SMTP; 17 Nov 2026 09:02:03 -0000', { rdns: 'relais.hebergeur-exemple.net', helo: 'relais.hebergeur-exemple.net', ip: '198.51.100.91' }],
    ['qmail, empty HELO', 'from scanner.fai-exemple.fr (HELO ) (198.51.100.92) by mx.hebergeur-exemple.net with SMTP; 17 Nov 2026 09:02:03 -0000', { rdns: 'scanner.fai-exemple.fr', helo: null, ip: '198.51.100.92' }],
    ['qmail, LHLO to a backend', 'from front1.hebergeur-exemple.net (LHLO front1.internal) (10.8.0.11) by store3.hebergeur-exemple.net with LMTP; 17 Nov 2026 09:02:03 -0000', { rdns: 'front1.hebergeur-exemple.net', helo: 'front1.internal', ip: '10.8.0.11', with: 'LMTP' }],
    ['qmail, no reverse name', 'from unknown (HELO imprimante-rdc) (203.0.113.93) by smtp.hebergeur-exemple.net with SMTP; 17 Nov 2026 09:02:03 -0000', { rdns: null, helo: 'imprimante-rdc', ip: '203.0.113.93' }],
    ['"(ip, HELO x)"', 'from unknown (203.0.113.94, HELO poste-accueil) by smtp.fai-exemple.fr with SMTP; 17 Nov 2026 09:02:03 -0000', { helo: 'poste-accueil', ip: '203.0.113.94' }],
    ['CommuniGate, account and HELO', 'from [203.0.113.95] (account elu@commune-exemple.fr HELO portable-maire) by mail.commune-exemple.fr (CommuniGate Pro SMTP 6.3.1) with ESMTPSA id 1234; Tue, 17 Nov 2026 10:02:03 +0100', { ip: '203.0.113.95', helo: 'portable-maire', rdns: null, auth: 'elu@commune-exemple.fr' }],
    ['CommuniGate, verified name', 'from relais.partenaire-exemple.fr ([198.51.100.96] verified) by mail.commune-exemple.fr (CommuniGate Pro SMTP 6.3.1) with ESMTPS id 1235; Tue, 17 Nov 2026 10:02:03 +0100', { rdns: 'relais.partenaire-exemple.fr', ip: '198.51.100.96' }],
    ['CommuniGate, [ip] (HELO x)', 'from [198.51.100.97] (HELO mail.partenaire-exemple.fr) by mail.commune-exemple.fr (CommuniGate Pro SMTP 6.3.1) with ESMTP id 1236; Tue, 17 Nov 2026 10:02:03 +0100', { ip: '198.51.100.97', helo: 'mail.partenaire-exemple.fr', rdns: null }],
    ['GMX-style, rdns (EHLO x) [ip]', 'from p5b0c1d2e.dip0.fai-exemple.de (EHLO laptop-anna) [198.51.100.98] by mail.portail-exemple.de (mp021) with SMTP; 17 Nov 2026 10:02:03 +0100', { rdns: 'p5b0c1d2e.dip0.fai-exemple.de', helo: 'laptop-anna', ip: '198.51.100.98' }],
    ['a from clause inside parentheses', '(from POSTE-17 [203.0.113.99]) by passerelle.ville-exemple.fr (Antivirus 3.2) with SMTP id AV1; Tue, 17 Nov 2026 10:02:03 +0100', { helo: 'poste-17', ip: '203.0.113.99', by: 'passerelle.ville-exemple.fr' }],
    ['"claiming to be"', 'from dsl-203-0-113-100.fai-exemple.fr(203.0.113.100), claiming to be "pc-compta.local" via SMTP by relais.ville-exemple.fr, id smtpdAb12; Tue Nov 17 10:02:03 2026', { rdns: 'dsl-203-0-113-100.fai-exemple.fr', helo: 'pc-compta.local', ip: '203.0.113.100', by: 'relais.ville-exemple.fr', id: 'smtpdAb12' }],
    ['a bare address as HELO', 'from 203.0.113.101 (h203-0-113-101.fai-exemple.fr [203.0.113.101]) (authenticated bits=0) by mail.ville-exemple.fr (8.17.1/8.17.1) with ESMTPSA id 5AH3; Tue, 17 Nov 2026 10:02:03 +0100', { helo: '203.0.113.101', rdns: 'h203-0-113-101.fai-exemple.fr', ip: '203.0.113.101' }],
    ['webmail, via HTTP: no HELO', 'from [203.0.113.102] by webmail.fai-exemple.fr (via HTTP); Tue, 17 Nov 2026 10:02:03 +0100', { helo: null, rdns: null, ip: '203.0.113.102', auth: true }],
    ['webmail login, with HTTP', 'from gw.mairie-exemple.fr ([203.0.113.103]) (SquirrelMail authenticated user secretariat) by webmail.hebergeur-exemple.net with HTTP; Tue, 17 Nov 2026 10:02:03 +0100', { helo: null, rdns: null, ip: '203.0.113.103', auth: 'secretariat' }],
    ['")by" with no space, "by host;" and an underscore in the reverse name', 'from relais.ville-exemple.fr (Poste_Accueil.ville-exemple.fr [198.51.100.104])by mx.ville-exemple.fr;', { rdns: 'poste_accueil.ville-exemple.fr', ip: '198.51.100.104', by: 'mx.ville-exemple.fr' }],
    ['"by host," keeps no punctuation', 'from relais.ville-exemple.fr (relais.ville-exemple.fr [198.51.100.105]) by mx.ville-exemple.fr, id 12ab; Tue, 17 Nov 2026 10:02:03 +0100', { by: 'mx.ville-exemple.fr', id: '12ab' }],
    ['SendGrid, Go-format date', 'from relais-sg.example (unknown) by geopod-ismtpd-12 (SG) with HTTP id q1W2e3R4t5Y6 2026-11-17 09:02:03.270951634 +0000 UTC m=+1234.56', { by: 'geopod-ismtpd-12', id: 'q1W2e3R4t5Y6' }],
    ['IPv4-mapped IPv6 and a zone id', 'from mail.partenaire-exemple.fr (mail.partenaire-exemple.fr [IPv6:::ffff:198.51.100.106]) by mx.ville-exemple.fr (Postfix) with ESMTPS id 4Z1; Tue, 17 Nov 2026 10:02:03 +0100', { ip: '198.51.100.106', ipVersion: 4 }],
    ['IPv6 written long', 'from mail.partenaire-exemple.fr (mail.partenaire-exemple.fr [IPv6:2001:0db8:0000:0000:0000:0000:0000:0025]) by mx.ville-exemple.fr (Postfix) with ESMTPS id 4Z2; Tue, 17 Nov 2026 10:02:03 +0100', { ip: '2001:db8::25', ipVersion: 6 }],
  ])('%s', (_name, raw, expected) => {
    expect(parseReceived(raw)).toMatchObject({ ...expected, parsed: true });
  });

  it('reads a Go-format date (SendGrid) to the second', () => {
    expect(parseReceived('from relais-sg.example (unknown) by geopod-ismtpd-12 (SG) with HTTP id q1W2 2026-11-17 09:02:03.270951634 +0000 UTC').time).toBe(Date.UTC(2026, 10, 17, 9, 2, 3));
  });

  it.each([
    ['escape sequences and unbalanced parentheses', 'from \x1b[2J ((( [[ by \x1b]0;x\x07 (with'],
    ['only parentheses', '((((((('],
    ['keywords without values', 'from by with id for'],
  ])('garbage (%s) is kept raw, never parsed, never given a value', (_name, raw) => {
    const h = parseReceived(raw.replace(/\\x1b/g, '\x1b').replace(/\\x07/g, '\x07'));
    expect(h).toMatchObject({ parsed: false, helo: null, rdns: null, ip: null, by: null });
  });

  it.each([['garbage with no structure at all'], ['(qmail 12345 invoked by uid 89)']])('keeps %j raw and says it is not understood', (raw) => {
    const h = parseReceived(raw);
    expect(h.raw).toBe(raw);
    expect(h.by).toBeNull();
  });

  it('does not take a bare date without zone for a future one; keeps unreadable dates null', () => {
    expect(parseReceived('from a (a [192.0.2.1]) by b with SMTP; not a date').time).toBeNull();
  });

  it.each([
    ['10.1.2.3', true],
    ['172.20.0.1', true],
    ['192.168.1.10', true],
    ['127.0.0.1', true],
    ['100.64.0.1', true],
    ['fd12::1', true],
    ['209.85.208.54', false],
    ['2a00:1450:4013::1b', false],
  ])('isPrivateIp(%s) = %s', (ip, expected) => expect(isPrivateIp(ip)).toBe(expected));
});
