import type { DemandDetail, DemandStatus } from '../../types/service'
import type { UserDoc } from '../_lib/collections'
import type { RequestContext } from '../_lib/context'
import { AppError } from '../_lib/errors'
import { isManagerOf, requireStaff, viewerOf } from '../_lib/auth'
import { inTransaction } from '../_lib/tx'
import { bumpServiceStats, put, toDemandDetail, type DemandDoc, type StatDelta, type TimelineDoc } from '../_lib/service'
import { demandStatusLabels } from '../../types/service'

export type Actor = 'owner' | 'manager'

const refusals: Record<Actor, string> = {
  owner: '只有负责这件事的干部本人可以办理',
  manager: '只有这位干部的上级管理员可以督办'
}

/**
 * One state change of a demand, in one transaction: the caller's right (the cadre who owns it, or a
 * manager of that cadre), the states it may come from, the new document with a timeline step, and the
 * statistics moved in the same transaction. Two documents read (the demand, the stats per period),
 * three written: O(1) whatever the history.
 */
export async function transition(
  ctx: RequestContext,
  demandId: string,
  who: Actor,
  from: readonly DemandStatus[],
  apply: (d: DemandDoc, user: UserDoc, step: Omit<TimelineDoc, 'kind' | 'note'>) => { doc: DemandDoc; stats?: StatDelta }
): Promise<DemandDetail> {
  const user = await requireStaff(ctx)
  return inTransaction(async (tx) => {
    const d = (await tx.collection('demands').doc(demandId).get()).data as unknown as DemandDoc | null
    if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
    if (who === 'owner' && user._id !== d.cadreId) throw new AppError('FORBIDDEN', refusals.owner)
    if (who === 'manager' && !isManagerOf(user, d.orgPath)) throw new AppError('FORBIDDEN', refusals.manager)
    if (!from.includes(d.status)) {
      throw new AppError('CONFLICT', `这条诉求现在是「${demandStatusLabels[d.status]}」，不能做这一步`)
    }
    const role = user.role === 'cadre' ? 'cadre' : user.role
    const { doc, stats } = apply({ ...d, _id: demandId }, user, { at: ctx.now, by: user._id, byName: user.name, byRole: role })
    if (doc.timeline.length > 200) throw new AppError('BAD_REQUEST', '这条诉求的记录太多了，请先办结')
    const next = { ...doc, active: doc.status === 'open' || doc.status === 'coordinating', updatedAt: ctx.now }
    await put(tx, 'demands', next)
    if (stats) await bumpServiceStats(tx, next, ctx.now, stats, ctx.now)
    return toDemandDetail(next, viewerOf(user), ctx.now)
  })
}

/** Finished after its deadline (resolve, finish, report). */
export const late = (d: DemandDoc, now: Date) => (now.getTime() > new Date(d.deadlineAt).getTime() ? 1 : 0)
