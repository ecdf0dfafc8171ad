/** 五必访: the households a cadre must visit, as the pages and the `households` function share them. */
import { z } from './zod'
import { requiredText } from './text-fields'
import { FiveMustVisit } from './enums'

export const Household = z.object({
  id: z.string(),
  kind: FiveMustVisit,
  /** Minimal personal data: e.g. "王**家" or "东关村 3 组 李大爷". */
  displayName: z.string(),
  area: z.string(),
  cadreId: z.string(),
  orgId: z.string(),
  lastVisitAt: z.string().nullable(),
  visitsThisYear: z.number().int(),
  neverVisited: z.boolean()
})
export type Household = z.infer<typeof Household>

export const HouseholdFields = z.object({
  kind: FiveMustVisit,
  displayName: requiredText(20, '户的称呼'),
  area: requiredText(100, '所在片区或地址')
})

export const Coverage = z.object({
  year: z.number().int(),
  total: z.number().int(),
  /** 四个百家「进百家门」: households with at least one visit this year. */
  entered: z.number().int(),
  neverVisited: z.number().int()
})

export const FiveMustVisitFilter = FiveMustVisit.optional()
