import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { beijingDate } from './beijing-time'

dayjs.extend(utc)

/**
 * The one place that decides what a working day is (工作日): weekends are off, except the 调休 make-up days; the
 * 法定节假日 are off. Both come from the State Council's yearly schedule: a maintained data package and what the
 * province admin loads when a new year's schedule is published before the package has it
 * (cloudfunctions/_lib/holidays.ts builds the calendar). Every deadline in working days goes through here, and
 * always with an explicit calendar: there is no hidden default to forget.
 */
export interface HolidayCalendar {
  /** Beijing dates 'YYYY-MM-DD' that are off (法定节假日, weekends inside a holiday included). */
  holidays: ReadonlySet<string>
  /** Beijing dates that are worked although on a weekend (调休). */
  workdays: ReadonlySet<string>
}

/** One year's schedule as published (and as the province admin loads it). */
export interface YearSchedule {
  year: number
  holidays: readonly string[]
  workdays: readonly string[]
}

/** Weekends only: for rules tested without a schedule. */
export const weekendsOnly: HolidayCalendar = { holidays: new Set(), workdays: new Set() }

const yearOf = (date: string) => Number(date.slice(0, 4))

/**
 * The calendar from a base (the data package) and the years loaded by the province admin: a loaded year
 * replaces every base date of that calendar year (the State Council publishes a whole year at a time), and adds
 * its own dates (a make-up day may fall in the neighbouring year).
 */
export function mergeSchedules(base: { holidays: Iterable<string>; workdays: Iterable<string> }, loaded: readonly YearSchedule[]): HolidayCalendar {
  const replaced = new Set(loaded.map((s) => s.year))
  const keep = (d: string) => !replaced.has(yearOf(d))
  const holidays = new Set([...base.holidays].filter(keep))
  const workdays = new Set([...base.workdays].filter(keep))
  for (const s of loaded) {
    for (const d of s.holidays) holidays.add(d)
    for (const d of s.workdays) workdays.add(d)
  }
  return { holidays, workdays }
}

/** Whether the calendar knows a year's schedule (every year has holidays: 元旦, 春节, 国庆 …). */
export function coversYear(calendar: HolidayCalendar, year: number): boolean {
  for (const d of calendar.holidays) if (yearOf(d) === year) return true
  return false
}

/** One year's dates of a calendar, sorted. */
export function scheduleOf(calendar: HolidayCalendar, year: number): YearSchedule {
  const inYear = (set: ReadonlySet<string>) => [...set].filter((d) => yearOf(d) === year).sort()
  return { year, holidays: inYear(calendar.holidays), workdays: inYear(calendar.workdays) }
}

/** date: a Beijing calendar date 'YYYY-MM-DD'. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(date)) return true
  if (calendar.holidays.has(date)) return false
  return !isWeekend(date)
}

export function isWeekend(date: string): boolean {
  const weekday = dayjs.utc(date).day()
  return weekday === 0 || weekday === 6
}

const nextDate = (date: string) => dayjs.utc(date).add(1, 'day').format('YYYY-MM-DD')

/**
 * The Beijing date n working days after `date` (n >= 1): n = 1 from a Friday is the Monday. n = 0 is
 * the date itself if it is a working day, else the next working day.
 */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar): string {
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
export function workingDeadline(from: Date, n: number, calendar: HolidayCalendar): Date {
  return endOfBeijingDay(addWorkingDays(beijingDate(from), n, calendar))
}
