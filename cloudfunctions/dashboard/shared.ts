import type { DashboardChild, TrendPoint } from '@/types/api/dashboard'
import { monthIdsOf, periodKind, periodOf, previousMonth, satisfiedShare, type PeriodFigures, type PeriodKind } from '@/types/outcomes'

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

/** The years whose year documents carry the months of a trend. */
export const trendYears = (months: readonly string[]): string[] => [...new Set(months.map((m) => m.slice(0, 4)))]

/**
 * A trend's month from the month series of its year's figures (the same counters as the year's totals, so the
 * months add up to the year); zeros when the year has not been computed.
 */
export function trendPoint(month: string, year: PeriodFigures | undefined): TrendPoint {
  const m = year?.months?.[month]
  return {
    month,
    visits: m?.visits ?? 0,
    days: m?.days ?? 0,
    demandsRaised: m?.demandsRaised ?? 0,
    demandsSolved: m?.demandsSolved ?? 0,
    ratings: m?.ratings ?? 0,
    satisfiedShare: m && m.ratings > 0 ? Math.round((m.satisfied / m.ratings) * 10000) / 10000 : null
  }
}

export function childOf(
  kind: DashboardChild['kind'],
  c: { id: string; name: string; level: DashboardChild['level']; figures: PeriodFigures; score: number | null }
): DashboardChild {
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
