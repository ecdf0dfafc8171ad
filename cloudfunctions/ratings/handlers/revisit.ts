import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { RequestContext } from '../../_lib/context'
import { caseStep } from './caseStep'
import { revisitDelta } from '../../_lib/stat-rules'

/** 回访: the manager contacted the resident; on time if within the 1-working-day deadline. */
export function revisit(input: z.output<typeof ratingsApi.revisit.input>, ctx: RequestContext) {
  return caseStep(ctx, input.caseId, 'revisit', (c, user) => {
    const onTime = ctx.now.getTime() <= new Date(c.revisitDueAt).getTime()
    return {
      doc: { ...c, status: 'rectifying', revisit: { at: ctx.now, note: input.note, onTime, by: user._id, byName: user.name } },
      stats: revisitDelta(onTime)
    }
  })
}
