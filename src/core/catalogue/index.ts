import type { FindingSpec } from './define.js';
import { dnsFindings } from './dns.js';
import { smtpFindings } from './smtp.js';
import { headerFindings } from './headers.js';
import { receivingFindings } from './receiving.js';
import { requirementFindings } from './requirements.js';
import { reportFindings } from './reports.js';
import { bounceFindings } from './bounce.js';

/** Every finding id maildiag can emit. docs/findings.md is generated from this (npm run docs). */
export const catalogue = {
  ...dnsFindings,
  ...smtpFindings,
  ...headerFindings,
  ...receivingFindings,
  ...requirementFindings,
  ...reportFindings,
  ...bounceFindings,
} as const;

export type FindingId = keyof typeof catalogue;
export type ArgsOf<K extends FindingId> = (typeof catalogue)[K] extends FindingSpec<infer A> ? A : never;

export function specOf(id: FindingId): FindingSpec<object> {
  return catalogue[id] as FindingSpec<object>;
}
