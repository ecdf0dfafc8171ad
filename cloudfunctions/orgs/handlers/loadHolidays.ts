import type { z } from '@/types/zod'
import type { orgsApi } from '@/types/api/orgs'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { collection } from '../../_lib/collections'
import { forgetHolidayCalendar, type HolidayScheduleDoc } from '../../_lib/holidays'
import { checkSchedule } from '@/types/rules/holiday-schedule'
import { holidayYear } from '../holidays-shared'

/**
 * A province admin loads a year's schedule as published (checked: real dates of that year, make-up days on
 * weekends, no date both off and worked). One document per year, written whole: loading again replaces it, and a
 * repeated submission lands once. Other instances pick it up within their calendar's short cache.
 */
export async function loadHolidays(input: z.output<typeof orgsApi.loadHolidays.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', '只有省活动办可以录入法定节假日安排')
  const holidays = [...new Set(input.holidays)].sort()
  const workdays = [...new Set(input.workdays)].sort()
  const problem = checkSchedule({ year: input.year, holidays, workdays })
  if (problem) throw new AppError('BAD_REQUEST', problem)
  const doc: HolidayScheduleDoc = {
    _id: String(input.year),
    year: input.year,
    holidays,
    workdays,
    note: input.note || null,
    updatedAt: ctx.now,
    updatedBy: user._id,
    updatedByName: user.name
  }
  const { _id, ...data } = doc
  await collection('holidaySchedules').doc(_id).set({ data })
  forgetHolidayCalendar()
  return holidayYear(input.year, doc, user)
}
