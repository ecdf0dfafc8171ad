/**
 * One cadre's reconciliation: their source records of each checked year, read through their cadre indexes, are
 * refolded with the handlers' own rules (recompute.ts) and compared with the stored figures; a difference is repaired
 * in a transaction that first checks the figure has not moved since it was read.
 */
import { beijingStartOf } from '@/types/rules/beijing-time'
import type { DriftItem } from '@/types/api/reconcile'
import { _ } from '../_lib/cloud'
import { collection, type CadrePeriodDoc, type HouseholdDoc, type UserDoc, type VisitDayDoc, type VisitDoc, type VisitStatsDoc } from '../_lib/collections'
import type { CaseDoc, DemandDoc, RatingDoc, ServiceStatsDoc } from '../_lib/service'
import { countOf, rows } from '../_lib/query'
import { inTransaction } from '../_lib/tx'
import { PERIODS_PER_YEAR } from '@/types/rules/cadre-periods'
import { flatCounts, nestCounts } from '../_lib/stat-rules'
import { finishLeftover } from '../_lib/rating-settle'
import {
  GRACE_MS,
  inFlightAt,
  prunable,
  unappliedEvents,
  expectedServiceCounts,
  expectedVisitDays,
  expectedVisitStats,
  householdDrift,
  periodsOfYear,
  serviceStatsDrift,
  statsId,
  visitDaysDrift,
  visitStatsDrift,
  type Drift
} from './recompute'
import { placeMonthsDrift } from './places'
import { byId, txGet } from '../_lib/by-id'

const PAGE = 500
/** Demands raised up to a year before the checked year still count events in it (finished, closed, 督办). */
const DEMAND_LOOKBACK_MS = 366 * 24 * 3600 * 1000

const json = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : (v ?? null))
const ms = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null)

/** Reads every page of a cadre's records in [from, to) on an index (cadreId, field desc, _id desc). */
async function allOf<T extends { _id: string }>(name: 'visits' | 'ratings' | 'demands', cadreId: string, field: string, from: Date, to: Date): Promise<T[]> {
  const out: T[] = []
  let upper: { at: Date; id: string } | null = null
  for (;;) {
    const range = upper ? _.gte(from).and(_.lte(upper.at)) : _.gte(from).and(_.lt(to))
    const page = await rows<T>(
      collection(name)
        .where({ cadreId, [field]: range })
        .orderBy(field, 'desc')
        .orderBy('_id', 'desc')
        .limit(PAGE)
    )
    const u: { at: Date; id: string } | null = upper
    const fresh: T[] = u ? page.filter((d) => ms((d as Record<string, unknown>)[field] as Date)! < u.at.getTime() || d._id < u.id) : page
    out.push(...fresh)
    if (page.length < PAGE || fresh.length === 0) return out
    const last: T = fresh[fresh.length - 1]
    upper = { at: new Date((last as Record<string, unknown>)[field] as Date), id: last._id }
  }
}

type Outcome = DriftItem['outcome']
const item = (d: Drift, outcome: Outcome): DriftItem => ({
  collection: d.collection,
  docId: d.docId,
  cadreId: d.cadreId,
  field: d.field,
  stored: json(d.stored),
  expected: json(d.expected),
  outcome
})

/** One cadre, every checked year: recompute, compare, repair. */
export async function reconcileCadre(
  cadre: UserDoc,
  years: number[],
  now: Date,
  placesSeen = new Set<string>()
): Promise<{ checked: number; drift: DriftItem[] }> {
  const drift: DriftItem[] = []
  let checked = 0
  const current = Math.max(...years)
  for (const year of years) {
    const from = beijingStartOf(`${year}-01-01`)
    const to = beijingStartOf(`${year + 1}-01-01`)

    // ---- visits → visitStats, visitDays, households
    // The statistics are read before the visits: a check-in that lands in between is young, and a cadre with a
    // check-in younger than GRACE_MS is left for the next pass (its increments may still be on their way).
    const [stored, days, stays] = await Promise.all([
      byId<VisitStatsDoc>('visitStats', statsId(cadre._id, year)),
      rows<VisitDayDoc>(
        collection('visitDays')
          .where({ cadreId: cadre._id, date: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) })
          .limit(1000)
      ),
      rows<CadrePeriodDoc>(collection('cadrePeriods').where({ cadreId: cadre._id, years: year, status: 'approved', kind: 'stay' }).limit(PERIODS_PER_YEAR))
    ])
    const visits = await allOf<VisitDoc>('visits', cadre._id, 'visitedAt', from, to)
    const visitsSettled = !visits.some((v) => inFlightAt(now, v.createdAt))
    const [diaryEntries, reports] = await Promise.all([
      countOf(collection('diaryEntries').where({ cadreId: cadre._id, createdAt: _.gte(from).and(_.lt(to)) })),
      countOf(collection('reports').where({ cadreId: cadre._id, year }))
    ])
    const base = { cadreId: cadre._id, orgId: stored?.orgId ?? cadre.orgId, orgPath: stored?.orgPath ?? cadre.orgPath, year }
    const expected = expectedVisitStats(base, visits, { diaryEntries, reports }, now, stays)
    const statDrift = visitsSettled ? visitStatsDrift(stored ?? null, expected) : []
    checked += 1
    if (statDrift.length) {
      const outcome = await inTransaction(async (tx): Promise<Outcome> => {
        const ref = tx.collection('visitStats').doc(expected._id)
        const cur = await txGet<VisitStatsDoc>(tx, 'visitStats', expected._id)
        if (ms(cur?.updatedAt) !== ms(stored?.updatedAt)) return 'changed'
        const { _id, ...doc } = { ...(cur ?? {}), ...expected, orgId: base.orgId, orgPath: base.orgPath, updatedAt: now }
        if (cur) await ref.set({ data: doc as unknown as Record<string, unknown> })
        else await tx.collection('visitStats').add({ data: { _id, ...doc } as unknown as Record<string, unknown> })
        return 'repaired'
      })
      drift.push(...statDrift.map((d) => item(d, outcome)))
    }

    checked += days.length
    const dayFix = visitsSettled ? visitDaysDrift(cadre._id, days, expectedVisitDays(cadre._id, visits, stays, year)) : { drift: [], upsert: [], remove: [] }
    if (dayFix.drift.length) {
      const seen = new Map(days.map((d) => [d._id, d.visits]))
      const outcome = await inTransaction(async (tx): Promise<Outcome> => {
        for (const id of [...dayFix.upsert.map((d) => d._id), ...dayFix.remove]) {
          const cur = await txGet<VisitDayDoc>(tx, 'visitDays', id)
          if ((cur?.visits ?? null) !== (seen.get(id) ?? null)) return 'changed'
        }
        for (const e of dayFix.upsert) {
          const ref = tx.collection('visitDays').doc(e._id)
          if (seen.has(e._id)) await ref.update({ data: { visits: e.visits } })
          else {
            const day: VisitDayDoc = { ...e, cadreId: cadre._id, createdAt: now }
            await tx.collection('visitDays').add({ data: { ...day } as unknown as Record<string, unknown> })
          }
        }
        for (const id of dayFix.remove) await tx.collection('visitDays').doc(id).remove()
        return 'repaired'
      })
      drift.push(...dayFix.drift.map((d) => item(d, outcome)))
    }

    if (year === current && visitsSettled) {
      const places = await placeMonthsDrift(cadre._id, visits, now, placesSeen)
      checked += places.checked
      drift.push(...places.drift)
    }

    if (year === current) {
      const households = await rows<HouseholdDoc>(collection('households').where({ cadreId: cadre._id }).limit(1000))
      checked += households.length
      for (const h of households) {
        const { drift: hd, patch } = householdDrift(h, year, visits)
        if (!hd.length) continue
        const outcome = await inTransaction(async (tx): Promise<Outcome> => {
          const ref = tx.collection('households').doc(h._id)
          const cur = await txGet<HouseholdDoc>(tx, 'households', h._id)
          if (
            !cur ||
            cur.visitsYear !== h.visitsYear ||
            cur.visitsInYear !== h.visitsInYear ||
            cur.visited !== h.visited ||
            ms(cur.lastVisitAt) !== ms(h.lastVisitAt)
          )
            return 'changed'
          await ref.update({ data: patch as unknown as Record<string, unknown> })
          return 'repaired'
        })
        drift.push(...hd.map((d) => item(d, outcome)))
      }
    }

    // ---- demands, ratings, cases → serviceStats
    // Read before the sources, as above. Ratings move their counters outside transactions under markers
    // (cloudfunctions/_lib/counters.ts): one whose marker is missing past GRACE_MS was left by a call that died,
    // and is finished here exactly as the call would have (it can only hold more, never count twice).
    const periods = periodsOfYear(year)
    const readStats = () =>
      rows<ServiceStatsDoc>(
        collection('serviceStats')
          .where({ cadreId: cadre._id, period: _.in(periods) })
          .limit(periods.length)
      )
    let storedStats = await readStats()
    const [ratings, recent, oldActive] = await Promise.all([
      allOf<RatingDoc>('ratings', cadre._id, 'createdAt', from, to),
      allOf<DemandDoc>('demands', cadre._id, 'createdAt', new Date(from.getTime() - DEMAND_LOOKBACK_MS), to),
      rows<DemandDoc>(collection('demands').where({ cadreId: cadre._id, active: true }).limit(1000))
    ])
    const pending = unappliedEvents(ratings, new Map(storedStats.map((d) => [d.period, d])), now)
    if (pending.inFlight) continue
    if (pending.leftovers.length) {
      const before = new Map(storedStats.map((d) => [d._id, flatCounts(d.counts)]))
      for (const { rating, kind } of pending.leftovers) await finishLeftover(rating as RatingDoc, kind, now)
      storedStats = await readStats()
      for (const d of storedStats) {
        const was = before.get(d._id) ?? {}
        const is = flatCounts(d.counts)
        for (const k of [...new Set([...Object.keys(was), ...Object.keys(is)])].sort()) {
          if ((was[k] ?? 0) !== (is[k] ?? 0))
            drift.push(
              item(
                { collection: 'serviceStats', docId: d._id, cadreId: cadre._id, field: `counts.${k}`, stored: was[k] ?? null, expected: is[k] ?? 0 },
                'repaired'
              )
            )
        }
      }
      ratings.splice(0, ratings.length, ...(await allOf<RatingDoc>('ratings', cadre._id, 'createdAt', from, to)))
    }
    const demands = new Map(recent.map((d) => [d._id, d]))
    for (const d of oldActive) if (!demands.has(d._id) && new Date(d.createdAt) < to) demands.set(d._id, d)
    const caseIds = ratings.filter((r) => r.caseId).map((r) => r.caseId!)
    const cases = new Map<string, CaseDoc>()
    for (let i = 0; i < caseIds.length; i += 100) {
      const got = await rows<CaseDoc>(
        collection('badReviewCases')
          .where({ _id: _.in(caseIds.slice(i, i + 100)) })
          .limit(100)
      )
      for (const c of got) cases.set(c._id, c)
    }
    checked += storedStats.length
    const byPeriod = new Map(storedStats.map((s) => [s.period, s]))
    const expectedCounts = expectedServiceCounts([...demands.values()], ratings, cases)
    for (const fix of serviceStatsDrift(cadre._id, periods, byPeriod, expectedCounts)) {
      const was = byPeriod.get(fix.period)
      const outcome = await inTransaction(async (tx): Promise<Outcome> => {
        const ref = tx.collection('serviceStats').doc(fix.docId)
        const cur = await txGet<ServiceStatsDoc>(tx, 'serviceStats', fix.docId)
        if (JSON.stringify(cur?.counts ?? null) !== JSON.stringify(was?.counts ?? null)) return 'changed'
        // The counts replaced as a whole (_.set), the markers kept: they still say which events have landed.
        const counts = nestCounts(fix.counts)
        if (cur) await ref.update({ data: { counts: _.set(counts), updatedAt: now } })
        else
          await tx
            .collection('serviceStats')
            .add({ data: { _id: fix.docId, cadreId: cadre._id, orgId: cadre.orgId, orgPath: cadre.orgPath, period: fix.period, counts, updatedAt: now } })
        return 'repaired'
      })
      drift.push(...fix.drift.map((d) => item(d, outcome)))
    }
    // Every event before the cutoff has landed: its marker can go, and the horizon says so from now on.
    const cutoff = new Date(now.getTime() - GRACE_MS)
    for (const d of storedStats) {
      const { keys, markersFrom } = prunable(d, cutoff)
      if (!keys.length) continue
      const data: Record<string, unknown> = { markersFrom }
      for (const k of keys) data[`applied.${k}`] = _.remove()
      await collection('serviceStats').doc(d._id).update({ data })
    }
  }
  return { checked, drift }
}
