import { writeFileSync } from 'node:fs';
import { findingsMarkdown } from './findings-doc.js';

writeFileSync(new URL('../docs/findings.md', import.meta.url), findingsMarkdown());
console.log('wrote docs/findings.md');
