import type { HolidayYear } from '@/types/api/orgs'
import { coversYear, mergeSchedules, scheduleOf } from '@/types/rules/working-days'
import type { UserDoc } from '../_lib/collections'
import { packageCalendar } from '../_lib/holiday-data'
import type { HolidayScheduleDoc } from '../_lib/holidays'

/** A year's schedule as deadlines use it: the admin's loaded one if any, else the data package's. */
export function holidayYear(year: number, loaded: HolidayScheduleDoc | null, user: UserDoc): HolidayYear {
  const calendar = mergeSchedules(packageCalendar, loaded ? [loaded] : [])
  const { holidays, workdays } = scheduleOf(calendar, year)
  return {
    year,
    holidays: [...holidays],
    workdays: [...workdays],
    source: loaded ? 'loaded' : coversYear(packageCalendar, year) ? 'package' : 'none',
    loaded: loaded ? { at: new Date(loaded.updatedAt).toISOString(), byName: loaded.updatedByName, note: loaded.note } : null,
    canLoad: user.role === 'admin'
  }
}
