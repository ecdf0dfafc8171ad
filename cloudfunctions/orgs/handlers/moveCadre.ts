import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { bumpMembers, managedOrg } from '../shared'
import { activeMember, leftover, retire, stillActive } from '../retire'

/** See ../retire.ts: the old account keeps its history; a new one starts at the new node. */
export async function moveCadre(input: z.output<typeof orgsApi.moveCadre.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cadre = await activeMember(input.cadreId)
  if (cadre.role !== 'cadre') throw new AppError('BAD_REQUEST', '只能调动干部；管理员请移除后重新邀请')
  requireManagerOf(user, cadre.orgPath, '这位干部不在您管理的范围内')
  const to = await managedOrg(user, input.toOrgId)
  if (to.path[0] !== cadre.orgPath[0]) throw new AppError('FORBIDDEN', '只能调动到同一系统的单位')
  if (to._id === cadre.orgId) throw new AppError('BAD_REQUEST', '这位干部已经在这个单位了')

  const rest = await leftover(cadre._id)
  const base = cadre._id.replace(/~m[0-9a-z]+$/, '')
  const newId = `${base}~m${ctx.now.getTime().toString(36)}`
  await inTransaction(async (tx) => {
    const old = await stillActive(tx, cadre._id)
    await retire(tx, old, 'moved', user._id, ctx.now, { movedTo: newId })
    const next: UserDoc = {
      _id: newId,
      openid: old.openid,
      name: old.name,
      role: 'cadre',
      ...(old.title ? { title: old.title } : {}),
      orgId: to._id,
      orgPath: to.path,
      createdAt: ctx.now,
      active: true,
      formerIds: [...(old.formerIds ?? []), old._id]
    }
    await tx.collection('users').add({ data: next as unknown as Record<string, unknown> })
    await bumpMembers(tx, to._id, 'cadre', 1)
  })
  return { ...rest, newId, message: `已调到${to.name}。${rest.message}` }
}
