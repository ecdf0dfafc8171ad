import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { TIE_SLACK, decodeCursor } from '../../_lib/paging'
import { pageOf } from '../shared'
import { rows } from '../../_lib/query'

/** Managers: 外勤 waiting in their subtree, oldest first (org_status_time index). */
export async function listPending(input: z.output<typeof visitApi.listPending.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const where = cursor ? { orgPath: user.orgId, status: 'pending', visitedAt: _.gte(cursor.at) } : { orgPath: user.orgId, status: 'pending' }
  const data = await rows<unknown>(
    collection('visits')
      .where(where)
      .orderBy('visitedAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageOf(data as VisitDoc[], cursor, input.limit, false)
}
