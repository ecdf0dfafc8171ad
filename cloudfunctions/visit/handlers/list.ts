import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { VisitSummary } from '@/types/visits'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { TIE_SLACK, decodeCursor } from '../../_lib/paging'
import { pageOf } from '../shared'
import { rows } from '../../_lib/query'

/** A cadre's visits, newest first, by the cadre_time index; cursor-based, each page reads about its size. */
export async function list(input: z.output<typeof visitApi.list.input>, ctx: RequestContext): Promise<{ items: VisitSummary[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const where = cursor ? { cadreId: cadre._id, visitedAt: _.lte(cursor.at) } : { cadreId: cadre._id }
  const data = await rows<unknown>(
    collection('visits')
      .where(where)
      .orderBy('visitedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageOf(data as VisitDoc[], cursor, input.limit, true)
}
