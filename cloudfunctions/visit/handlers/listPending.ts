import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toSummary } from '../shared'

/** Managers: 外勤 waiting in their subtree, oldest first (org_status_time index). */
export async function listPending(input: z.output<typeof visitApi.listPending.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  return pageByInstant('visits', { orgPath: user.orgId, status: 'pending' }, 'visitedAt', input, toSummary, { order: 'asc' })
}
