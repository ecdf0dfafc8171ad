import type { VisitDetail, VisitSummary } from '../../types/cadre-work'
import { pageAfter } from '../_lib/paging'
import type { VisitDayDoc, VisitDoc, VisitStatsDoc } from '../_lib/collections'
import { bumpPlaceMonth } from '../_lib/places'
import type { Tx } from '../_lib/tx'
import { RECORD_EDIT_MS } from '../../types/rules/check-in'
import { iso } from '../_lib/iso'

export { RECORD_EDIT_DAYS, RECORD_EDIT_MS } from '../../types/rules/check-in'

export const statsId = (cadreId: string, year: number) => `${cadreId}_${year}`
export const dayId = (cadreId: string, date: string) => `${cadreId}_${date}`
export const visitId = (cadreId: string, submissionId: string) => `${cadreId}_${submissionId}`


export function toSummary(v: VisitDoc): VisitSummary {
  return {
    id: v._id,
    submissionId: v.submissionId,
    cadreId: v.cadreId,
    cadreName: v.cadreName,
    pointId: v.pointId,
    pointName: v.pointName,
    pointKind: v.pointKind,
    visitedAt: iso(v.visitedAt),
    date: v.date,
    inside: v.inside,
    status: v.status,
    distanceM: v.distanceM,
    accuracyM: v.accuracyM,
    offline: v.offline,
    flags: v.flags ?? [],
    reason: v.reason,
    note: v.note,
    review: v.review && { decision: v.review.decision, note: v.review.note, byName: v.review.byName, at: iso(v.review.at) },
    hasRecord: Boolean(v.record),
    recordEditableUntil: iso(new Date(new Date(v.createdAt).getTime() + RECORD_EDIT_MS))
  }
}

export function toDetail(v: VisitDoc): VisitDetail {
  return {
    ...toSummary(v),
    record: v.record
      ? {
          category: v.record.category,
          method: v.record.method,
          policy: v.record.policy,
          needs: v.record.needs,
          advice: v.record.advice,
          peopleMet: v.record.peopleMet,
          householdIds: v.record.householdIds,
          problems: v.record.problems,
          savedAt: iso(v.record.savedAt)
        }
      : null
  }
}

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

const bump = (m: Record<string, number>, k: string, by = 1) => ({ ...m, [k]: (m[k] ?? 0) + by })
/** visitsByMonthKind's key: '2026-03_village' (no dot, so it is never read as a path). */
export const monthKindKey = (month: string, kind: string) => `${month}_${kind}`

/** Reads the cadre-year statistics inside the transaction; `existed` says whether to add or set it. */
export async function readStats(tx: Tx, v: Pick<VisitDoc, 'cadreId' | 'orgId' | 'orgPath' | 'year'>, now: Date) {
  const { data } = await tx.collection('visitStats').doc(statsId(v.cadreId, v.year)).get()
  return data ? { stats: data as unknown as VisitStatsDoc, existed: true } : { stats: emptyStats(v, now), existed: false }
}

export async function writeStats(tx: Tx, stats: VisitStatsDoc, existed: boolean, now: Date): Promise<void> {
  const { _id, ...rest } = { ...stats, updatedAt: now }
  if (existed) await tx.collection('visitStats').doc(_id).set({ data: rest })
  else await tx.collection('visitStats').add({ data: { _id, ...rest } })
}

/**
 * Counts a visit: its Beijing date becomes a day at the grassroots if it is new (one visitDays document
 * per cadre per date, unique by _id), the year's statistics move on, and so does the month of the point's place
 * (the village view). O(1): three documents read, at most four written, however long the cadre's history.
 * Returns the new statistics (not yet written).
 */
export async function countVisit(
  tx: Tx,
  v: Pick<VisitDoc, '_id' | 'cadreId' | 'orgId' | 'date' | 'month' | 'year' | 'pointKind' | 'placeCode'>,
  stats: VisitStatsDoc,
  now: Date
): Promise<{ stats: VisitStatsDoc; dayAdded: boolean }> {
  await bumpPlaceMonth(tx, v, now)
  const ref = tx.collection('visitDays').doc(dayId(v.cadreId, v.date))
  const { data } = await ref.get()
  let dayAdded = false
  if (data) {
    const day = data as unknown as VisitDayDoc
    const { _id, ...rest } = day
    await ref.set({ data: { ...rest, visits: day.visits + 1 } })
  } else {
    const day: VisitDayDoc = {
      _id: dayId(v.cadreId, v.date),
      cadreId: v.cadreId,
      date: v.date,
      year: v.year,
      month: v.month,
      visits: 1,
      firstVisitId: v._id,
      createdAt: now
    }
    await tx.collection('visitDays').add({ data: { ...day } })
    dayAdded = true
  }
  return { dayAdded, stats: addCounted(stats, v, dayAdded) }
}

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

export { bump }

export { TIE_SLACK, decodeCursor, encodeCursor } from '../_lib/paging'

/** A page of visits after the cursor, from documents read in (visitedAt, _id) index order. */
export function pageOf(docs: VisitDoc[], cursor: { at: Date; id: string } | null, limit: number, desc: boolean) {
  return pageAfter(docs, (d) => d.visitedAt, cursor, limit, desc, toSummary)
}

