import type { z } from '@/types/zod'
import type { pointsApi } from '@/types/api/points'
import { _ } from '../../_lib/cloud'
import { collection, type UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'

/** Managers: cadres of their subtree (orgPath_role index), by id, cursor = last id. */
export async function listCadres(input: z.output<typeof pointsApi.listCadres.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  // Moved or removed accounts (active: false) keep their history but take no new points.
  const where = { orgPath: user.orgId, role: 'cadre', active: _.neq(false), ...(input.cursor ? { _id: _.gt(input.cursor) } : {}) }
  const data = await rows<unknown>(
    collection('users')
      .where(where)
      .orderBy('_id', 'asc')
      .limit(input.limit + 1)
  )
  const docs = data as UserDoc[]
  const items = docs.slice(0, input.limit).map((c) => ({ id: c._id, name: c.name, title: c.title, orgId: c.orgId }))
  return { items, nextCursor: docs.length > input.limit ? items[items.length - 1].id : null }
}
