import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { VisitSummary } from '@/types/visits'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toSummary } from '../shared'

/** A cadre's visits, newest first, by the cadre_time index; cursor-based, each page reads about its size. */
export async function list(input: z.output<typeof visitApi.list.input>, ctx: RequestContext): Promise<{ items: VisitSummary[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  return pageByInstant('visits', { cadreId: cadre._id }, 'visitedAt', input, toSummary)
}
