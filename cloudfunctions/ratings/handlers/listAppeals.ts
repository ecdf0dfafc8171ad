import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { Rating } from '@/types/service'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toRating } from '../../_lib/service'

/** Managers: appeals waiting in their subtree, oldest first (org_appeal_time); never who rated. */
export async function listAppeals(
  input: z.output<typeof ratingsApi.listAppeals.input>,
  ctx: RequestContext
): Promise<{ items: Rating[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  return pageByInstant('ratings', { orgPath: user.orgId, appealPending: true }, 'createdAt', input, toRating, { order: 'asc' })
}
