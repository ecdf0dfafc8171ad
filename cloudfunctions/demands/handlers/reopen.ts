import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { demandDeadline, isBadLevel } from '@/types/rules/service'
import { handledLate } from '@/types/rules/ledger'
import { beijingDate } from '@/types/rules/beijing-time'
import { demandClosedDelta, demandFinishedDelta, demandReopenedDelta, negated } from '../../_lib/stat-rules'
import type { RoundDoc } from '../../_lib/service'
import { transition } from '../shared'

/**
 * 重办: the person rated the answer 不满意 or 非常不满意, and a manager of the cadre sends it back to be handled
 * again. The round is kept for the record; its handling and answer are taken back from the figures where they were
 * counted (it was not solved after all), the 重办 is counted now, and the new round has the rules' deadline from now.
 */
export function reopen(input: z.output<typeof demandsApi.reopen.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'manager', ['closed'], async (d, c) => {
    if (!d.rating || !isBadLevel(d.rating.level)) throw new AppError('CONFLICT', '群众评价为不满意的诉求才能重办')
    const late = handledLate(d)
    const round: RoundDoc = {
      path: d.path,
      deadlineAt: d.deadlineAt,
      finishedAt: d.finishedAt,
      closedAt: d.closedAt,
      reply: d.reply,
      rating: d.rating,
      late,
      extensions: d.extensions ?? [],
      reopenedAt: c.now,
      reopenedBy: c.user._id,
      reopenedByName: c.user.name,
      reason: input.reason
    }
    const deadlineAt = demandDeadline(c.now, d.urgency, await c.rules(), await c.calendar())
    const statEvents = [
      ...(d.finishedAt && d.path ? [{ at: new Date(d.finishedAt), delta: negated(demandFinishedDelta(d.path, late)) }] : []),
      ...(d.closedAt ? [{ at: new Date(d.closedAt), delta: negated(demandClosedDelta()) }] : [])
    ]
    return {
      doc: {
        ...d,
        status: 'open',
        path: null,
        department: null,
        departmentDueAt: null,
        finishedAt: null,
        closedAt: null,
        reply: null,
        rating: null,
        report: null,
        extensions: [],
        firstDeadlineAt: deadlineAt,
        deadlineAt,
        rounds: [...(d.rounds ?? []), round],
        timeline: [...d.timeline, { ...c.step, kind: 'reopened', note: `${input.reason}；新的办结期限 ${beijingDate(deadlineAt)}` }]
      },
      statEvents,
      stats: demandReopenedDelta()
    }
  })
}
