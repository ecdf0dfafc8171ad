import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { BadReviewCase } from '@/types/service'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { toCase, type CaseDoc } from '../../_lib/service'

/**
 * Managers: 差评 cases of their subtree. 'active' → nearest 回访 deadline first (org_active_due);
 * 'all' → newest first (org_time).
 */
export async function listCases(
  input: z.output<typeof ratingsApi.listCases.input>,
  ctx: RequestContext
): Promise<{ items: BadReviewCase[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const take = input.limit + 1 + (cursor ? TIE_SLACK : 0)
  const map = (c: CaseDoc) => toCase(c, ctx.now)
  if (input.status === 'active') {
    const docs = await rows<CaseDoc>(
      collection('badReviewCases')
        .where({ orgPath: user.orgId, active: true, ...(cursor ? { revisitDueAt: _.gte(cursor.at) } : {}) })
        .orderBy('revisitDueAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(take)
    )
    return pageAfter(docs, (c) => c.revisitDueAt, cursor, input.limit, false, map)
  }
  const docs = await rows<CaseDoc>(
    collection('badReviewCases')
      .where({ orgPath: user.orgId, ...(cursor ? { createdAt: _.lte(cursor.at) } : {}) })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(take)
  )
  return pageAfter(docs, (c) => c.createdAt, cursor, input.limit, true, map)
}
