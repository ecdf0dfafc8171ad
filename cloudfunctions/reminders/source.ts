import type { KindFacts, ReminderKind, TemplateKey } from '@/types/reminders'
import { beijing } from '@/types/rules/beijing-time'
import { _ } from '../_lib/cloud'
import { collection, type UserDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { subscriptionId, type SubscriptionDoc } from './shared'

/** One reminder a source found due. */
export interface Due<K extends ReminderKind = ReminderKind> {
  kind: K
  openid: string
  userId: string | null
  /** What it is about (a year, a demand id, a month …): with kind, user and period, the unique key. */
  subject: string
  /** The period of the key when it is not the source's cycle: 'once' for what is said once per subject. */
  period?: string
  facts: KindFacts[K]
}

/**
 * Where due reminders come from. Each source is scanned in resumable batches once per cycle (its period: a week
 * for the pace, a month for summaries); the sender keeps its cursor in reminderRuns/<name>.
 *
 * Two shapes:
 * - a cycle scan (pace, summaries, demands due soon): the cursor starts again when the cycle changes;
 * - a watermark (`carry`: overdue demands, new 差评 cases, residents' answered demands): the cursor is the
 *   position (time, _id) in an index ordered by an instant that only moves forward (a deadline passing, a case
 *   opened, a demand answered), kept across runs, so each run reads only what is new since the last.
 * Either way each batch is one or two indexed range reads plus a fixed handful of `_id`/index `$in` reads.
 *
 * To add a kind: write a Source whose batch() reads its collection by an indexed cursor, add it to `sources`
 * (sources.ts), and set `available: true` on the kind in types/reminders.ts.
 */
export interface Source {
  name: string
  kinds: ReminderKind[]
  /** The cursor is a watermark: kept from run to run (never reset by a new cycle), and each run goes on from it. */
  carry?: boolean
  /** The current cycle, or null when nothing is due now (e.g. summaries only in the first week of a month). */
  cycle(now: Date): string | null
  /**
   * Up to `size` items of the scan after `cursor`; `next` null when the cycle's scan is complete. A watermark
   * source returns its new position as `next` (the old one when nothing was new) and `done` when it caught up.
   */
  batch(cursor: string | null, size: number, now: Date, cycle: string): Promise<{ due: Due[]; next: string | null; scanned: number; done?: boolean }>
}

/** Position in an index ordered by (instant, _id): the cursor of the ledger's and the reviews' sources. */
export interface Mark {
  t: string
  id: string
}
export const encodeMark = (m: Mark) => JSON.stringify(m)
export function decodeMark(cursor: string | null): Mark | null {
  if (!cursor) return null
  try {
    const m = JSON.parse(cursor) as Mark
    return typeof m.t === 'string' && typeof m.id === 'string' && !Number.isNaN(Date.parse(m.t)) ? m : null
  } catch {
    return null
  }
}
/** The instant at a (possibly dotted) path of a document. */
const instantAt = (doc: object, field: string): Date =>
  new Date(field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc) as Date)
export const markOf = (doc: { _id: string }, field: string): Mark => ({ t: instantAt(doc, field).toISOString(), id: doc._id })

/**
 * Up to `size` documents of `name` matching `eq`, in (field, _id) order, strictly after `after`, with `field`
 * in (lower, upper]: at most two indexed range reads (the rest of the instant `after` stopped in — many demands
 * share an end-of-day deadline — then the instants after it).
 */
export async function walk<T extends { _id: string }>(
  name: 'demands' | 'badReviewCases' | 'workReviews',
  eq: Record<string, unknown>,
  field: string,
  after: Mark | null,
  lower: Date | null,
  upper: Date,
  size: number
): Promise<T[]> {
  let from = after
  if (from && lower && new Date(from.t).getTime() < lower.getTime()) from = null
  const out: T[] = []
  if (from && new Date(from.t).getTime() <= upper.getTime()) {
    out.push(
      ...(await rows<T>(
        collection(name)
          .where({ ...eq, [field]: new Date(from.t), _id: _.gt(from.id) })
          .orderBy('_id', 'asc')
          .limit(size)
      ))
    )
  }
  if (out.length < size) {
    const start = from ? new Date(from.t) : lower
    const range = start ? _.and(_.gt(start), _.lte(upper)) : _.lte(upper)
    out.push(
      ...(await rows<T>(
        collection(name)
          .where({ ...eq, [field]: range })
          .orderBy(field, 'asc')
          .orderBy('_id', 'asc')
          .limit(size - out.length)
      ))
    )
  }
  return out
}

/** Users by _id (one `$in` read), current accounts only. */
export async function usersById(ids: string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const users = await rows<UserDoc>(
    collection('users')
      .where({ _id: _.in(unique) })
      .limit(unique.length)
  )
  return new Map(users.filter((u) => u.active !== false).map((u) => [u._id, u]))
}

/** The managers of each organisation (users index org_role_id: one `$in` read, no scan). */
export async function managersOf(orgIds: string[]): Promise<Map<string, UserDoc[]>> {
  const unique = [...new Set(orgIds)]
  const out = new Map<string, UserDoc[]>()
  if (!unique.length) return out
  const managers = await rows<UserDoc>(
    collection('users')
      .where({ orgId: _.in(unique), role: 'manager' })
      .limit(1000)
  )
  for (const m of managers) {
    if (m.active === false) continue
    out.set(m.orgId, [...(out.get(m.orgId) ?? []), m])
  }
  return out
}

/** A watermark source's answer: the new position, and whether it caught up. */
export function advanced<T extends { _id: string }>(docs: T[], field: string, cursor: string | null, size: number, due: Due[]) {
  const last = docs[docs.length - 1]
  return { due, next: last ? encodeMark(markOf(last, field)) : cursor, scanned: docs.length, done: docs.length < size }
}

/** The Beijing half-hour the run is in ('2026-03-02T10:30'): the timer's slot. */
export const slotOf = (now: Date) => {
  const b = beijing(now)
  return `${b.format('YYYY-MM-DDTHH')}:${b.minute() < 30 ? '00' : '30'}`
}

/** A commit lands a moment after the instant it records: watermarks over write times stay this far behind. */
export const SETTLE_MS = 60_000
/** The longest rating window an organisation may set (types/org-rules.ts): older answers are not worth a message. */
export const MAX_RATING_WINDOW_DAYS = 30

/** Residents (by openid) who accepted the template at least once: one read of the subscriptions by _id. */
export async function consentedResidents(openids: string[], template: TemplateKey): Promise<Set<string>> {
  const ids = [...new Set(openids.map((o) => subscriptionId(o, template)))]
  if (!ids.length) return new Set()
  const subs = await rows<SubscriptionDoc>(
    collection('subscriptions')
      .where({ _id: _.in(ids) })
      .limit(ids.length)
  )
  return new Set(subs.filter((s) => s.accepted > 0).map((s) => s.openid))
}
