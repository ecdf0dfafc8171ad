import type { z } from '@/types/zod'
import type { feedbackApi } from '@/types/api/feedback'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { decodeCursor, pageAfter, TIE_SLACK } from '../../_lib/paging'
import { rows } from '../../_lib/query'
import { hashOpenid } from '../../_lib/service'
import { toFeedback, type FeedbackDoc } from '../shared'

/** The caller's own submissions with the answers, newest first (sender_time index). */
export async function listMine(input: z.output<typeof feedbackApi.listMine.input>, ctx: RequestContext) {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const cursor = decodeCursor(input.cursor)
  const where: Record<string, unknown> = { senderHash: hashOpenid(ctx.caller.openid) }
  if (cursor) where.createdAt = _.lte(cursor.at)
  const docs = await rows<FeedbackDoc>(
    collection('feedback')
      .where(where)
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
    (d) => toFeedback(d, false)
  )
}
