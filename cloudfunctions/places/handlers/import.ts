import type { z } from '@/types/zod'
import type { placesInput } from '@/types/places'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { areaOf, requireInArea } from '../../_lib/places'

/**
 * The province admin loads villages and communities of their province (the 12-digit codes the statistics bureau
 * publishes), up to 200 a call; a code loaded again is updated, so a list can be loaded more than once.
 */
export async function importPlaces(input: z.output<typeof placesInput.import>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', '只有省活动办可以导入村（社区）名单')
  const area = await areaOf(user)
  for (const p of input.places) requireInArea(area, p.code)
  if (new Set(input.places.map((p) => p.code)).size !== input.places.length) throw new AppError('BAD_REQUEST', '名单里有重复的区划代码')
  for (let i = 0; i < input.places.length; i += 20) {
    await Promise.all(
      input.places.slice(i, i + 20).map((p) =>
        collection('places')
          .doc(p.code)
          .set({ data: { name: p.name, town: p.town, countyCode: p.code.slice(0, 6), updatedAt: ctx.now } })
      )
    )
  }
  return { saved: input.places.length }
}
