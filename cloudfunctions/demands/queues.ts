import type { Demand } from '@/types/demands'
import type { RequestContext } from '../_lib/context'
import { requireManager, requireStaff, viewerOf } from '../_lib/auth'
import type { UserDoc } from '../_lib/collections'
import { pageByInstant } from '../_lib/paging'
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
  const viewer = viewerOf(user)
  return pageByInstant('demands', scope(user), field, input, (d: DemandDoc) => toDemand(d, viewer, ctx.now), {
    order: opts.desc ? 'desc' : 'asc',
    until: opts.until
  })
}
