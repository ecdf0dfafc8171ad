import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { currentDeadline } from '@/types/rules/ledger'
import { transition } from '../shared'

/** A manager of the cadre decides the waiting extension: approved, the deadline moves to its date; refused, it stays. */
export function decideExtension(input: z.output<typeof demandsApi.decideExtension.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'manager', ['open', 'coordinating'], (d, c) => {
    const extensions = d.extensions ?? []
    const i = extensions.findIndex((e) => e.status === 'pending')
    if (i < 0) throw new AppError('CONFLICT', '这条诉求没有待审批的延期申请')
    const approve = input.decision === 'approve'
    const decided = {
      ...extensions[i],
      status: approve ? ('approved' as const) : ('refused' as const),
      decidedAt: c.now,
      decidedBy: c.user._id,
      decidedByName: c.user.name,
      decisionReason: input.reason
    }
    const next = extensions.map((e, k) => (k === i ? decided : e))
    return {
      doc: {
        ...d,
        extensions: next,
        deadlineAt: currentDeadline(d.firstDeadlineAt ?? d.deadlineAt, next),
        timeline: [
          ...d.timeline,
          {
            ...c.step,
            kind: approve ? 'extensionApproved' : 'extensionRefused',
            note: `${approve ? '同意延期到' : '不同意延期到'} ${decided.until}：${input.reason}`
          }
        ]
      }
    }
  })
}
