import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { Calendar } from '@/types/visits'
import { isPauseKind } from '@/types/cadre-periods'
import { beijingMonth } from '@/types/rules/beijing-time'
import { lastDateOfMonth } from '@/types/rules/pace'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDayDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { approvedPeriods } from '../../_lib/outcome-inputs'

/**
 * Days at the grassroots for a month (default: this month) or a year — at most 366 indexed documents — with the
 * approved spans over them: 蹲点 days marked, 请假/培训/抽调 listed (the pace pauses then).
 */
export async function calendar(input: z.output<typeof visitApi.calendar.input>, ctx: RequestContext): Promise<Calendar> {
  if (input.month && input.year) throw new AppError('BAD_REQUEST', '月份和年份只选一个')
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const month = input.month ?? beijingMonth(ctx.now)
  const [from, to] = input.year ? [`${input.year}-01-01`, `${input.year}-12-31`] : [`${month}-01`, lastDateOfMonth(month)]
  const [days, periods] = await Promise.all([
    rows<VisitDayDoc>(
      collection('visitDays')
        .where({ cadreId: cadre._id, date: _.gte(from).and(_.lte(to)) })
        .orderBy('date', 'asc')
        .limit(366)
    ),
    approvedPeriods([cadre._id], [Number(from.slice(0, 4))])
  ])
  const inRange = periods.filter((p) => p.from <= to && p.to >= from)
  const stays = inRange.filter((p) => p.kind === 'stay')
  return {
    from,
    to,
    days: days.map((d) => ({ date: d.date, visits: d.visits, stay: Boolean(d.stayId) || stays.some((s) => s.from <= d.date && d.date <= s.to) })),
    paused: inRange
      .filter((p) => isPauseKind(p.kind))
      .sort((a, b) => (a.from < b.from ? -1 : 1))
      .map((p) => ({ kind: p.kind as 'leave' | 'training' | 'secondment', from: p.from < from ? from : p.from, to: p.to > to ? to : p.to }))
  }
}
