import type { z } from '@/types/zod'
import type { reviewsInput } from '@/types/reviews'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { rows } from '../../_lib/query'
import { toReview, type ReviewDoc } from '../shared'

/** The reviews of the caller's own diary and reports, newest first (index author_time). */
export async function received(input: z.output<typeof reviewsInput.received>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const docs = await rows<ReviewDoc>(
    collection('workReviews')
      .where(cursor ? { authorId: user._id, createdAt: _.lte(cursor.at) } : { authorId: user._id })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(
    docs,
    (d) => d.createdAt,
    cursor,
    input.limit,
    true,
    (d) => ({ ...toReview(d), title: d.title })
  )
}
