import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let hook: string | undefined;

/** A module (for NODE_OPTIONS=--import=) that makes a child print its peak resident memory (maxrss_kb=) on stderr as it exits. */
export function rssHook(): string {
  if (hook) return hook;
  hook = join(mkdtempSync(join(tmpdir(), 'maildiag-rss-')), 'rss.mjs');
  writeFileSync(hook, "process.on('exit', () => process.stderr.write(`maxrss_kb=${process.resourceUsage().maxRSS}\\n`));\n");
  return hook;
}
