import { reconcileApi } from '../../types/api/reconcile'
import { createFunction } from '../_lib/router'
import { requestContext } from '../_lib/context'
import { lastReport } from './handlers/lastReport'
import { DEFAULTS, runReconcile } from './runner'

const router = createFunction(reconcileApi, { lastReport })

interface RunEvent {
  Type?: unknown
  action?: unknown
  now?: unknown
  budgetMs?: unknown
  batchSize?: unknown
  stopAfterCadres?: unknown
  crashAfterCadres?: unknown
  fresh?: unknown
}

const num = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : undefined

/**
 * The timer trigger ({ Type: 'Timer' }) runs the reconciliation; so does `{ action: 'run' }` from a server-side
 * caller (no OPENID: never a mini-program user), which may pass test-only fields the timer never sends: `now`
 * (ISO), `budgetMs`, `batchSize`, `stopAfterCadres`, `crashAfterCadres` and `fresh` (start a new pass).
 */
export async function main(event: unknown): Promise<unknown> {
  const e = (typeof event === 'object' && event !== null ? event : {}) as RunEvent
  if (e.Type === 'Timer') return { ok: true, data: await runReconcile({ now: new Date() }) }
  if (e.action === 'run') {
    if (requestContext().caller) return { ok: false, code: 'FORBIDDEN', message: '数据核对由系统每晚自动进行' }
    const now = typeof e.now === 'string' && !Number.isNaN(Date.parse(e.now)) ? new Date(e.now) : new Date()
    return {
      ok: true,
      data: await runReconcile({
        now,
        budgetMs: num(e.budgetMs, 0, DEFAULTS.budgetMs),
        batchSize: num(e.batchSize, 1, 1000),
        stopAfterCadres: num(e.stopAfterCadres, 0, 1_000_000),
        crashAfterCadres: num(e.crashAfterCadres, 1, 1_000_000),
        fresh: e.fresh === true
      })
    }
  }
  return router(event)
}
