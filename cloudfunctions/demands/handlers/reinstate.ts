import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { demandInvalidatedDelta, negated } from '../../_lib/stat-rules'
import { transition } from '../shared'

/**
 * A manager of the cadre puts an entry set aside back where it was; its deadline stands (it may be overdue at once:
 * `reactivatedAt` lets the reminders find it, cloudfunctions/reminders/ledger-sources.ts).
 */
export function reinstate(input: z.output<typeof demandsApi.reinstate.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'manager', ['invalid'], (d, c) => ({
    doc: {
      ...d,
      status: d.invalid?.fromStatus ?? 'open',
      invalid: null,
      reactivatedAt: c.now,
      timeline: [...d.timeline, { ...c.step, kind: 'reinstated', note: input.reason }]
    },
    statEvents: [{ at: new Date(d.createdAt), delta: negated(demandInvalidatedDelta(d.area)) }]
  }))
}
