import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { VisitConfirmation } from '@/types/cadre-periods'
import type { VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { inTransaction } from '../../_lib/tx'
import { countVisit, readStats, writeStats } from '../../_lib/visit-stats'
import { addReviewed } from '../../_lib/visit-stat-rules'
import { confirmTarget } from '../confirm'
import { txGet } from '../../_lib/by-id'

/**
 * A resident confirms a 外勤 on the spot: it is counted as an approval would count it (the day, the statistics),
 * with the resident recorded for the managers (review by '群众扫码确认'). Staff are refused; one resident confirms at
 * most a couple of one cadre's visits a month; a second confirmation, or one racing a manager's decision, changes
 * nothing.
 */
export async function confirm(input: z.output<typeof visitApi.confirm.input>, ctx: RequestContext): Promise<VisitConfirmation> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const target = await confirmTarget(input.scene, openid, ctx.now)
  if (target.answer.state === 'closed') throw new AppError('FORBIDDEN', target.answer.message ?? '现在不能确认')
  if (target.answer.state !== 'open') return target.answer
  return inTransaction(async (tx) => {
    const ref = tx.collection('visits').doc(target.visit._id)
    const v = await txGet<VisitDoc>(tx, 'visits', target.visit._id)
    if (!v || v.status !== 'pending' || v.confirmedBy)
      return { ...target.answer, state: v?.confirmedBy ? 'confirmed' : 'notNeeded', message: '这次走访已经处理过了' }
    const { stats, existed } = await readStats(tx, v, ctx.now)
    const counted = await countVisit(tx, { ...v, _id: target.visit._id }, addReviewed(stats, 'approve'), ctx.now)
    await writeStats(tx, counted.stats, existed, ctx.now)
    const updated: VisitDoc = {
      ...v,
      status: 'counted',
      confirmedBy: openid,
      review: { decision: 'approve', note: '在场群众扫码确认干部来过', by: 'resident', byName: '群众扫码确认', at: ctx.now }
    }
    const { _id, ...doc } = updated as VisitDoc & { _id?: string }
    await ref.set({ data: doc as unknown as Record<string, unknown> })
    return { ...target.answer, state: 'confirmed' as const, message: '谢谢您！已确认干部今天来过' }
  })
}
