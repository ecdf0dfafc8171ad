import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { inviteByCode, toInvite, type InviteDoc } from '../shared'
import { byId } from '../../_lib/by-id'

/** A pending invite of the caller's subtree is revoked; a used one cannot be (remove the person instead). */
export async function revokeInvite(input: z.output<typeof orgsApi.revokeInvite.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const found = await inviteByCode(input.code)
  if (!found) throw new AppError('NOT_FOUND', '没有找到这个邀请码')
  if (!found.orgPath.includes(user.orgId)) throw new AppError('FORBIDDEN', '这个邀请不在您管理的范围内')
  if (found.status === 'used') throw new AppError('CONFLICT', '这个邀请码已经被使用了；如需解除，请在成员里移除此人')
  if (found.status === 'revoked') return toInvite(found, ctx.now)
  await collection('invites')
    .where({ _id: found._id, status: 'pending' })
    .update({ data: { status: 'revoked' } })
  const after = await byId<InviteDoc>('invites', found._id)
  if (!after) throw new AppError('NOT_FOUND', '没有找到这个邀请码')
  if (after.status === 'used') throw new AppError('CONFLICT', '这个邀请码刚刚被使用了；如需解除，请在成员里移除此人')
  return toInvite(after, ctx.now)
}
