import { collection, type UserDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { findUserById } from '../_lib/auth'
import { countOf } from '../_lib/query'
import type { Tx } from '../_lib/tx'
import { bumpMembers } from './shared'
import { txGet } from '../_lib/by-id'

/**
 * Moving and removing keep history where it was earned. Visits, visit days, statistics (`${cadreId}_${year}`,
 * `${cadreId}_${period}`), demands, ratings and cases are keyed by the account's _id and carry the orgPath they
 * were written with. So the old account is retired, not edited: its openid is set aside to `former:<id>`,
 * `active: false`, role and orgPath kept — every figure it earned stays under the old node, and no later write
 * can touch it (nothing is written for an account nobody can sign in as); `formerOpenid` keeps whose it was, for
 * audit. A move then creates a new account for the new node bound to the same WeChat openid, with `formerIds`
 * linking back. Both in one transaction.
 * Open demands and liaison points stay with the old account: the old node's manager still sees them (they
 * carry the old orgPath) and reassigns them; the result says how many.
 */
export async function leftover(cadreId: string) {
  const [openDemands, liaisonPoints] = await Promise.all([
    countOf(collection('demands').where({ cadreId, active: true })),
    countOf(collection('liaisonPoints').where({ cadreId }))
  ])
  const parts = [openDemands ? `${openDemands} 件未办结的诉求` : '', liaisonPoints ? `${liaisonPoints} 个联系点` : ''].filter(Boolean)
  const message = parts.length ? `${parts.join('和')}留在原单位，原单位管理员能看到，请重新分派给其他干部` : '没有留下未办结的诉求或联系点'
  return { openDemands, liaisonPoints, message }
}

export async function activeMember(id: string): Promise<UserDoc> {
  const u = await findUserById(id)
  if (!u || u.active === false || u.openid.startsWith('former:')) throw new AppError('NOT_FOUND', '没有找到这个人，可能已经调走或移除了')
  return u
}

export async function retire(tx: Tx, old: UserDoc, reason: 'moved' | 'removed', byId: string, now: Date, extra: { note?: string; movedTo?: string }) {
  await tx
    .collection('users')
    .doc(old._id)
    .update({
      data: { openid: `former:${old._id}`, formerOpenid: old.openid, active: false, retired: { at: now, reason, byId, ...extra } }
    })
  await bumpMembers(tx, old.orgId, old.role, -1)
}

export async function stillActive(tx: Tx, id: string): Promise<UserDoc> {
  const cur = await txGet<UserDoc>(tx, 'users', id)
  if (!cur || cur.active === false) throw new AppError('CONFLICT', '这个人刚刚已被调动或移除了，请刷新')
  return { ...cur, _id: id }
}
