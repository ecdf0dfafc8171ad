import type { Demand } from '@/types/demands'
import { _ } from '../_lib/cloud'
import { collection } from '../_lib/collections'
import type { RequestContext } from '../_lib/context'
import { AppError } from '../_lib/errors'
import { requireManager, requireStaff, viewerOf } from '../_lib/auth'
import type { UserDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { TIE_SLACK, decodeCursor, pageAfter } from '../_lib/paging'
import { toDemand, type DemandDoc } from '../_lib/service'

type Instant = 'deadlineAt' | 'extensionRequestedAt' | 'reportedAt' | 'updatedAt'

/**
 * A manager's queue, cursor-paged on a declared index: the caller is a manager (checked before anything is read),
 * `scope` picks the documents by the caller's own org, ordered by one instant then _id (oldest first, or newest
 * first with `desc`). `until` bounds the instant from above (overdue: before now).
 */
export async function managerQueue(
  ctx: RequestContext,
  input: { cursor?: string; limit: number },
  scope: (user: UserDoc) => Record<string, unknown>,
  field: Instant,
  opts: { desc?: boolean; until?: Date } = {}
): Promise<{ items: Demand[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const desc = opts.desc ?? false
  const from = cursor ? (desc ? _.lte(cursor.at) : _.gte(cursor.at)) : undefined
  const to = opts.until ? _.lt(opts.until) : undefined
  const bound = from && to ? _.and(from, to) : (from ?? to)
  const order = desc ? 'desc' : 'asc'
  const docs = await rows<DemandDoc>(
    collection('demands')
      .where({ ...scope(user), ...(bound ? { [field]: bound } : {}) })
      .orderBy(field, order)
      .orderBy('_id', order)
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  const viewer = viewerOf(user)
  return pageAfter(
    docs,
    (d) => d[field] as Date,
    cursor,
    input.limit,
    desc,
    (d) => toDemand(d, viewer, ctx.now)
  )
}
