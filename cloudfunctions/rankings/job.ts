/**
 * The rankings job, run by the timer and by the admin's "run now". One *cycle* recomputes the current month,
 * quarter and year (and, in the first 7 days of a month, the month just ended: ratings may still arrive within the
 * rating window; and the year just ended until one cycle has computed it — a new deployment or a January — so the
 * dashboard's 12-month trend has its earlier months) in three phases, each in batches by an indexed cursor:
 *
 *   scores  every cadre (users by _id): their stats → figures → score → one cadreScores doc per period
 *           (job-scores.ts)
 *   ranks   per province and period, the cadreScores in index order (sortKey, _id): positions in the province,
 *           and — counted on the same walk — in each prefecture and county; stale docs of removed cadres go
 *           (job-ranks.ts)
 *   orgs    county → prefecture → province, one org at a time: its own cadres' docs a page at a time plus its
 *           children's orgStats, summed into orgStats; the children get their rank among siblings (job-orgs.ts)
 *
 * An instance holds one batch at a time — never a province's scores — so a province of 100,000 cadres runs in the
 * same memory as one of 100 (measured: scripts/bench/memory.ts).
 *
 * A checkpoint (rankingRuns/'rankings') holds the cycle, phase and cursor; a run stops well inside the 60 s
 * limit and the next run continues. Every write is a set() of a value computed from the cycle's data, so a batch
 * done twice (a crash, or two overlapping runs) writes the same thing; the checkpoint only ever moves forward
 * (its `step` is compared in a transaction). The cost of a cycle grows with the cadres and orgs, never with
 * history: each cadre reads a fixed number of stats documents (measured on the emulator: 1,000 cadres, a first
 * cycle of about 6.6 DB operations per cadre, a steady one — ranks unchanged — about 3.5).
 *
 * Schedule (config.json): every 2 minutes 07:00–23:58 Beijing; a finished cycle is followed by the next only about
 * an hour after it began, so a small province is recomputed hourly (the other firings read the checkpoint and stop)
 * and a large one keeps moving run after run: a province of 100,000 cadres took 114 runs on the emulator, some four
 * hours of firings — at every 10 minutes it ran into a second day. The timer stays quiet at night, when the
 * nightly reconciliation repairs the counters this job reads.
 */
import { type OrgDoc } from '../_lib/collections'
import { inTransaction } from '../_lib/tx'
import { collectGarbage } from '../_lib/memory'
import { periodsAt, previousMonth } from '@/types/outcomes'
import { beijing } from '@/types/rules/beijing-time'
import { scoresBatch } from './job-scores'
import { ranksBatch } from './job-ranks'
import { orgsBatch, type OrgCursor } from './job-orgs'
import { byId, txGet } from '../_lib/by-id'
import { JOB_BUDGET_MS, jobOptions, startRun } from '../_lib/budgeted-job'

export const CHECKPOINT_ID = 'rankings'
export const DEFAULTS = { budgetMs: JOB_BUDGET_MS, batchSize: 50 }
/** The timer fires every 2 minutes; a new cycle begins about hourly. */
export const TIMER_CYCLE_GAP_MS = 58 * 60_000
/** Kept back before starting another batch, so a slow batch still ends inside the budget. */
const BATCH_MARGIN_MS = 4000
/** rankingRuns/'years': the years a finished cycle has computed (a year just ended is computed until it is here). */
const YEARS_ID = 'years'

export type Phase = 'scores' | 'ranks' | 'orgs' | 'done'

export interface Checkpoint {
  _id: string
  /** The cycle's clock (ISO): every figure of the cycle is as of this instant. */
  cycle: string
  periods: string[]
  phase: Phase
  /** Monotonic within a cycle: a slower overlapping run never moves the checkpoint back. */
  step: number
  /** scores: last cadre _id. */
  cadreAfter: string | null
  /** ranks: [period index, province index], the last (sortKey, _id) and the counts per scope so far. */
  rank: { p: number; prov: number; after: [string, string] | null; pos: number; counts: Record<string, number> }
  /** orgs: level index, the last org finished, and the org being added up (with its sums so far). */
  org: { level: number; after: string | null; current: OrgCursor | null }
  provinces: string[]
  cadres: number
  orgs: number
  updatedAt: Date
  lastRunId: string
}

export interface RunOptions {
  now: Date
  budgetMs: number
  batchSize: number
  /** Abandon an unfinished cycle and start a new one. */
  force?: boolean
  /**
   * The timer's rule: a finished cycle is followed by a new one only this long after it began (the trigger fires
   * every 2 minutes so a large cycle keeps moving; a small one is recomputed about hourly). 0 = at once.
   */
  minCycleGapMs?: number
  /** Test only: stop after this many batches (as if the budget ran out), to show the next run resumes. */
  maxBatches?: number
}

export interface RunReport {
  runId: string
  cycle: string
  phase: Phase
  done: boolean
  stoppedEarly: boolean
  batches: number
  cadres: number
  orgs: number
  ms: number
}

/**
 * The periods a cycle at `now` computes: the current month, quarter and year; the month just ended in the first 7
 * days of a month; the year just ended in the first 7 days of January, or until a cycle has computed it.
 */
export function cyclePeriods(now: Date, yearsDone: readonly string[] = []): string[] {
  const p = periodsAt(now)
  const list = [p.month, p.quarter, p.year]
  const early = beijing(now).date() <= 7
  if (early) list.push(previousMonth(p.month))
  const lastYear = String(Number(p.year) - 1)
  if ((early && p.month.endsWith('-01')) || !yearsDone.includes(lastYear)) list.push(lastYear)
  return list
}

async function yearsDone(): Promise<string[]> {
  const doc = await byId<{ _id: string; years: string[] }>('rankingRuns', YEARS_ID)
  return doc?.years ?? []
}

/** A finished cycle records the years it computed whole. */
async function markYears(cp: Checkpoint): Promise<void> {
  const years = cp.periods.filter((p) => /^\d{4}$/.test(p))
  await inTransaction(async (tx) => {
    const ref = tx.collection('rankingRuns').doc(YEARS_ID)
    const found = await txGet<{ years: string[] }>(tx, 'rankingRuns', YEARS_ID)
    const next = [...new Set([...(found?.years ?? []), ...years])].sort().slice(-10)
    if (found) await ref.set({ data: { years: next } })
    else await tx.collection('rankingRuns').add({ data: { _id: YEARS_ID, years: next } })
  })
}

function newCheckpoint(now: Date, runId: string, done: readonly string[]): Checkpoint {
  return {
    _id: CHECKPOINT_ID,
    cycle: now.toISOString(),
    periods: cyclePeriods(now, done),
    phase: 'scores',
    step: 0,
    cadreAfter: null,
    rank: { p: 0, prov: 0, after: null, pos: 0, counts: {} },
    org: { level: 0, after: null, current: null },
    provinces: [],
    cadres: 0,
    orgs: 0,
    updatedAt: now,
    lastRunId: runId
  }
}

const loadCheckpoint = () => byId<Checkpoint>('rankingRuns', CHECKPOINT_ID)

/** Saves the checkpoint unless another run already got further (same cycle, higher step) or began a newer cycle. */
async function saveCheckpoint(cp: Checkpoint, reset = false): Promise<boolean> {
  return inTransaction(async (tx) => {
    const ref = tx.collection('rankingRuns').doc(CHECKPOINT_ID)
    const found = await txGet<Checkpoint>(tx, 'rankingRuns', CHECKPOINT_ID)
    if (!reset && found && (found.cycle > cp.cycle || (found.cycle === cp.cycle && found.step >= cp.step))) return false
    const { _id, ...rest } = cp
    if (found) await ref.set({ data: rest as unknown as Record<string, unknown> })
    else await tx.collection('rankingRuns').add({ data: { _id, ...rest } as unknown as Record<string, unknown> })
    return true
  })
}

export async function runRankings(options: Partial<RunOptions> & { now: Date }): Promise<RunReport> {
  const o = jobOptions<RunOptions>(DEFAULTS, options)
  const run = startRun(o.now, o.budgetMs)
  const { runId } = run
  let cp = await loadCheckpoint()
  if (cp && cp.phase === 'done' && !o.force && o.minCycleGapMs && o.now.getTime() - Date.parse(cp.cycle) < o.minCycleGapMs && cp.cycle <= o.now.toISOString()) {
    return { runId, cycle: cp.cycle, phase: 'done', done: true, stoppedEarly: false, batches: 0, cadres: 0, orgs: 0, ms: run.elapsed() }
  }
  // A finished cycle: start the next one (the timer's gap rule above). A cycle from the future (a test's clock) is
  // replaced too; `force` abandons an unfinished cycle.
  if (!cp || cp.phase === 'done' || o.force || cp.cycle > o.now.toISOString()) {
    const reset = !!cp && (o.force === true || cp.cycle > o.now.toISOString())
    cp = newCheckpoint(o.now, runId, await yearsDone())
    // A deliberate reset replaces the checkpoint whatever it holds (it may be a later cycle's).
    if (reset) await saveCheckpoint(cp, true)
  }
  const report: RunReport = { runId, cycle: cp.cycle, phase: cp.phase, done: false, stoppedEarly: false, batches: 0, cadres: 0, orgs: 0, ms: 0 }
  const cycleNow = new Date(cp.cycle)
  const orgCache = new Map<string, OrgDoc>()

  while (cp.phase !== 'done') {
    if (run.outOfTime(BATCH_MARGIN_MS) || (JDQ_TEST_SWITCHES && o.maxBatches !== undefined && report.batches >= o.maxBatches)) {
      report.stoppedEarly = true
      break
    }
    let next: Checkpoint
    if (cp.phase === 'scores') next = await scoresBatch(cp, cycleNow, o.batchSize, orgCache, report)
    else if (cp.phase === 'ranks') next = await ranksBatch(cp, o.batchSize * 4)
    else next = await orgsBatch(cp, cycleNow, report, o.batchSize * 4)
    report.batches += 1
    // What a batch read is garbage now: collect it before the next (a province's worth must never pile up).
    collectGarbage()
    next = { ...next, step: cp.step + 1, updatedAt: new Date(), lastRunId: runId }
    const saved = await saveCheckpoint(next)
    if (saved && next.phase === 'done') await markYears(next)
    if (!saved) {
      // An overlapping run is ahead: pick up from where it is.
      const theirs = await loadCheckpoint()
      if (!theirs || theirs.cycle !== cp.cycle) break
      cp = theirs
    } else cp = next
  }
  return { ...report, cycle: cp.cycle, phase: cp.phase, done: cp.phase === 'done', ms: run.elapsed() }
}
