import type { z } from '../../../types/zod'
import type { visitApi } from '../../../types/api/visit'
import type {Progress } from '../../../types/cadre-work'
import { FIELDWORK_PER_MONTH, progressDays } from '../../../types/rules/check-in'
import { beijingMonth, beijingYear, expectedByToday } from '../../../types/rules/beijing-time'
import { collection, type UserDoc, type VisitStatsDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { statsId } from '../shared'
import { rows } from '../../_lib/query'
import { effectiveRules } from '../../_lib/org-rules'

const cadreRef = (c: UserDoc) => ({ id: c._id, name: c.name, title: c.title, orgId: c.orgId })

/** The year's figures from one statistics document: O(1) however many visits there are. */
export async function progress(input: z.output<typeof visitApi.progress.input>, ctx: RequestContext): Promise<Progress> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const thisYear = beijingYear(ctx.now)
  const year = input.year ?? thisYear
  // The days target is the 制度 of the cadre's organisation for that year (issue 5), one read beside the figures.
  const [data, merged] = await Promise.all([
    rows<unknown>(collection('visitStats').where({ _id: statsId(cadre._id, year) }).limit(1)),
    effectiveRules(cadre.orgPath, year)
  ])
  const DAYS_TARGET = merged.rules.daysTarget
  const s = data[0] as VisitStatsDoc | undefined
  const days = s?.days ?? 0
  const month = year === thisYear ? beijingMonth(ctx.now) : `${year}-${year < thisYear ? '12' : '01'}`
  return {
    cadre: cadreRef(cadre),
    year,
    days,
    target: DAYS_TARGET,
    progressDays: progressDays(days, DAYS_TARGET),
    reached: days >= DAYS_TARGET,
    expectedByToday: year === thisYear ? expectedByToday(DAYS_TARGET, ctx.now) : year < thisYear ? DAYS_TARGET : 0,
    thisMonth: { month, visits: s?.visitsByMonth[month] ?? 0, days: s?.daysByMonth[month] ?? 0 },
    offlineHours: merged.rules.offlineHours,
    fieldwork: { month, used: s?.fieldworkByMonth[month] ?? 0, limit: FIELDWORK_PER_MONTH, pending: s?.fieldworkPending ?? 0 }
  }
}

