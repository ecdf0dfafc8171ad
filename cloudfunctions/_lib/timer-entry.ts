import type { Reply } from '../../types/reply'
import { requestContext } from './context'

/**
 * The entry of a function that also runs a job on its timer trigger (reminders, rankings, reconcile).
 *
 * - The platform's trigger (`{ Type: 'Timer', Time }`, no OPENID) runs the job on the trigger's own time.
 * - `{ action: 'run' }` from a server-side caller (no OPENID: an admin SDK, a script, a test) runs it at `now`
 *   (ISO) with the test-only knobs the job reads from the event; the timer never sends those.
 * - Anything from a mini-program user (their calls always carry an OPENID) goes to the action router, so a
 *   user sending `{ Type: 'Timer' }` or `{ action: 'run' }` starts nothing.
 */
export interface TimerEntry {
  onTimer: (at: Date) => Promise<unknown>
  onRun: (now: Date, event: Record<string, unknown>) => Promise<unknown>
  /** Said to a mini-program user who asks for a run. */
  refusal: string
}

export function withTimer(router: (event: unknown) => Promise<Reply<unknown>>, entry: TimerEntry) {
  return async function main(event: unknown): Promise<unknown> {
    const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
    const fromUser = Boolean(requestContext().caller)
    if (e.Type === 'Timer' && !fromUser) return { ok: true, data: await entry.onTimer(timeOf(e.Time) ?? new Date()) }
    if (e.action === 'run') {
      if (fromUser) return { ok: false, code: 'FORBIDDEN', message: entry.refusal }
      return { ok: true, data: await entry.onRun(timeOf(e.now) ?? new Date(), e) }
    }
    return router(event)
  }
}

/** An integer knob from a server-side event, clamped to [min, max]; undefined when absent or not a number. */
export const knob = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : undefined

function timeOf(v: unknown): Date | null {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null
}
