import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toPeriod } from '../periods'

/** Managers: spans waiting for approval in their own subtree, oldest first (index org_status_time). */
export async function pendingPeriods(input: z.output<typeof visitApi.pendingPeriods.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  return pageByInstant('cadrePeriods', { orgPath: user.orgId, status: 'pending' }, 'createdAt', input, toPeriod, {
    order: 'asc'
  })
}
