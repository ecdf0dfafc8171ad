/**
 * Pure recomputation for the nightly reconciliation: source records in, what the incremental statistics
 * should say out, and the differences from what is stored. No database here (unit-tested in
 * test/unit/reconcile-recompute.test.ts). The rules are the ones the handlers apply as they write:
 * _lib/visit-stats.ts (addCounted, addFieldwork, addReviewed, emptyStats) and _lib/stat-rules.ts.
 */
import type { HouseholdDoc, VisitDayDoc, VisitDoc, VisitStatsDoc } from '../_lib/collections'
import type { CaseDoc, DemandDoc, RatingDoc, ServiceStatsDoc } from '../_lib/service'
import {
  acceptedDelta,
  addDelta,
  flatCounts,
  heldDelta,
  isApplied,
  markerKey,
  rejectedDelta,
  statPeriods,
  type MarkerKind,
  demandClosedDelta,
  demandFinishedDelta,
  demandInvalidatedDelta,
  demandRaisedDelta,
  demandReopenedDelta,
  demandSupervisedDelta,
  isServiceCounterKey,
  ratedDelta,
  rectifiedDelta,
  revisitDelta,
  voidedDelta,
  type StatDelta
} from '../_lib/stat-rules'
import { addCounted, addFieldwork, addReviewed, dayId, emptyStats, statsId } from '../_lib/visit-stat-rules'
import { datesBetween } from '@/types/rules/pace'
import { handledLate } from '@/types/rules/ledger'

export interface Drift {
  collection: 'visitStats' | 'visitDays' | 'serviceStats' | 'households'
  docId: string
  cadreId: string
  field: string
  stored: unknown
  expected: unknown
}

type Counts = Record<string, number>
const time = (d: Date | string) => new Date(d).getTime()

/** A map without its zero entries: `{a: 0}` and `{}` say the same. */
export function nonZero(m: Counts | undefined | null): Counts {
  const out: Counts = {}
  for (const [k, v] of Object.entries(m ?? {})) if (v) out[k] = v
  return out
}

const sameCounts = (a: Counts | undefined | null, b: Counts | undefined | null) => {
  const x = nonZero(a)
  const y = nonZero(b)
  const keys = new Set([...Object.keys(x), ...Object.keys(y)])
  return [...keys].every((k) => x[k] === y[k])
}

// ---------------------------------------------------------------- visits → visitStats, visitDays

export type VisitSource = Pick<VisitDoc, '_id' | 'visitedAt' | 'date' | 'month' | 'year' | 'pointKind' | 'inside' | 'status'> & {
  record?: { householdIds: string[] } | null
}

const byTime = <T extends { _id: string; visitedAt: Date | string }>(vs: T[]) =>
  [...vs].sort((a, b) => time(a.visitedAt) - time(b.visitedAt) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))

/** An approved 蹲点 stay: each of its dates is a day at the grassroots (visit/periods.ts countStay). */
export interface StaySource {
  _id: string
  from: string
  to: string
}

/** The dates of the stays that fall in the year. */
const stayDates = (stays: readonly StaySource[], year: number): { date: string; stayId: string }[] =>
  stays.flatMap((st) =>
    datesBetween(st.from, st.to)
      .filter((d) => d.startsWith(`${year}-`))
      .map((date) => ({ date, stayId: st._id }))
  )

/**
 * The year's statistics of one cadre from that year's visits (every status), the approved 蹲点 stays and the
 * counts of their diary entries and reports filed under the year. A counted visit adds a day when its date is new;
 * a 外勤 counts toward its month, then is approved or confirmed by a resident (and counted) or rejected, or still
 * waits; a stay's date adds a day when no counted visit made it one.
 */
export function expectedVisitStats(
  base: Pick<VisitStatsDoc, 'cadreId' | 'orgId' | 'orgPath' | 'year'>,
  visits: VisitSource[],
  extra: { diaryEntries: number; reports: number },
  now: Date,
  stays: readonly StaySource[] = []
): VisitStatsDoc {
  let s = emptyStats(base, now)
  const days = new Set<string>()
  for (const v of byTime(visits.filter((x) => x.year === base.year))) {
    if (!v.inside) {
      s = addFieldwork(s, v.month)
      if (v.status === 'counted') s = addReviewed(s, 'approve')
      if (v.status === 'rejected') s = addReviewed(s, 'reject')
    }
    if (v.status === 'counted') {
      const dayAdded = !days.has(v.date)
      days.add(v.date)
      s = addCounted(s, v, dayAdded)
    }
  }
  for (const { date } of stayDates(stays, base.year)) {
    if (days.has(date)) continue
    days.add(date)
    s = { ...s, days: s.days + 1, daysByMonth: { ...s.daysByMonth, [date.slice(0, 7)]: (s.daysByMonth[date.slice(0, 7)] ?? 0) + 1 } }
  }
  return { ...s, diaryEntries: extra.diaryEntries, reports: extra.reports }
}

const statFields = ['days', 'visits', 'fieldworkPending', 'fieldworkApproved', 'fieldworkRejected', 'diaryEntries', 'reports'] as const
const statMaps = ['daysByMonth', 'visitsByMonth', 'visitsByKind', 'visitsByMonthKind', 'fieldworkByMonth'] as const

/** Fields of the stored year statistics that differ from the recomputed ones (a missing document is all zeros). */
export function visitStatsDrift(stored: VisitStatsDoc | null, expected: VisitStatsDoc): Drift[] {
  const out: Drift[] = []
  const at = (field: string, s: unknown, e: unknown) =>
    out.push({ collection: 'visitStats', docId: expected._id, cadreId: expected.cadreId, field, stored: s, expected: e })
  for (const f of statFields) {
    const s = stored?.[f] ?? 0
    const e = expected[f] ?? 0
    if (s !== e) at(f, stored ? (stored[f] ?? null) : null, e)
  }
  for (const f of statMaps) {
    const s = (stored?.[f] ?? {}) as Counts
    const e = expected[f] as Counts
    if (!sameCounts(s, e)) at(f, stored ? nonZero(s) : null, nonZero(e))
  }
  return out
}

export interface DayExpectation {
  _id: string
  date: string
  month: string
  year: number
  visits: number
  firstVisitId: string | null
  stayId?: string
}

/**
 * One day document per date with a counted visit or an approved 蹲点 stay; its count of counted visits; the
 * earliest as the first (none on a stay's day without a visit).
 */
export function expectedVisitDays(cadreId: string, visits: VisitSource[], stays: readonly StaySource[] = [], year?: number): Map<string, DayExpectation> {
  const out = new Map<string, DayExpectation>()
  for (const v of byTime(visits.filter((x) => x.status === 'counted'))) {
    const id = dayId(cadreId, v.date)
    const d = out.get(id)
    if (d) d.visits += 1
    else out.set(id, { _id: id, date: v.date, month: v.month, year: v.year, visits: 1, firstVisitId: v._id })
  }
  const years = year !== undefined ? [year] : [...new Set(stays.flatMap((st) => [Number(st.from.slice(0, 4)), Number(st.to.slice(0, 4))]))]
  for (const y of years) {
    for (const { date, stayId } of stayDates(stays, y)) {
      const id = dayId(cadreId, date)
      if (!out.has(id)) out.set(id, { _id: id, date, month: date.slice(0, 7), year: y, visits: 0, firstVisitId: null, stayId })
    }
  }
  return out
}

/** Day documents to create or fix (`upsert`) and to remove (no counted visit on that date any more). */
export function visitDaysDrift(cadreId: string, stored: VisitDayDoc[], expected: Map<string, DayExpectation>) {
  const drift: Drift[] = []
  const upsert: DayExpectation[] = []
  const remove: string[] = []
  const have = new Map(stored.map((d) => [d._id, d]))
  for (const [id, e] of expected) {
    const s = have.get(id)
    if (!s) {
      drift.push({ collection: 'visitDays', docId: id, cadreId, field: 'visits', stored: null, expected: e.visits })
      upsert.push(e)
    } else if (s.visits !== e.visits) {
      drift.push({ collection: 'visitDays', docId: id, cadreId, field: 'visits', stored: s.visits, expected: e.visits })
      upsert.push(e)
    }
  }
  for (const s of stored) {
    if (!expected.has(s._id)) {
      drift.push({ collection: 'visitDays', docId: s._id, cadreId, field: 'visits', stored: s.visits, expected: null })
      remove.push(s._id)
    }
  }
  return { drift, upsert, remove }
}

// ---------------------------------------------------------------- demands, ratings, cases → serviceStats

export type DemandSource = Pick<DemandDoc, 'area' | 'createdAt' | 'finishedAt' | 'closedAt' | 'deadlineAt' | 'path' | 'timeline'> &
  Partial<Pick<DemandDoc, 'status' | 'report' | 'rounds'>>
export type RatingSource = Pick<RatingDoc, '_id' | 'targetKind' | 'level' | 'score' | 'flagged' | 'caseId' | 'voided' | 'month' | 'year'> &
  Partial<Pick<RatingDoc, 'state' | 'hold' | 'review' | 'createdAt'>>
export type CaseSource = Pick<CaseDoc, '_id' | 'status' | 'revisit' | 'rectification' | 'month' | 'year'>

/**
 * Every event of the sources replayed through the handlers' delta rules into per-period counts ('YYYY-MM'
 * and 'YYYY'). A demand: raised at createdAt and counted by its area (set aside as invalid: out of those, counted
 * apart in the same period), handled at finishedAt (a report once answered; late when the cadre handled it after
 * the deadline the rules and approved extensions set, types/rules/ledger.ts), closed at closedAt, each 督办 at its
 * timeline step, each 重办 when it was ordered (the rounds it closed no longer count as handled). A rating and its
 * case count in the rating's period; a voided rating is added then taken out again (its case counted as voided if
 * the void closed it).
 */
export function expectedServiceCounts(demands: DemandSource[], ratings: RatingSource[], cases: Map<string, CaseSource>): Map<string, Counts> {
  const out = new Map<string, StatDelta>()
  for (const d of demands) {
    addDelta(out, new Date(d.createdAt), demandRaisedDelta([d.area]))
    if (d.status === 'invalid') addDelta(out, new Date(d.createdAt), demandInvalidatedDelta(d.area))
    if (d.finishedAt && d.path) addDelta(out, new Date(d.finishedAt), demandFinishedDelta(d.path, handledLate(d)))
    if (d.closedAt) addDelta(out, new Date(d.closedAt), demandClosedDelta())
    for (const r of d.rounds ?? []) addDelta(out, new Date(r.reopenedAt), demandReopenedDelta())
    for (const step of d.timeline ?? []) if (step.kind === 'supervised') addDelta(out, new Date(step.at), demandSupervisedDelta())
  }
  for (const r of ratings) {
    const at = { month: r.month, year: r.year }
    if (r.state === undefined) addDelta(out, at, ratedDelta(r))
    else {
      // Written outside a transaction: it was held or counted when it settled, then perhaps reviewed.
      addDelta(out, at, r.hold ? heldDelta() : ratedDelta({ ...r, flagged: false }))
      if (r.review) addDelta(out, at, r.review.decision === 'accept' ? acceptedDelta(r) : rejectedDelta())
    }
    const c = r.caseId ? cases.get(r.caseId) : undefined
    if (c?.revisit) addDelta(out, { month: c.month, year: c.year }, revisitDelta(c.revisit.onTime))
    if (c?.rectification) addDelta(out, { month: c.month, year: c.year }, rectifiedDelta(c.rectification.onTime))
    if (r.voided) addDelta(out, at, voidedDelta(r, c?.status === 'voided'))
  }
  return out
}

/**
 * For each period asked: the counters (those the rules move; other keys are left alone) that differ, and
 * the counts to write back (stored keys the rules do not know are kept as they are).
 */
export function serviceStatsDrift(cadreId: string, periods: string[], stored: Map<string, Pick<ServiceStatsDoc, 'counts'>>, expected: Map<string, Counts>) {
  const out: { period: string; docId: string; drift: Drift[]; counts: Counts; existed: boolean }[] = []
  for (const period of periods) {
    const docId = `${cadreId}_${period}`
    const s = flatCounts(stored.get(period)?.counts)
    const e = nonZero(expected.get(period))
    const keys = new Set([...Object.keys(s).filter(isServiceCounterKey), ...Object.keys(e)])
    const drift: Drift[] = []
    for (const k of [...keys].sort()) {
      if ((s[k] ?? 0) !== (e[k] ?? 0))
        drift.push({ collection: 'serviceStats', docId, cadreId, field: `counts.${k}`, stored: s[k] ?? null, expected: e[k] ?? 0 })
    }
    if (!drift.length) continue
    const counts: Counts = {}
    for (const [k, v] of Object.entries(s)) if (!isServiceCounterKey(k)) counts[k] = v
    Object.assign(counts, e)
    out.push({ period, docId, drift, counts, existed: stored.has(period) })
  }
  return out
}

/** How long an event may take to land its counters before a missing marker means its call died. */
export const GRACE_MS = 10 * 60 * 1000

/**
 * A record written within GRACE_MS of `now`, either side (a writer's clock may run a little ahead): its call may
 * still be landing its counters. Far in the future it is data, not a call in flight.
 */
export const inFlightAt = (now: Date, at: Date | string) => Math.abs(now.getTime() - new Date(at).getTime()) < GRACE_MS

/** The events of a rating written outside a transaction (none for one written before holds existed). */
export function ratingEvents(r: RatingSource): { kind: MarkerKind; key: string; at: Date }[] {
  if (r.state === undefined || !r.createdAt) return []
  const out = [{ kind: 's' as MarkerKind, key: markerKey('s', r._id), at: new Date(r.createdAt) }]
  if (r.review) {
    const kind: MarkerKind = r.review.decision === 'accept' ? 'a' : 'x'
    out.push({ kind, key: markerKey(kind, r._id), at: new Date(r.review.at) })
  }
  return out
}

/**
 * The rating events whose counters have not landed in a period document read BEFORE the ratings were: `inFlight`
 * when one is younger than GRACE_MS (its call may still be running, or the rating was written after that read —
 * the documents cannot be judged now), else the `leftovers` a dead call left, to be finished.
 */
export function unappliedEvents(
  ratings: RatingSource[],
  stored: Map<string, { applied?: Record<string, Date | string>; markersFrom?: Date | string | null }>,
  now: Date
): { inFlight: boolean; leftovers: { rating: RatingSource; kind: MarkerKind }[] } {
  const leftovers: { rating: RatingSource; kind: MarkerKind }[] = []
  let inFlight = false
  for (const r of ratings) {
    for (const e of ratingEvents(r)) {
      const landed = statPeriods({ month: r.month, year: r.year }).every((p) => isApplied(stored.get(p), e.key, e.at))
      if (landed) continue
      if (inFlightAt(now, e.at)) inFlight = true
      else leftovers.push({ rating: r, kind: e.kind })
    }
  }
  return { inFlight, leftovers }
}

/**
 * Marker keys a document may drop (their events are settled before `cutoff`), and its new horizon: just after the
 * latest event dropped — never later, so an event written after this pass is never mistaken for a settled one.
 */
export function prunable(
  doc: { applied?: Record<string, Date | string>; markersFrom?: Date | string | null },
  cutoff: Date
): { keys: string[]; markersFrom: Date | null } {
  const old = Object.entries(doc.applied ?? {}).filter(([, at]) => new Date(at).getTime() < cutoff.getTime())
  const from = doc.markersFrom ? new Date(doc.markersFrom).getTime() : 0
  if (!old.length) return { keys: [], markersFrom: from ? new Date(from) : null }
  const latest = Math.max(...old.map(([, at]) => new Date(at).getTime()))
  return { keys: old.map(([k]) => k), markersFrom: new Date(Math.max(from, latest + 1)) }
}

/** The month and year periods of a Beijing year. */
export const periodsOfYear = (year: number) => [String(year), ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`)]

// ---------------------------------------------------------------- households (五必访)

export type HouseholdState = Pick<HouseholdDoc, '_id' | 'cadreId' | 'lastVisitAt' | 'visitsYear' | 'visitsInYear' | 'visited'>

/**
 * A household's derived fields against the year's visit records naming it. Named this year: visited,
 * visits this year = the records naming it, last visit at least the latest of them. Named in no record
 * this year: a count kept for this year must be 0 (a record that named it was edited). What earlier years
 * set (visited, lastVisitAt) is not recomputed: taking a household off a record never unsets them either.
 */
export function householdDrift(h: HouseholdState, year: number, visits: VisitSource[]): { drift: Drift[]; patch: Partial<HouseholdDoc> } {
  const named = visits.filter((v) => v.year === year && v.record?.householdIds.includes(h._id))
  const drift: Drift[] = []
  const patch: Partial<HouseholdDoc> = {}
  const note = (field: keyof HouseholdDoc, stored: unknown, expected: unknown) => {
    drift.push({ collection: 'households', docId: h._id, cadreId: h.cadreId, field, stored, expected })
    ;(patch as Record<string, unknown>)[field] = expected
  }
  if (named.length) {
    if (h.visitsYear !== null && h.visitsYear > year) return { drift, patch }
    if (h.visitsYear !== year) note('visitsYear', h.visitsYear, year)
    if (h.visitsYear !== year || h.visitsInYear !== named.length) note('visitsInYear', h.visitsInYear, named.length)
    if (!h.visited) note('visited', h.visited, true)
    const latest = Math.max(...named.map((v) => time(v.visitedAt)))
    if (!h.lastVisitAt || time(h.lastVisitAt) < latest) note('lastVisitAt', h.lastVisitAt ? new Date(h.lastVisitAt).toISOString() : null, new Date(latest))
  } else if (h.visitsYear === year && h.visitsInYear !== 0) {
    note('visitsInYear', h.visitsInYear, 0)
  }
  return { drift, patch }
}

export { statsId }
