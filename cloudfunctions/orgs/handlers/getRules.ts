import type { z } from '@/types/zod'
import type { orgsApi, EffectiveRules } from '@/types/api/orgs'
import { beijingYear } from '@/types/rules/beijing-time'
import { mergeRules } from '@/types/rules/org-rules'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { ruleDocsFor } from '../../_lib/org-rules'
import { describe, readableOrg } from '../rules-shared'

export async function getRules(input: z.output<typeof orgsApi.getRules.input>, ctx: RequestContext): Promise<EffectiveRules> {
  const user = await requireStaff(ctx)
  const org = await readableOrg(user, input.orgId)
  const year = input.year ?? beijingYear(ctx.now)
  const docs = await ruleDocsFor(org.path, year)
  return describe(
    user,
    org,
    year,
    mergeRules(org.path, docs),
    docs.find((d) => d.orgId === org._id)
  )
}
