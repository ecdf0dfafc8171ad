import { z } from '@/types/zod'
import { cursorKeys, packCursor } from '../../_lib/cursor'
import type { householdsApi } from '@/types/api/households'
import { beijingYear } from '@/types/rules/beijing-time'
import { _ } from '../../_lib/cloud'
import { collection, type HouseholdDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { toHousehold } from '../shared'
import { rows } from '../../_lib/query'

const TIE_SLACK = 5

/** A cadre's 五必访 households by name (cadre_name / cadre_kind_name index), with visit coverage. */
export async function list(input: z.output<typeof householdsApi.list.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const keys = cursorKeys(input.cursor, z.tuple([z.string(), z.string()]))
  const cursor = keys && { name: keys[0], id: keys[1] }
  const where: Record<string, unknown> = { cadreId: cadre._id }
  if (input.kind) where.kind = input.kind
  if (cursor) where.displayName = _.gte(cursor.name)
  const data = await rows<unknown>(
    collection('households')
      .where(where)
      .orderBy('displayName', 'asc')
      .orderBy('_id', 'asc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  const docs = (data as HouseholdDoc[]).filter((h) => !cursor || h.displayName !== cursor.name || h._id > cursor.id)
  const page = docs.slice(0, input.limit)
  const last = page[page.length - 1]
  const year = beijingYear(ctx.now)
  return {
    items: page.map((h) => toHousehold(h, year)),
    nextCursor: docs.length > input.limit && last ? packCursor([last.displayName, last._id]) : null
  }
}
