import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import { type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { countVisit, readStats, writeStats } from '../../_lib/visit-stats'
import { addReviewed } from '../../_lib/visit-stat-rules'
import { toDetail } from '../shared'
import { byId, txGet } from '../../_lib/by-id'

type Input = z.output<typeof visitApi.review.input>
type Output = z.input<typeof visitApi.review.output>

/**
 * 外勤 approval by a manager of the cadre's organisation (or above). Approving counts the visit the same
 * O(1) way an inside check-in does; asking again with the same decision answers the same, a different
 * decision after one was made is a CONFLICT.
 */
export async function review(input: Input, ctx: RequestContext): Promise<Output> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const found = await byId<VisitDoc>('visits', input.visitId)
  if (!found) throw new AppError('NOT_FOUND', '没有找到这条外勤记录')
  requireManagerOf(user, found.orgPath, '这条外勤不在您管理的范围内')

  return inTransaction(async (tx) => {
    const ref = tx.collection('visits').doc(input.visitId)
    const v = await txGet<VisitDoc>(tx, 'visits', input.visitId)
    if (!v) throw new AppError('NOT_FOUND', '没有找到这条外勤记录')
    if (v.inside) throw new AppError('BAD_REQUEST', '这是在联系点范围内的打卡，不需要审核')
    if (v.status !== 'pending') {
      if (v.review?.decision === input.decision) return { visit: toDetail(v), dayAdded: false }
      throw new AppError('CONFLICT', `这条外勤已经${v.status === 'counted' ? '审核通过' : '被退回'}了，不能再改`)
    }
    if (input.decision === 'reject' && !input.note) throw new AppError('BAD_REQUEST', '退回外勤时请写明原因，方便干部知道')

    const { stats, existed } = await readStats(tx, v, ctx.now)
    let next = addReviewed(stats, input.decision)
    let dayAdded = false
    if (input.decision === 'approve') {
      const counted = await countVisit(tx, v, next, ctx.now)
      next = counted.stats
      dayAdded = counted.dayAdded
    }
    await writeStats(tx, next, existed, ctx.now)

    const updated: VisitDoc = {
      ...v,
      status: input.decision === 'approve' ? 'counted' : 'rejected',
      review: { decision: input.decision, note: input.note, by: user._id, byName: user.name, at: ctx.now }
    }
    const { _id, ...doc } = updated
    await ref.set({ data: doc as unknown as Record<string, unknown> })
    return { visit: toDetail(updated), dayAdded }
  })
}
