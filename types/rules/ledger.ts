/**
 * The 办实事 ledger's deadline rules, pure. A deadline belongs to the rules (制度), not to the cadre who owes it:
 * the first deadline comes from the urgency staff set; only an extension a manager approves moves it; lateness is
 * measured against that, at the moment the cadre handled the demand (solved it, or reported it upward).
 */
import { beijingDate } from './beijing-time'
import type { RatingLevel } from '../enums'
import type { LedgerStep } from '../demands'
import { demandDeadline, isBadLevel, isOverdue, type ServiceRules, type Urgency } from './service'
import { addWorkingDays, endOfBeijingDay, workingDeadline, type HolidayCalendar } from './working-days'

type Instant = Date | string
const time = (d: Instant) => new Date(d).getTime()

export interface ExtensionFacts {
  untilAt: Instant
  status: 'pending' | 'approved' | 'refused' | 'lapsed'
}

/** The first deadline moved by the approved extensions, never earlier. */
export function currentDeadline(firstDeadlineAt: Instant, extensions: readonly ExtensionFacts[]): Date {
  let t = time(firstDeadlineAt)
  for (const e of extensions) if (e.status === 'approved') t = Math.max(t, time(e.untilAt))
  return new Date(t)
}

/**
 * The latest Beijing date an extension may ask for: as many working days past the current deadline as the rules
 * give a complex demand in all (an extension can at most give the time of a second complex demand).
 */
export function maxExtensionDate(deadlineAt: Instant, rules: ServiceRules, calendar: HolidayCalendar): string {
  return addWorkingDays(beijingDate(deadlineAt), rules.demandDays.complex, calendar)
}

export type DeadlineAsk = { kind: 'past' } | { kind: 'within' } | { kind: 'extension'; untilAt: Date } | { kind: 'tooLate'; max: string }

/** A date the cadre gives (协调 or an extension): before today, within the deadline, an extension to ask, or past what may be asked. */
export function classifyDeadline(date: string, deadlineAt: Instant, now: Date, rules: ServiceRules, calendar: HolidayCalendar): DeadlineAsk {
  if (date < beijingDate(now)) return { kind: 'past' }
  const untilAt = endOfBeijingDay(date)
  if (untilAt.getTime() <= time(deadlineAt)) return { kind: 'within' }
  const max = maxExtensionDate(deadlineAt, rules, calendar)
  if (date > max) return { kind: 'tooLate', max }
  return { kind: 'extension', untilAt }
}

/**
 * The first deadline once staff set the urgency: the rule from when it was raised, but never before the end of
 * the day it is set (a report triaged 紧急 the next morning is due that evening, not already overdue).
 */
export function triagedDeadline(createdAt: Instant, urgency: Urgency, now: Date, rules: ServiceRules, calendar: HolidayCalendar): Date {
  const rule = demandDeadline(new Date(createdAt), urgency, rules, calendar)
  const today = endOfBeijingDay(beijingDate(now))
  return rule.getTime() < today.getTime() ? today : rule
}

/**
 * Whether the cadre who owes a demand may set its urgency: once, for a resident's report not yet triaged, and not
 * after its deadline (then only a manager may); null when allowed, else why not.
 */
export function ownerTriageBlock(d: { triagedAt?: Instant | null; deadlineAt: Instant }, now: Date): string | null {
  if (d.triagedAt) return '紧急程度已经定过了，需要调整请找上级管理员'
  if (now.getTime() > time(d.deadlineAt)) return '这条诉求已经超期，紧急程度只能由上级管理员调整'
  return null
}

/** The receiving unit's time to answer a report: the rules' time for a general demand, in working days. */
export function answerDeadline(reportedAt: Date, rules: ServiceRules, calendar: HolidayCalendar): Date {
  return workingDeadline(reportedAt, rules.demandDays.general, calendar)
}

export interface LatenessFacts {
  status?: string
  deadlineAt: Instant
  finishedAt?: Instant | null
  /** The latest report upward; its time is when the cadre's part ended (unless it came back). */
  report?: { at: Instant; state: 'sent' | 'received' | 'answered' | 'returned' } | null
}

/** When the cadre handled it: solved, or reported upward (a returned report does not count). */
export function handledAt(d: LatenessFacts): Instant | null {
  if (d.report && d.report.state !== 'returned') return d.report.at
  return d.finishedAt ?? null
}

/** Handled after the deadline. */
export function handledLate(d: LatenessFacts): boolean {
  const at = handledAt(d)
  return at !== null && time(at) > time(d.deadlineAt)
}

/** Past the deadline unhandled, or handled late; never for an entry set aside as invalid. */
export function ledgerOverdue(d: LatenessFacts, now: Date): boolean {
  if (d.status === 'invalid') return false
  return isOverdue({ deadlineAt: d.deadlineAt, finishedAt: handledAt(d) }, now)
}

export interface StepFacts extends LatenessFacts {
  status: 'open' | 'coordinating' | 'solved' | 'reported' | 'answered' | 'closed' | 'invalid'
  triagedAt?: Instant | null
  extensionPending?: boolean
  rating: { level: RatingLevel } | null
}

/**
 * What a viewer may do next with a demand, by who they are to it: the cadre who owes it, a manager of that cadre,
 * a manager of the unit it was reported to. The handlers enforce the same rules; the page offers only these.
 */
export function nextSteps(d: StepFacts, who: { owner: boolean; manager: boolean; receiver: boolean }, now: Date): LedgerStep[] {
  const out: LedgerStep[] = []
  const handling = d.status === 'open' || d.status === 'coordinating'
  if (who.owner) {
    if (d.status === 'open' && !ownerTriageBlock(d, now)) out.push('triage')
    if (d.status === 'open') out.push('resolve', 'coordinate')
    if (d.status === 'coordinating') out.push('progress', 'finish')
    if (handling && !d.extensionPending) out.push('requestExtension')
    if (handling) out.push('report', 'invalidate')
    if (d.status === 'solved' || d.status === 'answered' || (d.status === 'reported' && !d.report)) out.push('close')
  }
  if (who.manager) {
    if (handling) out.push('supervise', 'triage')
    if (handling && d.extensionPending) out.push('decideExtension')
    if (handling && !who.owner) out.push('invalidate')
    if (d.status === 'invalid') out.push('reinstate')
    if (d.status === 'closed' && d.rating && isBadLevel(d.rating.level)) out.push('reopen')
  }
  if (who.receiver && d.status === 'reported' && d.report) {
    if (d.report.state === 'sent') out.push('receiveReport')
    out.push('answerReport')
  }
  return [...new Set(out)]
}
