import { badReviewSource, fixDoneSource, workReviewedSource } from './review-sources'
import { demandDoneSource, demandDueSource, demandOverdueSource, demandReactivatedSource } from './ledger-sources'
import { paceSource, summarySource } from './people-sources'
import type { Source } from './source'

/**
 * Every source the sender works through, in order: what cannot wait (a 差评 to visit within a working day,
 * overdue and due demands, a resident's answer) before the weekly pace and the monthly summaries, so a long pace
 * cycle over many cadres never holds them back.
 */
export const sources: Source[] = [
  badReviewSource,
  demandOverdueSource,
  demandReactivatedSource,
  demandDueSource,
  demandDoneSource,
  fixDoneSource,
  workReviewedSource,
  paceSource,
  summarySource
]
