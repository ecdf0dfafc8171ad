import { randomUUID } from 'node:crypto'
import { beijing, beijingDate, beijingYear } from '@/types/rules/beijing-time'
import type { DriftItem, ReconcileReport } from '@/types/api/reconcile'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { reconcileCadre } from './cadre'
import { iso } from '../_lib/iso'
import { byId } from '../_lib/by-id'
import { JOB_BUDGET_MS, jobOptions, putCheckpoint, startRun } from '../_lib/budgeted-job'

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

export const DEFAULTS = { budgetMs: JOB_BUDGET_MS, batchSize: 50 }
const MARGIN_MS = 3_000
const KEEP_DRIFT = 200

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

export async function runReconcile(options: Partial<RunOptions> & { now: Date }): Promise<{ idle: boolean; report: StoredReport | null }> {
  const o = jobOptions<RunOptions>(DEFAULTS, options)
  const run = startRun(o.now, o.budgetMs, `${beijingDate(o.now)}_${randomUUID().slice(0, 8)}`)
  const { runId, clock } = run

  const saved = await byId<State>('reconcileState', 'state')
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
  const saveState = () => putCheckpoint('reconcileState', { ...state, updatedAt: clock() })

  // Place-months already recounted in this run: many cadres visit one village.
  const placesSeen = new Set<string>()
  outer: while (state.rootIndex < state.roots.length) {
    const root = state.roots[state.rootIndex]
    const where: Record<string, unknown> = { orgPath: root, role: 'cadre' }
    if (state.cursor) where._id = _.gt(state.cursor)
    const batch = await rows<UserDoc>(collection('users').where(where).orderBy('_id', 'asc').limit(o.batchSize))
    for (const cadre of batch) {
      if (run.outOfTime(MARGIN_MS) || (JDQ_TEST_SWITCHES && o.stopAfterCadres !== undefined && report.cadresChecked >= o.stopAfterCadres)) {
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
  report.ms = run.elapsed()
  report.pass = { done: state.done, cadres: state.cadres, drift: state.drift, startedAt: state.startedAt, finishedAt: state.finishedAt }
  const { _id, ...rest } = report
  await collection('reconcileReports')
    .doc(_id)
    .set({ data: rest as unknown as Record<string, unknown> })
  return { idle: false, report }
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
