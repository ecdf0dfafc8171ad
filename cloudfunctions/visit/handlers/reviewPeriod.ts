import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { CadrePeriod } from '@/types/cadre-periods'
import type { CadrePeriodDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { countStay, periodFor, toPeriod } from '../periods'
import { txGet } from '../../_lib/by-id'

/**
 * A manager of the cadre approves or turns down a pending span. Approving a 蹲点 stay counts its days in the same
 * transaction. The same decision again answers the same; another decision after one was made is a CONFLICT.
 */
export async function reviewPeriod(input: z.output<typeof visitApi.reviewPeriod.input>, ctx: RequestContext): Promise<CadrePeriod> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const found = await periodFor(user, input.periodId)
  requireManagerOf(user, found.orgPath, '这条登记不在您管理的范围内')
  if (input.decision === 'reject' && !input.note) throw new AppError('BAD_REQUEST', '不通过时请写明原因，方便干部知道')
  return inTransaction(async (tx) => {
    const ref = tx.collection('cadrePeriods').doc(input.periodId)
    const p = await txGet<CadrePeriodDoc>(tx, 'cadrePeriods', input.periodId)
    if (!p) throw new AppError('NOT_FOUND', '没有找到这条登记')
    const doc = { ...p, _id: input.periodId }
    const target = input.decision === 'approve' ? 'approved' : 'rejected'
    if (doc.status !== 'pending') {
      if (doc.status === target && doc.review?.decision === input.decision) return toPeriod(doc)
      throw new AppError('CONFLICT', `这条登记已经${doc.status === 'approved' ? '生效' : doc.status === 'rejected' ? '退回' : '撤销'}了，不能再审批`)
    }
    const next: CadrePeriodDoc = {
      ...doc,
      status: target,
      review: { decision: input.decision, note: input.note, by: user._id, byName: user.name, at: ctx.now },
      countedDays: target === 'approved' && doc.kind === 'stay' ? await countStay(tx, doc, ctx.now) : null,
      updatedAt: ctx.now
    }
    const { _id, ...rest } = next
    await ref.set({ data: rest as unknown as Record<string, unknown> })
    return toPeriod(next)
  })
}
