/** The report data of maildiag bounce: what the bounce is, and each recipient explained. */
import type { Explained } from './explain.js';
import type { BounceFacts } from './parse.js';

export type BounceData = Omit<BounceFacts, 'recipients'> & { recipients: Explained[] };

declare module '../core/model.js' {
  interface ReportDataMap {
    bounce: BounceData;
  }
}
