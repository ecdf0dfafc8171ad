import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { late, transition } from '../shared'
import { demandFinishedDelta } from '../../_lib/stat-rules'

/** 立即解决: the cadre solved it on the spot and says what was done. */
export function resolve(input: z.output<typeof demandsApi.resolve.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['open'], (d, _u, step) => ({
    doc: { ...d, status: 'solved', path: 'immediate', finishedAt: ctx.now, timeline: [...d.timeline, { ...step, kind: 'resolved', note: input.done }] },
    stats: demandFinishedDelta('immediate', late(d, ctx.now) === 1)
  }))
}
