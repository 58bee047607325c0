#!/usr/bin/env node
// dist/ is built by `npm run build` in a checkout and shipped in the package, so installing runs no script.
import module from 'node:module';
import { readFileSync } from 'node:fs';

// `maildiag --version` alone answers from package.json, as the CLI would, without loading it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  // Node 22.1+ keeps V8's compiled code of the bundle between runs (in the OS temporary directory);
  // Node 20 has no such cache and starts as before.
  module.enableCompileCache?.();
  let cli;
  try {
    cli = await import('../dist/cli.js');
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/cli.js')) throw err;
    process.stderr.write('maildiag: not built yet: run `npm run build` in the checkout (or install the package)\n');
    process.exit(3);
  }
  process.exitCode = await cli.main(process.argv);
}
