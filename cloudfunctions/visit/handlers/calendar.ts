import type { z } from '../../../types/zod'
import type { visitApi } from '../../../types/api/visit'
import type { Calendar } from '../../../types/cadre-work'
import { beijingMonth } from '../../../types/rules/beijing-time'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDayDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'

/** Dates with counted visits for a month (default: this month) or a year: at most 366 indexed documents. */
export async function calendar(input: z.output<typeof visitApi.calendar.input>, ctx: RequestContext): Promise<Calendar> {
  if (input.month && input.year) throw new AppError('BAD_REQUEST', '月份和年份只选一个')
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const [from, to] = input.year
    ? [`${input.year}-01-01`, `${input.year}-12-31`]
    : (() => {
        const m = input.month ?? beijingMonth(ctx.now)
        return [`${m}-01`, `${m}-31`]
      })()
  const data = await rows<unknown>(collection('visitDays')
    .where({ cadreId: cadre._id, date: _.gte(from).and(_.lte(to)) })
    .orderBy('date', 'asc')
    .limit(366)
    )
  return { from, to, days: (data as VisitDayDoc[]).map((d) => ({ date: d.date, visits: d.visits })) }
}
