/**
 * A cadre's outcome figures for one period, from the statistics kept as the work is written: visitStats (per
 * year, with by-month maps), serviceStats (per 'YYYY-MM' and 'YYYY'), the 五必访 registry and the demands open
 * past their deadline. Pure: documents in, figures out.
 */
import type { VisitStatsDoc } from '../_lib/collections'
import type { ServiceStatsDoc } from '../_lib/service'
import { flatCounts } from '../_lib/stat-rules'
import { emptyFigures, monthIdsOf, periodKind, periodRange, periodYear, proratedTarget, type PeriodFigures } from '../../types/outcomes'
import { demandAreas, ratingLevels } from '../../types/enums'

export interface CadreInputs {
  visitStats: VisitStatsDoc | null
  /** serviceStats by period id ('YYYY-MM' and 'YYYY'). */
  service: Map<string, ServiceStatsDoc>
  households: { total: number; visitedThisYear: number }
  /** 四个百家 of the year (types/rules/four-hundred.ts countFourHundred). */
  fourHundred?: { entered: number; known: number; relieved: number; warmed: number }
  /** The cadre's published surveys: when, and their answers so far. */
  surveys?: { publishedAt: Date; answers: number }[]
  overdue: number
  daysTarget: number
}

/** The service counters of a period: the year doc for a year, the month docs summed otherwise. */
function serviceCounts(period: string, service: Map<string, ServiceStatsDoc>): Record<string, number> {
  if (periodKind(period) === 'year') return flatCounts(service.get(period)?.counts)
  const sum: Record<string, number> = {}
  for (const m of monthIdsOf(period)) {
    for (const [k, v] of Object.entries(flatCounts(service.get(m)?.counts))) sum[k] = (sum[k] ?? 0) + v
  }
  return sum
}

export function cadreFigures(period: string, now: Date, x: CadreInputs): PeriodFigures {
  const f = emptyFigures(1)
  const kind = periodKind(period)
  const vs = x.visitStats && x.visitStats.year === periodYear(period) ? x.visitStats : null
  // visitStats' by-month maps are keyed 'YYYY-MM' (Beijing).
  const months = monthIdsOf(period)
  const sumMonths = (m: Record<string, number> | undefined) => months.reduce((s, id) => s + (m?.[id] ?? 0), 0)
  const days = vs ? (kind === 'year' ? vs.days : sumMonths(vs.daysByMonth)) : 0
  const target = proratedTarget(x.daysTarget, period, now)
  f.days = { count: days, target, capped: Math.min(days, target) }
  f.visits = { total: vs ? (kind === 'year' ? vs.visits : sumMonths(vs.visitsByMonth)) : 0, byKind: vs ? (kind === 'year' ? { ...vs.visitsByKind } : kindsOfMonths(vs, months)) : {} }

  const c = serviceCounts(period, x.service)
  const n = (k: string) => Math.max(0, c[k] ?? 0)
  const solvedByPath = { immediate: n('solved.immediate'), coordinate: n('solved.coordinate'), report: n('solved.report') }
  const solved = solvedByPath.immediate + solvedByPath.coordinate + solvedByPath.report
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
  if (x.fourHundred) f.fourHundred = { entered: x.fourHundred.entered, known: x.fourHundred.known, relieved: x.fourHundred.relieved, warmed: x.fourHundred.warmed }
  const { start, end } = periodRange(period)
  const inPeriod = (x.surveys ?? []).filter((s) => new Date(s.publishedAt) >= start && new Date(s.publishedAt) < end)
  f.surveys = { count: inPeriod.length, answers: inPeriod.reduce((n, s) => n + s.answers, 0) }
  return f
}

/** 四进 of a month or quarter from the per-month counts ('YYYY-MM_kind'); statistics older than them give none. */
function kindsOfMonths(vs: VisitStatsDoc, months: string[]): PeriodFigures['visits']['byKind'] {
  const out: Record<string, number> = {}
  for (const [key, n] of Object.entries(vs.visitsByMonthKind ?? {})) {
    const [month, kind] = key.split('_')
    if (months.includes(month) && n > 0) out[kind] = (out[kind] ?? 0) + n
  }
  return out as PeriodFigures['visits']['byKind']
}
