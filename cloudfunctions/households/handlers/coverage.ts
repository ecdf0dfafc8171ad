import type { z } from '@/types/zod'
import type { householdsApi } from '@/types/api/households'
import { beijingYear } from '@/types/rules/beijing-time'
import { collection } from '../../_lib/collections'
import { countOf } from '../../_lib/query'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'

/** 五必访 coverage and 四个百家「进百家门」: three indexed counts over the cadre's own registry. */
export async function coverage(input: z.output<typeof householdsApi.coverage.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const year = input.year ?? beijingYear(ctx.now)
  const [total, entered, never] = await Promise.all([
    countOf(collection('households').where({ cadreId: cadre._id })),
    countOf(collection('households').where({ cadreId: cadre._id, visitsYear: year })),
    countOf(collection('households').where({ cadreId: cadre._id, visited: false }))
  ])
  return { year, total, entered, neverVisited: never }
}
