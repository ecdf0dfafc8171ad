import type { z } from '@/types/zod'
import type { reconcileApi } from '@/types/api/reconcile'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { collection } from '../../_lib/collections'
import { rows } from '../../_lib/query'
import { reportFor, type StoredReport } from '../runner'

type Output = z.input<typeof reconcileApi.lastReport.output>

/** The province admin (活动办): what the latest reconciliation run found and repaired in their system. */
export async function lastReport(_input: unknown, ctx: RequestContext): Promise<Output> {
  const user = await requireStaff(ctx)
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', '只有省级活动办可以查看数据核对报告')
  const [latest] = await rows<StoredReport>(collection('reconcileReports').where({}).orderBy('startedAt', 'desc').orderBy('_id', 'desc').limit(1))
  return { report: latest ? reportFor(latest, user.orgPath[0]) : null }
}
