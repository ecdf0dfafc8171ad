import { beijingMonth } from '@/types/rules/beijing-time'
import { previousMonth } from '@/types/outcomes'
import type { DriftItem } from '@/types/api/reconcile'
import { collection, type VisitDoc } from '../_lib/collections'
import { placeMonthId, type PlaceMonthDoc } from '../_lib/places'
import { rows } from '../_lib/query'
import { inTransaction } from '../_lib/tx'
import { inFlightAt } from './recompute'
import { byId, txGet } from '../_lib/by-id'

/** More counted visits than this at one village in one month is beyond any real campaign; such a month is left alone. */
const MAX_VISITS = 1000

/**
 * The village view's month counters (placeMonths) the cadre's counted visits of this month and last touched,
 * recounted from the visits themselves (index place_month) and repaired where they differ: a check-in that died
 * between its visit and its increment leaves its village one short until here. `seen` holds the place-months this
 * run already checked (many cadres visit one village). Cost: the visits at those villages in those two months.
 */
export async function placeMonthsDrift(cadreId: string, visits: VisitDoc[], now: Date, seen: Set<string>): Promise<{ checked: number; drift: DriftItem[] }> {
  const months = new Set([beijingMonth(now), previousMonth(beijingMonth(now))])
  const drift: DriftItem[] = []
  let checked = 0
  for (const v of visits) {
    if (v.status !== 'counted' || !v.placeCode || !months.has(v.month)) continue
    const id = placeMonthId(v.placeCode, v.month)
    if (seen.has(id)) continue
    seen.add(id)
    checked += 1
    const found = await placeMonthDrift(cadreId, v.placeCode, v.month, now)
    if (found) drift.push(found)
  }
  return { checked, drift }
}

async function placeMonthDrift(cadreId: string, placeCode: string, month: string, now: Date): Promise<DriftItem | null> {
  const id = placeMonthId(placeCode, month)
  const [stored, visits] = await Promise.all([
    byId<PlaceMonthDoc>('placeMonths', id),
    rows<Pick<VisitDoc, '_id' | 'orgId' | 'createdAt'>>(
      collection('visits').where({ placeCode, month, status: 'counted' }).field({ orgId: true, createdAt: true }).limit(MAX_VISITS)
    )
  ])
  // A young check-in's increment may still be on its way; the next pass looks again.
  if (visits.length >= MAX_VISITS || visits.some((v) => inFlightAt(now, v.createdAt))) return null
  const units: Record<string, number> = {}
  for (const v of visits) units[v.orgId] = (units[v.orgId] ?? 0) + 1
  const same = (stored?.total ?? 0) === visits.length && JSON.stringify(sorted(stored?.units ?? {})) === JSON.stringify(sorted(units))
  if (same) return null
  const outcome = await inTransaction(async (tx): Promise<DriftItem['outcome']> => {
    const ref = tx.collection('placeMonths').doc(id)
    const cur = await txGet<PlaceMonthDoc>(tx, 'placeMonths', id)
    if ((cur?.total ?? null) !== (stored?.total ?? null)) return 'changed'
    const doc = { placeCode, countyCode: placeCode.slice(0, 6), month, total: visits.length, units, updatedAt: now }
    if (cur) await ref.set({ data: doc })
    else await tx.collection('placeMonths').add({ data: { _id: id, ...doc } })
    return 'repaired'
  })
  return {
    collection: 'placeMonths',
    docId: id,
    cadreId,
    field: 'total',
    stored: JSON.stringify(stored ? { total: stored.total, units: sorted(stored.units) } : null),
    expected: JSON.stringify({ total: visits.length, units: sorted(units) }),
    outcome
  }
}

const sorted = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
