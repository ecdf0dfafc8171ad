/**
 * 一户一册 and 四个百家: per household a minimal record (its circumstances and needs, never an ID or phone number),
 * the help given (慰问, 帮扶 measures, dated), and the visits and ledger entries linked to it; per cadre the four
 * counts of 进百家门、知百家情、解百家忧、暖百家心 against the targets in the org's 制度. Which recorded facts count for
 * each is defined once, in types/rules/four-hundred.ts, and explained in docs/four-hundred.md.
 */
import { z } from './zod'
import { DemandArea } from './enums'
import { DemandStatus } from './visits'
import { Household } from './households'
import { OrgRules } from './org-rules'
import { BeijingDate, clientId, idOf, optionalText, requiredText } from './text-fields'

export const helpKinds = { care: '慰问', support: '帮扶' } as const
export const HelpKind = z.enum(['care', 'support'], { error: '请选择慰问或帮扶' })
export type HelpKind = z.infer<typeof HelpKind>

export const HouseholdProfile = z.object({
  circumstances: z.string(),
  needAreas: z.array(DemandArea),
  needs: z.string(),
  updatedAt: z.string(),
  updatedByName: z.string()
})
export type HouseholdProfile = z.infer<typeof HouseholdProfile>

export const HelpEntry = z.object({
  id: z.string(),
  kind: HelpKind,
  what: z.string(),
  /** Beijing date the help was given. */
  date: z.string(),
  /** 帮扶 only: the worry is resolved (解忧). */
  solved: z.boolean(),
  demandId: z.string().nullable(),
  byName: z.string(),
  createdAt: z.string(),
  /** Its writer may take it back within 7 days (a mistaken entry). */
  removable: z.boolean()
})
export type HelpEntry = z.infer<typeof HelpEntry>

export const FourFlags = z.object({ entered: z.boolean(), known: z.boolean(), relieved: z.boolean(), warmed: z.boolean() })
export type FourFlags = z.infer<typeof FourFlags>

export const HouseholdBook = z.object({
  household: Household,
  profile: HouseholdProfile.nullable(),
  /** This Beijing year. */
  year: z.number().int(),
  fourHundred: FourFlags,
  help: z.array(HelpEntry),
  /** Visits whose record names the household, newest first (at most 10). */
  visits: z.array(z.object({ id: z.string(), date: z.string(), pointName: z.string(), needs: z.string().nullable(), problems: z.number().int() })),
  /** Linked by hand, or raised on those visits: as the ledger has them now. */
  demands: z.array(z.object({ id: z.string(), text: z.string(), area: DemandArea, status: DemandStatus, overdue: z.boolean(), linked: z.boolean() }))
})
export type HouseholdBook = z.infer<typeof HouseholdBook>

const householdId = idOf('户')

export const householdBookInput = {
  book: z.object({ householdId }),
  setProfile: z.object({
    householdId,
    circumstances: requiredText(300, '家庭情况'),
    needAreas: z.array(DemandArea).max(7).default([]),
    needs: optionalText(300, '需要什么帮助')
  }),
  addHelp: z.object({
    householdId,
    entryId: clientId('记录'),
    kind: HelpKind,
    what: requiredText(200, '慰问或帮扶的内容'),
    date: BeijingDate,
    solved: z.boolean().default(false),
    demandId: idOf('诉求').optional()
  }),
  removeHelp: z.object({ householdId, helpId: idOf('记录') }),
  linkDemand: z.object({ householdId, demandId: idOf('诉求'), unlink: z.boolean().default(false) }),
  fourHundred: z.object({ cadreId: z.string().min(1).max(100).optional(), year: z.number().int().min(2020).max(2100).optional() })
}

/** The org's 制度 for 四个百家 (types/org-rules.ts). */
export const FourHundredTargets = OrgRules.shape.fourHundredTargets
export type FourHundredTargets = z.infer<typeof FourHundredTargets>

export const FourHundred = z.object({
  year: z.number().int(),
  cadreId: z.string(),
  /** Households in the cadre's registry (一户一册). */
  households: z.number().int(),
  entered: z.number().int(),
  known: z.number().int(),
  relieved: z.number().int(),
  warmed: z.number().int(),
  /** From the org's 制度: the share of the registry (percent) each count should reach in the year. */
  targets: FourHundredTargets
})
export type FourHundred = z.infer<typeof FourHundred>
