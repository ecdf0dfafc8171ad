import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { runRankings, type RunReport } from '../job'

/** The province admin runs the job now (it continues a cycle in progress, or starts the next). */
export async function runNow(_input: Record<string, never>, ctx: RequestContext): Promise<RunReport> {
  const user = await requireStaff(ctx)
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', '只有省活动办可以立即重算排行')
  return runRankings({ now: ctx.now })
}
