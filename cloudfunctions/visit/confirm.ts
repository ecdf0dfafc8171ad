/**
 * A resident's confirmation of a 外勤 — a visit where no fence fits (a pastoral point that moved, a herders' camp) —
 * scanned from the visit's code on the spot: evidence for the day like a manager's approval. What a caller may do
 * with a scene is decided here, once, for the read and the write.
 */
import type { VisitConfirmation } from '@/types/cadre-periods'
import { CONFIRMS_PER_RESIDENT_MONTH, CONFIRM_WINDOW_HOURS } from '@/types/rules/cadre-periods'
import { collection, type VisitDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { countOf } from '../_lib/query'
import type { SceneDoc } from '../_lib/service'
import { findUserByOpenid } from '../_lib/users'
import { byId } from '../_lib/by-id'

export interface ConfirmTarget {
  visit: VisitDoc
  answer: VisitConfirmation
}

/** The scene's visit and what this caller may do with it. */
export async function confirmTarget(code: string, openid: string, now: Date): Promise<ConfirmTarget> {
  const [scene, me] = await Promise.all([byId<SceneDoc>('scenes', code), findUserByOpenid(openid)])
  if (!scene || scene.kind !== 'visit') throw new AppError('NOT_FOUND', '这个二维码不是走访的二维码，或已失效')
  const visit = await byId<VisitDoc>('visits', scene.targetId)
  if (!visit || visit.status === 'rejected') throw new AppError('NOT_FOUND', '没有找到这次走访，二维码可能已失效')
  const base = { cadreName: visit.cadreName, pointName: visit.pointName, date: visit.date }
  const answer = (state: VisitConfirmation['state'], message: string | null): ConfirmTarget => ({ visit, answer: { ...base, state, message } })
  if (me) return answer('closed', '干部和管理员不能替群众确认，请在场的群众扫码')
  if (visit.confirmedBy) return answer('confirmed', visit.confirmedBy === openid ? '您已经确认过了，谢谢' : '已有群众确认过这次走访，谢谢')
  if (visit.inside || visit.status === 'counted') return answer('notNeeded', '这次走访已经计入，不需要确认')
  if (now.getTime() - new Date(visit.visitedAt).getTime() > CONFIRM_WINDOW_HOURS * 3_600_000) {
    return answer('closed', `走访后 ${CONFIRM_WINDOW_HOURS} 小时内才能确认，这次请等管理员审核`)
  }
  const mine = await countOf(collection('visits').where({ confirmedBy: openid, cadreId: visit.cadreId, month: visit.month }))
  if (mine >= CONFIRMS_PER_RESIDENT_MONTH) return answer('closed', '您这个月已经为这位干部确认过，这次请等管理员审核')
  return answer('open', null)
}
