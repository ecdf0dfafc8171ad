import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import { _ } from '../../_lib/cloud'
import { collection, type CadrePeriodDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor } from '../../_lib/paging'
import { pageAfter } from '../../_lib/paging'
import { toPeriod } from '../periods'

/** Managers: spans waiting for approval in their own subtree, oldest first (index org_status_time). */
export async function pendingPeriods(input: z.output<typeof visitApi.pendingPeriods.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const where = cursor ? { orgPath: user.orgId, status: 'pending', createdAt: _.gte(cursor.at) } : { orgPath: user.orgId, status: 'pending' }
  const docs = await rows<CadrePeriodDoc>(
    collection('cadrePeriods')
      .where(where)
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(docs, (d) => d.createdAt, cursor, input.limit, false, toPeriod)
}
