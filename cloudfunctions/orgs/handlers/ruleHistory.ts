import type { z } from '@/types/zod'
import type { orgsApi, RuleChange } from '@/types/api/orgs'
import { beijingYear } from '@/types/rules/beijing-time'
import { describeRuleValue, ruleFieldLabels } from '@/types/rules/org-rules'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { readableOrg, type RuleChangeDoc } from '../rules-shared'

function text(c: RuleChangeDoc, which: 'old' | 'new'): string {
  if (c.kind !== 'value') return c[which] ? '锁定' : '不锁定'
  return describeRuleValue(c.field, c[which] ?? undefined)
}

/** A node's rule changes for a year, newest first (org_year_time index). */
export async function ruleHistory(input: z.output<typeof orgsApi.ruleHistory.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const org = await readableOrg(user, input.orgId)
  const year = input.year ?? beijingYear(ctx.now)
  return pageByInstant('ruleChanges', { orgId: org._id, year }, 'at', input, (c: RuleChangeDoc): RuleChange => ({
    id: c._id,
    orgId: c.orgId,
    orgName: org.name,
    year: c.year,
    field: c.field,
    label: ruleFieldLabels[c.field],
    kind: c.kind,
    old: text(c, 'old'),
    new: text(c, 'new'),
    byName: c.byName,
    at: new Date(c.at).toISOString()
  }))
}
