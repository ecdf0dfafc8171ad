import { rankingsApi } from '../../types/api/rankings'
import { createFunction } from '../_lib/router'
import { requestContext } from '../_lib/context'
import { list } from './handlers/list'
import { mine } from './handlers/mine'
import { runNow } from './handlers/runNow'
import { getList } from './handlers/getList'
import { editEntry } from './handlers/editEntry'
import { publish } from './handlers/publish'
import { published } from './handlers/published'
import { DEFAULTS, TIMER_CYCLE_GAP_MS, runRankings } from './job'

const router = createFunction(rankingsApi, { list, mine, runNow, getList, editEntry, publish, published })

const num = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : undefined

/**
 * The timer trigger ({ Type: 'Timer' }) runs the job. So does `{ action: 'run' }` from a server-side caller (no
 * OPENID: an admin SDK, a script, a test), which may pass `now` (ISO, the cycle's clock), `budgetMs` and
 * `batchSize`; mini-program users never reach it (their calls carry an OPENID) and use `runNow` instead.
 */
export async function main(event: unknown): Promise<unknown> {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
  // Only the platform's trigger (no OPENID): a mini-program user sending { Type: 'Timer' } goes to the router.
  if (e.Type === 'Timer' && !requestContext().caller) {
    // The trigger's own time (the emulator's timer fire may set it); the clock otherwise.
    const at = typeof e.Time === 'string' && !Number.isNaN(Date.parse(e.Time)) ? new Date(e.Time) : new Date()
    return { ok: true, data: await runRankings({ now: at, minCycleGapMs: TIMER_CYCLE_GAP_MS }) }
  }
  if (e.action === 'run') {
    if (requestContext().caller) return { ok: false, code: 'FORBIDDEN', message: '排行由系统定时计算' }
    const now = typeof e.now === 'string' && !Number.isNaN(Date.parse(e.now)) ? new Date(e.now) : new Date()
    return {
      ok: true,
      data: await runRankings({ now, budgetMs: num(e.budgetMs, 0, DEFAULTS.budgetMs), batchSize: num(e.batchSize, 1, 200), maxBatches: num(e.maxBatches, 1, 100000), force: e.force === true })
    }
  }
  return router(event)
}
