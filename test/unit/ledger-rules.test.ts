/**
 * The ledger's deadline rules (types/rules/ledger.ts) and the statistics the new states move
 * (cloudfunctions/_lib/stat-rules.ts), replayed by the nightly reconciliation's recomputation.
 */
import {
  classifyDeadline,
  currentDeadline,
  handledLate,
  ledgerOverdue,
  maxExtensionDate,
  nextSteps,
  ownerTriageBlock,
  triagedDeadline,
  type StepFacts
} from '@/types/rules/ledger'
import { defaultServiceRules } from '@/types/rules/service'
import { endOfBeijingDay, weekendsOnly as W } from '@/types/rules/working-days'
import { demandInvalidatedDelta, demandReopenedDelta, negated } from '@/cloudfunctions/_lib/stat-rules'
import { expectedServiceCounts, nonZero, type DemandSource } from '@/cloudfunctions/reconcile/recompute'

const bj = (s: string) => new Date(`${s}+08:00`)
const R = defaultServiceRules
// Tuesday 2026-03-10 raised (general: 7 working days → 2026-03-19)
const deadline = endOfBeijingDay('2026-03-19')

describe('extensions: only approved ones move the deadline, never earlier than the first', () => {
  it('takes the latest approved date', () => {
    const first = endOfBeijingDay('2026-03-19')
    expect(currentDeadline(first, [])).toEqual(first)
    expect(
      currentDeadline(first, [
        { untilAt: endOfBeijingDay('2026-03-25'), status: 'refused' },
        { untilAt: endOfBeijingDay('2026-03-30'), status: 'pending' }
      ])
    ).toEqual(first)
    expect(
      currentDeadline(first, [
        { untilAt: endOfBeijingDay('2026-03-25'), status: 'approved' },
        { untilAt: endOfBeijingDay('2026-03-30'), status: 'approved' }
      ])
    ).toEqual(endOfBeijingDay('2026-03-30'))
  })
  it('bounds what may be asked by the rules: the complex time limit past the deadline', () => {
    expect(maxExtensionDate(deadline, R, W)).toBe('2026-04-09') // 15 working days after Thu 03-19
    const now = bj('2026-03-12T10:00:00')
    expect(classifyDeadline('2026-03-11', deadline, now, R, W)).toEqual({ kind: 'past' })
    expect(classifyDeadline('2026-03-19', deadline, now, R, W)).toEqual({ kind: 'within' })
    expect(classifyDeadline('2026-03-20', deadline, now, R, W)).toEqual({ kind: 'extension', untilAt: endOfBeijingDay('2026-03-20') })
    expect(classifyDeadline('2026-04-09', deadline, now, R, W)).toMatchObject({ kind: 'extension' })
    expect(classifyDeadline('2026-04-10', deadline, now, R, W)).toEqual({ kind: 'tooLate', max: '2026-04-09' })
    expect(classifyDeadline('2999-12-31', deadline, now, R, W)).toEqual({ kind: 'tooLate', max: '2026-04-09' })
  })
})

describe('triage: staff set the urgency, the rules set the deadline', () => {
  const raised = bj('2026-03-10T20:00:00')
  it('counts from when it was raised, never before the end of the day it is set', () => {
    expect(triagedDeadline(raised, 'complex', bj('2026-03-11T09:00:00'), R, W)).toEqual(endOfBeijingDay('2026-03-31'))
    expect(triagedDeadline(raised, 'urgent', bj('2026-03-10T21:00:00'), R, W)).toEqual(endOfBeijingDay('2026-03-10'))
    expect(triagedDeadline(raised, 'urgent', bj('2026-03-11T09:00:00'), R, W)).toEqual(endOfBeijingDay('2026-03-11'))
  })
  it('the cadre may triage a resident’s report once, before it is overdue', () => {
    expect(ownerTriageBlock({ triagedAt: null, deadlineAt: deadline }, bj('2026-03-12T10:00:00'))).toBeNull()
    expect(ownerTriageBlock({ triagedAt: raised, deadlineAt: deadline }, bj('2026-03-12T10:00:00'))).toMatch(/定过/)
    expect(ownerTriageBlock({ triagedAt: null, deadlineAt: deadline }, bj('2026-03-20T10:00:00'))).toMatch(/超期/)
  })
})

describe('lateness: when the cadre handled it, against the deadline', () => {
  const open = { status: 'open', deadlineAt: deadline }
  it('a finish after the deadline is late; a report counts when it was sent up, not when answered', () => {
    expect(handledLate({ ...open, finishedAt: bj('2026-03-19T18:00:00') })).toBe(false)
    expect(handledLate({ ...open, finishedAt: bj('2026-03-20T09:00:00') })).toBe(true)
    const report = { at: bj('2026-03-18T10:00:00'), state: 'answered' as const }
    expect(handledLate({ ...open, finishedAt: bj('2026-04-20T10:00:00'), report })).toBe(false)
    expect(handledLate({ ...open, finishedAt: null, report: { ...report, at: bj('2026-03-21T10:00:00'), state: 'sent' } })).toBe(true)
    // a returned report does not count as handled
    expect(handledLate({ ...open, finishedAt: null, report: { ...report, state: 'returned' } })).toBe(false)
  })
  it('overdue past the deadline unhandled; never for an entry set aside as invalid', () => {
    const later = bj('2026-03-25T10:00:00')
    expect(ledgerOverdue(open, later)).toBe(true)
    expect(ledgerOverdue({ ...open, status: 'invalid' }, later)).toBe(false)
    expect(ledgerOverdue({ ...open, status: 'reported', report: { at: bj('2026-03-18T10:00:00'), state: 'sent' } }, later)).toBe(false)
    expect(ledgerOverdue({ ...open, status: 'open', report: { at: bj('2026-03-18T10:00:00'), state: 'returned' } }, later)).toBe(true)
  })
})

describe('next steps by who is looking', () => {
  const base: StepFacts = { status: 'open', deadlineAt: deadline, triagedAt: null, rating: null }
  const now = bj('2026-03-12T10:00:00')
  const owner = { owner: true, manager: false, receiver: false }
  const manager = { owner: false, manager: true, receiver: false }
  it('the cadre handles it; a manager presses, triages, decides and reopens; the receiving unit answers', () => {
    expect(nextSteps(base, owner, now)).toEqual(['triage', 'resolve', 'coordinate', 'requestExtension', 'report', 'invalidate'])
    expect(nextSteps({ ...base, triagedAt: now, status: 'coordinating', extensionPending: true }, owner, now)).toEqual([
      'progress',
      'finish',
      'report',
      'invalidate'
    ])
    expect(nextSteps({ ...base, extensionPending: true }, manager, now)).toEqual(['supervise', 'triage', 'decideExtension', 'invalidate'])
    expect(nextSteps({ ...base, status: 'invalid' }, manager, now)).toEqual(['reinstate'])
    expect(nextSteps({ ...base, status: 'closed', rating: { level: 'dissatisfied' } }, manager, now)).toEqual(['reopen'])
    expect(nextSteps({ ...base, status: 'closed', rating: { level: 'satisfied' } }, manager, now)).toEqual([])
    const reported: StepFacts = { ...base, status: 'reported', report: { at: now, state: 'sent' } }
    expect(nextSteps(reported, owner, now)).toEqual([])
    expect(nextSteps(reported, { owner: false, manager: true, receiver: true }, now)).toEqual(['receiveReport', 'answerReport'])
    expect(nextSteps({ ...base, status: 'answered' }, owner, now)).toEqual(['close'])
    expect(nextSteps(base, { owner: false, manager: false, receiver: false }, now)).toEqual([])
  })
})

describe('the statistics of the new states, as the reconciliation replays them', () => {
  const d = (o: Partial<DemandSource>): DemandSource => ({
    area: 'living',
    createdAt: bj('2026-03-10T10:00:00'),
    finishedAt: null,
    closedAt: null,
    deadlineAt: deadline,
    path: null,
    timeline: [],
    ...o
  })
  it('an invalid entry leaves the raised figures of its month and is counted apart; put back, it returns', () => {
    expect(demandInvalidatedDelta('living')).toEqual({ demandsRaised: -1, 'area.living': -1, invalid: 1 })
    expect(negated(demandInvalidatedDelta('living'))).toEqual({ demandsRaised: 1, 'area.living': 1, invalid: -1 })
    const counts = expectedServiceCounts([d({}), d({ status: 'invalid', area: 'medical' })], [], new Map())
    expect(nonZero(counts.get('2026-03'))).toEqual({ demandsRaised: 1, 'area.living': 1, invalid: 1 })
  })
  it('lateness follows an approved extension; a report is handled when answered and late by when it was sent', () => {
    const finished = bj('2026-03-24T10:00:00')
    const onTime = expectedServiceCounts([d({ path: 'coordinate', finishedAt: finished, deadlineAt: endOfBeijingDay('2026-03-30') })], [], new Map())
    expect(nonZero(onTime.get('2026-03'))).toEqual({ demandsRaised: 1, 'area.living': 1, 'solved.coordinate': 1 })
    const late = expectedServiceCounts([d({ path: 'coordinate', finishedAt: finished })], [], new Map())
    expect(nonZero(late.get('2026-03'))).toMatchObject({ 'solved.coordinate': 1, finishedLate: 1 })
    const waiting = expectedServiceCounts(
      [d({ status: 'reported', path: 'report', report: { at: bj('2026-03-12T10:00:00'), state: 'sent' } as never })],
      [],
      new Map()
    )
    expect(nonZero(waiting.get('2026-03'))).toEqual({ demandsRaised: 1, 'area.living': 1 })
    const answered = expectedServiceCounts(
      [d({ status: 'answered', path: 'report', finishedAt: bj('2026-04-02T10:00:00'), report: { at: bj('2026-03-12T10:00:00'), state: 'answered' } as never })],
      [],
      new Map()
    )
    expect(nonZero(answered.get('2026-04'))).toEqual({ 'solved.report': 1 })
  })
  it('重办 counts when ordered; the round it closed no longer counts as handled', () => {
    expect(demandReopenedDelta()).toEqual({ reopened: 1 })
    const reopened = d({ status: 'open', rounds: [{ reopenedAt: bj('2026-04-03T10:00:00') }] as never })
    const counts = expectedServiceCounts([reopened], [], new Map())
    expect(nonZero(counts.get('2026-03'))).toEqual({ demandsRaised: 1, 'area.living': 1 })
    expect(nonZero(counts.get('2026-04'))).toEqual({ reopened: 1 })
    expect(nonZero(counts.get('2026'))).toEqual({ demandsRaised: 1, 'area.living': 1, reopened: 1 })
  })
})
