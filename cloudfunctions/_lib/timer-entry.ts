import type { Reply } from '@/types/reply'
import { cloud } from './cloud'
import { requestContext } from './context'

/**
 * The entry of a function that also runs a job on its timer trigger (reminders, rankings, reconcile).
 *
 * - The platform's trigger runs the job on the trigger's own time. Only its exact shape counts: the event
 *   `{ Type: 'Timer', TriggerName: <this function's trigger>, Time: <ISO instant> }` with no OPENID and the
 *   context's SOURCE `wx_trigger` (a timer run carries no OPENID, but neither does an admin SDK call: SOURCE says
 *   who started it).
 * - Emulator builds only (JDQ_TEST_SWITCHES): `{ action: 'run', now, …knobs }` from a server-side caller runs the
 *   job at `now` with the test-only knobs (budgets, batch sizes, fault switches). Production bundles have no such
 *   path: `run` is then an unknown action like any other.
 * - Anything else — every mini-program user's call included — goes to the action router, so a user sending
 *   `{ Type: 'Timer' }` or `{ action: 'run' }` starts nothing.
 */
export interface TimerEntry {
  /** The trigger's name in the function's config.json. */
  trigger: string
  onTimer: (at: Date) => Promise<unknown>
  /** Pass `JDQ_TEST_SWITCHES ? (now, event) => … : undefined`, so production bundles do not carry it. */
  onRun?: (now: Date, event: Record<string, unknown>) => Promise<unknown>
  /** Said to a mini-program user who asks for a run (emulator builds). */
  refusal: string
}

export function withTimer(router: (event: unknown) => Promise<Reply<unknown>>, entry: TimerEntry) {
  return async function main(event: unknown): Promise<unknown> {
    const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>
    const fromUser = Boolean(requestContext().caller)
    const at = triggerTime(e, entry.trigger)
    if (at && !fromUser && cloud.getWXContext().SOURCE === 'wx_trigger') return { ok: true, data: await entry.onTimer(at) }
    if (JDQ_TEST_SWITCHES && e.action === 'run' && entry.onRun) {
      if (fromUser) return { ok: false, code: 'FORBIDDEN', message: entry.refusal }
      return { ok: true, data: await entry.onRun(timeOf(e.now) ?? new Date(), e) }
    }
    return router(event)
  }
}

/** The instant of the platform's timer event for `trigger` (`Time`, UTC, e.g. 2026-03-01T02:00:00Z), else null. */
export function triggerTime(e: Record<string, unknown>, trigger: string): Date | null {
  if (e.Type !== 'Timer' || e.TriggerName !== trigger || typeof e.Time !== 'string') return null
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(e.Time)) return null
  const at = new Date(e.Time)
  return Number.isNaN(at.getTime()) ? null : at
}

/** An integer knob from a server-side event, clamped to [min, max]; undefined when absent or not a number. */
export const knob = (v: unknown, min: number, max: number): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : undefined

function timeOf(v: unknown): Date | null {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : null
}
