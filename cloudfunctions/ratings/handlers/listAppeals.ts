import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { Rating } from '@/types/service'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { toRating, type RatingDoc } from '../../_lib/service'

/** Managers: appeals waiting in their subtree, oldest first (org_appeal_time); never who rated. */
export async function listAppeals(
  input: z.output<typeof ratingsApi.listAppeals.input>,
  ctx: RequestContext
): Promise<{ items: Rating[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const docs = await rows<RatingDoc>(
    collection('ratings')
      .where({ orgPath: user.orgId, appealPending: true, ...(cursor ? { createdAt: _.gte(cursor.at) } : {}) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(docs, (r) => r.createdAt, cursor, input.limit, false, toRating)
}
