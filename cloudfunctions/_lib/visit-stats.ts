import type { VisitDayDoc, VisitDoc, VisitStatsDoc } from './collections'
import { addCounted, dayId, emptyStats, statsId } from './visit-stat-rules'
import { bumpPlaceMonth } from './places'
import type { Tx } from './tx'
import { txGet } from './by-id'

/**
 * A cadre's year in figures (visitStats) and days at the grassroots (visitDays), read and written inside a
 * transaction by check-in, review and confirmation in the visit function and by the diary. The rules they follow
 * are visit-stat-rules.ts, which the nightly reconciliation refolds: what is written and what is checked cannot
 * drift apart.
 */

/** Reads the cadre-year statistics inside the transaction; `existed` says whether to add or set it. */
export async function readStats(tx: Tx, v: Pick<VisitDoc, 'cadreId' | 'orgId' | 'orgPath' | 'year'>, now: Date) {
  const data = await txGet<VisitStatsDoc>(tx, 'visitStats', statsId(v.cadreId, v.year))
  return data ? { stats: data, existed: true } : { stats: emptyStats(v, now), existed: false }
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
