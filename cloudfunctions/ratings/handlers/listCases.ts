import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { BadReviewCase } from '@/types/service'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
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
  const map = (c: CaseDoc) => toCase(c, ctx.now)
  if (input.status === 'active') {
    return pageByInstant('badReviewCases', { orgPath: user.orgId, active: true }, 'revisitDueAt', input, map, {
      order: 'asc'
    })
  }
  return pageByInstant('badReviewCases', { orgPath: user.orgId }, 'createdAt', input, map)
}
