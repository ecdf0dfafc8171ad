import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/**
 * Beijing time is UTC+8 all year (no daylight saving since 1991). A fixed offset gives the same
 * answers as the Asia/Shanghai zone for every date this app handles, and unlike dayjs's timezone
 * plugin it does not depend on Intl time-zone data, which mini-program JS engines do not all carry.
 * test/unit/beijing-time.test.ts checks the equivalence against the real zone.
 */
export const BEIJING_OFFSET_MIN = 8 * 60

export const beijing = (instant: Date | number | string) => dayjs(instant).utcOffset(BEIJING_OFFSET_MIN)

/** The Beijing calendar date of an instant, 'YYYY-MM-DD' (a visit at 23:30 Beijing time is that day). */
export const beijingDate = (instant: Date | number | string): string => beijing(instant).format('YYYY-MM-DD')

export const beijingYear = (instant: Date | number | string): number => beijing(instant).year()

/** 'YYYY-MM' in Beijing time. */
export const beijingMonth = (instant: Date | number | string): string => beijing(instant).format('YYYY-MM')

/** The instant a Beijing calendar date starts, e.g. for "from the 1st of this month" queries. */
export function beijingStartOf(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`)
}

/** Days in a Beijing calendar year. */
export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365
}

/** 1 for 1 January (Beijing). */
export function dayOfYear(instant: Date | number | string): number {
  const b = beijing(instant)
  const start = dayjs.utc(`${b.year()}-01-01`)
  return dayjs.utc(b.format('YYYY-MM-DD')).diff(start, 'day') + 1
}

/**
 * The pace expected by today toward a yearly target: target × (day of year / days in year), rounded
 * down, so on 1 July a cadre with a target of 90 is expected to have about 44 days.
 */
export function expectedByToday(target: number, now: Date | number | string): number {
  const b = beijing(now)
  return Math.floor((target * dayOfYear(now)) / daysInYear(b.year()))
}
