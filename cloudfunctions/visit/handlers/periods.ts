import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import { _ } from '../../_lib/cloud'
import { collection, type CadrePeriodDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor } from '../../_lib/paging'
import { pageAfter } from '../../_lib/paging'
import { toPeriod } from '../periods'

/** A cadre's spans, latest start first (index cadre_from): their own, or a cadre of the calling manager's subtree. */
export async function periods(input: z.output<typeof visitApi.periods.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const cursor = decodeCursor(input.cursor)
  const where = cursor ? { cadreId: cadre._id, from: _.lte(cursor.at.toISOString().slice(0, 10)) } : { cadreId: cadre._id }
  const docs = await rows<CadrePeriodDoc>(
    collection('cadrePeriods')
      .where(where)
      .orderBy('from', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(docs, (d) => `${d.from}T00:00:00Z`, cursor, input.limit, true, toPeriod)
}
