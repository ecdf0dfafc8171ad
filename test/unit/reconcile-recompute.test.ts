import {
  expectedServiceCounts,
  expectedVisitDays,
  expectedVisitStats,
  householdDrift,
  nonZero,
  periodsOfYear,
  prunable,
  serviceStatsDrift,
  unappliedEvents,
  visitDaysDrift,
  visitStatsDrift,
  type CaseSource,
  type DemandSource,
  type RatingSource,
  type VisitSource
} from '@/cloudfunctions/reconcile/recompute'
import { flatCounts, markerKey, nestCounts, ratedDelta, voidedDelta } from '@/cloudfunctions/_lib/stat-rules'
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'

const now = new Date('2026-11-28T02:00:00Z')
const base = { cadreId: 'c1', orgId: 'o1', orgPath: ['p', 'o1'], year: 2026 }

let n = 0
function visit(iso: string, o: Partial<VisitSource> = {}): VisitSource {
  const at = new Date(iso)
  n += 1
  return {
    _id: `c1_v${n}`,
    visitedAt: at,
    date: beijingDate(at),
    month: beijingMonth(at),
    year: beijingYear(at),
    pointKind: 'village',
    inside: true,
    status: 'counted',
    ...o
  }
}

describe('visits → visitStats and visitDays', () => {
  const visits = [
    visit('2026-03-04T02:00:00Z'),
    visit('2026-03-04T06:00:00Z', { pointKind: 'school' }), // same Beijing day
    visit('2026-03-03T17:00:00Z'), // Beijing 2026-03-04 01:00: the same day again
    visit('2026-04-01T02:00:00Z', { inside: false, status: 'pending' }),
    visit('2026-04-02T02:00:00Z', { inside: false, status: 'counted' }),
    visit('2026-04-03T02:00:00Z', { inside: false, status: 'rejected' }),
    visit('2025-12-31T15:59:00Z') // Beijing 2025-12-31 23:59: last year, ignored
  ]

  it('counts days by Beijing date, visits by month and kind, and 外勤 by its state', () => {
    const s = expectedVisitStats(base, visits, { diaryEntries: 2, reports: 1 }, now)
    expect(s).toMatchObject({
      _id: 'c1_2026',
      days: 2,
      daysByMonth: { '2026-03': 1, '2026-04': 1 },
      visits: 4,
      visitsByMonth: { '2026-03': 3, '2026-04': 1 },
      visitsByKind: { village: 3, school: 1 },
      fieldworkByMonth: { '2026-04': 3 },
      fieldworkPending: 1,
      fieldworkApproved: 1,
      fieldworkRejected: 1,
      diaryEntries: 2,
      reports: 1
    })
  })

  it('counts an approved 蹲点 stay’s dates as days — once, whatever visits share them — and makes their day documents', () => {
    const stays = [
      { _id: 'c1_stay1', from: '2026-03-03', to: '2026-03-05' },
      { _id: 'c1_stay2', from: '2025-12-30', to: '2026-01-01' }
    ]
    const s = expectedVisitStats(base, visits, { diaryEntries: 0, reports: 0 }, now, stays)
    // 03-03 and 03-05 are new (03-04 already had visits); 2026-01-01 is this year's part of the second stay.
    expect(s).toMatchObject({ days: 5, daysByMonth: { '2026-01': 1, '2026-03': 3, '2026-04': 1 }, visits: 4 })
    const days = expectedVisitDays('c1', visits, stays, 2026)
    expect(days.get('c1_2026-03-03')).toMatchObject({ visits: 0, firstVisitId: null, stayId: 'c1_stay1' })
    expect(days.get('c1_2026-03-04')).toMatchObject({ visits: 3 })
    // Last year's dates of a stay belong to last year's check (the visit of 2025-12-31 is a visit's, not the stay's).
    expect(days.has('c1_2025-12-30')).toBe(false)
    expect([...days.keys()].sort()).toEqual(['c1_2025-12-31', 'c1_2026-01-01', 'c1_2026-03-03', 'c1_2026-03-04', 'c1_2026-03-05', 'c1_2026-04-02'])
  })

  it('finds no drift in what it computed, and names each field that differs (zero entries are no drift)', () => {
    const e = expectedVisitStats(base, visits, { diaryEntries: 0, reports: 0 }, now)
    expect(visitStatsDrift({ ...e, visitsByKind: { ...e.visitsByKind, shelter: 0 } as never }, e)).toEqual([])
    const broken = { ...e, days: 7, visitsByMonth: { '2026-03': 3 } }
    expect(visitStatsDrift(broken, e).map((d) => [d.field, d.stored, d.expected])).toEqual([
      ['days', 7, 2],
      ['visitsByMonth', { '2026-03': 3 }, { '2026-03': 3, '2026-04': 1 }]
    ])
    // No document and nothing to count: no drift; no document but visits: every non-zero field.
    expect(visitStatsDrift(null, expectedVisitStats(base, [], { diaryEntries: 0, reports: 0 }, now))).toEqual([])
    expect(visitStatsDrift(null, e).map((d) => d.field)).toContain('days')
  })

  it('keeps one day document per date with its counted visits; fixes wrong counts, adds missing, removes extra', () => {
    const days = expectedVisitDays('c1', visits)
    expect([...days.values()].map((d) => [d._id, d.visits])).toEqual([
      ['c1_2025-12-31', 1],
      ['c1_2026-03-04', 3],
      ['c1_2026-04-02', 1]
    ])
    const stored = [
      { _id: 'c1_2026-03-04', cadreId: 'c1', date: '2026-03-04', year: 2026, month: '2026-03', visits: 2, firstVisitId: 'x', createdAt: now },
      { _id: 'c1_2026-05-01', cadreId: 'c1', date: '2026-05-01', year: 2026, month: '2026-05', visits: 1, firstVisitId: 'y', createdAt: now }
    ]
    const fix = visitDaysDrift(
      'c1',
      stored,
      expectedVisitDays(
        'c1',
        visits.filter((v) => v.year === 2026)
      )
    )
    expect(fix.upsert.map((d) => d._id)).toEqual(['c1_2026-03-04', 'c1_2026-04-02'])
    expect(fix.remove).toEqual(['c1_2026-05-01'])
    expect(fix.drift.map((d) => [d.docId, d.stored, d.expected])).toEqual([
      ['c1_2026-03-04', 2, 3],
      ['c1_2026-04-02', null, 1],
      ['c1_2026-05-01', 1, null]
    ])
  })
})

describe('demands, ratings and cases → serviceStats, by the handlers’ own delta rules', () => {
  const d = (o: Partial<DemandSource>): DemandSource => ({
    area: 'living',
    createdAt: new Date('2026-03-10T02:00:00Z'),
    finishedAt: null,
    closedAt: null,
    deadlineAt: new Date('2026-03-17T15:59:59Z'),
    path: null,
    timeline: [],
    ...o
  })
  const demands = [
    d({}),
    d({ path: 'immediate', finishedAt: new Date('2026-03-10T03:00:00Z'), closedAt: new Date('2026-04-01T02:00:00Z') }),
    d({
      area: 'medical',
      path: 'coordinate',
      finishedAt: new Date('2026-03-20T02:00:00Z'),
      timeline: [{ kind: 'supervised', at: new Date('2026-03-15T02:00:00Z'), by: 'm', byName: 'm', byRole: 'manager' }]
    }),
    // Raised last year, reported this year.
    d({
      createdAt: new Date('2025-12-20T02:00:00Z'),
      path: 'report',
      finishedAt: new Date('2026-01-05T02:00:00Z'),
      deadlineAt: new Date('2026-01-10T00:00:00Z')
    })
  ]
  const r = (o: Partial<RatingSource>): RatingSource => ({
    _id: `r${++n}`,
    targetKind: 'visit',
    level: 'satisfied',
    score: 4,
    flagged: false,
    caseId: null,
    voided: null,
    month: '2026-03',
    year: 2026,
    ...o
  })
  const bad = r({ level: 'dissatisfied', score: 2, caseId: 'case_b' })
  const voidedBad = r({ level: 'veryDissatisfied', score: 1, caseId: 'case_v', voided: { reason: '误评', by: 'm', at: now } })
  const ratings = [
    r({}),
    r({ level: 'verySatisfied', score: 5, flagged: true }),
    bad,
    voidedBad,
    r({ targetKind: 'fix', level: 'satisfied', score: 4, month: '2026-04' })
  ]
  const cases = new Map<string, CaseSource>([
    [
      'case_b',
      {
        _id: 'case_b',
        status: 'rectified',
        revisit: { at: now, note: '', onTime: true, by: 'm', byName: 'm' },
        rectification: { at: now, result: '', onTime: false, by: 'm', byName: 'm' },
        month: '2026-03',
        year: 2026
      }
    ],
    ['case_v', { _id: 'case_v', status: 'voided', revisit: null, rectification: null, month: '2026-03', year: 2026 }]
  ])

  it('replays every event into its month and year', () => {
    const counts = expectedServiceCounts(demands, ratings, cases)
    expect(nonZero(counts.get('2026-03'))).toEqual({
      demandsRaised: 3,
      'area.living': 2,
      'area.medical': 1,
      'solved.immediate': 1,
      'solved.coordinate': 1,
      finishedLate: 1,
      supervised: 1,
      ratings: 3,
      'level.satisfied': 1,
      'level.verySatisfied': 1,
      'level.dissatisfied': 1,
      scoreSum: 11,
      bad: 1,
      cases: 2,
      flagged: 1,
      voided: 1,
      casesVoided: 1,
      revisitOnTime: 1,
      rectified: 1
    })
    expect(counts.get('2026-04')).toEqual({ closed: 1, fixRated: 1, fixSatisfied: 1 })
    expect(counts.get('2026-01')).toEqual({ 'solved.report': 1 })
    expect(counts.get('2025-12')).toEqual({ demandsRaised: 1, 'area.living': 1 })
    expect(counts.get('2026')).toMatchObject({ demandsRaised: 3, 'solved.report': 1, closed: 1, ratings: 3 })
  })

  it('a voided rating nets out exactly what rating it added (the same rules the handlers use)', () => {
    const sum: Record<string, number> = {}
    for (const delta of [ratedDelta(voidedBad), voidedDelta(voidedBad, true)]) for (const [k, v] of Object.entries(delta)) sum[k] = (sum[k] ?? 0) + v
    expect(Object.fromEntries(Object.entries(sum).filter(([, v]) => v))).toEqual({ cases: 1, voided: 1, casesVoided: 1 })
  })

  it('reports only the counters that differ, keeps keys the rules do not know, and writes the full counts back', () => {
    const expected = expectedServiceCounts(demands, ratings, cases)
    const stored = new Map([
      ['2026-03', { counts: { ...expected.get('2026-03'), ratings: 9, somethingElse: 4, closed: 0 } }],
      ['2026-04', { counts: { ...expected.get('2026-04') } }]
    ])
    const out = serviceStatsDrift('c1', periodsOfYear(2026), stored, expected)
    const march = out.find((o) => o.period === '2026-03')!
    expect(march.drift.map((x) => [x.field, x.stored, x.expected])).toEqual([['counts.ratings', 9, 3]])
    expect(march.counts).toMatchObject({ ratings: 3, somethingElse: 4 })
    expect(out.find((o) => o.period === '2026-04')).toBeUndefined()
    // Missing documents for periods with events are drift too.
    expect(out.map((o) => o.period)).toEqual(expect.arrayContaining(['2026', '2026-01', '2026-03']))
    expect(out.find((o) => o.period === '2026-01')).toMatchObject({ existed: false, counts: { 'solved.report': 1 } })
  })
})

describe('ratings written outside a transaction: held, reviewed, and their markers', () => {
  const at = new Date('2026-03-05T02:00:00Z')
  const r = (o: Partial<RatingSource>): RatingSource => ({
    _id: `s${++n}`,
    targetKind: 'visit',
    level: 'satisfied',
    score: 4,
    flagged: false,
    caseId: null,
    voided: null,
    month: '2026-03',
    year: 2026,
    state: 'counted',
    hold: null,
    review: null,
    createdAt: at,
    ...o
  })
  const hold = { reasons: ['overCap' as const], basis: '', at }
  const review = (decision: 'accept' | 'reject') => ({ decision, note: null, by: 'm', byName: 'm', at: new Date('2026-03-06T02:00:00Z') })

  it('a held rating is only held; accepted it counts (flagged); rejected it is only rejected', () => {
    const counts = expectedServiceCounts(
      [],
      [r({ state: 'held', hold }), r({ hold, review: review('accept'), flagged: true }), r({ state: 'rejected', hold, review: review('reject') }), r({})],
      new Map()
    )
    expect(nonZero(counts.get('2026-03'))).toEqual({ held: 1, rejected: 1, ratings: 2, 'level.satisfied': 2, scoreSum: 8, flagged: 1 })
  })

  it('finds the events whose counters have not landed: young ones are in flight, older ones are leftovers', () => {
    const landed = r({})
    const lost = r({})
    const young = r({ createdAt: new Date(now.getTime() - 60_000) })
    const reviewed = r({ hold, review: review('accept') })
    const stored = new Map([
      ['2026-03', { applied: { [markerKey('s', landed._id)]: at, [markerKey('s', reviewed._id)]: at } }],
      ['2026', { applied: { [markerKey('s', landed._id)]: at, [markerKey('s', reviewed._id)]: at, [markerKey('a', reviewed._id)]: at } }]
    ])
    const out = unappliedEvents([landed, lost, reviewed], stored, now)
    expect(out.inFlight).toBe(false)
    // the acceptance landed in the year but not the month: it is left over as well
    expect(out.leftovers.map((x) => [x.rating._id, x.kind])).toEqual([
      [lost._id, 's'],
      [reviewed._id, 'a']
    ])
    expect(unappliedEvents([landed, young], stored, now).inFlight).toBe(true)
    // a record far in the future of the clock is data, not a call in flight (a writer a minute ahead still is)
    expect(unappliedEvents([r({ createdAt: new Date(now.getTime() + 86_400_000) })], stored, now)).toMatchObject({
      inFlight: false,
      leftovers: [{ kind: 's' }]
    })
    expect(unappliedEvents([r({ createdAt: new Date(now.getTime() + 60_000) })], stored, now).inFlight).toBe(true)
    // past the horizon a missing marker means pruned, not lost; ratings from before holds existed have no events
    expect(
      unappliedEvents(
        [lost],
        new Map([
          ['2026-03', { markersFrom: new Date(at.getTime() + 1) }],
          ['2026', { markersFrom: new Date(at.getTime() + 1) }]
        ]),
        now
      ).leftovers
    ).toEqual([])
    expect(unappliedEvents([{ ...lost, state: undefined }], new Map(), now).leftovers).toEqual([])
  })

  it('drops the markers of settled events and moves the horizon just past the latest of them, never further', () => {
    const cutoff = new Date('2026-03-10T00:00:00Z')
    const doc = { applied: { a: new Date('2026-03-01T00:00:00Z'), b: new Date('2026-03-09T00:00:00Z'), c: new Date('2026-03-11T00:00:00Z') } }
    expect(prunable(doc, cutoff)).toEqual({ keys: ['a', 'b'], markersFrom: new Date(new Date('2026-03-09T00:00:00Z').getTime() + 1) })
    expect(prunable({ applied: {} }, cutoff)).toEqual({ keys: [], markersFrom: null })
  })

  it('reads counters kept under a dotted key and under a nested path as one', () => {
    expect(flatCounts({ ratings: 2, 'level.satisfied': 1, level: { satisfied: 2, dissatisfied: 1 } })).toEqual({
      ratings: 2,
      'level.satisfied': 3,
      'level.dissatisfied': 1
    })
    expect(nestCounts({ ratings: 2, 'level.satisfied': 3 })).toEqual({ ratings: 2, level: { satisfied: 3 } })
    expect(flatCounts(nestCounts({ a: 1, 'b.c': 2 }))).toEqual({ a: 1, 'b.c': 2 })
  })
})

describe('households (五必访) against the year’s visit records', () => {
  const h = { _id: 'h1', cadreId: 'c1', lastVisitAt: null, visitsYear: null, visitsInYear: 0, visited: false }
  const named = visit('2026-05-01T02:00:00Z', { record: { householdIds: ['h1'] } })
  const named2 = visit('2026-06-01T02:00:00Z', { record: { householdIds: ['h1', 'h2'] } })

  it('marks a household named this year visited, counts its records and moves its last visit on', () => {
    const { patch } = householdDrift(h, 2026, [named, named2, visit('2026-07-01T02:00:00Z')])
    expect(patch).toEqual({ visitsYear: 2026, visitsInYear: 2, visited: true, lastVisitAt: new Date('2026-06-01T02:00:00Z') })
  })
  it('finds nothing when the household agrees, and zeroes a count kept for a year with no record naming it', () => {
    expect(
      householdDrift({ ...h, visitsYear: 2026, visitsInYear: 1, visited: true, lastVisitAt: new Date('2026-05-01T02:00:00Z') }, 2026, [named]).drift
    ).toEqual([])
    expect(householdDrift({ ...h, visitsYear: 2026, visitsInYear: 3, visited: true }, 2026, []).patch).toEqual({ visitsInYear: 0 })
    // visited and lastVisitAt from earlier years are left alone.
    expect(householdDrift({ ...h, visitsYear: 2025, visitsInYear: 2, visited: true }, 2026, []).drift).toEqual([])
  })
})
