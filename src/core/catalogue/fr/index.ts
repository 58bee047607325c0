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
import { reasonWords } from '../reason-words.js';
import { ruleWords } from '../requirements.js';
import { bounceReasonWords } from '../bounce.js';
import { RULE_WORDS_FR } from './requirements.js';
import { BOUNCE_REASON_WORDS_FR } from './bounce.js';

// What the French catalogue adds to the words the renderers and reasons look up by language.
reasonWords.add('fr', reasonsFr as Parameters<typeof reasonWords.add>[1]);
ruleWords.add('fr', RULE_WORDS_FR);
bounceReasonWords.add('fr', BOUNCE_REASON_WORDS_FR);

/** Every finding in French; the types make a missing id, or an argument the English lacks, an error. */
export const catalogueFr = { ...dnsFr, ...smtpFr, ...headersFr, ...receivingFr, ...requirementsFr, ...reportsFr, ...bounceFr } satisfies Record<FindingId, Wording<never>>;

export function wordingFr(id: FindingId): Wording<object> {
  return catalogueFr[id] as Wording<object>;
}

export type { FindingSpec };
