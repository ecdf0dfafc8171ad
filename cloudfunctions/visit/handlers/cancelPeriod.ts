import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { CadrePeriod } from '@/types/cadre-periods'
import type { CadrePeriodDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { isManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { periodFor, toPeriod } from '../periods'
import { txGet } from '../../_lib/by-id'

/**
 * Withdraws a pending span (its cadre or a manager of the cadre) or ends an approved 请假/培训/抽调 (a manager: the
 * pace runs again on those dates). An approved 蹲点 stay stays: its days were counted as evidenced.
 */
export async function cancelPeriod(input: z.output<typeof visitApi.cancelPeriod.input>, ctx: RequestContext): Promise<CadrePeriod> {
  const user = await requireStaff(ctx)
  const found = await periodFor(user, input.periodId)
  const manager = isManagerOf(user, found.orgPath)
  return inTransaction(async (tx) => {
    const ref = tx.collection('cadrePeriods').doc(input.periodId)
    const p = await txGet<CadrePeriodDoc>(tx, 'cadrePeriods', input.periodId)
    if (!p) throw new AppError('NOT_FOUND', '没有找到这条登记')
    const doc = { ...p, _id: input.periodId }
    if (doc.status === 'cancelled') return toPeriod(doc)
    if (doc.status === 'rejected') throw new AppError('CONFLICT', '这条登记没有通过，不用撤销')
    if (doc.status === 'approved') {
      if (doc.kind === 'stay') throw new AppError('CONFLICT', '蹲点审批通过后已计入下基层天数，不能撤销')
      if (!manager) throw new AppError('FORBIDDEN', '已生效的登记，请管理员撤销')
    }
    const next: CadrePeriodDoc = {
      ...doc,
      status: 'cancelled',
      review: { decision: 'cancel', note: input.note, by: user._id, byName: user.name, at: ctx.now },
      updatedAt: ctx.now
    }
    const { _id, ...rest } = next
    await ref.set({ data: rest as unknown as Record<string, unknown> })
    return toPeriod(next)
  })
}
