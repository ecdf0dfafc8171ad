/**
 * 请假/培训/抽调 and 蹲点 spans (types/cadre-periods.ts): the stored shape, the reply shape, and what approving a
 * 蹲点 stay writes — each of its dates not yet a day at the grassroots becomes one (a visitDays document carrying
 * the stay's id) and the year statistics move on, in the approving transaction. The nightly reconciliation folds
 * approved stays the same way (reconcile/recompute.ts), so the two agree.
 */
import type { CadrePeriod } from '@/types/cadre-periods'
import { datesBetween } from '@/types/rules/pace'
import { spanDays } from '@/types/rules/cadre-periods'
import { type CadrePeriodDoc, type UserDoc, type VisitDayDoc, type VisitStatsDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { isManagerOf } from '../_lib/auth'
import type { Tx } from '../_lib/tx'
import { readStats, writeStats } from '../_lib/visit-stats'
import { bump, dayId } from '../_lib/visit-stat-rules'
import { iso } from '../_lib/iso'
import { byId } from '../_lib/by-id'

export function toPeriod(p: CadrePeriodDoc): CadrePeriod {
  return {
    id: p._id,
    cadreId: p.cadreId,
    cadreName: p.cadreName,
    kind: p.kind,
    from: p.from,
    to: p.to,
    days: spanDays(p.from, p.to),
    place: p.place,
    note: p.note,
    status: p.status,
    recordedBy: { name: p.recordedBy.name, byManager: p.recordedBy.byManager },
    review: p.review && { decision: p.review.decision, note: p.review.note, byName: p.review.byName, at: iso(p.review.at) },
    countedDays: p.countedDays,
    createdAt: iso(p.createdAt)
  }
}

/** A span by id, for its cadre or a manager of the cadre; anyone else is refused as if it did not exist. */
export async function periodFor(user: UserDoc, periodId: string): Promise<CadrePeriodDoc> {
  const p = await byId<CadrePeriodDoc>('cadrePeriods', periodId)
  if (!p || (p.cadreId !== user._id && !isManagerOf(user, p.orgPath))) throw new AppError('NOT_FOUND', '没有找到这条登记')
  return p
}

/** Counts an approved stay's dates as days at the grassroots; returns how many were new. */
export async function countStay(tx: Tx, p: CadrePeriodDoc, now: Date): Promise<number> {
  const dates = datesBetween(p.from, p.to)
  const stats = new Map<number, { stats: VisitStatsDoc; existed: boolean; changed: boolean }>()
  for (const year of new Set(dates.map((d) => Number(d.slice(0, 4))))) {
    stats.set(year, { ...(await readStats(tx, { cadreId: p.cadreId, orgId: p.orgId, orgPath: p.orgPath, year }, now)), changed: false })
  }
  let added = 0
  for (const date of dates) {
    const ref = tx.collection('visitDays').doc(dayId(p.cadreId, date))
    if ((await ref.get()).data) continue
    const year = Number(date.slice(0, 4))
    const day: VisitDayDoc = {
      _id: dayId(p.cadreId, date),
      cadreId: p.cadreId,
      date,
      year,
      month: date.slice(0, 7),
      visits: 0,
      firstVisitId: null,
      stayId: p._id,
      createdAt: now
    }
    await tx.collection('visitDays').add({ data: { ...day } })
    const s = stats.get(year)!
    s.stats = { ...s.stats, days: s.stats.days + 1, daysByMonth: bump(s.stats.daysByMonth, day.month) }
    s.changed = true
    added += 1
  }
  for (const s of stats.values()) if (s.changed) await writeStats(tx, s.stats, s.existed, now)
  return added
}
