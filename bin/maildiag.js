#!/usr/bin/env node
// dist/ is built by `npm run build` in a checkout and shipped in the package, so installing runs no script.
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist/cli.js')) throw err;
  process.stderr.write('maildiag: not built yet: run `npm run build` in the checkout (or install the package)\n');
  process.exit(3);
}
process.exitCode = await cli.main(process.argv);
