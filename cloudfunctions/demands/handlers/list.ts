import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { Demand } from '@/types/demands'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre, viewerOf } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toDemand, type DemandDoc } from '../../_lib/service'

/**
 * A cadre's ledger (own, or a cadre of a manager's subtree), cursor-paged on a declared index:
 * all / by status → newest first (cadre_time, cadre_status_time); active / overdue → nearest deadline
 * first (cadre_active_deadline; overdue = deadline already past).
 */
export async function list(input: z.output<typeof demandsApi.list.input>, ctx: RequestContext): Promise<{ items: Demand[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const viewer = viewerOf(user)
  const map = (d: DemandDoc) => toDemand(d, viewer, ctx.now)
  if (input.filter === 'active' || input.filter === 'overdue') {
    const until = input.filter === 'overdue' ? ctx.now : undefined
    return pageByInstant('demands', { cadreId: cadre._id, active: true }, 'deadlineAt', input, map, { order: 'asc', until })
  }
  const where = { cadreId: cadre._id, ...(input.filter !== 'all' ? { status: input.filter } : {}) }
  return pageByInstant('demands', where, 'createdAt', input, map)
}
