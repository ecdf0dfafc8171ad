import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { activeMember, leftover, retire, stillActive } from '../retire'

/** See ../retire.ts: the account is retired where its history was earned; the WeChat account becomes a resident. */
export async function removeCadre(input: z.output<typeof orgsApi.removeCadre.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const target = await activeMember(input.cadreId)
  if (target._id === user._id) throw new AppError('BAD_REQUEST', '不能移除自己，请联系上级管理员')
  if (target.role === 'admin') throw new AppError('FORBIDDEN', '不能移除省活动办的账号')
  requireManagerOf(user, target.orgPath, '这个人不在您管理的范围内')
  if (target.role === 'manager' && target.orgId === user.orgId && user.role !== 'admin') throw new AppError('FORBIDDEN', '同级管理员请由上级管理员移除')
  const rest = await leftover(target._id)
  await inTransaction(async (tx) => {
    const old = await stillActive(tx, target._id)
    await retire(tx, old, 'removed', user._id, ctx.now, input.reason ? { note: input.reason } : {})
  })
  return { ...rest, message: `已移除${target.name}，TA 的走访和评价记录保留在原单位。${rest.message}` }
}
