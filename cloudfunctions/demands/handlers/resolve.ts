import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { handledLate } from '@/types/rules/ledger'
import { transition } from '../shared'
import { demandFinishedDelta } from '../../_lib/stat-rules'

/** 立即解决: the cadre solved it on the spot and says what was done. */
export function resolve(input: z.output<typeof demandsApi.resolve.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['open'], (d, c) => {
    const doc = {
      ...d,
      status: 'solved' as const,
      path: 'immediate' as const,
      finishedAt: c.now,
      timeline: [...d.timeline, { ...c.step, kind: 'resolved' as const, note: input.done }]
    }
    return { doc, stats: demandFinishedDelta('immediate', handledLate(doc)) }
  })
}
