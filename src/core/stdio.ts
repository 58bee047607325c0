/**
 * The process's streams and environment as one value. The CLI gets them as an argument, so a test can run
 * it in memory with its own streams and variables; bin/maildiag.js passes the real ones.
 */
export type Terminal = NodeJS.WritableStream & { isTTY?: boolean; columns?: number; getColorDepth?: () => number };

export interface Stdio {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: Terminal;
  stderr: Terminal;
  env: Readonly<Record<string, string | undefined>>;
}

export function processStdio(): Stdio {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
}
