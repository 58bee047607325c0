/**
 * The long fuzzing campaign: every target of test/fuzz/targets.ts with fresh seeds.
 *   npm run fuzz                 10,000 cases per target
 *   npm run fuzz -- 50000 spf    more cases, only targets whose name contains "spf"
 * A failure prints the seed and the shrunk counterexample, to be kept as a regression test.
 */
import fc from 'fast-check';
import { property, targets } from '../test/fuzz/targets.js';

const runs = Number(process.argv[2] ?? 10_000);
const only = process.argv[3]?.toLowerCase();
let total = 0;
let failed = 0;
const started = performance.now();
for (const target of targets()) {
  if (only && !target.name.toLowerCase().includes(only)) continue;
  const seed = Date.now() ^ (Math.random() * 0x7fffffff);
  const t0 = performance.now();
  const result = await fc.check(property(target, 2_000), { seed, numRuns: runs });
  total += result.numRuns;
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  if (result.failed) {
    failed++;
    console.log(`✖ ${target.name}: failed after ${result.numRuns} cases (seed ${seed}, ${secs} s)`);
    console.log(`  counterexample: ${JSON.stringify(result.counterexample?.[0])}`);
    console.log(`  ${String(result.errorInstance).split('\n')[0]}`);
  } else {
    console.log(`✔ ${target.name}: ${result.numRuns} cases (seed ${seed}, ${secs} s)`);
  }
}
console.log(`\n${total} cases in ${((performance.now() - started) / 1000).toFixed(0)} s, ${failed} target(s) failed`);
process.exit(failed ? 1 : 0);
