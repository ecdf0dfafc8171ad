import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { RequestContext } from '../../_lib/context'
import { caseStep } from './caseStep'
import { rectifiedDelta } from '../../_lib/stat-rules'

/** 整改 recorded: the resident sees the result on their landing page and may rate the fix. */
export function rectify(input: z.output<typeof ratingsApi.rectify.input>, ctx: RequestContext) {
  return caseStep(ctx, input.caseId, 'rectifying', (c, user) => {
    const onTime = ctx.now.getTime() <= new Date(c.rectifyDueAt).getTime()
    return {
      doc: { ...c, status: 'rectified', active: false, rectification: { at: ctx.now, result: input.result, onTime, by: user._id, byName: user.name } },
      stats: rectifiedDelta(onTime)
    }
  })
}
