import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { endOfBeijingDay } from '../../../types/rules/working-days'
import { beijingDate } from '../../../types/rules/beijing-time'
import { transition } from '../shared'

/** 协调解决: handed to a named department; the deadline stays the urgency rule's unless a date is given. */
export function coordinate(input: z.output<typeof demandsApi.coordinate.input>, ctx: RequestContext) {
  let deadlineAt: Date | null = null
  if (input.deadline) {
    deadlineAt = endOfBeijingDay(input.deadline)
    if (Number.isNaN(deadlineAt.getTime())) throw new AppError('BAD_REQUEST', '办结期限不是有效的日期')
    if (input.deadline < beijingDate(ctx.now)) throw new AppError('BAD_REQUEST', '办结期限不能早于今天')
  }
  return transition(ctx, input.demandId, 'owner', ['open'], (d, _u, step) => ({
    doc: {
      ...d,
      status: 'coordinating',
      path: 'coordinate',
      department: input.department,
      deadlineAt: deadlineAt ?? d.deadlineAt,
      timeline: [...d.timeline, { ...step, kind: 'assigned', note: `转${input.department}协调办理，期限 ${beijingDate(deadlineAt ?? d.deadlineAt)}` }]
    }
  }))
}
