import { z } from '@/types/zod'
import { cursorKeys, packCursor } from '../../_lib/cursor'
import type { placesInput } from '@/types/places'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { areaOf, requireInArea, type PlaceDoc } from '../../_lib/places'
import { rows } from '../../_lib/query'
import { toPlace } from '../shared'

/** A county's villages and communities by name (index county_name), for choosing a liaison point's place. */
export async function search(input: z.output<typeof placesInput.search>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const area = await areaOf(user)
  const countyCode = input.countyCode ?? area
  if (countyCode.length !== 6) throw new AppError('BAD_REQUEST', '请选择县区')
  requireInArea(area, countyCode)
  const keys = cursorKeys(input.cursor, z.tuple([z.string(), z.string()]))
  const after = keys && { name: keys[0], code: keys[1] }
  const prefix = input.name ?? ''
  const range = prefix ? _.and(_.gte(prefix), _.lt(`${prefix}\uffff`)) : undefined
  const out: PlaceDoc[] = []
  if (after) {
    out.push(
      ...(await rows<PlaceDoc>(
        collection('places')
          .where({ countyCode, name: after.name, _id: _.gt(after.code) })
          .orderBy('_id', 'asc')
          .limit(input.limit + 1)
      ))
    )
  }
  if (out.length <= input.limit) {
    const name = after ? (range ? _.and(_.gt(after.name), _.lt(`${prefix}\uffff`)) : _.gt(after.name)) : range
    out.push(
      ...(await rows<PlaceDoc>(
        collection('places')
          .where({ countyCode, ...(name ? { name } : {}) })
          .orderBy('name', 'asc')
          .orderBy('_id', 'asc')
          .limit(input.limit + 1 - out.length)
      ))
    )
  }
  const page = out.slice(0, input.limit)
  const last = page[page.length - 1]
  return { items: page.map(toPlace), nextCursor: out.length > input.limit && last ? packCursor([last.name, last._id]) : null }
}
