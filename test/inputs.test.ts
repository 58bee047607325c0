/** Inputs of any size: every input has a limit, and past it one line and exit 3, never a stack trace or a runaway read. */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from './helpers/cli.js';

/** Runs the CLI, with an endless stream of `stdin` bytes on standard input when given; killed after 20 s. */
function run(args: string[], stdin?: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  child.stdin.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  if (stdin !== undefined) {
    const block = Buffer.alloc(1024 * 1024, stdin);
    const pump = () => {
      while (!child.stdin.destroyed && child.stdin.write(block));
      if (!child.stdin.destroyed) child.stdin.once('drain', pump);
    };
    pump();
  } else child.stdin.end();
  const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(kill);
      clearTimeout(timer);
      resolve({ code, stderr, ms: performance.now() - started });
    }),
  );
}

describe('an endless input is one line and exit 3', () => {
  it.each([
    ['--expect /dev/zero', ['check-dns', 'example.fr', '--expect', '/dev/zero'], /--expect: \/dev\/zero is larger than 4 MB/],
    ['--zone-file /dev/zero', ['check-dns', 'example.fr', '--zone-file', '/dev/zero'], /--zone-file: \/dev\/zero is larger than 64 MB/],
    ['--config /dev/zero', ['smtp-test', '--config', '/dev/zero', '--all'], /--config: \/dev\/zero is larger than 4 MB/],
    ['--ca /dev/zero', ['smtp-test', '--host', 'localhost', '--ca', '/dev/zero'], /--ca: \/dev\/zero is larger than 4 MB/],
    ['--file /dev/zero (one endless line)', ['check-dns', '--file', '/dev/zero'], /\/dev\/zero: a line is longer than 64 KB/],
    ['--resume /dev/zero', ['check-dns', 'example.fr', '--zone-file', 'fixtures/example/mairie-exemple.fr.zone', '--resume', '/dev/zero'], /--resume: \/dev\/zero: a line is longer than 16 MB/],
  ])('%s', async (_name, args, message) => {
    const r = await run(args);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.ms).toBeLessThan(15_000);
  });

  it.each([
    ['--file - with an endless line', ['check-dns', '--file', '-'], /standard input: a line is longer than 64 KB/],
    ['--password-stdin with an endless line', ['smtp-test', '--host', 'localhost', '--user', 'u', '--password-stdin'], /--password-stdin: a line is longer than 64 KB/],
  ])('%s', async (_name, args, message) => {
    const r = await run(args, 'a');
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('a write that fails is never reported as written', () => {
  const zone = ['check-dns', 'mairie-exemple.fr', '--zone-file', 'fixtures/example/mairie-exemple.fr.zone', '--skip', 'dkim'];

  it.each([['text'], ['json'], ['jsonl'], ['csv']])('--output /dev/full (%s): one line, exit 3', async (format) => {
    const r = await run([...zone, '--output', '/dev/full', '--format', format]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe('maildiag: cannot write /dev/full (ENOSPC): the output is incomplete');
  });

  it('standard output on a full disk: one line, exit 3, no stack trace', async () => {
    const { openSync, closeSync } = await import('node:fs');
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, ...zone], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(3);
    expect(stderr.trim()).toBe('maildiag: cannot write standard output (ENOSPC): the output is incomplete');
  });

  it('a reader that goes away (| head -1) does not turn failures into exit 0', async () => {
    const { mkdtempSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'maildiag-pipe-')), 'spoofed.mbox');
    const msg = readFileSync('fixtures/messages/spoofed-dmarc-fail.eml', 'utf8').replace(/^From /gm, '>From ');
    writeFileSync(file, Array.from({ length: 5000 }, () => `From MAILER-DAEMON Tue Nov 19 10:00:00 2024\n${msg}\n`).join(''));
    const child = spawn(process.execPath, [BIN, 'inspect-headers', '--mbox', file, '--format', 'jsonl'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('');
  });
});

describe('a --file list is streamed: memory does not grow with its length', () => {
  it('a bad line is still named by its number before any query is sent', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'maildiag-list-')), 'bad.txt');
    writeFileSync(file, 'mairie-exemple.fr\n# a comment\nnot a domain!\n');
    const r = await run(['check-dns', '--file', file, '--resolver', '127.0.0.1:9', '--timeout', '1']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.txt:3: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('with --json, stdout is always exactly one JSON document', () => {
  it('one good and one missing file: the finished report, then the error as a report of its own (exit 3)', async () => {
    const r = await run(['inspect-headers', 'fixtures/messages/o365-inbound-invoice.eml', '/nonexistent/message.eml', '--json']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['a usage error from the option parser', ['check-dns', '--concurrency', 'many', '--json']],
    ['a usage error found by the command', ['smtp-test', '--json']],
    ['an unreadable input', ['check-dns', '--file', '/nonexistent/domains.txt', '--format', 'json']],
  ])('%s: one document with a run.error report, exit 3', async (_name, args) => {
    const { stdout, code } = await runCli(args);
    expect(code).toBe(3);
    const doc = JSON.parse(stdout);
    expect(doc).toMatchObject({ tool: 'maildiag', command: args[0], status: 'error', findings: [{ id: 'run.error', severity: 'error' }] });
  });

  it('the good report is kept beside the error, in order', async () => {
    const { stdout } = await runCli(['inspect-headers', 'fixtures/messages/o365-inbound-invoice.eml', '/nonexistent/message.eml', '--json']);
    const doc = JSON.parse(stdout);
    expect(doc.map((x: { target: string; status: string }) => [x.target, x.status])).toEqual([
      ['fixtures/messages/o365-inbound-invoice.eml', 'pass'],
      ['/nonexistent/message.eml', 'error'],
    ]);
  });

  it('one Ctrl-C stops --mbox on a message that never ends, with the document closed', async () => {
    const child = spawn(process.execPath, [BIN, 'inspect-headers', '--mbox', '-', '--json'], { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stdin.on('error', () => {});
    child.stdin.write('From MAILER-DAEMON Tue Nov 17 10:00:00 2026\nFrom: a@mairie-exemple.fr\nSubject: one\n\nbody\nFrom MAILER-DAEMON Tue Nov 17 10:00:01 2026\nFrom: b@mairie-exemple.fr\nSubject: endless\n\n');
    const line = `${'x'.repeat(1000)}\n`.repeat(100);
    const timer = setInterval(() => child.stdin.write(line), 5);
    await new Promise((done) => setTimeout(done, 800));
    const t0 = performance.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(timer);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(code).not.toBeNull();
    expect(JSON.parse(stdout)).toBeDefined();
  });
});
