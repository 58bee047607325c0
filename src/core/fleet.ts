/** Running over fleets of targets: deterministic shards, resuming from a JSON Lines output, a query rate. */
import { t } from '../i18n/ui.js';
import { createReadStream } from 'node:fs';
import { fileReadError, InputError, UsageError } from './errors.js';
import { boundedLines } from './lines.js';

/** "--shard 3/8": the 4th of 8 shares (i counts from 0, as a Kubernetes Indexed Job's JOB_COMPLETION_INDEX does). */
export function parseShard(text: string): { index: number; count: number } {
  const m = text.match(/^(\d+)\/(\d+)$/);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new UsageError(t('error.invalid-shard', { input: text }));
  return { index, count };
}

/** FNV-1a (32 bits) of the target: the same target lands in the same shard on every run and machine. */
export function shardOf(target: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < target.length; i++) {
    h ^= target.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

/** A report line of an earlier run's JSON Lines output, as --resume reads it. */
export interface FinishedReport {
  target?: unknown;
  status?: unknown;
  data?: { profile?: unknown };
}

/**
 * --shard and --resume as one test of a target's key, for every fleet: in this shard, and not finished by
 * the earlier run. `keyOf` finds the key in that run's reports (check-dns: the target; smtp-test: the profile).
 */
export async function selectTargets(opts: { shard?: string; resume?: string }, keyOf: (report: FinishedReport) => unknown = (r) => r.target): Promise<(key: string) => boolean> {
  const shard = opts.shard ? parseShard(opts.shard) : undefined;
  const finished = opts.resume ? await finishedTargets(opts.resume, keyOf) : undefined;
  return (key) => (!shard || shardOf(key, shard.count) === shard.index) && !finished?.has(key);
}

/** Keys of the reports already in a JSON Lines output of an earlier run; a line cut by an interruption is ignored. */
async function finishedTargets(path: string, keyOf: (report: FinishedReport) => unknown): Promise<Set<string>> {
  const done = new Set<string>();
  try {
    // A report line holds a transcript at most: 16 MB is far past any real one.
    for await (const line of boundedLines(createReadStream(path), 16 * 1024 * 1024, path)) {
      if (!line.trim()) continue;
      try {
        const r = JSON.parse(line) as FinishedReport;
        const key = typeof r.status === 'string' ? keyOf(r) : undefined;
        if (typeof key === 'string') done.add(key);
      } catch {
        /* a partial last line */
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw new InputError(t('error.with-option', { option: '--resume', message: err.message }));
    throw fileReadError(path, err, '--resume');
  }
  return done;
}

/**
 * At most `qps` query starts in any second, for every query of the run together. A sliding window over
 * the real start times (evenly spaced timers can fire late and bunch up), with a small margin so the
 * server, which sees arrivals rather than starts, never counts more either.
 */
export class RateLimiter {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private static readonly WINDOW_MS = 1050;

  constructor(private readonly qps: number) {}

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.wait());
    this.queue = turn;
    return turn;
  }

  private async wait(): Promise<void> {
    const limit = Math.max(1, Math.floor(this.qps));
    for (;;) {
      const now = performance.now();
      while (this.starts.length && now - this.starts[0]! >= RateLimiter.WINDOW_MS) this.starts.shift();
      if (this.starts.length < limit) {
        this.starts.push(now);
        return;
      }
      await new Promise((r) => setTimeout(r, RateLimiter.WINDOW_MS - (now - this.starts[0]!) + 1));
    }
  }
}
