import { connectSdk } from '../sdk'
import { metrics } from './measure'

/** The rankings job run to the end of a cycle on the loaded data, as the timer would: runs, batches, cost. */
export interface RankingsJobResult {
  runs: number
  batches: number
  cadres: number
  orgs: number
  /** Sum of the runs' own times, and the longest run (the function's limit is RANKINGS_LIMIT_MS). */
  totalMs: number
  maxRunMs: number
  dbOps: number
  dbOpsPerCadre: number
  docsExamined: number
  docsReturned: number
  error?: string
}

/** The rankings function's timeout (cloudfunctions/rankings/config.json). */
export const RANKINGS_LIMIT_MS = 60_000

/**
 * Runs the rankings job until its cycle is done: each run a server-side `{ action: 'run', now }` call (as
 * test/contract/rankings.test.ts does), so cadreScores and orgStats are written by the job itself from the
 * generated visits, ratings and demands — the dataset never fakes them.
 */
export async function runRankingsJob(url: string, now: Date): Promise<RankingsJobResult> {
  const cloud = connectSdk(url)
  const r: RankingsJobResult = {
    runs: 0,
    batches: 0,
    cadres: 0,
    orgs: 0,
    totalMs: 0,
    maxRunMs: 0,
    dbOps: 0,
    dbOpsPerCadre: 0,
    docsExamined: 0,
    docsReturned: 0
  }
  const before = await metrics(url)
  for (;;) {
    const res = (await cloud.callFunction({
      name: 'rankings',
      data: { action: 'run', now: now.toISOString() },
      timeout: 2 * RANKINGS_LIMIT_MS
    } as never)) as unknown as {
      result: { ok: boolean; data?: { done: boolean; batches: number; cadres: number; orgs: number; ms: number }; code?: string; message?: string }
    }
    const run = res.result?.data
    if (!res.result?.ok || !run) {
      r.error = `run ${r.runs + 1}: ${res.result?.code}: ${res.result?.message}`
      break
    }
    r.runs += 1
    r.batches += run.batches
    r.cadres += run.cadres
    r.orgs += run.orgs
    r.totalMs += run.ms
    r.maxRunMs = Math.max(r.maxRunMs, run.ms)
    if (run.done) break
    if (r.runs >= 1000 || run.batches === 0) {
      r.error = `the rankings job made no progress (run ${r.runs}: ${run.batches} batches)`
      break
    }
  }
  const after = await metrics(url)
  r.dbOps = after.dbOps - before.dbOps
  r.docsExamined = after.docsExamined - before.docsExamined
  r.docsReturned = after.docsReturned - before.docsReturned
  r.dbOpsPerCadre = r.cadres ? r.dbOps / r.cadres : 0
  return r
}
