/**
 * 制度 in force: the rule documents of a node's ancestors for a Beijing year, read in ONE
 * indexed read (their ids are known from the org path), merged by the pure rules in types/rules/org-rules.ts.
 */
import type { OrgRules, RuleField } from '@/types/org-rules'
import { beijingYear } from '@/types/rules/beijing-time'
import { mergeRules, ruleDocId, toServiceRules, type MergedRules } from '@/types/rules/org-rules'
import type { ServiceRules } from '@/types/rules/service'
import { _ } from './cloud'
import { collection } from './collections'
import { rows } from './query'

export interface OrgRulesDoc {
  /** `${orgId}_${year}` */
  _id: string
  orgId: string
  orgPath: string[]
  year: number
  values: Partial<OrgRules>
  locked: RuleField[]
  updatedAt: Date
  updatedBy: string
}

export async function ruleDocsFor(orgPath: readonly string[], year: number): Promise<OrgRulesDoc[]> {
  if (!orgPath.length) return []
  return rows<OrgRulesDoc>(
    collection('orgRules')
      .where({ _id: _.in(orgPath.map((id) => ruleDocId(id, year))) })
      .limit(orgPath.length)
  )
}

export async function effectiveRules(orgPath: readonly string[], year: number): Promise<MergedRules> {
  return mergeRules(orgPath, await ruleDocsFor(orgPath, year))
}

/** Deadlines and the rating window for work done under `orgPath` at `at` (its Beijing year's rules). */
export async function serviceRulesFor(orgPath: readonly string[], at: Date): Promise<ServiceRules> {
  return toServiceRules((await effectiveRules(orgPath, beijingYear(at))).rules)
}
