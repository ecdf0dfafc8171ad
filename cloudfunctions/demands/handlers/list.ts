import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { Demand } from '@/types/demands'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre, viewerOf } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { toDemand, type DemandDoc } from '../../_lib/service'

/**
 * A cadre's ledger (own, or a cadre of a manager's subtree), cursor-paged on a declared index:
 * all / by status → newest first (cadre_time, cadre_status_time); active / overdue → nearest deadline
 * first (cadre_active_deadline; overdue = deadline already past).
 */
export async function list(input: z.output<typeof demandsApi.list.input>, ctx: RequestContext): Promise<{ items: Demand[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const viewer = viewerOf(user)
  const take = input.limit + 1 + (cursor ? TIE_SLACK : 0)
  const map = (d: DemandDoc) => toDemand(d, viewer, ctx.now)

  if (input.filter === 'active' || input.filter === 'overdue') {
    const deadline = input.filter === 'overdue' ? (cursor ? _.and(_.gte(cursor.at), _.lt(ctx.now)) : _.lt(ctx.now)) : cursor ? _.gte(cursor.at) : undefined
    const where = { cadreId: cadre._id, active: true, ...(deadline ? { deadlineAt: deadline } : {}) }
    const docs = await rows<DemandDoc>(collection('demands').where(where).orderBy('deadlineAt', 'asc').orderBy('_id', 'asc').limit(take))
    return pageAfter(docs, (d) => d.deadlineAt, cursor, input.limit, false, map)
  }
  const where = {
    cadreId: cadre._id,
    ...(input.filter !== 'all' ? { status: input.filter } : {}),
    ...(cursor ? { createdAt: _.lte(cursor.at) } : {})
  }
  const docs = await rows<DemandDoc>(collection('demands').where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(take))
  return pageAfter(docs, (d) => d.createdAt, cursor, input.limit, true, map)
}
