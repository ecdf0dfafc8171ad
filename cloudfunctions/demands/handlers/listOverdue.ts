import type { z } from '../../../types/zod'
import type { demandsApi } from '../../../types/api/demands'
import type { Demand } from '../../../types/service'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff, viewerOf } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { toDemand, type DemandDoc } from '../../_lib/service'

/** Managers: demands past their deadline in their subtree, most overdue first (org_active_deadline). */
export async function listOverdue(input: z.output<typeof demandsApi.listOverdue.input>, ctx: RequestContext): Promise<{ items: Demand[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const deadlineAt = cursor ? _.and(_.gte(cursor.at), _.lt(ctx.now)) : _.lt(ctx.now)
  const docs = await rows<DemandDoc>(
    collection('demands').where({ orgPath: user.orgId, active: true, deadlineAt }).orderBy('deadlineAt', 'asc').orderBy('_id', 'asc').limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  const viewer = viewerOf(user)
  return pageAfter(docs, (d) => d.deadlineAt, cursor, input.limit, false, (d) => toDemand(d, viewer, ctx.now))
}
