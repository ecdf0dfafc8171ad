import { z } from '@/types/zod'
import { cursorKeys, packCursor } from '../../_lib/cursor'
import type { ratingsApi } from '@/types/api/ratings'
import type { ImprovementRequest } from '@/types/service'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { toRequest, type CaseDoc, type RatingDoc } from '../../_lib/service'

const encode = (month: string, id: string) => packCursor([month, id])
const cursorShape = z.tuple([z.string().regex(/^\d{4}-\d{2}$/), z.string()])

/**
 * The rated cadre's 整改 requests: what residents asked to be put right and by when, stripped of who asked, what
 * visit or demand it was about and when exactly (the month only; within a month the order is the case id's, which
 * says nothing of time). 回访 is done and recorded by the cadre's manager, not here. Index cadre_month.
 */
export async function listRequests(
  input: z.output<typeof ratingsApi.listRequests.input>,
  ctx: RequestContext
): Promise<{ items: ImprovementRequest[]; nextCursor: string | null }> {
  const user = await requireCadre(ctx)
  const keys = cursorKeys(input.cursor, cursorShape)
  const cursor = keys && { month: keys[0], id: keys[1] }
  // The month bound walks the index from the cursor's month; the rest of that month is stepped over in the query.
  const where = cursor
    ? _.and([{ cadreId: user._id, month: _.lte(cursor.month) }, _.or([{ month: _.lt(cursor.month) }, { _id: _.lt(cursor.id) }])])
    : { cadreId: user._id }
  const docs = await rows<CaseDoc>(
    collection('badReviewCases')
      .where(where)
      .orderBy('month', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1)
  )
  const page = docs.slice(0, input.limit)
  const appeals = page.length
    ? await rows<Pick<RatingDoc, '_id' | 'appeal'>>(
        collection('ratings')
          .where({ _id: _.in(page.map((c) => c.ratingId)) })
          .field({ appeal: true })
          .limit(page.length)
      )
    : []
  const appealBy = new Map(appeals.map((r) => [r._id, r.appeal]))
  const last = page[page.length - 1]
  return {
    items: page.map((c) => toRequest(c, appealBy.get(c.ratingId), ctx.now)),
    nextCursor: docs.length > input.limit && last ? encode(last.month, last._id) : null
  }
}
