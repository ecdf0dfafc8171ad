/**
 * The rules by which each event moves a cadre's serviceStats counters: one pure function per kind of
 * event. The handlers (demands, ratings) call them inside their transactions, and the nightly
 * reconciliation (cloudfunctions/reconcile) folds the same functions over the source records to know
 * what the counters should say — so the two can never disagree about a rule, only about the data.
 */
import { createHash } from 'node:crypto'
import type { RatingTarget } from '@/types/service'
import type { DemandPath } from '@/types/demands'
import type { DemandArea, RatingLevel } from '@/types/enums'
import { beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { isBadLevel, levelScores } from '@/types/rules/service'

export type StatDelta = Record<string, number>

/** The month and year periods ('YYYY-MM', 'YYYY', Beijing) an event at `at` counts in. */
export function statPeriods(at: { month: string; year: number } | Date): [string, string] {
  return at instanceof Date ? [beijingMonth(at), String(beijingYear(at))] : [at.month, String(at.year)]
}

/**
 * Demands entered the ledger (by a cadre, a resident, or several from one visit record), counted in total and
 * by area (`area.<area>`: the dashboards' 诉求按领域).
 */
export function demandRaisedDelta(areas: readonly DemandArea[]): StatDelta {
  const delta: StatDelta = { demandsRaised: areas.length }
  for (const a of areas) delta[`area.${a}`] = (delta[`area.${a}`] ?? 0) + 1
  return delta
}

/** An open demand's area corrected (a visit record edited): it moves between areas in the period it was raised. */
export const demandAreaChangedDelta = (from: DemandArea, to: DemandArea): StatDelta => (from === to ? {} : { [`area.${from}`]: -1, [`area.${to}`]: 1 })

/**
 * Handled: solved on the spot, finished by the department, or answered by the unit it was reported to (a report
 * counts only once answered); late when the cadre handled it after its deadline (types/rules/ledger.ts).
 */
export const demandFinishedDelta = (path: DemandPath, late: boolean): StatDelta => ({ [`solved.${path}`]: 1, finishedLate: late ? 1 : 0 })

/** The same delta taken back (a step undone by 重办, an entry set aside put back). */
export function negated(delta: StatDelta): StatDelta {
  const out: StatDelta = {}
  for (const [k, v] of Object.entries(delta)) if (v) out[k] = -v
  return out
}

/**
 * Set aside by staff as spam or a duplicate: it leaves the figures of the period it was raised in (never counted,
 * never overdue) and is counted apart as `invalid`. Put back, `negated` of this.
 */
export const demandInvalidatedDelta = (area: DemandArea): StatDelta => ({ demandsRaised: -1, [`area.${area}`]: -1, invalid: 1 })

/** 重办: counted when a manager reopens it (its earlier handling and answer are taken back in their own periods). */
export const demandReopenedDelta = (): StatDelta => ({ reopened: 1 })

/** The person was told the outcome (答复群众). */
export const demandClosedDelta = (): StatDelta => ({ closed: 1 })

/** A manager pressed it (督办). */
export const demandSupervisedDelta = (): StatDelta => ({ supervised: 1 })

export interface RatedFacts {
  targetKind: RatingTarget
  level: RatingLevel
  flagged: boolean
}

/** A resident's rating: a 差评 (not of a fix) opens a case. */
export function ratedDelta(r: RatedFacts): StatDelta {
  const score = levelScores[r.level]
  if (r.targetKind === 'fix') return { fixRated: 1, fixSatisfied: score >= 4 ? 1 : 0 }
  const bad = isBadLevel(r.level)
  return { ratings: 1, [`level.${r.level}`]: 1, scoreSum: score, bad: bad ? 1 : 0, cases: bad ? 1 : 0, flagged: r.flagged ? 1 : 0 }
}

/** A rating held for a manager's review: in no figure but the count of held ones. */
export const heldDelta = (): StatDelta => ({ held: 1 })

/** A held rating accepted on review: it leaves the held count and counts as rated (flagged: it was held). */
export const acceptedDelta = (r: Omit<RatedFacts, 'flagged'>): StatDelta => ({ held: -1, ...ratedDelta({ ...r, flagged: true }) })

/** A held rating rejected on review: it leaves the held count and is counted as rejected, nowhere else. */
export const rejectedDelta = (): StatDelta => ({ held: -1, rejected: 1 })

/** A rating voided on appeal: it leaves the figures of its period; its case, if still open, is closed as voided. */
export function voidedDelta(r: RatedFacts & { score: number; caseId: string | null }, caseWasActive: boolean): StatDelta {
  let delta: StatDelta
  if (r.targetKind === 'fix') delta = { fixRated: -1, fixSatisfied: r.score >= 4 ? -1 : 0, voided: 1 }
  else {
    const bad = r.caseId ? 1 : 0
    delta = { ratings: -1, [`level.${r.level}`]: -1, scoreSum: -r.score, bad: -bad, flagged: r.flagged ? -1 : 0, voided: 1 }
  }
  if (r.caseId && caseWasActive) delta.casesVoided = 1
  return delta
}

/** 回访 of a 差评 case (counted in the case's period). */
export const revisitDelta = (onTime: boolean): StatDelta => ({ revisitOnTime: onTime ? 1 : 0, revisitLate: onTime ? 0 : 1 })

/** 整改 of a 差评 case (counted in the case's period). */
export const rectifiedDelta = (onTime: boolean): StatDelta => ({ rectified: 1, rectifiedOnTime: onTime ? 1 : 0 })

/** Every counter these rules move: reconciliation checks these (and `level.*`, `area.*`) and leaves any other key alone. */
export const serviceCounterKeys: readonly string[] = [
  'demandsRaised',
  'solved.immediate',
  'solved.coordinate',
  'solved.report',
  'finishedLate',
  'closed',
  'supervised',
  'invalid',
  'reopened',
  'ratings',
  'scoreSum',
  'bad',
  'cases',
  'flagged',
  'voided',
  'casesVoided',
  'fixRated',
  'fixSatisfied',
  'revisitOnTime',
  'revisitLate',
  'rectified',
  'rectifiedOnTime',
  'held',
  'rejected'
]

export const isServiceCounterKey = (k: string) => serviceCounterKeys.includes(k) || k.startsWith('level.') || k.startsWith('area.')

/**
 * Stored counts as flat keys ('level.satisfied', 'area.living' …). Atomic increments address a counter by a dot
 * path, so they store `{ level: { satisfied: n } }`; documents written whole before that kept the dotted key
 * itself. Both mean the same counter: they are added up.
 */
export function flatCounts(counts: unknown): Record<string, number> {
  const out: Record<string, number> = {}
  if (!counts || typeof counts !== 'object') return out
  for (const [k, v] of Object.entries(counts as Record<string, unknown>)) {
    if (typeof v === 'number') out[k] = (out[k] ?? 0) + v
    else if (v && typeof v === 'object') {
      for (const [sk, sv] of Object.entries(v as Record<string, unknown>)) if (typeof sv === 'number') out[`${k}.${sk}`] = (out[`${k}.${sk}`] ?? 0) + sv
    }
  }
  return out
}

/** Flat counts as they are stored by dot paths (the inverse of flatCounts for one level of nesting). */
export function nestCounts(flat: Record<string, number>): Record<string, number | Record<string, number>> {
  const out: Record<string, number | Record<string, number>> = {}
  for (const [k, v] of Object.entries(flat)) {
    const dot = k.indexOf('.')
    if (dot < 0) out[k] = v
    else {
      const head = k.slice(0, dot)
      const inner = (typeof out[head] === 'object' ? out[head] : (out[head] = {})) as Record<string, number>
      inner[k.slice(dot + 1)] = v
    }
  }
  return out
}

/** Adds a delta into per-period counts, as bumpServiceStats does in the database. */
export function addDelta(into: Map<string, StatDelta>, at: { month: string; year: number } | Date, delta: StatDelta): void {
  for (const period of statPeriods(at)) {
    const counts = into.get(period) ?? {}
    for (const [k, v] of Object.entries(delta)) if (v !== 0) counts[k] = (counts[k] ?? 0) + v
    into.set(period, counts)
  }
}

// ---------------------------------------------------------------- events applied outside a transaction

/** s: a rating settled (counted or held); a: accepted on review; x: rejected on review. */
export type MarkerKind = 's' | 'a' | 'x'

/** The marker of one such event in a period document (cloudfunctions/_lib/counters.ts): a letter and a hash. */
export const markerKey = (kind: MarkerKind, ratingId: string) => `${kind}${createHash('sha256').update(ratingId).digest('hex').slice(0, 24)}`

/** Whether a period document shows the event applied: its marker, or a horizon past the event's time. */
export function isApplied(
  doc: { applied?: Record<string, Date | string>; markersFrom?: Date | string | null } | null | undefined,
  key: string,
  eventAt: Date
): boolean {
  if (!doc) return false
  if (doc.applied && doc.applied[key] !== undefined) return true
  return Boolean(doc.markersFrom && new Date(doc.markersFrom).getTime() > eventAt.getTime())
}
