import type { z } from '@/types/zod'
import type { orgsApi, Member } from '@/types/api/orgs'
import { _ } from '../../_lib/cloud'
import { collection, type UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { active, managedOrg } from '../shared'
import { iso } from '../../_lib/iso'

/** People bound to one node (users index org_role_id, or org_id without a role) in _id order; cursor = the last id. */
export async function members(input: z.output<typeof orgsApi.members.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const org = await managedOrg(user, input.orgId)
  const where: Record<string, unknown> = { orgId: org._id, ...(input.role ? { role: input.role } : {}), ...active }
  if (input.cursor) where._id = _.gt(input.cursor)
  const docs = await rows<UserDoc>(
    collection('users')
      .where(where)
      .orderBy('_id', 'asc')
      .limit(input.limit + 1)
  )
  const items: Member[] = docs.slice(0, input.limit).map((u) => ({
    id: u._id,
    name: u.name,
    ...(u.title ? { title: u.title } : {}),
    role: u.role,
    orgId: u.orgId,
    createdAt: iso(u.createdAt)!
  }))
  return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].id : null }
}
