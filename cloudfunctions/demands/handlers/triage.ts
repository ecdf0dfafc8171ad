import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { beijingDate } from '@/types/rules/beijing-time'
import { currentDeadline, ownerTriageBlock, triagedDeadline } from '@/types/rules/ledger'
import { urgencies } from '@/types/demands'
import { transition } from '../shared'

/**
 * 分级: staff set the urgency, and the first deadline follows from the rules (from when it was raised, never before
 * the end of today). The cadre who owes it may do so once, for a resident's report, before it is overdue; a manager
 * of the cadre at any time while it is being handled.
 */
export function triage(input: z.output<typeof demandsApi.triage.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'ownerOrManager', ['open', 'coordinating'], async (d, c) => {
    if (c.isOwner) {
      const block = ownerTriageBlock(d, c.now)
      if (block) throw new AppError('FORBIDDEN', block)
    }
    const first = triagedDeadline(d.createdAt, input.urgency, c.now, await c.rules(new Date(d.createdAt)), await c.calendar())
    const deadlineAt = currentDeadline(first, d.extensions ?? [])
    const note = `定为「${urgencies[input.urgency]}」，办结期限 ${beijingDate(deadlineAt)}${input.note ? `：${input.note}` : ''}`
    return {
      doc: {
        ...d,
        urgency: input.urgency,
        triagedAt: c.now,
        firstDeadlineAt: first,
        deadlineAt,
        timeline: [...d.timeline, { ...c.step, kind: 'triaged', note }]
      }
    }
  })
}
