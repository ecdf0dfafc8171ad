import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { late, transition } from '../shared'
import { demandFinishedDelta } from '../../_lib/stat-rules'

/** 上报反映: cannot be solved now; reported upward with the reason, and the explanation given to the person. */
export function report(input: z.output<typeof demandsApi.report.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['open', 'coordinating'], (d, _u, step) => ({
    doc: {
      ...d,
      status: 'reported',
      path: 'report',
      department: input.reportedTo,
      finishedAt: ctx.now,
      timeline: [...d.timeline, { ...step, kind: 'reported', note: `上报${input.reportedTo}：${input.reason}；向群众解释：${input.explanation}` }]
    },
    stats: demandFinishedDelta('report', late(d, ctx.now) === 1)
  }))
}
