import type { z } from '@/types/zod'
import type { PlaceMonth, placesInput } from '@/types/places'
import { beijingMonth } from '@/types/rules/beijing-time'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { areaOf, placeMonthId, requireInArea, type PlaceDoc, type PlaceMonthDoc } from '../../_lib/places'
import { named } from '../shared'
import { byId } from '../../_lib/by-id'

/**
 * One place's month: counted visits by system and by unit, for staff of any of the three systems whose area holds
 * the place. Two reads by id and one naming the units.
 */
export async function month(input: z.output<typeof placesInput.month>, ctx: RequestContext): Promise<PlaceMonth> {
  const user = await requireStaff(ctx)
  const area = await areaOf(user)
  requireInArea(area, input.placeCode)
  const m = input.month ?? beijingMonth(ctx.now)
  const [place, doc] = await Promise.all([byId<PlaceDoc>('places', input.placeCode), byId<PlaceMonthDoc>('placeMonths', placeMonthId(input.placeCode, m))])
  if (!place) throw new AppError('NOT_FOUND', '没有找到这个村（社区）')
  const [out] = await named(
    [doc ?? { _id: placeMonthId(place._id, m), placeCode: place._id, countyCode: place.countyCode, month: m, total: 0, units: {}, updatedAt: ctx.now }],
    m,
    [place]
  )
  return out
}
