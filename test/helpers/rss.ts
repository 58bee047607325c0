import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let hook: string | undefined;

/**
 * A module (for --import) that makes a child print its peak resident memory (maxrss_kb=) on stderr as it
 * exits. On Linux it reads VmHWM: getrusage's maxRSS survives exec, so a child of a large process (a
 * vitest worker, the bench after simpleParser read 50 MB) reported its parent's size, not its own
 * (measured: 248 MB reported, 105 MB its own). Elsewhere it falls back to maxRSS.
 */
const RSS_HOOK_SOURCE = [
  "import { readFileSync } from 'node:fs';",
  'process.on(\'exit\', () => {',
  '  let kb = process.resourceUsage().maxRSS;',
  "  try { kb = Number(readFileSync('/proc/self/status', 'utf8').match(/^VmHWM:\\s+(\\d+) kB/m)?.[1] ?? kb); } catch {}",
  '  process.stderr.write(`maxrss_kb=${kb}\\n`);',
  '});',
  '',
].join('\n');

export function rssHook(): string {
  if (hook) return hook;
  hook = join(mkdtempSync(join(tmpdir(), 'maildiag-rss-')), 'rss.mjs');
  writeFileSync(hook, RSS_HOOK_SOURCE);
  return hook;
}
