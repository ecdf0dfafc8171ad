import { z } from '@/types/zod'
import { cursorKeys, packCursor } from '../../_lib/cursor'
import type { placesInput } from '@/types/places'
import { beijingMonth } from '@/types/rules/beijing-time'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { areaOf, requireInArea, type PlaceMonthDoc } from '../../_lib/places'
import { rows } from '../../_lib/query'
import { named } from '../shared'

/**
 * A county's places visited in a month, most visited first (index county_month_total), with the visits by system
 * and unit: where visits pile up, and where nobody has been. Paged by (total, code).
 */
export async function county(input: z.output<typeof placesInput.county>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const area = await areaOf(user)
  const month = input.month ?? beijingMonth(ctx.now)
  if (!input.countyCode && area.length < 6) {
    // Above a county: the counties of the caller's own subtree to choose from (index path; a subtree's counties).
    const orgs = await rows<OrgDoc>(collection('orgs').where({ path: user.orgId, level: 'county' }).field({ name: true, divisionCode: true }).limit(200))
    const counties = orgs.filter((o) => o.divisionCode && o.divisionCode.length === 6).map((o) => ({ code: o.divisionCode!, name: o.name }))
    return { countyCode: '', month, counties, items: [], nextCursor: null }
  }
  const countyCode = input.countyCode ?? area
  requireInArea(area, countyCode)
  const keys = cursorKeys(input.cursor, z.tuple([z.number(), z.string()]))
  const after = keys && { total: keys[0], id: keys[1] }
  const out: PlaceMonthDoc[] = []
  if (after)
    out.push(
      ...(await rows<PlaceMonthDoc>(
        collection('placeMonths')
          .where({ countyCode, month, total: after.total, _id: _.gt(after.id) })
          .orderBy('_id', 'asc')
          .limit(input.limit + 1)
      ))
    )
  if (out.length <= input.limit) {
    out.push(
      ...(await rows<PlaceMonthDoc>(
        collection('placeMonths')
          .where({ countyCode, month, ...(after ? { total: _.lt(after.total) } : {}) })
          .orderBy('total', 'desc')
          .orderBy('_id', 'asc')
          .limit(input.limit + 1 - out.length)
      ))
    )
  }
  const page = out.slice(0, input.limit)
  const last = page[page.length - 1]
  return {
    countyCode,
    month,
    counties: [],
    items: await named(page, month),
    nextCursor: out.length > input.limit && last ? packCursor([last.total, last._id]) : null
  }
}
