import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { beijingDate } from './beijing-time'

dayjs.extend(utc)

/**
 * The one place that decides what a working day is (工作日). Weekends are off; a holiday calendar
 * (法定节假日 and 调休 make-up workdays, published each year by the State Council) can be plugged in
 * with setHolidayCalendar() or passed explicitly. Every deadline in working days goes through here.
 */
export interface HolidayCalendar {
  /** Beijing dates 'YYYY-MM-DD' that are off although on a weekday. */
  holidays: ReadonlySet<string>
  /** Beijing dates that are worked although on a weekend (调休). */
  workdays: ReadonlySet<string>
}

export const noHolidays: HolidayCalendar = { holidays: new Set(), workdays: new Set() }
let current: HolidayCalendar = noHolidays

/** The hook for a holiday list: install it once at start-up (tests pass one explicitly instead). */
export function setHolidayCalendar(calendar: HolidayCalendar): void {
  current = calendar
}

export function holidayCalendar(): HolidayCalendar {
  return current
}

/** date: a Beijing calendar date 'YYYY-MM-DD'. */
export function isWorkingDay(date: string, calendar: HolidayCalendar = current): boolean {
  if (calendar.workdays.has(date)) return true
  if (calendar.holidays.has(date)) return false
  const weekday = dayjs.utc(date).day()
  return weekday !== 0 && weekday !== 6
}

const nextDate = (date: string) => dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD')

/**
 * The Beijing date n working days after `date` (n >= 1): n = 1 from a Friday is the Monday. n = 0 is
 * the date itself if it is a working day, else the next working day.
 */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar = current): string {
  let d = date
  if (n <= 0) {
    while (!isWorkingDay(d, calendar)) d = nextDate(d)
    return d
  }
  let left = n
  while (left > 0) {
    d = nextDate(d)
    if (isWorkingDay(d, calendar)) left--
  }
  return d
}

/** Calendar days after a Beijing date. */
export function addCalendarDays(date: string, n: number): string {
  return dayjs.utc(date).add(n, 'day').format('YYYY-MM-DD')
}

/** The last millisecond of a Beijing calendar date (23:59:59.999 +08:00). */
export function endOfBeijingDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00+08:00`).getTime() + 24 * 60 * 60 * 1000 - 1)
}

/** End of the Beijing working day n working days after the instant's Beijing date. */
export function workingDeadline(from: Date, n: number, calendar: HolidayCalendar = current): Date {
  return endOfBeijingDay(addWorkingDays(beijingDate(from), n, calendar))
}
