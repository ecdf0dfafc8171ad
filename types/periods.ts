/**
 * Periods (month 'YYYY-MM', quarter 'YYYY-Qn', year 'YYYY'), all in Beijing time: their ids, ranges, and the days
 * target expected by a period's end. The outcome figures (`outcomes.ts`) and every view are keyed by them.
 */
import { z } from './zod'
import { BEIJING_OFFSET_MIN, beijing, beijingDate } from './rules/beijing-time'
import { stretchTarget, type Pause } from './rules/pace'
import { ids, periodKindLabels } from './labels'

export const periodKinds = ids(periodKindLabels)
export const PeriodKind = z.enum(periodKinds)
export type PeriodKind = z.infer<typeof PeriodKind>
export { periodKindLabels }

/** 'YYYY-MM' (month), 'YYYY-Qn' (quarter, n = 1..4) or 'YYYY' (year), all in Beijing time. */
export const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$/
/** The years the product keeps figures for: the campaign's (dates before 2020 do not exist in its data). */
export const PERIOD_YEARS = { from: 2020, to: 2100 } as const
export const Period = z
  .string()
  .regex(PERIOD_RE, '时间段格式不对，应为 2025-03、2025-Q1 或 2025')
  .refine((p) => Number(p.slice(0, 4)) >= PERIOD_YEARS.from && Number(p.slice(0, 4)) <= PERIOD_YEARS.to, {
    error: `时间段应在 ${PERIOD_YEARS.from} 年到 ${PERIOD_YEARS.to} 年之间`
  })
export type Period = string

export function periodKind(period: string): PeriodKind {
  const m = PERIOD_RE.exec(period)
  if (!m) throw new Error(`bad period ${period}`)
  return m[2] ? 'month' : m[3] ? 'quarter' : 'year'
}

export const periodYear = (period: string): number => Number(period.slice(0, 4))

/** The month, quarter and year an instant falls in (Beijing). */
export function periodsAt(instant: Date | number | string): Record<PeriodKind, string> {
  const b = beijing(instant)
  const month = b.format('YYYY-MM')
  return { month, quarter: `${b.year()}-Q${Math.floor(b.month() / 3) + 1}`, year: String(b.year()) }
}

export const periodOf = (kind: PeriodKind, instant: Date | number | string): string => periodsAt(instant)[kind]

/** The 'MM' months a period covers: ['03'] for a month, ['01','02','03'] for Q1, all twelve for a year. */
export function monthsOf(period: string): string[] {
  const kind = periodKind(period)
  if (kind === 'month') return [period.slice(5, 7)]
  const first = kind === 'quarter' ? (Number(period.slice(6)) - 1) * 3 + 1 : 1
  const n = kind === 'quarter' ? 3 : 12
  return Array.from({ length: n }, (_, i) => String(first + i).padStart(2, '0'))
}

/** 'YYYY-MM' ids of the months in a period. */
export const monthIdsOf = (period: string): string[] => monthsOf(period).map((mm) => `${period.slice(0, 4)}-${mm}`)

/** [start, end) of a period as instants. */
export function periodRange(period: string): { start: Date; end: Date } {
  const year = periodYear(period)
  const months = monthsOf(period)
  const first = Number(months[0])
  const last = Number(months[months.length - 1])
  const start = new Date(Date.UTC(year, first - 1, 1) - BEIJING_OFFSET_MIN * 60_000)
  const end = new Date(Date.UTC(last === 12 ? year + 1 : year, last === 12 ? 0 : last, 1) - BEIJING_OFFSET_MIN * 60_000)
  return { start, end }
}

/** Calendar days of a period that have begun by `now` (today counts), 0 before it starts. */
export function elapsedDays(period: string, now: Date | number | string): number {
  const { start, end } = periodRange(period)
  const t = Math.min(new Date(now).getTime(), end.getTime() - 1)
  if (t < start.getTime()) return 0
  return Math.floor((t - start.getTime()) / 86_400_000) + 1
}

/**
 * The days-at-the-grassroots target for a period as of `now`: the yearly target spread evenly over the year's
 * days, times the days of the period so far that are not paused by an approved 请假/培训/抽调 (2 decimals). 90 a
 * year → about 7.4 for a whole 31-day month. A pace indicator only: no score reads it.
 */
export function proratedTarget(yearTarget: number, period: string, now: Date | number | string, pauses: readonly Pause[] = []): number {
  const { start, end } = periodRange(period)
  const t = Math.min(new Date(now).getTime(), end.getTime() - 1)
  if (t < start.getTime()) return 0
  return stretchTarget(yearTarget, periodYear(period), beijingDate(start), beijingDate(end.getTime() - 1), beijingDate(t), pauses)
}

/** The days target expected by the end of a period (or by `now` if sooner), toward the yearly target. */
export function paceAtEndOf(yearTarget: number, period: string, now: Date | number | string, pauses: readonly Pause[] = []): number {
  const end = Math.min(new Date(now).getTime(), periodRange(period).end.getTime() - 1)
  return proratedTarget(yearTarget, String(periodYear(period)), end, pauses)
}

/** Previous month id ('2025-03' → '2025-02'), for the 表彰/通报 of the month just ended. */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}
