/**
 * Builds dist/ once before any test file runs, so a test never spawns or imports a stale build
 * (`npx vitest` alone is enough). Both projects list this file; the build runs once per vitest run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  if (process.env.MAILDIAG_TEST_BUILT) return;
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
  process.env.MAILDIAG_TEST_BUILT = '1';
}
