import { z } from '../zod'
import { Coverage, FiveMustVisitFilter, Household, HouseholdFields } from '../households'
import { Cursor } from '../visits'
import { FourHundred, HelpEntry, HouseholdBook, HouseholdProfile, householdBookInput as b } from '../household-book'

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
  coverage: { input: z.object({ cadreId, year: z.number().int().min(2020).max(2100).optional() }), output: Coverage },
  // ---- 一户一册 and 四个百家 (types/household-book.ts)
  /** One household's book: its record, the help given, linked visits and ledger entries. */
  book: { input: b.book, output: HouseholdBook },
  /** 知百家情: the household's circumstances and needs (no ID or phone numbers). */
  setProfile: { input: b.setProfile, output: HouseholdProfile },
  /** 慰问 or 帮扶, dated; a retry of the same entry id lands once. */
  addHelp: { input: b.addHelp, output: HelpEntry },
  /** Its writer, within 7 days. */
  removeHelp: { input: b.removeHelp, output: z.object({ removed: z.boolean() }) },
  /** Link (or unlink) one of the cadre's ledger entries to the household. */
  linkDemand: { input: b.linkDemand, output: z.object({ demandIds: z.array(z.string()) }) },
  /** A cadre's four counts for a year, with the targets from the org's 制度. */
  fourHundred: { input: b.fourHundred, output: FourHundred }
} as const
