/**
 * Soak tests: whole processes over gigabytes of input or hundreds of thousands of lines, with their peak
 * memory measured. Their own vitest project (`npm run test:soak`), run by .ci/run after `npm test`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { mboxStream } from '../helpers/mbox-stream.js';
import { rssHook } from '../helpers/rss.js';

const dir = mkdtempSync(join(tmpdir(), 'maildiag-soak-'));
const fixture = (name: string) => `fixtures/messages/${name}`;

describe('a 2 GB mbox', () => {
  it('streams from standard input with bounded memory (peak RSS under 200 MB), one report per message', async () => {
    const size = 2 * 1024 ** 3;
    const mbox = mboxStream(size);
    // The child reports its own peak resident memory as it exits.
    const child = spawn(process.execPath, [BIN, 'inspect-headers', '--mbox', '-', '--format', 'jsonl'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', NODE_OPTIONS: `--import=${rssHook()}` },
    });
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = d.indexOf(0x0a); i >= 0; i = d.indexOf(0x0a, i + 1)) lines++;
    });
    child.stderr.on('data', (d) => (stderr += d));
    mbox.stream.pipe(child.stdin);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const rssMb = Number(stderr.match(/maxrss_kb=(\d+)/)?.[1]) / 1024;
    expect(stderr.replace(/maxrss_kb=\d+\n/, '')).toBe('');
    expect([0, 1, 2]).toContain(code);
    expect(mbox.messages()).toBeGreaterThan(5000);
    expect(lines).toBe(mbox.messages());
    expect(rssMb).toBeGreaterThan(0);
    expect(rssMb).toBeLessThan(200);
  }, 120_000);
});

describe('a slow reader', () => {
  it('holds the output back instead of queueing it: 10,000 messages as --json into a pipe read late stay under 200 MB', async () => {
    const file = join(dir, 'ten-thousand.mbox');
    const msgs = ['o365-inbound-invoice.eml', 'gmail-from-sendgrid.eml', 'postfix-newsletter-brevo.eml', 'auto-forwarded.eml'].map((f) => readFileSync(fixture(f), 'utf8').replace(/^From /gm, '>From '));
    writeFileSync(file, Array.from({ length: 10_000 }, (_, i) => `From MAILER-DAEMON Tue Nov 19 10:00:00 2024\n${msgs[i % msgs.length]}\n`).join(''));
    const child = spawn(process.execPath, [BIN, 'inspect-headers', '--mbox', file, '--json'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', NODE_OPTIONS: `--import=${rssHook()}` } });
    let stderr = '';
    let bytes = 0;
    child.stderr.on('data', (d) => (stderr += d));
    // Nobody reads for 3 s: without backpressure the whole document (~46 MB, ~300 MB resident) piles up in the child.
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 3000));
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect([0, 1, 2]).toContain(code);
    expect(bytes).toBeGreaterThan(40_000_000);
    expect(Number(stderr.match(/maxrss_kb=(\d+)/)?.[1]) / 1024).toBeLessThan(200);
  }, 60_000);
});

describe('a --file list is streamed: memory does not grow with its length', () => {
  it('600,000 lines under a 16 MB heap (it held every line, and aborted): shard and resume decided per line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'maildiag-list-')), 'communes.txt');
    writeFileSync(file, Array.from({ length: 600_000 }, (_, i) => `commune-${i}.example.fr`).join('\n'));
    const child = spawn(process.execPath, [BIN, 'check-dns', '--file', file, '--shard', '0/1000000', '--resolver', '127.0.0.1:9', '--timeout', '1', '--format', 'jsonl'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', NODE_OPTIONS: '--max-old-space-size=16' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/heap out of memory/);
    // The one name of that shard is checked (against a resolver port that is closed: exit 3).
    expect(stdout.trim().split('\n').map((l) => JSON.parse(l).target)).toEqual(['commune-599061.example.fr']);
    expect(code).toBe(3);
  }, 30_000);
});
