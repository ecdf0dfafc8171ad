import type { z } from '@/types/zod'
import type { FourHundred, householdBookInput } from '@/types/household-book'
import { beijingYear } from '@/types/rules/beijing-time'
import { countFourHundred, type FourHundredFields } from '@/types/rules/four-hundred'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { effectiveRules } from '../../_lib/org-rules'
import { rows } from '../../_lib/query'
import { MAX_HOUSEHOLDS } from './create'

/**
 * A cadre's 四个百家 for a year: one read of their registry (at most MAX_HOUSEHOLDS households, only the fields the
 * counts need) and one of the 制度 in force, whose targets are shares of the registry.
 */
export async function fourHundred(input: z.output<typeof householdBookInput.fourHundred>, ctx: RequestContext): Promise<FourHundred> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const year = input.year ?? beijingYear(ctx.now)
  const [households, rules] = await Promise.all([
    rows<FourHundredFields>(
      collection('households')
        .where({ cadreId: cadre._id })
        .field({ visitsYear: true, visitsInYear: true, knownYear: true, knownYears: true, relievedYear: true, warmedYear: true, helpCounts: true })
        .limit(MAX_HOUSEHOLDS)
    ),
    effectiveRules(cadre.orgPath, year)
  ])
  return { year, cadreId: cadre._id, ...countFourHundred(households, year), targets: rules.rules.fourHundredTargets }
}
