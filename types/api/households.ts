import { z } from '../zod'
import { Coverage, Cursor, FiveMustVisitFilter, Household, HouseholdFields } from '../cadre-work'

const cadreId = z.string().min(1).max(100).optional()

/** The `households` cloud function: the 五必访 registry, visible only to its cadre and their managers. */
export const householdsApi = {
  list: {
    input: z.object({ cadreId, kind: FiveMustVisitFilter, cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
    output: z.object({ items: z.array(Household), nextCursor: z.string().nullable() })
  },
  /** The cadre for themself, or a manager for a cadre of their subtree. */
  create: { input: HouseholdFields.extend({ cadreId }), output: Household },
  update: { input: HouseholdFields.partial().extend({ householdId: z.string().min(1).max(100) }), output: Household },
  coverage: { input: z.object({ cadreId, year: z.number().int().min(2020).max(2100).optional() }), output: Coverage }
} as const
