/**
 * 三问 read back: what residents said under 问政 (policy explained and asked about), 问需 (needs) and 问计 (advice), as
 * cadres wrote it in their visit records — one entry per visit record with any of the three, kept beside the visit
 * (collection `voices`, written in the record's transaction). Read by the cadre and their managers, grouped by unit
 * (the area) and liaison point (the place); the month-end pack takes its digest from here.
 */
import { z } from './zod'
import { FourInto } from './enums'
import { idOf } from './text-fields'

export const threeAsks = { policy: '问政', needs: '问需', advice: '问计' } as const
export type ThreeAsk = keyof typeof threeAsks

export const Voice = z.object({
  visitId: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  pointId: z.string(),
  pointName: z.string(),
  pointKind: FourInto,
  date: z.string(),
  policy: z.string().nullable(),
  needs: z.string().nullable(),
  advice: z.string().nullable(),
  peopleMet: z.number().int()
})
export type Voice = z.infer<typeof Voice>

export const VoicesInput = z.object({
  /** A cadre's own (absent) or one of the caller's subtree; or a unit of the subtree with `orgId`. */
  cadreId: idOf('干部').optional(),
  orgId: idOf('单位').optional(),
  month: z
    .string()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { error: '月份应为 YYYY-MM' })
    .optional(),
  /** Longer than other cursors: it carries the unit's and the point's ids as well. */
  cursor: z.string().max(600).optional(),
  limit: z.number().int().min(1).max(50).default(20)
})

export const VoicePage = z.object({
  month: z.string(),
  /** Ordered by unit, then liaison point, then newest first: the page groups consecutive items. */
  items: z.array(Voice),
  nextCursor: z.string().nullable()
})
export type VoicePage = z.infer<typeof VoicePage>
