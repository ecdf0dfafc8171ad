/**
 * What happens to a rating once it is written: the hold rule decides (types/rules/rating-guard.ts), then either
 * it is HELD (out of every figure, in the managers' review queue) or it COUNTS — its 差评 case opens, the rated
 * demand or fix records it, and the cadre's counters move. Every step is a single-document write that is safe to
 * repeat, and the counters move exactly once by their marker (cloudfunctions/_lib/counters.ts), so a call that
 * dies half-way is finished by the nightly reconciliation (settleLeftover) without counting anything twice.
 */
import { _ } from './cloud'
import { addIfAbsent } from './create-once'
import { collection, type VisitDoc } from './collections'
import { applyOnce, markerKey } from './counters'
import { rows } from './query'
import { serviceRulesFor } from './org-rules'
import { holidayCalendarAt } from './holidays'
import { acceptedDelta, heldDelta, ratedDelta, rejectedDelta, type MarkerKind } from './stat-rules'
import { caseIdFor, type CaseDoc, type RatingDoc } from './service'
import { ratingLevels } from '@/types/enums'
import { caseDeadlines, isBadLevel, type ServiceRules } from '@/types/rules/service'
import { previousMonth } from '@/types/outcomes'
import {
  decideHold,
  eventGuardKey,
  eventSize,
  guardReadLimit,
  raterGuardKey,
  type EventSize,
  type GuardFact,
  type HoldReason,
  type RatingGuardRules
} from '@/types/rules/rating-guard'
import { byId } from './by-id'

type GuardDoc = Pick<RatingDoc, '_id' | 'guard' | 'createdAt' | 'ipKey' | 'fresh' | 'cadreId' | 'targetKind' | 'month' | 'date'>

/** The rule's one read (index guard_keys): the event's other ratings and the rater's of this and last month. */
export async function guardFacts(r: RatingDoc, cap: number): Promise<{ others: GuardFact[]; truncated: boolean }> {
  const eventKey = eventGuardKey(r.targetKind, r.targetId)
  const raterKeys = [raterGuardKey(r.raterKey!, r.month), raterGuardKey(r.raterKey!, previousMonth(r.month))]
  const limit = guardReadLimit(cap)
  const docs = await rows<GuardDoc>(
    collection('ratings')
      .where({ guard: _.in([eventKey, ...raterKeys]) })
      .field({ guard: true, createdAt: true, ipKey: true, fresh: true, cadreId: true, targetKind: true, month: true, date: true })
      .limit(limit)
  )
  const others = docs
    .filter((d) => d._id !== r._id)
    .map((d): GuardFact => {
      const sameEvent = (d.guard ?? []).includes(eventKey)
      return {
        id: d._id,
        createdAt: new Date(d.createdAt),
        sameEvent,
        sameRater: (d.guard ?? []).some((k) => raterKeys.includes(k)),
        sameIp: sameEvent && Boolean(r.ipKey) && d.ipKey === r.ipKey,
        fresh: d.fresh === true,
        cadreId: d.cadreId,
        targetKind: d.targetKind,
        month: d.month,
        date: d.date
      }
    })
  return { others, truncated: docs.length >= limit }
}

/** Decides and carries out: held, or counted. */
export async function settle(r: RatingDoc, size: EventSize, rules: ServiceRules, now: Date): Promise<'counted' | 'held'> {
  const reasons = await holdReasonsFor(r, size, rules.ratingGuard, now)
  if (reasons.length) {
    await hold(r, reasons, size.basis, now)
    return 'held'
  }
  await count(r, rules, r.createdAt, now, 's')
  return 'counted'
}

export async function holdReasonsFor(r: RatingDoc, size: EventSize, g: RatingGuardRules, now: Date): Promise<HoldReason[]> {
  if (r.targetKind === 'fix') return []
  const { others, truncated } = await guardFacts(r, size.cap)
  return decideHold({
    now,
    month: r.month,
    date: r.date,
    cadreId: r.cadreId,
    targetKind: r.targetKind,
    size,
    rules: g,
    others,
    truncated,
    fresh: r.fresh === true
  })
}

async function hold(r: RatingDoc, reasons: HoldReason[], basis: string, now: Date): Promise<void> {
  await collection('ratings')
    .doc(r._id)
    .update({ data: { state: 'held', hold: { reasons, basis, at: now } } })
  await applyOnce(r, r, heldDelta(), markerKey('s', r._id), r.createdAt, now)
}

/**
 * The rating counts: its 差评 case opens (deadlines from `openedAt`), the demand or fix records it, then the
 * counters move once under the marker of `kind` ('s' when it counted at once, 'a' when accepted from the queue).
 */
export async function count(r: RatingDoc, rules: ServiceRules, openedAt: Date, now: Date, kind: 's' | 'a'): Promise<void> {
  if (r.targetKind !== 'fix' && isBadLevel(r.level)) await openCase(r, rules, openedAt)
  if (r.targetKind === 'demand') {
    const step = { kind: 'rated', at: openedAt, by: 'resident', byName: '群众', byRole: 'resident', note: ratingLevels.labels[r.level] }
    await collection('demands')
      .where({ _id: r.targetId, rating: null })
      .update({ data: { rating: { level: r.level }, timeline: _.push(step) } })
  }
  if (r.targetKind === 'fix')
    await collection('badReviewCases')
      .where({ _id: r.targetId, fixRating: null })
      .update({ data: { fixRating: { level: r.level } } })
  const facts = { targetKind: r.targetKind, level: r.level }
  const delta = kind === 's' ? ratedDelta({ ...facts, flagged: false }) : acceptedDelta(facts)
  await applyOnce(r, r, delta, markerKey(kind, r._id), kind === 's' ? r.createdAt : openedAt, now)
}

async function openCase(r: RatingDoc, rules: ServiceRules, openedAt: Date): Promise<void> {
  const c: CaseDoc = {
    _id: caseIdFor(r._id),
    ratingId: r._id,
    targetKind: r.targetKind,
    targetId: r.targetId,
    cadreId: r.cadreId,
    cadreName: r.cadreName,
    orgId: r.orgId,
    orgPath: r.orgPath,
    level: r.level,
    tags: r.tags,
    comment: r.comment,
    contactPhone: r.contactPhone,
    status: 'revisit',
    active: true,
    // Working-day deadlines count by the official schedule in force when the case opens (one cached read).
    ...caseDeadlines(openedAt, rules, await holidayCalendarAt(openedAt)),
    revisit: null,
    rectification: null,
    fixRating: null,
    month: r.month,
    year: r.year,
    createdAt: openedAt
  }
  // Opened already (a repeated step): the case is there, which is all this step promises.
  await addIfAbsent('badReviewCases', c)
}

/** The plausible size of the rated event, from the visit's record (re-read) or the kind of target. */
export function sizeOf(r: Pick<RatingDoc, 'targetKind'>, visit: VisitDoc | null | undefined, g: RatingGuardRules): EventSize {
  if (r.targetKind === 'visit') return eventSize({ kind: 'visit', record: visit?.record ?? null }, g)
  return eventSize({ kind: r.targetKind }, g)
}

/**
 * A rating whose call died before its counters moved (the reconciliation finds it, past a grace period, without
 * its marker): finish it. What it already did decides — a case opened, a demand or fix marked means it counted —
 * otherwise the rule runs again now, seeing every rating written since (it can only hold more, never count more).
 */
export async function settleLeftover(r: RatingDoc, now: Date): Promise<'counted' | 'held'> {
  const rules = await serviceRulesFor(r.orgPath, r.createdAt)
  if (r.hold) {
    await applyOnce(r, r, heldDelta(), markerKey('s', r._id), r.createdAt, now)
    return 'held'
  }
  const [started, visit] = await Promise.all([countingStarted(r), r.targetKind === 'visit' ? byId<VisitDoc>('visits', r.targetId) : null])
  if (!started) return settle(r, sizeOf(r, visit, rules.ratingGuard), rules, now)
  await count(r, rules, r.createdAt, now, 's')
  return 'counted'
}

/** A fix is never held; a 差评 whose case is open was counted before the call died. */
async function countingStarted(r: RatingDoc): Promise<boolean> {
  if (r.targetKind === 'fix') return true
  if (!isBadLevel(r.level)) return false
  return Boolean(await byId<CaseDoc>('badReviewCases', caseIdFor(r._id)))
}

/** A leftover event the reconciliation found without its marker past the grace period: finish it. */
export async function finishLeftover(r: RatingDoc, kind: MarkerKind, now: Date): Promise<void> {
  if (kind === 's') {
    await settleLeftover(r, now)
    return
  }
  if (!r.review) return
  const at = new Date(r.review.at)
  if (kind === 'a') await count(r, await serviceRulesFor(r.orgPath, at), at, now, 'a')
  else await applyOnce(r, r, rejectedDelta(), markerKey('x', r._id), at, now)
}
