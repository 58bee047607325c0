import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every DNS scenario fixture: the test server stands for the whole DNS they describe together. */
export function allDnsFixtures(): string[] {
  const dir = fileURLToPath(new URL('../../fixtures/dns/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.zone'))
    .sort()
    .map((f) => `dns/${f}`);
}
