import { z } from '../zod'
import { Place, PlaceMonth, placesInput as i } from '../places'

/** The `places` cloud function: villages and communities by division code, and who visited them across systems. */
export const placesApi = {
  search: { input: i.search, output: z.object({ items: z.array(Place), nextCursor: z.string().nullable() }) },
  setPoint: { input: i.setPoint, output: z.object({ pointId: z.string(), place: Place }) },
  month: { input: i.month, output: PlaceMonth },
  /**
   * A county's places. Staff above a county (prefecture, province) name the county; without one they get the counties
   * of their own subtree to choose from (and no places yet).
   */
  county: {
    input: i.county,
    output: z.object({
      countyCode: z.string(),
      month: z.string(),
      counties: z.array(z.object({ code: z.string(), name: z.string() })),
      items: z.array(PlaceMonth),
      nextCursor: z.string().nullable()
    })
  },
  import: { input: i.import, output: z.object({ saved: z.number().int() }) },
  setDivision: { input: i.setDivision, output: z.object({ orgId: z.string(), code: z.string() }) }
} as const
