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
