import type { FindingSpec, Wording } from '../define.js';
import type { FindingId } from '../index.js';
import { dnsFr } from './dns.js';
import { headersFr } from './headers.js';
import { receivingFr } from './receiving.js';
import { smtpFr } from './smtp.js';
import { requirementsFr } from './requirements.js';
import { reportsFr } from './reports.js';
import { bounceFr } from './bounce.js';
import { reasonsFr } from './reasons.js';
import { addReasonWords } from '../reason-words.js';

addReasonWords('fr', reasonsFr as Parameters<typeof addReasonWords>[1]);

/** Every finding in French; the types make a missing id, or an argument the English lacks, an error. */
export const catalogueFr = { ...dnsFr, ...smtpFr, ...headersFr, ...receivingFr, ...requirementsFr, ...reportsFr, ...bounceFr } satisfies Record<FindingId, Wording<never>>;

export function wordingFr(id: FindingId): Wording<object> {
  return catalogueFr[id] as Wording<object>;
}

export type { FindingSpec };
