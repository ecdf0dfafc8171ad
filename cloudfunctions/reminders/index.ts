import { remindersApi } from '../../types/api/reminders'
import { createFunction } from '../_lib/router'
import { requestContext } from '../_lib/context'
import { overview } from './handlers/overview'
import { consent } from './handlers/consent'
import { settings } from './handlers/settings'
import { list } from './handlers/list'
import { getBadge } from './handlers/getBadge'
import { markRead } from './handlers/markRead'
import { DEFAULTS, runSender } from './sender'

const router = createFunction(remindersApi, { overview, consent, settings, list, getBadge, markRead })

interface SenderEvent {
  Type?: unknown
  Time?: unknown
  action?: unknown
  now?: unknown
  budgetMs?: unknown
  batchSize?: unknown
  crashAfterSends?: unknown
  backoffMs?: unknown
}

const num = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : undefined

/**
 * The timer trigger ({ Type: 'Timer', TriggerName, Time }) runs the sender, on the clock of its Time. So does `{ action: 'run' }` from a
 * server-side caller (no OPENID: an admin SDK or another function; never a mini-program user, whose calls always
 * carry one), which may pass test-only fields the timer never sends: `now` (ISO, the run's clock), `budgetMs`,
 * `batchSize`, `backoffMs` and `crashAfterSends` (exit after the Nth message, before its outcome is recorded).
 */
export async function main(event: unknown): Promise<unknown> {
  const e = (typeof event === 'object' && event !== null ? event : {}) as SenderEvent
  // Only the platform's trigger (no OPENID): a mini-program user sending { Type: 'Timer' } goes to the router.
  if (e.Type === 'Timer' && !requestContext().caller) {
    // The run's clock is the trigger's time (the platform sets it to the scheduled instant; ≈ now).
    const time = typeof e.Time === 'string' ? Date.parse(e.Time) : NaN
    return { ok: true, data: await runSender({ now: Number.isNaN(time) ? new Date() : new Date(time) }) }
  }
  if (e.action === 'run') {
    if (requestContext().caller) return { ok: false, code: 'FORBIDDEN', message: '提醒由系统定时发送' }
    const now = typeof e.now === 'string' && !Number.isNaN(Date.parse(e.now)) ? new Date(e.now) : new Date()
    return {
      ok: true,
      data: await runSender({
        now,
        budgetMs: num(e.budgetMs, 0, DEFAULTS.budgetMs),
        batchSize: num(e.batchSize, 1, 1000),
        backoffMs: num(e.backoffMs, 0, 5000),
        crashAfterSends: num(e.crashAfterSends, 1, 1_000_000)
      } as never)
    }
  }
  return router(event)
}
