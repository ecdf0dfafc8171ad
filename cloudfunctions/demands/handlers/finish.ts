import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { late, transition } from '../shared'
import { demandFinishedDelta } from '../../_lib/stat-rules'

/** 协调办结: the department's result recorded by the cadre. */
export function finish(input: z.output<typeof demandsApi.finish.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['coordinating'], (d, _u, step) => ({
    doc: { ...d, status: 'solved', finishedAt: ctx.now, timeline: [...d.timeline, { ...step, kind: 'finished', note: input.result }] },
    stats: demandFinishedDelta('coordinate', late(d, ctx.now) === 1)
  }))
}
