/**
 * The holiday calendar every working-day deadline and reminder uses: the data package's schedules, with the
 * years the province admin loaded (`holidaySchedules`, _id the year) replacing the package's for those years.
 * One read by _id of the neighbouring years (at most three documents), kept per instance for a short time.
 */
import { beijingYear } from '@/types/rules/beijing-time'
import { mergeSchedules, type HolidayCalendar } from '@/types/rules/working-days'
import { _ } from './cloud'
import { collection } from './collections'
import { packageCalendar } from './holiday-data'
import { rows } from './query'

export interface HolidayScheduleDoc {
  /** The year, as a string. */
  _id: string
  year: number
  holidays: string[]
  workdays: string[]
  note: string | null
  updatedAt: Date
  updatedBy: string
  updatedByName: string
}

/** Long enough to spare most requests the read, short enough that a newly loaded year applies within a minute. */
const CACHE_MS = 30_000
// Measured on the monotonic clock: a settable or frozen wall clock (tests) must not keep an old calendar forever.
const monotonicMs = () => Number(process.hrtime.bigint() / 1_000_000n)
let cached: { years: string; at: number; calendar: HolidayCalendar } | null = null

export const yearsAround = (now: Date) => {
  const y = beijingYear(now)
  return [y - 1, y, y + 1]
}

export async function loadedSchedules(years: readonly number[]): Promise<HolidayScheduleDoc[]> {
  return rows<HolidayScheduleDoc>(
    collection('holidaySchedules')
      .where({ _id: _.in(years.map(String)) })
      .limit(years.length)
  )
}

/** The calendar for deadlines computed around `now` (its Beijing year and the years either side). */
export async function holidayCalendarAt(now: Date): Promise<HolidayCalendar> {
  const years = yearsAround(now)
  const key = years.join(',')
  if (cached && cached.years === key && monotonicMs() - cached.at < CACHE_MS) return cached.calendar
  const calendar = mergeSchedules(packageCalendar, await loadedSchedules(years))
  cached = { years: key, at: monotonicMs(), calendar }
  return calendar
}

/** After this instance stored a schedule: its next deadline reads the new one. */
export function forgetHolidayCalendar(): void {
  cached = null
}
