import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { Progress } from '@/types/visits'
import { FIELDWORK_PER_MONTH, progressDays } from '@/types/rules/check-in'
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { pauseOn, yearPace } from '@/types/rules/pace'
import { type UserDoc, type VisitStatsDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { statsId } from '../../_lib/visit-stat-rules'
import { byId } from '../../_lib/by-id'
import { effectiveRules } from '../../_lib/org-rules'
import { approvedPeriods, pausesOf } from '../../_lib/outcome-inputs'

const cadreRef = (c: UserDoc) => ({ id: c._id, name: c.name, title: c.title, orgId: c.orgId })

/**
 * The year's figures from one statistics document — O(1) however many visits there are — beside the 制度's days
 * target for the year and the approved 请假/培训/抽调 that pause the pace (types/rules/pace.ts): three reads.
 */
export async function progress(input: z.output<typeof visitApi.progress.input>, ctx: RequestContext): Promise<Progress> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const thisYear = beijingYear(ctx.now)
  const year = input.year ?? thisYear
  const [s, merged, periods] = await Promise.all([
    byId<VisitStatsDoc>('visitStats', statsId(cadre._id, year)),
    effectiveRules(cadre.orgPath, year),
    approvedPeriods([cadre._id], [year])
  ])
  const target = merged.rules.daysTarget
  const days = s?.days ?? 0
  const today = beijingDate(ctx.now)
  const pauses = pausesOf(periods)
  // A past year is over (its whole pace is due); a future one has not begun.
  const asOf = year === thisYear ? today : year < thisYear ? `${year}-12-31` : `${year - 1}-12-31`
  const pace = yearPace(target, year, asOf, pauses)
  const now = year === thisYear ? pauseOn(pauses, today) : null
  const month = year === thisYear ? beijingMonth(ctx.now) : `${year}-${year < thisYear ? '12' : '01'}`
  return {
    cadre: cadreRef(cadre),
    year,
    days,
    target,
    progressDays: progressDays(days, pace.adjustedTarget),
    reached: days >= pace.adjustedTarget,
    expectedByToday: pace.expected,
    pace: {
      adjustedTarget: pace.adjustedTarget,
      pausedDays: pace.pausedDays,
      pausedSoFar: pace.pausedSoFar,
      pausedNow: now ? { kind: now.kind as 'leave' | 'training' | 'secondment', to: now.to } : null
    },
    thisMonth: { month, visits: s?.visitsByMonth[month] ?? 0, days: s?.daysByMonth[month] ?? 0 },
    offlineHours: merged.rules.offlineHours,
    fieldwork: { month, used: s?.fieldworkByMonth[month] ?? 0, limit: FIELDWORK_PER_MONTH, pending: s?.fieldworkPending ?? 0 }
  }
}
