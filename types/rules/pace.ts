/**
 * The pace toward the yearly days target, with 请假/培训/抽调 pausing it. Days at the grassroots are a cadre's own
 * pace indicator (never part of a score): the pace expected by a date grows by target ÷ days-in-year for every day
 * of the year so far that is not paused, so a paused day expects nothing, and the year's target shrinks by the
 * paused share (90 a year with 73 days of secondment: 72). Pure: Beijing calendar dates ('YYYY-MM-DD') in, numbers
 * out.
 */
import { daysInYear } from './beijing-time'

/** An approved 请假/培训/抽调, both dates included (Beijing calendar dates). */
export interface Pause {
  from: string
  to: string
}

const DAY_MS = 86_400_000
/** Day number of a 'YYYY-MM-DD' date (days since 1970-01-01). */
export const dayNumber = (date: string): number => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS
/** The 'YYYY-MM-DD' date of a day number. */
export const dateOfDay = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10)

/** The 'YYYY-MM-DD' dates from `from` to `to`, both included (empty when to < from). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = dayNumber(from), end = dayNumber(to); d <= end; d++) out.push(dateOfDay(d))
  return out
}

/** The last date of a 'YYYY-MM' month. */
export function lastDateOfMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return dateOfDay(Date.UTC(y, m, 1) / DAY_MS - 1)
}

/** How many dates in [from, to] fall in at least one pause (overlapping pauses count once). */
export function pausedDaysBetween(pauses: readonly Pause[], from: string, to: string): number {
  const lo = dayNumber(from)
  const hi = dayNumber(to)
  if (hi < lo) return 0
  const spans = pauses
    .map((p) => [Math.max(lo, dayNumber(p.from)), Math.min(hi, dayNumber(p.to))] as const)
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0])
  let total = 0
  let end = -Infinity
  for (const [a, b] of spans) {
    const start = Math.max(a, end + 1)
    if (b >= start) total += b - start + 1
    end = Math.max(end, b)
  }
  return total
}

/** The pause in force on a date, if any. */
export const pauseOn = <P extends Pause>(pauses: readonly P[], date: string): P | null => pauses.find((p) => p.from <= date && date <= p.to) ?? null

export interface YearPace {
  /** The rule's yearly target. */
  target: number
  /** The target less the paused share of the year (whole days, rounded). */
  adjustedTarget: number
  /** Paused days in the whole year, and up to and including `today`. */
  pausedDays: number
  pausedSoFar: number
  /** Days expected by `today` (rounded down): target × unpaused days so far ÷ days in the year. */
  expected: number
}

/**
 * The year's pace as of `today` (a date of that year; a later date means the year is over, an earlier one that it
 * has not begun).
 */
export function yearPace(target: number, year: number, today: string, pauses: readonly Pause[]): YearPace {
  const first = `${year}-01-01`
  const last = `${year}-12-31`
  const n = daysInYear(year)
  const pausedDays = pausedDaysBetween(pauses, first, last)
  const upTo = today > last ? last : today
  const elapsed = upTo < first ? 0 : dayNumber(upTo) - dayNumber(first) + 1
  const pausedSoFar = upTo < first ? 0 : pausedDaysBetween(pauses, first, upTo)
  return {
    target,
    adjustedTarget: Math.round((target * (n - pausedDays)) / n),
    pausedDays,
    pausedSoFar,
    expected: Math.floor((target * (elapsed - pausedSoFar)) / n)
  }
}

/**
 * The days target of a stretch of the year (a month, a quarter, the year) as of `today`: target ÷ days in the year
 * for each unpaused day of [from, min(to, today)], 2 decimals. What "on pace" means for that stretch.
 */
export function stretchTarget(target: number, year: number, from: string, to: string, today: string, pauses: readonly Pause[]): number {
  const end = to < today ? to : today
  if (end < from) return 0
  const days = dayNumber(end) - dayNumber(from) + 1 - pausedDaysBetween(pauses, from, end)
  return Math.round(((target * days) / daysInYear(year)) * 100) / 100
}
