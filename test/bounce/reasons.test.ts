/** The reason each refusal line gets, as MTAs and providers word them (pure: the line parser and explain()). */
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/bounce/explain.js';
import { parseLine } from '../../src/bounce/parse.js';

const reasonOf = (line: string) => explain(parseLine(line)[0]!, { senderDomain: 'example.fr' }).reason;

describe('a refusal line gets its reason', () => {
  it.each([
    ['550 5.1.1 <jean@example.net>: Recipient address rejected: User unknown in local recipient table', 'user-unknown'],
    ['550 5.1.1 The email account that you tried to reach does not exist. - gsmtp', 'user-unknown'],
    ['550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [AM0PR02MB1234.eurprd02.prod.outlook.com]', 'user-unknown'],
    ['552 5.2.2 Mailbox full', 'mailbox-full'],
    ['452 4.2.2 The email account that you tried to reach is over quota. - gsmtp', 'mailbox-full'],
    ['550 5.2.1 The email account that you tried to reach is disabled. - gsmtp', 'mailbox-disabled'],
    ['550 5.1.2 Host or domain name not found. Name service error for name=exemple.frr type=A: Host not found', 'domain-not-found'],
    ['554 5.7.1 Service unavailable; Client host [203.0.113.50] blocked using zen.spamhaus.org', 'blocked-ip'],
    ['550 5.7.606 Access denied, banned sending IP [203.0.113.50]. To request removal from this list please visit https://sender.office.com/', 'blocked-ip'],
    ['550 5.7.1 Message rejected as spam by Content Filtering.', 'blocked-content'],
    ['550-5.7.26 Unauthenticated email from example.fr is not accepted due to domain\'s DMARC policy. - gsmtp', 'policy-dmarc'],
    ['550 5.7.23 The message was rejected because of Sender Policy Framework violation', 'policy-spf'],
    ['550 5.7.25 [203.0.113.50] The IP address sending this message does not have a PTR record setup. - gsmtp', 'policy-ptr'],
    ['450 4.7.1 Client host rejected: cannot find your hostname, [203.0.113.50]', 'policy-ptr'],
    ['504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname', 'policy-ptr'],
    ['550 5.7.515 Access denied, sending domain example.fr does not meet the required authentication level.', 'policy-auth'],
    ['530 5.7.0 Authentication required', 'auth-required'],
    ['530 5.7.57 Client not authenticated to send mail. [PR3P192MB0789.EURP192.PROD.OUTLOOK.COM]', 'auth-required'],
    ['554 5.7.1 <x@example.org>: Relay access denied', 'relay-denied'],
    ['530 5.7.0 Must issue a STARTTLS command first', 'security-tls'],
    ['552 5.3.4 Message size exceeds fixed maximum message size', 'message-too-large'],
    ['421 4.7.0 [TSS04] Messages from 203.0.113.50 temporarily deferred due to unexpected volume or user complaints', 'rate-limited'],
    ['450 4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered. - gsmtp', 'rate-limited'],
    ['553 5.7.1 <app@example.fr>: Sender address rejected: not owned by user app@other.example', 'sender-rejected'],
    ['550 5.7.1 Sender address rejected: Domain not found', 'sender-rejected'],
    ['550 5.1.1 Adresse inconnue / unknown address', 'user-unknown'],
    ['552 5.2.2 Boîte aux lettres pleine', 'mailbox-full'],
    ['554 5.7.1 Service refusé, adresse IP 203.0.113.50 en liste noire', 'blocked-ip'],
  ])('%s', (line, reason) => expect(reasonOf(line)).toBe(reason));
});
