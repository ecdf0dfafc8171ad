import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { beijingDate } from '@/types/rules/beijing-time'
import { transition } from '../shared'
import { judgeDate, withRequest } from '../extensions'

/** The cadre asks a manager for a later deadline, with a reason, no later than the rules allow. */
export function requestExtension(input: z.output<typeof demandsApi.requestExtension.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['open', 'coordinating'], async (d, c) => {
    const ask = await judgeDate(input.until, d, c)
    if (ask.kind === 'within') throw new AppError('BAD_REQUEST', `${input.until} 没有超过现在的期限 ${beijingDate(d.deadlineAt)}，不用申请延期`)
    return { doc: withRequest(d, c, input.until, ask.untilAt, input.reason) }
  })
}
