import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { managerQueue } from '../queues'

/** Managers: demands past their deadline in their subtree, most overdue first (org_active_deadline). */
export function listOverdue(input: z.output<typeof demandsApi.listOverdue.input>, ctx: RequestContext) {
  return managerQueue(ctx, input, (u) => ({ orgPath: u.orgId, active: true }), 'deadlineAt', { until: ctx.now })
}
