import type { DashboardChild, TrendPoint } from '../../types/api/dashboard'
import { monthIdsOf, periodKind, periodOf, previousMonth, satisfiedShare, type PeriodFigures, type PeriodKind } from '../../types/outcomes'

/** The period asked for (its own kind wins), else the current one of the kind. */
export function pickPeriod(kind: PeriodKind, period: string | undefined, now: Date): { kind: PeriodKind; period: string } {
  if (period) return { kind: periodKind(period), period }
  return { kind, period: periodOf(kind, now) }
}

/** The 12 months up to the period's last month, oldest first. */
export function trendMonths(period: string): string[] {
  const months = monthIdsOf(period)
  const out = [months[months.length - 1]]
  while (out.length < 12) out.unshift(previousMonth(out[0]))
  return out
}

export function trendPoint(month: string, f: PeriodFigures | undefined): TrendPoint {
  return {
    month,
    visits: f?.visits.total ?? 0,
    days: f?.days.count ?? 0,
    demandsRaised: f?.demands.raised ?? 0,
    demandsSolved: f?.demands.solved ?? 0,
    ratings: f?.ratings.count ?? 0,
    satisfiedShare: f ? satisfiedShare(f) : null
  }
}

export function childOf(kind: DashboardChild['kind'], c: { id: string; name: string; level: DashboardChild['level']; figures: PeriodFigures; score: number | null }): DashboardChild {
  const f = c.figures
  return {
    kind,
    id: c.id,
    name: c.name,
    level: c.level,
    cadres: f.cadres,
    visits: f.visits.total,
    days: f.days.count,
    demandsRaised: f.demands.raised,
    demandsSolved: f.demands.solved,
    ratings: f.ratings.count,
    satisfiedShare: satisfiedShare(f),
    score: c.score
  }
}

export const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)
