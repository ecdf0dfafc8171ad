import type { z } from '@/types/zod'
import type { ExemplarFeedInput } from '@/types/exemplars'
import { isManagerOf, requireStaff } from '../../_lib/auth'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { rows } from '../../_lib/query'
import { toExemplar, type ExemplarDoc } from '../shared'

/**
 * Everyone of the caller's system (工会, 共青团 or 妇联: the root of their org path) reads the same feed, newest
 * first, in index order (orgPath + markedAt + _id). Sibling counties learn from each other; another system's
 * cases are not shown.
 */
export async function feed(input: z.output<typeof ExemplarFeedInput>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const root = user.orgPath[0]
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const docs = await rows<ExemplarDoc>(
    collection('exemplars')
      .where({ orgPath: root, ...(cursor ? { markedAt: _.lte(cursor.at) } : {}) })
      .orderBy('markedAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(
    docs,
    (d) => d.markedAt,
    cursor,
    input.limit,
    true,
    (d) => toExemplar(d, isManagerOf(user, d.orgPath))
  )
}
