import { beijing, beijingDate } from '../../types/rules/beijing-time'
import { addWorkingDays, endOfBeijingDay } from '../../types/rules/working-days'
import { kinds, type KindFacts, type ReminderKind, type TemplateKey } from '../../types/reminders'
import { _ } from '../_lib/cloud'
import { collection, type UserDoc } from '../_lib/collections'
import { rows } from '../_lib/query'
import { holidayCalendarAt } from '../_lib/holidays'
import type { CaseDoc, DemandDoc, RatingDoc } from '../_lib/service'
import { subscriptionId, type SubscriptionDoc } from './shared'
import { paceSource, summarySource } from './people-sources'
import type { ReviewDoc } from '../_lib/reviews'

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
 * below, and set `available: true` on the kind in types/reminders.ts.
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

// ---------------------------------------------------------------- the ledger and 群众点评

/** Position in an index ordered by (instant, _id): the cursor of every source below. */
interface Mark {
  t: string
  id: string
}
const encodeMark = (m: Mark) => JSON.stringify(m)
function decodeMark(cursor: string | null): Mark | null {
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
const markOf = (doc: { _id: string }, field: string): Mark => ({ t: instantAt(doc, field).toISOString(), id: doc._id })

/**
 * Up to `size` documents of `name` matching `eq`, in (field, _id) order, strictly after `after`, with `field`
 * in (lower, upper]: at most two indexed range reads (the rest of the instant `after` stopped in — many demands
 * share an end-of-day deadline — then the instants after it).
 */
async function walk<T extends { _id: string }>(
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
    out.push(...(await rows<T>(collection(name).where({ ...eq, [field]: new Date(from.t), _id: _.gt(from.id) }).orderBy('_id', 'asc').limit(size))))
  }
  if (out.length < size) {
    const start = from ? new Date(from.t) : lower
    const range = start ? _.and(_.gt(start), _.lte(upper)) : _.lte(upper)
    out.push(...(await rows<T>(collection(name).where({ ...eq, [field]: range }).orderBy(field, 'asc').orderBy('_id', 'asc').limit(size - out.length))))
  }
  return out
}

/** Users by _id (one `$in` read), current accounts only. */
async function usersById(ids: string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const users = await rows<UserDoc>(collection('users').where({ _id: _.in(unique) }).limit(unique.length))
  return new Map(users.filter((u) => u.active !== false).map((u) => [u._id, u]))
}

/** The managers of each organisation (users index org_role_id: one `$in` read, no scan). */
async function managersOf(orgIds: string[]): Promise<Map<string, UserDoc[]>> {
  const unique = [...new Set(orgIds)]
  const out = new Map<string, UserDoc[]>()
  if (!unique.length) return out
  const managers = await rows<UserDoc>(collection('users').where({ orgId: _.in(unique), role: 'manager' }).limit(1000))
  for (const m of managers) {
    if (m.active === false) continue
    out.set(m.orgId, [...(out.get(m.orgId) ?? []), m])
  }
  return out
}

/** A watermark source's answer: the new position, and whether it caught up. */
function advanced<T extends { _id: string }>(docs: T[], field: string, cursor: string | null, size: number, due: Due[]) {
  const last = docs[docs.length - 1]
  return { due, next: last ? encodeMark(markOf(last, field)) : cursor, scanned: docs.length, done: docs.length < size }
}

/** The Beijing half-hour the run is in ('2026-03-02T10:30'): the timer's slot. */
const slotOf = (now: Date) => {
  const b = beijing(now)
  return `${b.format('YYYY-MM-DDTHH')}:${b.minute() < 30 ? '00' : '30'}`
}

/** A commit lands a moment after the instant it records: watermarks over write times stay this far behind. */
export const SETTLE_MS = 60_000
/** The longest rating window an organisation may set (types/org-rules.ts): older answers are not worth a message. */
const MAX_RATING_WINDOW_DAYS = 30

const demandFacts = (d: DemandDoc, overdue: boolean, forManager = false): KindFacts['demandDue'] => ({
  demandId: d._id,
  title: d.text,
  deadline: new Date(d.deadlineAt).toISOString(),
  overdue,
  cadreName: d.cadreName,
  ...(forManager ? { forManager: true } : {})
})

/**
 * A demand still open whose deadline falls before the end of the next working day: its cadre, once. Deadlines
 * can be set for today (urgent ones, or a coordinated date) after an earlier scan, so the window (now, end of
 * the next working day] is read again in every timer slot (index active_deadline; it holds only a day or two of
 * deadlines), and what was already claimed is skipped by one read of keys, not a transaction.
 */
export const demandDueSource: Source = {
  name: 'demandDue',
  kinds: ['demandDue'],
  cycle: slotOf,
  async batch(cursor, size, now) {
    const horizon = endOfBeijingDay(addWorkingDays(beijingDate(now), 1, await holidayCalendarAt(now)))
    const docs = await walk<DemandDoc>('demands', { active: true }, 'deadlineAt', decodeMark(cursor), now, horizon, size)
    const cadres = await usersById(docs.map((d) => d.cadreId))
    const due: Due[] = []
    for (const d of docs) {
      const c = cadres.get(d.cadreId)
      if (!c) continue
      due.push({ kind: 'demandDue', openid: c.openid, userId: c._id, subject: d._id, period: 'once', facts: demandFacts(d, false) })
    }
    const last = docs[docs.length - 1]
    return { due, next: docs.length < size || !last ? null : encodeMark(markOf(last, 'deadlineAt')), scanned: docs.length }
  }
}

/**
 * A demand still open past its deadline: its cadre and the managers of the cadre's organisation, once per demand
 * per person. A watermark over (deadlineAt, _id) of open demands (index active_deadline): every deadline is set
 * at the end of a Beijing day not before the day it is set, so none can appear behind the watermark.
 */
export const demandOverdueSource: Source = {
  name: 'demandOverdue',
  kinds: ['demandOverdue'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<DemandDoc>('demands', { active: true }, 'deadlineAt', decodeMark(cursor), null, now, size)
    const [cadres, managers] = await Promise.all([usersById(docs.map((d) => d.cadreId)), managersOf(docs.map((d) => d.orgId))])
    const due: Due[] = []
    for (const d of docs) {
      const c = cadres.get(d.cadreId)
      if (c) due.push({ kind: 'demandOverdue', openid: c.openid, userId: c._id, subject: d._id, period: 'once', facts: demandFacts(d, true) })
      for (const m of managers.get(d.orgId) ?? []) {
        due.push({ kind: 'demandOverdue', openid: m.openid, userId: m._id, subject: d._id, period: 'once', facts: demandFacts(d, true, true) })
      }
    }
    return advanced(docs, 'deadlineAt', cursor, size, due)
  }
}

/**
 * A 差评 case still waiting for its 回访: the managers of the rated cadre's organisation, once per case. A
 * watermark over the cases in the order they were opened (index time); a case already visited by the time the
 * sender reads it is not reminded.
 */
export const badReviewSource: Source = {
  name: 'badReviewFollowUp',
  kinds: ['badReviewFollowUp'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<CaseDoc>('badReviewCases', {}, 'createdAt', decodeMark(cursor), null, new Date(now.getTime() - SETTLE_MS), size)
    const waiting = docs.filter((c) => c.active && !c.revisit)
    const managers = await managersOf(waiting.map((c) => c.orgId))
    const due: Due[] = []
    for (const c of waiting) {
      for (const m of managers.get(c.orgId) ?? []) {
        due.push({ kind: 'badReviewFollowUp', openid: m.openid, userId: m._id, subject: c._id, period: 'once', facts: { caseId: c._id, cadreName: c.cadreName, at: new Date(c.createdAt).toISOString() } })
      }
    }
    return advanced(docs, 'createdAt', cursor, size, due)
  }
}

/**
 * A resident's reported problem answered (答复群众, status closed): the resident, once, and only if they
 * consented. Residents have no user document: their consent is the `subscriptions` document keyed by their
 * openid and the rateInvite template (reminders.consent after a tap on the resident page). A watermark over
 * resident-reported demands by the time they were answered (index source_closed), at most 30 days back (the
 * longest rating window an organisation may set) — the first run does not dig up old history. Residents who never consented get
 * nothing recorded at all: they see the answer when they scan the code again.
 */
export const demandDoneSource: Source = {
  name: 'demandDone',
  kinds: ['demandDone'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const windowStart = new Date(now.getTime() - MAX_RATING_WINDOW_DAYS * 24 * 3600 * 1000)
    const docs = await walk<DemandDoc>('demands', { source: 'resident' }, 'closedAt', decodeMark(cursor), windowStart, new Date(now.getTime() - SETTLE_MS), size)
    const answered = docs.filter((d) => d.status === 'closed' && d.residentOpenid && d.viaScene && !d.rating)
    const consented = await consentedResidents(answered.map((d) => d.residentOpenid!), kinds.demandDone.template)
    const due: Due[] = []
    for (const d of answered) {
      if (!consented.has(d.residentOpenid!)) continue
      due.push({
        kind: 'demandDone',
        openid: d.residentOpenid!,
        userId: null,
        subject: d._id,
        period: 'once',
        facts: { demandId: d._id, scene: d.viaScene!, text: d.text, cadreName: d.cadreName, at: new Date(d.closedAt!).toISOString() }
      })
    }
    return advanced(docs, 'closedAt', cursor, size, due)
  }
}

/**
 * A resident's 差评 was followed by an 整改 (rectified): the resident who rated, once, if they consented (the same
 * consent as above: the rateInvite template under their openid). A watermark over cases by the time they were
 * rectified (index rectified_time); the message opens the resident page of the rated visit's or demand's own code,
 * whose landing shows the fix and lets them rate it.
 */
export const fixDoneSource: Source = {
  name: 'fixDone',
  kinds: ['fixDone'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const windowStart = new Date(now.getTime() - MAX_RATING_WINDOW_DAYS * 24 * 3600 * 1000)
    const docs = await walk<CaseDoc>('badReviewCases', {}, 'rectification.at', decodeMark(cursor), windowStart, new Date(now.getTime() - SETTLE_MS), size)
    const fixed = docs.filter((c) => c.status === 'rectified' && c.rectification && !c.fixRating)
    const ratingIds = [...new Set(fixed.map((c) => c.ratingId))]
    const ratings = ratingIds.length ? await rows<RatingDoc>(collection('ratings').where({ _id: _.in(ratingIds) }).limit(ratingIds.length)) : []
    const raterOf = new Map(ratings.filter((r) => !r.voided).map((r) => [r._id, r]))
    // The page where the fix is rated is the landing of the rated thing's own code: the visit's (the code rated
    // through), or the answered demand's (its sceneCode; a demand may have been rated through a plate code).
    const demandIds = [...new Set(fixed.filter((c) => c.targetKind === 'demand').map((c) => c.targetId))]
    const demands = demandIds.length ? await rows<DemandDoc>(collection('demands').where({ _id: _.in(demandIds) }).limit(demandIds.length)) : []
    const sceneOfDemand = new Map(demands.map((d) => [d._id, d.sceneCode]))
    const consented = await consentedResidents([...raterOf.values()].map((r) => r.raterOpenid), kinds.fixDone.template)
    const due: Due[] = []
    for (const c of fixed) {
      const r = raterOf.get(c.ratingId)
      if (!r || !consented.has(r.raterOpenid)) continue
      const scene = c.targetKind === 'visit' ? r.scene : c.targetKind === 'demand' ? sceneOfDemand.get(c.targetId) : null
      if (!scene) continue
      due.push({
        kind: 'fixDone',
        openid: r.raterOpenid,
        userId: null,
        subject: c._id,
        period: 'once',
        facts: { caseId: c._id, scene, result: c.rectification!.result, cadreName: c.cadreName, at: new Date(c.rectification!.at).toISOString() }
      })
    }
    return advanced(docs, 'rectification.at', cursor, size, due)
  }
}

/**
 * 批阅 (cloudfunctions/reviews): a leader read, commented on or 采纳 a cadre's diary entry or report — the author,
 * once per review. A watermark over the reviews in the order they were written (index time).
 */
export const workReviewedSource: Source = {
  name: 'workReviewed',
  kinds: ['workReviewed'],
  carry: true,
  cycle: () => 'watermark',
  async batch(cursor, size, now) {
    const docs = await walk<ReviewDoc>('workReviews', {}, 'createdAt', decodeMark(cursor), null, new Date(now.getTime() - SETTLE_MS), size)
    const authors = await usersById(docs.map((d) => d.authorId))
    const due: Due[] = []
    for (const d of docs) {
      const a = authors.get(d.authorId)
      if (!a) continue
      due.push({
        kind: 'workReviewed',
        openid: a.openid,
        userId: a._id,
        subject: d._id,
        period: 'once',
        facts: { reviewId: d._id, cadreName: a.name, reviewerName: d.byName, action: d.kind, targetKind: d.targetKind, title: d.title, comment: d.comment ?? d.suggestion }
      })
    }
    return advanced(docs, 'createdAt', cursor, size, due)
  }
}

/** Residents (by openid) who accepted the template at least once: one read of the subscriptions by _id. */
async function consentedResidents(openids: string[], template: TemplateKey): Promise<Set<string>> {
  const ids = [...new Set(openids.map((o) => subscriptionId(o, template)))]
  if (!ids.length) return new Set()
  const subs = await rows<SubscriptionDoc>(collection('subscriptions').where({ _id: _.in(ids) }).limit(ids.length))
  return new Set(subs.filter((s) => s.accepted > 0).map((s) => s.openid))
}

/**
 * Every source the sender works through, in order: what cannot wait (a 差评 to visit within a working day,
 * overdue and due demands, a resident's answer) before the weekly pace and the monthly summaries, so a long pace
 * cycle over many cadres never holds them back.
 */
export const sources: Source[] = [badReviewSource, demandOverdueSource, demandDueSource, demandDoneSource, fixDoneSource, workReviewedSource, paceSource, summarySource]
