import type { z } from '@/types/zod'
import type { orgsApi, RuleChange } from '@/types/api/orgs'
import { beijingYear } from '@/types/rules/beijing-time'
import { describeRuleValue, ruleFieldLabels } from '@/types/rules/org-rules'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { decodeCursor, pageAfter, TIE_SLACK } from '../../_lib/paging'
import { rows } from '../../_lib/query'
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
  const cursor = decodeCursor(input.cursor)
  const where: Record<string, unknown> = { orgId: org._id, year }
  if (cursor) where.at = _.lte(cursor.at)
  const docs = await rows<RuleChangeDoc>(
    collection('ruleChanges')
      .where(where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(
    docs,
    (d) => d.at,
    cursor,
    input.limit,
    true,
    (c): RuleChange => ({
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
    })
  )
}
