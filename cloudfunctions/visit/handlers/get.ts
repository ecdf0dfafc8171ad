import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { VisitDetail } from '@/types/visits'
import { ledgerOverdue } from '@/types/rules/ledger'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import type { DemandDoc } from '../../_lib/service'
import { toDetail } from '../shared'
import { rows } from '../../_lib/query'
import { byId } from '../../_lib/by-id'

/**
 * One visit (its cadre or a manager of that cadre), with each problem raised on it joined to its ledger
 * entry's state now (`${visitId}_p${n}`): one read by _id for at most 10 entries, none when no problems.
 */
export async function get(input: z.output<typeof visitApi.get.input>, ctx: RequestContext): Promise<VisitDetail> {
  const user = await requireStaff(ctx)
  const v = await byId<VisitDoc>('visits', input.visitId)
  if (!v) throw new AppError('NOT_FOUND', '没有找到这条走访记录')
  requireSelfOrManager(user, v, '您只能查看自己或您管理范围内干部的走访')
  const detail = toDetail(v)
  const problems = detail.record?.problems ?? []
  if (!detail.record || problems.length === 0) return detail
  const ids = problems.map((p) => p.id)
  const demands = await rows<DemandDoc>(
    collection('demands')
      .where({ _id: _.in(ids) })
      .limit(ids.length)
  )
  const demandById = new Map(demands.filter((d) => d.cadreId === v.cadreId).map((d) => [d._id, d]))
  return {
    ...detail,
    record: {
      ...detail.record,
      problems: problems.map((p) => {
        const d = demandById.get(p.id)
        return { ...p, ledger: d ? { status: d.status, overdue: ledgerOverdue(d, ctx.now) } : null }
      })
    }
  }
}
