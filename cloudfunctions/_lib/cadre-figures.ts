/**
 * A cadre's outcome figures for one period, from the statistics kept as the work is written: visitStats (per year,
 * with by-month maps), serviceStats per 'YYYY-MM', the 五必访 registry, the demands open past their deadline and the
 * approved 请假/培训/抽调. Pure: documents in, figures out. The rankings job, 我的成效 and the dashboard all compute
 * with this one function, so their figures can only differ by when they were read.
 *
 * Every period is the sum of its months — a quarter of three month documents, a year of twelve — so a trend's
 * months add up to its year by construction (the year's own serviceStats document is the reconciliation's check,
 * not a second source).
 */
import type { VisitStatsDoc } from './collections'
import type { ServiceStatsDoc } from './service'
import { flatCounts } from './stat-rules'
import { emptyFigures, monthIdsOf, periodKind, periodRange, periodYear, proratedTarget, type MonthPoint, type PeriodFigures } from '@/types/outcomes'
import { demandAreas, ratingLevels } from '@/types/enums'
import { beijingDate } from '@/types/rules/beijing-time'
import { pausedDaysBetween, type Pause } from '@/types/rules/pace'

export interface CadreInputs {
  /** The period's year's statistics (null: nothing counted that year). */
  visitStats: VisitStatsDoc | null
  /** serviceStats by month id ('YYYY-MM'). */
  service: Map<string, ServiceStatsDoc>
  households: { total: number; visitedThisYear: number }
  overdue: number
  daysTarget: number
  /** Approved 请假/培训/抽调 touching the period's year. */
  pauses: readonly Pause[]
  /** 四个百家 of the year (types/rules/four-hundred.ts countFourHundred). */
  fourHundred?: { entered: number; known: number; relieved: number; warmed: number }
  /** The cadre's published surveys: when, and their answers so far. */
  surveys?: { publishedAt: Date; answers: number }[]
}

/** The service counters of some months, summed. */
function sumCounts(months: readonly string[], service: Map<string, ServiceStatsDoc>): Record<string, number> {
  const sum: Record<string, number> = {}
  for (const m of months) {
    for (const [k, v] of Object.entries(flatCounts(service.get(m)?.counts))) sum[k] = (sum[k] ?? 0) + v
  }
  return sum
}

const counter = (c: Record<string, number>) => (k: string) => Math.max(0, c[k] ?? 0)
const solvedOf = (n: (k: string) => number) => n('solved.immediate') + n('solved.coordinate') + n('solved.report')

/** One month's trend point. */
function monthPoint(month: string, vs: VisitStatsDoc | null, service: Map<string, ServiceStatsDoc>): MonthPoint {
  const n = counter(flatCounts(service.get(month)?.counts))
  return {
    visits: vs?.visitsByMonth[month] ?? 0,
    days: vs?.daysByMonth[month] ?? 0,
    demandsRaised: n('demandsRaised'),
    demandsSolved: solvedOf(n),
    ratings: n('ratings'),
    satisfied: n('level.verySatisfied') + n('level.satisfied')
  }
}

export function cadreFigures(period: string, now: Date, x: CadreInputs): PeriodFigures {
  const f = emptyFigures(1)
  const kind = periodKind(period)
  const year = periodYear(period)
  const vs = x.visitStats && x.visitStats.year === year ? x.visitStats : null
  // visitStats' by-month maps are keyed 'YYYY-MM' (Beijing).
  const months = monthIdsOf(period)
  const sumMonths = (m: Record<string, number> | undefined) => months.reduce((s, id) => s + (m?.[id] ?? 0), 0)
  const days = sumMonths(vs?.daysByMonth)
  const target = proratedTarget(x.daysTarget, period, now, x.pauses)
  const { start, end } = periodRange(period)
  const upTo = Math.min(now.getTime(), end.getTime() - 1)
  const paused = upTo < start.getTime() ? 0 : pausedDaysBetween(x.pauses, beijingDate(start), beijingDate(upTo))
  // Behind the year's pace by the end of the period: what a unit's monthly summary counts (never a score).
  const pace = paceOf(x.visitStats, period, now, x.daysTarget, x.pauses)
  f.days = { count: days, target, capped: Math.min(days, target), paused, behind: pace.actual < Math.floor(pace.expected) ? 1 : 0 }
  f.visits = { total: sumMonths(vs?.visitsByMonth), byKind: vs ? (kind === 'year' ? { ...vs.visitsByKind } : kindsOfMonths(vs, months)) : {} }

  const n = counter(sumCounts(months, x.service))
  const solvedByPath = { immediate: n('solved.immediate'), coordinate: n('solved.coordinate'), report: n('solved.report') }
  const solved = solvedOf(n)
  const byArea: PeriodFigures['demands']['byArea'] = {}
  for (const a of demandAreas.ids) if (n(`area.${a}`) > 0) byArea[a] = n(`area.${a}`)
  f.demands = {
    raised: n('demandsRaised'),
    solvedByPath,
    solved,
    finishedLate: Math.min(solved, n('finishedLate')),
    solvedOnTime: Math.max(0, solved - n('finishedLate')),
    overdue: x.overdue,
    byArea
  }
  const byLevel: PeriodFigures['ratings']['byLevel'] = {}
  for (const l of ratingLevels.ids) if (n(`level.${l}`) > 0) byLevel[l] = n(`level.${l}`)
  const count = n('ratings')
  f.ratings = {
    count,
    byLevel,
    satisfied: n('level.verySatisfied') + n('level.satisfied'),
    scoreSum: n('scoreSum'),
    meanScore: count > 0 ? Math.round((n('scoreSum') / count) * 100) / 100 : null,
    bad: n('bad'),
    cases: Math.max(0, n('cases') - n('casesVoided')),
    revisitOnTime: n('revisitOnTime'),
    revisitLate: n('revisitLate'),
    rectified: n('rectified'),
    rectifiedOnTime: n('rectifiedOnTime')
  }
  f.fiveMustVisit = { households: x.households.total, visited: x.households.visitedThisYear }
  if (x.fourHundred) f.fourHundred = { ...x.fourHundred }
  const inPeriod = (x.surveys ?? []).filter((s) => new Date(s.publishedAt) >= start && new Date(s.publishedAt) < end)
  f.surveys = { count: inPeriod.length, answers: inPeriod.reduce((sum, s) => sum + s.answers, 0) }
  if (kind === 'year') f.months = Object.fromEntries(months.map((m) => [m, monthPoint(m, vs, x.service)]))
  return f
}

/** Days this year up to the end of the period (or now), against the yearly target pro-rated to then, paused days left out. */
export function paceOf(
  vs: VisitStatsDoc | null,
  period: string,
  now: Date,
  yearTarget: number,
  pauses: readonly Pause[]
): { expected: number; actual: number } {
  const year = periodYear(period)
  const last = monthIdsOf(period).slice(-1)[0]
  const actual =
    vs && vs.year === year ? Object.entries(vs.daysByMonth ?? {}).reduce((sum, [id, v]) => (id <= last && id.startsWith(String(year)) ? sum + v : sum), 0) : 0
  const end = Math.min(now.getTime(), periodRange(period).end.getTime() - 1)
  return { expected: proratedTarget(yearTarget, String(year), end, pauses), actual }
}

/** 四进 of a month or quarter from the per-month counts ('YYYY-MM_kind'); statistics older than them give none. */
function kindsOfMonths(vs: VisitStatsDoc, months: readonly string[]): PeriodFigures['visits']['byKind'] {
  const out: Record<string, number> = {}
  for (const [key, n] of Object.entries(vs.visitsByMonthKind ?? {})) {
    const [month, kind] = key.split('_')
    if (months.includes(month) && n > 0) out[kind] = (out[kind] ?? 0) + n
  }
  return out as PeriodFigures['visits']['byKind']
}
