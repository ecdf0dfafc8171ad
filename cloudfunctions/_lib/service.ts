/**
 * What the demands, ratings and visit functions share: documents as stored, the per-period
 * statistics kept in the same transaction as each write, scene codes, and the ledger entry factory.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { RatingLevel } from '@/types/enums'
import type { Rating, BadReviewCase, CaseStatus, RatingTarget, RatingState, ImprovementRequest } from '@/types/service'
import { makeSceneCode, type SceneKind } from '@/types/rules/service'
import { beijingDate } from '@/types/rules/beijing-time'
import type { HoldReason } from '@/types/rules/rating-guard'
import type { Tx } from './tx'
import { addDelta, nestCounts } from './stat-rules'
import { _ } from './cloud'

export type { DemandDoc, VoiceDoc, TimelineDoc, ExtensionDoc, ReportDoc, InvalidDoc, RoundDoc, DetailExtras } from './demand-docs'
export { demandRound, newDemand, toDemand, toDemandDetail } from './demand-docs'

export interface SceneDoc {
  /** The scene code itself. */
  _id: string
  kind: SceneKind
  targetId: string
  cadreId: string
  orgId: string
  orgPath: string[]
  fileID?: string
  createdAt: Date
}

export interface RatingDoc {
  /** ratingIdFor(targetKind, targetId, openid, round): a retry finds it; the unique index guards it too. */
  _id: string
  targetKind: RatingTarget
  targetId: string
  /** A demand's round (demandRound: after a 重办 the resident rates the new answer); 0 otherwise. */
  round?: number
  raterOpenid: string
  scene: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  level: RatingLevel
  score: number
  tags: string[]
  comment: string | null
  contactPhone: string | null
  followUp: { comment: string; at: Date } | null
  flagged: boolean
  voided: { reason: string; by: string; at: Date } | null
  appeal: { reason: string; at: Date; status: 'pending' | 'upheld' | 'rejected' } | null
  /** True while an appeal waits for a manager (index org_appeal_time). */
  appealPending: boolean
  caseId: string | null
  date: string
  month: string
  year: number
  createdAt: Date
  /**
   * Absent on ratings written before holds existed (all counted). 'counted' from the moment it is written until the
   * hold rule says otherwise; 'held' waits for a manager (index org_state_time); 'rejected' on review.
   */
  state?: RatingState
  hold?: { reasons: HoldReason[]; basis: string; at: Date } | null
  review?: { decision: 'accept' | 'reject'; note: string | null; by: string; byName: string; at: Date } | null
  /** The hold rule's keys (multikey index guard_keys): the event, the rater's month. */
  guard?: string[]
  /** hashOpenid of the rater, for the rule's read of their other ratings. */
  raterKey?: string
  /** A hash of the client IP with the event (comparable within one event only), null when the platform gave none. */
  ipKey?: string | null
  /** The rater had no rating older than a day when they gave this one. */
  fresh?: boolean
}

export interface CaseDoc {
  /** `case_${ratingId}` */
  _id: string
  ratingId: string
  targetKind: RatingTarget
  targetId: string
  cadreId: string
  cadreName: string
  orgId: string
  orgPath: string[]
  level: RatingLevel
  tags: string[]
  comment: string | null
  contactPhone: string | null
  status: CaseStatus
  active: boolean
  revisitDueAt: Date
  rectifyDueAt: Date
  revisit: { at: Date; note: string; onTime: boolean; by: string; byName: string } | null
  rectification: { at: Date; result: string; onTime: boolean; by: string; byName: string } | null
  fixRating: { level: RatingLevel } | null
  month: string
  year: number
  createdAt: Date
}

export const ratingIdFor = (kind: RatingTarget, targetId: string, openid: string, round = 0) =>
  `r${createHash('sha256')
    .update(`${kind}:${targetId}${round ? `#${round}` : ''}:${openid}`)
    .digest('base64url')
    .slice(0, 24)}`
export const caseIdFor = (ratingId: string) => `case_${ratingId}`
/** Counters keyed by an openid store a hash of it. */
export const hashOpenid = (openid: string) => createHash('sha256').update(openid).digest('base64url').slice(0, 16)

export const newSceneCode = (kind: SceneKind) => makeSceneCode(kind, (n) => randomBytes(n))

// ---------------------------------------------------------------- statistics, kept as we write

export type { StatDelta } from './stat-rules'
import type { StatDelta } from './stat-rules'
import { iso } from './iso'
import { txGet } from './by-id'

export interface ServiceStatsDoc {
  /** `${cadreId}_${period}` */
  _id: string
  cadreId: string
  orgId: string
  orgPath: string[]
  /** 'YYYY-MM' or 'YYYY' (Beijing) */
  period: string
  /** Read them with flatCounts(): a counter may be stored under its dotted key or as a nested path. */
  counts: Record<string, number | Record<string, number>>
  /** Events applied outside a transaction, by marker key (cloudfunctions/_lib/counters.ts). */
  applied?: Record<string, Date>
  /** Every such event before this instant is applied; its marker may be gone (pruned by the reconciliation). */
  markersFrom?: Date | null
  updatedAt: Date
}

export const statsDocId = (cadreId: string, period: string) => `${cadreId}_${period}`

/**
 * Moves a cadre's month and year statistics by `delta` inside the caller's transaction: each period document is
 * read (so a concurrent write makes the transaction retry) and moved by `_.inc` increments, which leave the markers
 * of events applied outside transactions alone (cloudfunctions/_lib/counters.ts). `at` picks the periods.
 */
export async function bumpServiceStats(
  tx: Tx,
  owner: { cadreId: string; orgId: string; orgPath: string[] },
  at: { month: string; year: number } | Date,
  delta: StatDelta,
  now: Date
): Promise<void> {
  await bumpServiceStatsAt(tx, owner, [{ at, delta }], now)
}

/**
 * Several events' deltas (each in its own periods) in one pass: each period's document read and written once, so
 * a step that moves counts in more than one period (重办 takes back a finish and an answer made earlier) never reads
 * back its own write. At most two documents per distinct period.
 */
export async function bumpServiceStatsAt(
  tx: Tx,
  owner: { cadreId: string; orgId: string; orgPath: string[] },
  events: readonly { at: { month: string; year: number } | Date; delta: StatDelta }[],
  now: Date
): Promise<void> {
  const byPeriod = new Map<string, StatDelta>()
  for (const e of events) addDelta(byPeriod, e.at, e.delta)
  for (const [period, delta] of byPeriod) {
    const entries = Object.entries(delta).filter(([, v]) => v !== 0)
    if (entries.length === 0) continue
    const _id = statsDocId(owner.cadreId, period)
    const ref = tx.collection('serviceStats').doc(_id)
    const found = (await ref.get()).data
    if (found) {
      const data: Record<string, unknown> = { updatedAt: now }
      for (const [k, v] of entries) data[`counts.${k}`] = _.inc(v)
      await ref.update({ data })
    } else {
      const counts = nestCounts(Object.fromEntries(entries))
      await tx
        .collection('serviceStats')
        .add({ data: { _id, cadreId: owner.cadreId, orgId: owner.orgId, orgPath: owner.orgPath, period, counts, updatedAt: now } })
    }
  }
}

// ---------------------------------------------------------------- abuse counters

/**
 * Increments a counter inside the transaction and returns its new value; `limit` refuses going past it
 * (the caller throws). One document per key per period.
 */
export async function bumpCounter(tx: Tx, id: string, now: Date): Promise<number> {
  const ref = tx.collection('abuseCounters').doc(id)
  const found = await txGet<{ count: number }>(tx, 'abuseCounters', id)
  const count = (found?.count ?? 0) + 1
  if (found) await ref.set({ data: { count, updatedAt: now } })
  else await tx.collection('abuseCounters').add({ data: { _id: id, count, updatedAt: now } })
  return count
}

export async function readCounter(tx: Tx, id: string): Promise<number> {
  const found = await txGet<{ count: number }>(tx, 'abuseCounters', id)
  return found?.count ?? 0
}

// ---------------------------------------------------------------- ratings and cases

/** What managers see of a rating: no openid, no phone, no IP or rater key. */
export function toRating(r: RatingDoc): Rating {
  return {
    id: r._id,
    cadreName: r.cadreName,
    targetKind: r.targetKind,
    targetId: r.targetId,
    level: r.level,
    tags: r.tags,
    comment: r.comment,
    followUp: r.followUp ? { comment: r.followUp.comment, at: iso(r.followUp.at)! } : null,
    at: iso(r.createdAt)!,
    date: r.date,
    flagged: r.flagged,
    state: r.state ?? 'counted',
    hold: r.hold ? { reasons: r.hold.reasons, basis: r.hold.basis } : null,
    review: r.review ? { decision: r.review.decision, note: r.review.note, at: iso(r.review.at)!, byName: r.review.byName } : null,
    voided: r.voided ? { reason: r.voided.reason, at: iso(r.voided.at)! } : null,
    appeal: r.appeal ? { reason: r.appeal.reason, at: iso(r.appeal.at)!, status: r.appeal.status } : null
  }
}

/** A 差评 case as the rated cadre sees it: what to fix and by when, never who asked, about what, or the day. */
export function toRequest(c: CaseDoc, appeal: RatingDoc['appeal'] | undefined, now: Date): ImprovementRequest {
  return {
    ratingId: c.ratingId,
    month: c.month,
    tags: c.tags,
    comment: c.comment,
    status: c.status,
    rectifyDue: beijingDate(c.rectifyDueAt),
    rectifyOverdue: c.active && !c.rectification && now.getTime() > new Date(c.rectifyDueAt).getTime(),
    rectification: c.rectification ? { at: iso(c.rectification.at)!, result: c.rectification.result } : null,
    appeal: appeal ? { status: appeal.status } : null
  }
}

export function toCase(c: CaseDoc, now: Date): BadReviewCase {
  return {
    id: c._id,
    ratingId: c.ratingId,
    cadreId: c.cadreId,
    cadreName: c.cadreName,
    level: c.level,
    tags: c.tags,
    comment: c.comment,
    contactPhone: c.contactPhone,
    status: c.status,
    ratedAt: iso(c.createdAt)!,
    revisitDueAt: iso(c.revisitDueAt)!,
    rectifyDueAt: iso(c.rectifyDueAt)!,
    revisit: c.revisit ? { at: iso(c.revisit.at)!, note: c.revisit.note, onTime: c.revisit.onTime, byName: c.revisit.byName } : null,
    rectification: c.rectification
      ? { at: iso(c.rectification.at)!, result: c.rectification.result, onTime: c.rectification.onTime, byName: c.rectification.byName }
      : null,
    revisitOverdue: c.active && !c.revisit && now.getTime() > new Date(c.revisitDueAt).getTime(),
    rectifyOverdue: c.active && !c.rectification && now.getTime() > new Date(c.rectifyDueAt).getTime(),
    fixRating: c.fixRating
  }
}

/** Writes a whole document back (set without _id). */
export async function put<D extends { _id: string }>(tx: Tx, name: string, doc: D): Promise<void> {
  const { _id, ...rest } = doc
  await tx
    .collection(name)
    .doc(_id)
    .set({ data: rest as Record<string, unknown> })
}
