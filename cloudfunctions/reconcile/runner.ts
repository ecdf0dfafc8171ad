import { randomUUID } from 'node:crypto'
import { beijing, beijingDate, beijingStartOf, beijingYear } from '../../types/rules/beijing-time'
import type { DriftItem, ReconcileReport } from '../../types/api/reconcile'
import { _ } from '../_lib/cloud'
import { collection, type CadrePeriodDoc, type HouseholdDoc, type OrgDoc, type UserDoc, type VisitDayDoc, type VisitDoc, type VisitStatsDoc } from '../_lib/collections'
import type { CaseDoc, DemandDoc, RatingDoc, ServiceStatsDoc } from '../_lib/service'
import { countOf, rows } from '../_lib/query'
import { inTransaction } from '../_lib/tx'
import { PERIODS_PER_YEAR } from '../../types/rules/cadre-periods'
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
import { iso } from '../_lib/iso'

/**
 * The nightly reconciliation. A pass walks every cadre once, system by system (the roots of the org tree),
 * cadre by cadre in _id order on the users index orgPath_role; the checkpoint (reconcileState/'state') moves
 * on after each cadre, so a run that stops (budget, crash, timeout) is continued by the next. Per cadre it
 * reads that cadre's source records of the year through their cadre indexes, recomputes the statistics with
 * the handlers' own rules (recompute.ts) and repairs any difference in a transaction that first checks the
 * statistic has not moved since it was read (a write in between wins; the next pass looks again).
 * Cost per cadre grows with that cadre's records of the year only; a pass is O(all records of the year).
 */
export interface RunOptions {
  now: Date
  budgetMs: number
  batchSize: number
  /** Test only: stop (as if the budget ran out) after this many cadres. */
  stopAfterCadres?: number
  /** Test only: exit the process after this many cadres (their checkpoint written, no report). */
  crashAfterCadres?: number
  /** Start a new pass even if today's is done. */
  fresh?: boolean
}

export const DEFAULTS = { budgetMs: 40_000, batchSize: 50 }
const MARGIN_MS = 3_000
const PAGE = 500
const KEEP_DRIFT = 200
/** Demands raised up to a year before the checked year still count events in it (finished, closed, 督办). */
const DEMAND_LOOKBACK_MS = 366 * 24 * 3600 * 1000

interface State {
  _id: 'state'
  passId: string
  years: number[]
  roots: string[]
  rootIndex: number
  cursor: string | null
  done: boolean
  cadres: number
  drift: number
  startedAt: Date
  finishedAt: Date | null
  updatedAt: Date
}

export interface StoredReport {
  _id: string
  passId: string
  years: number[]
  startedAt: Date
  ms: number
  cadresChecked: number
  documentsChecked: number
  driftCount: number
  repaired: number
  changed: number
  drift: (DriftItem & { root: string })[]
  driftByRoot: Record<string, number>
  truncated: boolean
  stoppedEarly: boolean
  pass: { done: boolean; cadres: number; drift: number; startedAt: Date; finishedAt: Date | null }
}

/** The years a pass checks: the current Beijing year, and in January the one just ended as well. */
export function yearsFor(now: Date): number[] {
  const y = beijingYear(now)
  return beijing(now).month() === 0 ? [y - 1, y] : [y]
}

const json = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : v ?? null)
const ms = (d: Date | string | null | undefined) => (d ? new Date(d).getTime() : null)

export async function runReconcile(options: Partial<RunOptions> & { now: Date }): Promise<{ idle: boolean; report: StoredReport | null }> {
  const o: RunOptions = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)), now: options.now } as RunOptions
  const started = Date.now()
  const left = () => o.budgetMs - (Date.now() - started)
  const clock = () => new Date(o.now.getTime() + (Date.now() - started))
  const runId = `${beijingDate(o.now)}_${randomUUID().slice(0, 8)}`

  const [saved] = await rows<State>(collection('reconcileState').where({ _id: 'state' }).limit(1))
  const today = beijingDate(o.now)
  let state: State
  if (!saved || o.fresh || (saved.done && saved.passId < today)) {
    const roots = await rows<OrgDoc>(collection('orgs').where({ parentId: null }).limit(100))
    state = {
      _id: 'state',
      passId: today,
      years: yearsFor(o.now),
      roots: roots.map((r) => r._id).sort(),
      rootIndex: 0,
      cursor: null,
      done: false,
      cadres: 0,
      drift: 0,
      startedAt: o.now,
      finishedAt: null,
      updatedAt: o.now
    }
  } else if (saved.done) {
    return { idle: true, report: null }
  } else state = saved

  const report: StoredReport = {
    _id: runId,
    passId: state.passId,
    years: state.years,
    startedAt: o.now,
    ms: 0,
    cadresChecked: 0,
    documentsChecked: 0,
    driftCount: 0,
    repaired: 0,
    changed: 0,
    drift: [],
    driftByRoot: {},
    truncated: false,
    stoppedEarly: false,
    pass: { done: false, cadres: 0, drift: 0, startedAt: state.startedAt, finishedAt: null }
  }
  const saveState = async () => {
    const { _id, ...rest } = { ...state, updatedAt: clock() }
    await collection('reconcileState').doc(_id).set({ data: rest })
  }

  // Place-months already recounted in this run: many cadres visit one village.
  const placesSeen = new Set<string>()
  outer: while (state.rootIndex < state.roots.length) {
    const root = state.roots[state.rootIndex]
    const where: Record<string, unknown> = { orgPath: root, role: 'cadre' }
    if (state.cursor) where._id = _.gt(state.cursor)
    const batch = await rows<UserDoc>(collection('users').where(where).orderBy('_id', 'asc').limit(o.batchSize))
    for (const cadre of batch) {
      if (left() < MARGIN_MS || (JDQ_TEST_SWITCHES && o.stopAfterCadres !== undefined && report.cadresChecked >= o.stopAfterCadres)) {
        report.stoppedEarly = true
        break outer
      }
      const found = await reconcileCadre(cadre, state.years, clock(), placesSeen)
      report.cadresChecked += 1
      report.documentsChecked += found.checked
      for (const d of found.drift) {
        report.driftCount += 1
        if (d.outcome === 'repaired') report.repaired += 1
        else report.changed += 1
        report.driftByRoot[root] = (report.driftByRoot[root] ?? 0) + 1
        if (report.drift.length < KEEP_DRIFT) report.drift.push({ ...d, root })
        else report.truncated = true
      }
      state = { ...state, cursor: cadre._id, cadres: state.cadres + 1, drift: state.drift + found.drift.length }
      await saveState()
      if (JDQ_TEST_SWITCHES && o.crashAfterCadres !== undefined && report.cadresChecked >= o.crashAfterCadres) process.exit(70)
    }
    if (batch.length < o.batchSize) {
      state = { ...state, rootIndex: state.rootIndex + 1, cursor: null }
      await saveState()
    }
  }
  if (state.rootIndex >= state.roots.length && !state.done) {
    state = { ...state, done: true, finishedAt: clock() }
    await saveState()
  }
  report.ms = Date.now() - started
  report.pass = { done: state.done, cadres: state.cadres, drift: state.drift, startedAt: state.startedAt, finishedAt: state.finishedAt }
  const { _id, ...rest } = report
  await collection('reconcileReports').doc(_id).set({ data: rest as unknown as Record<string, unknown> })
  return { idle: false, report }
}

/** Reads every page of a cadre's records in [from, to) on an index (cadreId, field desc, _id desc). */
async function allOf<T extends { _id: string }>(name: 'visits' | 'ratings' | 'demands', cadreId: string, field: string, from: Date, to: Date): Promise<T[]> {
  const out: T[] = []
  let upper: { at: Date; id: string } | null = null
  for (;;) {
    const range = upper ? _.gte(from).and(_.lte(upper.at)) : _.gte(from).and(_.lt(to))
    const page = await rows<T>(collection(name).where({ cadreId, [field]: range }).orderBy(field, 'desc').orderBy('_id', 'desc').limit(PAGE))
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
export async function reconcileCadre(cadre: UserDoc, years: number[], now: Date, placesSeen = new Set<string>()): Promise<{ checked: number; drift: DriftItem[] }> {
  const drift: DriftItem[] = []
  let checked = 0
  const current = Math.max(...years)
  for (const year of years) {
    const from = beijingStartOf(`${year}-01-01`)
    const to = beijingStartOf(`${year + 1}-01-01`)

    // ---- visits → visitStats, visitDays, households
    // The statistics are read before the visits: a check-in that lands in between is young, and a cadre with a
    // check-in younger than GRACE_MS is left for the next pass (its increments may still be on their way).
    const [[stored], days, stays] = await Promise.all([
      rows<VisitStatsDoc>(collection('visitStats').where({ _id: statsId(cadre._id, year) }).limit(1)),
      rows<VisitDayDoc>(collection('visitDays').where({ cadreId: cadre._id, date: _.gte(`${year}-01-01`).and(_.lte(`${year}-12-31`)) }).limit(1000)),
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
        const cur = (await ref.get()).data as unknown as VisitStatsDoc | null
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
          const cur = (await tx.collection('visitDays').doc(id).get()).data as unknown as VisitDayDoc | null
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
          const cur = (await ref.get()).data as unknown as HouseholdDoc | null
          if (!cur || cur.visitsYear !== h.visitsYear || cur.visitsInYear !== h.visitsInYear || cur.visited !== h.visited || ms(cur.lastVisitAt) !== ms(h.lastVisitAt)) return 'changed'
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
    const readStats = () => rows<ServiceStatsDoc>(collection('serviceStats').where({ cadreId: cadre._id, period: _.in(periods) }).limit(periods.length))
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
          if ((was[k] ?? 0) !== (is[k] ?? 0)) drift.push(item({ collection: 'serviceStats', docId: d._id, cadreId: cadre._id, field: `counts.${k}`, stored: was[k] ?? null, expected: is[k] ?? 0 }, 'repaired'))
        }
      }
      ratings.splice(0, ratings.length, ...(await allOf<RatingDoc>('ratings', cadre._id, 'createdAt', from, to)))
    }
    const demands = new Map(recent.map((d) => [d._id, d]))
    for (const d of oldActive) if (!demands.has(d._id) && new Date(d.createdAt) < to) demands.set(d._id, d)
    const caseIds = ratings.filter((r) => r.caseId).map((r) => r.caseId!)
    const cases = new Map<string, CaseDoc>()
    for (let i = 0; i < caseIds.length; i += 100) {
      const got = await rows<CaseDoc>(collection('badReviewCases').where({ _id: _.in(caseIds.slice(i, i + 100)) }).limit(100))
      for (const c of got) cases.set(c._id, c)
    }
    checked += storedStats.length
    const byPeriod = new Map(storedStats.map((s) => [s.period, s]))
    const expectedCounts = expectedServiceCounts([...demands.values()], ratings, cases)
    for (const fix of serviceStatsDrift(cadre._id, periods, byPeriod, expectedCounts)) {
      const was = byPeriod.get(fix.period)
      const outcome = await inTransaction(async (tx): Promise<Outcome> => {
        const ref = tx.collection('serviceStats').doc(fix.docId)
        const cur = (await ref.get()).data as unknown as ServiceStatsDoc | null
        if (JSON.stringify(cur?.counts ?? null) !== JSON.stringify(was?.counts ?? null)) return 'changed'
        // The counts replaced as a whole (_.set), the markers kept: they still say which events have landed.
        const counts = nestCounts(fix.counts)
        if (cur) await ref.update({ data: { counts: _.set(counts), updatedAt: now } })
        else await tx.collection('serviceStats').add({ data: { _id: fix.docId, cadreId: cadre._id, orgId: cadre.orgId, orgPath: cadre.orgPath, period: fix.period, counts, updatedAt: now } })
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

/** What the province admin of a system sees of a stored report: only drift in their own system. */
export function reportFor(r: StoredReport & { _id: string }, root: string): ReconcileReport {
  const mine = r.drift.filter((d) => d.root === root)
  return {
    runId: r._id,
    passId: r.passId,
    years: r.years,
    startedAt: iso(r.startedAt)!,
    ms: r.ms,
    cadresChecked: r.cadresChecked,
    documentsChecked: r.documentsChecked,
    driftCount: r.driftByRoot?.[root] ?? 0,
    repaired: mine.filter((d) => d.outcome === 'repaired').length,
    changed: mine.filter((d) => d.outcome === 'changed').length,
    drift: mine.map(({ root: _root, ...d }) => d),
    truncated: r.truncated && (r.driftByRoot?.[root] ?? 0) > mine.length,
    stoppedEarly: r.stoppedEarly,
    pass: { done: r.pass.done, cadres: r.pass.cadres, drift: r.pass.drift, startedAt: iso(r.pass.startedAt)!, finishedAt: iso(r.pass.finishedAt) }
  }
}
