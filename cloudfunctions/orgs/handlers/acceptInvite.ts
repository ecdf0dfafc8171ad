import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import { roles } from '@/types/enums'
import { inviteStatus } from '@/types/rules/invites'
import type { UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserByOpenid } from '../../_lib/users'
import { inTransaction } from '../../_lib/tx'
import { alreadyBound, bumpMembers, lookUpInvite, orgById, type InviteDoc } from '../shared'
import { txGet } from '../../_lib/by-id'

const gone: Record<'used' | 'revoked' | 'expired', string> = {
  used: '这个邀请码已经被使用过了，每个邀请码只能用一次。请联系邀请您的管理员重新生成',
  revoked: '这个邀请码已被管理员作废，请联系邀请您的管理员',
  expired: '这个邀请码已过期（7 天内有效），请联系邀请您的管理员重新生成'
}

/**
 * Binds the caller's WeChat account to the invite's node and role. In one transaction: the invite goes from
 * pending to used and the account is created with _id `user-i${code}` — concurrent accepts of one code
 * conflict on the invite and only the first commits; the others, retried, find it used. The unique openid
 * index stops one account binding twice. An account that is already bound is refused: nobody raises (or
 * changes) their own role; moves are done by a manager (moveCadre).
 */
export async function acceptInvite(input: z.output<typeof orgsApi.acceptInvite.input>, ctx: RequestContext) {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const me = await findUserByOpenid(openid)
  if (me) throw new AppError('FORBIDDEN', alreadyBound(me))
  const found = await lookUpInvite(openid, input.code, ctx.now)
  const org = await orgById(found.orgId)
  if (!org) throw new AppError('NOT_FOUND', '邀请的单位已不存在，请联系管理员')

  return inTransaction(async (tx) => {
    // Fresh on every attempt: a concurrent accept by the same account may have bound it meanwhile.
    const bound = await findUserByOpenid(openid)
    if (bound) throw new AppError('FORBIDDEN', alreadyBound(bound))
    const ref = tx.collection('invites').doc(found._id)
    const invite = await txGet<InviteDoc>(tx, 'invites', found._id)
    if (!invite) throw new AppError('NOT_FOUND', '邀请码不对，请核对后再输入')
    const status = inviteStatus(invite, ctx.now)
    if (status !== 'pending') throw new AppError('CONFLICT', gone[status])
    const userId = `user-i${invite._id}`
    await ref.update({ data: { status: 'used', usedAt: ctx.now, usedBy: userId } })
    const user: UserDoc = {
      _id: userId,
      openid,
      name: invite.name,
      role: invite.role,
      ...(invite.title ? { title: invite.title } : {}),
      orgId: org._id,
      orgPath: org.path,
      createdAt: ctx.now,
      active: true,
      inviteCode: invite._id
    }
    await tx.collection('users').add({ data: user as unknown as Record<string, unknown> })
    await bumpMembers(tx, org._id, invite.role, 1)
    return {
      role: invite.role,
      orgName: org.name,
      name: invite.name,
      message: `绑定成功！您现在是${org.name}的${roles.labels[invite.role]}`
    }
  })
}
