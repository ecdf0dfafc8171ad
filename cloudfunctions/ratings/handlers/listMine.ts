import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { Rating } from '@/types/service'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toRating } from '../../_lib/service'

/**
 * A cadre's ratings one by one, newest first (cadre_time), never with who gave them — for the cadre's managers
 * only. The rated cadre sees aggregates (summary) and stripped 整改 requests (listRequests): a level with its date
 * and visit or demand would point at the person.
 */
export async function listMine(
  input: z.output<typeof ratingsApi.listMine.input>,
  ctx: RequestContext
): Promise<{ items: Rating[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  if (!input.cadreId || input.cadreId === user._id) {
    throw new AppError('FORBIDDEN', '被评价的干部看汇总和整改要求，不看单条评价（保护评价人）')
  }
  const cadre = await resolveCadre(user, input.cadreId)
  return pageByInstant('ratings', { cadreId: cadre._id }, 'createdAt', input, toRating)
}
