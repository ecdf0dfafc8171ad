import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { managerQueue } from '../queues'

/** Managers: reports sent to their own unit and not answered yet, oldest first (report_waiting_time). */
export function listReports(input: z.output<typeof demandsApi.listReports.input>, ctx: RequestContext) {
  return managerQueue(ctx, input, (u) => ({ reportTo: u.orgId, reportWaiting: true }), 'reportedAt')
}
