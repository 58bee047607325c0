/**
 * The long fuzzing campaign: every target of test/fuzz/targets.ts with fresh seeds.
 *   npm run fuzz                 10,000 cases per target
 *   npm run fuzz -- 50000 spf    more cases, only targets whose name contains "spf"
 * A failure prints the seed and the shrunk counterexample, to be kept as a regression test.
 *
 * Each target runs in a worker thread that copies every input into shared memory before running it. A case
 * that never returns (catastrophic regex backtracking blocks its thread for good, and no timer inside can
 * stop it) is caught by a watchdog here: the worker is terminated and the input written to a file.
 */
import { writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const HANG_MS = 30_000;
const INPUT_BYTES = 4 * 1024 * 1024;

interface Job {
  name: string;
  runs: number;
  seed: number;
  shared: SharedArrayBuffer;
}

type Outcome = { numRuns: number; failed: boolean; counterexample?: string; error?: string };

if (!isMainThread) {
  const { name, runs, seed, shared } = workerData as Job;
  const [{ default: fc }, { property, targets }] = await Promise.all([import('fast-check'), import('../test/fuzz/targets.js')]);
  const target = targets().find((t) => t.name === name)!;
  const head = new Int32Array(shared, 0, 2);
  const bytes = new Uint8Array(shared, 8);
  const keep = (input: string) => {
    const b = Buffer.from(input, 'utf8');
    bytes.set(b.subarray(0, bytes.length));
    Atomics.store(head, 1, Math.min(b.length, bytes.length));
    Atomics.add(head, 0, 1);
  };
  const result = await fc.check(property(target, 2_000, keep), { seed, numRuns: runs });
  parentPort!.postMessage({
    numRuns: result.numRuns,
    failed: result.failed,
    ...(result.failed ? { counterexample: JSON.stringify(result.counterexample?.[0]), error: String(result.errorInstance).split('\n')[0] } : {}),
  } satisfies Outcome);
} else {
  const runs = Number(process.argv[2] ?? 10_000);
  const only = process.argv[3]?.toLowerCase();
  const { targets } = await import('../test/fuzz/targets.js');
  let total = 0;
  let failed = 0;
  const started = performance.now();
  for (const target of targets()) {
    if (only && !target.name.toLowerCase().includes(only)) continue;
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    const t0 = performance.now();
    const shared = new SharedArrayBuffer(8 + INPUT_BYTES);
    const head = new Int32Array(shared, 0, 2);
    // The worker runs this same file; TypeScript loading is registered in it first (hooks are per thread).
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: { name: target.name, runs, seed, shared } satisfies Job });
    const outcome = await new Promise<Outcome | 'hang'>((resolve, reject) => {
      let seen = -1;
      let since = performance.now();
      const watchdog = setInterval(() => {
        const count = Atomics.load(head, 0);
        if (count !== seen) {
          seen = count;
          since = performance.now();
        } else if (performance.now() - since > HANG_MS) {
          clearInterval(watchdog);
          void worker.terminate();
          resolve('hang');
        }
      }, 1_000);
      worker.once('message', (m: Outcome) => {
        clearInterval(watchdog);
        void worker.terminate();
        resolve(m);
      });
      worker.once('error', (err) => {
        clearInterval(watchdog);
        reject(err);
      });
    });
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    if (outcome === 'hang') {
      failed++;
      const input = Buffer.from(new Uint8Array(shared, 8, Atomics.load(head, 1))).toString('utf8');
      const file = `fuzz-hang-${target.name.replace(/\W+/g, '-')}-${seed}.txt`;
      writeFileSync(file, input);
      total += Atomics.load(head, 0);
      console.log(`✖ ${target.name}: case ${Atomics.load(head, 0)} never returned (over ${HANG_MS / 1000} s; seed ${seed}); its input (${input.length} characters) is in ${file}`);
      continue;
    }
    total += outcome.numRuns;
    if (outcome.failed) {
      failed++;
      console.log(`✖ ${target.name}: failed after ${outcome.numRuns} cases (seed ${seed}, ${secs} s)`);
      console.log(`  counterexample: ${outcome.counterexample}`);
      console.log(`  ${outcome.error}`);
    } else {
      console.log(`✔ ${target.name}: ${outcome.numRuns} cases (seed ${seed}, ${secs} s)`);
    }
  }
  console.log(`\n${total} cases in ${((performance.now() - started) / 1000).toFixed(0)} s, ${failed} target(s) failed`);
  process.exit(failed ? 1 : 0);
}
