import type { EffectiveRules } from '@/types/api/orgs'
import type { RuleField } from '@/types/org-rules'
import { describeRuleValue, editBlock, ruleFieldLabels, ruleFields, type MergedRules } from '@/types/rules/org-rules'
import type { OrgDoc, UserDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import type { OrgRulesDoc } from '../_lib/org-rules'
import { orgById } from './shared'

export interface RuleChangeDoc {
  _id: string
  orgId: string
  orgPath: string[]
  year: number
  field: RuleField
  kind: 'value' | 'lock' | 'unlock'
  old: unknown
  new: unknown
  byId: string
  byName: string
  at: Date
}

export const isManagerRole = (u: UserDoc) => u.role === 'manager' || u.role === 'admin'

/**
 * Whose rules may the caller read: the nodes on their own path (the rules that apply to them, cadres included)
 * and, for managers, any node of their subtree.
 */
export async function readableOrg(user: UserDoc, orgId: string | undefined): Promise<OrgDoc> {
  const org = await orgById(orgId ?? user.orgId)
  const ok = org && (user.orgPath.includes(org._id) || (isManagerRole(user) && org.path.includes(user.orgId)))
  if (!org || !ok) throw new AppError('FORBIDDEN', '这个单位不在您的范围内')
  return org
}

/** The province admin changes any node of their system; a manager only their own node's unlocked fields. */
export const mayEdit = (user: UserDoc, org: OrgDoc) =>
  user.role === 'admin' ? org.path.includes(user.orgId) : user.role === 'manager' && org._id === user.orgId

export async function describe(user: UserDoc, org: OrgDoc, year: number, merged: MergedRules, own: OrgRulesDoc | undefined): Promise<EffectiveRules> {
  const names = new Map(org.path.map((id, i) => [id, org.pathNames[i]]))
  const ref = (id: string | null | undefined) => (id ? { orgId: id, orgName: names.get(id) ?? id } : null)
  const editable = mayEdit(user, org)
  return {
    org: { id: org._id, name: org.name, pathNames: org.pathNames },
    year,
    rules: merged.rules,
    fields: ruleFields.map((field) => ({
      field,
      label: ruleFieldLabels[field],
      value: merged.rules[field],
      text: describeRuleValue(field, merged.rules[field]),
      source: ref(merged.source[field]),
      lockedBy: ref(merged.lockedBy[field]),
      overridden: own?.values[field] !== undefined,
      editable: editable && editBlock(field, org.path, merged, user.role === 'admin') === null
    })),
    canLock: user.role === 'admin' && org.path.includes(user.orgId)
  }
}
