import type { VisitDoc, VisitStatsDoc } from './collections'

/**
 * The pure rules a cadre's year figures (visitStats) follow. Check-in, review and confirmation apply them as they
 * write (visit-stats.ts); the nightly reconciliation folds them over the year's visits to know what the figures
 * should say; the bench builds its data with them. One home, so none of the three can count differently.
 */
export const statsId = (cadreId: string, year: number) => `${cadreId}_${year}`
export const dayId = (cadreId: string, date: string) => `${cadreId}_${date}`

export function emptyStats(v: Pick<VisitDoc, 'cadreId' | 'orgId' | 'orgPath' | 'year'>, now: Date): VisitStatsDoc {
  return {
    _id: statsId(v.cadreId, v.year),
    cadreId: v.cadreId,
    orgId: v.orgId,
    orgPath: v.orgPath,
    year: v.year,
    days: 0,
    daysByMonth: {},
    visits: 0,
    visitsByMonth: {},
    visitsByKind: {},
    visitsByMonthKind: {},
    fieldworkByMonth: {},
    fieldworkPending: 0,
    fieldworkApproved: 0,
    fieldworkRejected: 0,
    updatedAt: now
  }
}

export const bump = (m: Record<string, number>, k: string, by = 1) => ({ ...m, [k]: (m[k] ?? 0) + by })
/** visitsByMonthKind's key: '2026-03_village' (no dot, so it is never read as a path). */
export const monthKindKey = (month: string, kind: string) => `${month}_${kind}`

/**
 * The pure rules the statistics follow (countVisit, checkIn and review apply them as they write; the
 * nightly reconciliation folds them over the year's visits to know what the statistics should say).
 */
export function addCounted(stats: VisitStatsDoc, v: Pick<VisitDoc, 'month' | 'pointKind'>, dayAdded: boolean): VisitStatsDoc {
  return {
    ...stats,
    days: stats.days + (dayAdded ? 1 : 0),
    daysByMonth: dayAdded ? bump(stats.daysByMonth, v.month) : stats.daysByMonth,
    visits: stats.visits + 1,
    visitsByMonth: bump(stats.visitsByMonth, v.month),
    visitsByKind: bump(stats.visitsByKind as Record<string, number>, v.pointKind),
    visitsByMonthKind: bump(stats.visitsByMonthKind ?? {}, monthKindKey(v.month, v.pointKind))
  }
}

/** A 外勤 submitted: it counts toward the month's limit and waits for review. */
export const addFieldwork = (stats: VisitStatsDoc, month: string): VisitStatsDoc => ({
  ...stats,
  fieldworkByMonth: bump(stats.fieldworkByMonth, month),
  fieldworkPending: stats.fieldworkPending + 1
})

/** A 外勤 reviewed (approval also counts the visit, through addCounted). */
export function addReviewed(stats: VisitStatsDoc, decision: 'approve' | 'reject'): VisitStatsDoc {
  const next = { ...stats, fieldworkPending: Math.max(0, stats.fieldworkPending - 1) }
  return decision === 'approve' ? { ...next, fieldworkApproved: next.fieldworkApproved + 1 } : { ...next, fieldworkRejected: next.fieldworkRejected + 1 }
}
