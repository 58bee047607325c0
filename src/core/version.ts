import { existsSync, readFileSync } from 'node:fs';

/** maildiag's package.json: two levels up from src/core, one from the bundled dist/. */
function packageJson(): { version: string } {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(url)) {
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version: string };
      if (pkg.name === 'maildiag') return pkg;
    }
  }
  return { version: '0.0.0' };
}

export const VERSION: string = packageJson().version;
