import { computeScore, cadreSortKey, compareBySortKey, honourEligible, noticeReasons, pickHonours, scoreTips, unitSortKey } from '../../types/rules/score'
import { addFigures, elapsedDays, emptyFigures, monthIdsOf, monthsOf, periodKind, periodRange, periodsAt, previousMonth, proratedTarget, type PeriodFigures } from '../../types/outcomes'
import { defaultOrgRules } from '../../types/org-rules'
// pure: only type imports of the stored documents
import { cadreFigures, type CadreInputs } from '../../cloudfunctions/rankings/figures'

const weights = defaultOrgRules.scoreWeights // 35 / 25 / 15 / 10 / 15

function example(): PeriodFigures {
  const f = emptyFigures(1)
  f.ratings = { ...f.ratings, count: 10, satisfied: 8, scoreSum: 41, cases: 2, revisitOnTime: 2, rectified: 1 }
  f.demands = { ...f.demands, raised: 6, solved: 4, solvedOnTime: 3, finishedLate: 1, overdue: 1 }
  f.fiveMustVisit = { households: 4, visited: 3 }
  f.days = { count: 20, target: 15, capped: 15 }
  return f
}

describe('score rule', () => {
  it('matches the hand-computed example, component by component', () => {
    // satisfaction 8/10 × 35 = 28; demands 3/(4+1) × 25 = 15; 差评 (2+1)/(2×2) × 15 = 11.25 → 11.3;
    // 五必访 3/4 × 10 = 7.5; days min(20,15)/15 × 15 = 15 (days beyond the pace add nothing). Total 76.8.
    const s = computeScore(example(), weights)
    expect(s.breakdown.map((c) => [c.key, c.points])).toEqual([
      ['satisfaction', 28],
      ['demands', 15],
      ['badReviews', 11.3],
      ['fiveMustVisit', 7.5],
      ['days', 15]
    ])
    expect(s.score).toBe(76.8)
    expect(s.breakdown.every((c) => c.effectiveWeight === c.weight)).toBe(true)
  })

  it('leaves out a component without data and scales the others to 100, stated plainly', () => {
    const f = example()
    f.ratings = { ...emptyFigures().ratings, cases: 2, revisitOnTime: 2, rectified: 1 }
    // 65 points of weight left: demands 0.6 × 25/65 × 100 = 23.1; 差评 0.75 × 15/65 = 17.3; 五必访 11.5; days 23.1
    const s = computeScore(f, weights)
    const sat = s.breakdown[0]
    expect(sat).toMatchObject({ ratio: null, points: 0, effectiveWeight: 0 })
    expect(sat.detail).toContain('不计分')
    expect(s.breakdown.map((c) => c.points)).toEqual([0, 23.1, 17.3, 11.5, 23.1])
    expect(s.score).toBe(75)
  })

  it('no 差评 is full marks for that component, and days are capped at the pace', () => {
    const f = example()
    f.ratings.cases = 0
    f.ratings.revisitOnTime = 0
    f.ratings.rectified = 0
    expect(computeScore(f, weights).breakdown[2]).toMatchObject({ ratio: 1, points: 15 })
    f.days.count = 200
    expect(computeScore(f, weights).breakdown[4].points).toBe(15)
    f.days.count = 6
    expect(computeScore(f, weights).breakdown[4].points).toBe(6)
  })

  it('an empty record scores only what it has: days 0 of a due pace is 0, 差评 full', () => {
    const f = emptyFigures(1)
    f.days.target = 3
    const s = computeScore(f, weights)
    // only 差评 (15, full) and days (15, zero) have data: 15/30 of 100
    expect(s.score).toBe(50)
    expect(scoreTips(f, s)[0]).toContain('还差 3 天')
  })

  it('ties break by satisfaction, then demands solved, then id', () => {
    const a = { sortKey: cadreSortKey(80, 0.9, 3, 'b'), id: 'b' }
    const b = { sortKey: cadreSortKey(80, 0.95, 1, 'c'), id: 'c' }
    const c = { sortKey: cadreSortKey(80, 0.95, 2, 'z'), id: 'z' }
    const d = { sortKey: cadreSortKey(80, 0.95, 2, 'a'), id: 'a' }
    const e = { sortKey: cadreSortKey(81, null, 0, 'y'), id: 'y' }
    const f = { sortKey: cadreSortKey(80, null, 9, 'x'), id: 'x' }
    expect([a, b, c, d, e, f].sort(compareBySortKey).map((x) => x.id)).toEqual(['y', 'a', 'z', 'c', 'b', 'x'])
    expect(unitSortKey(70.5, 0.9, 'b') < unitSortKey(70.4, 1, 'a')).toBe(true)
    expect(unitSortKey(0, null, 'z') < unitSortKey(null, null, 'a')).toBe(true)
  })

  it('tips name the weakest components concretely', () => {
    const f = example()
    const tips = scoreTips(f, computeScore(f, weights))
    // lost: demands 10, satisfaction 7, 差评 3.7, 五必访 2.5, days 0
    expect(tips[0]).toContain('1 件诉求已超过期限')
    expect(tips[1]).toContain('满意率 80%')
    expect(tips[2]).toContain('1 件差评还没整改完成')
    expect(tips.length).toBeLessThanOrEqual(3)
  })

  it('表彰 needs satisfaction over enough ratings; 通报 only on outcomes', () => {
    const rule = defaultOrgRules.honours
    const list = [
      { cadreId: 'a', score: 95, satisfiedShare: 1, ratings: 2 },
      { cadreId: 'b', score: 90, satisfiedShare: 0.95, ratings: 5 },
      { cadreId: 'c', score: 85, satisfiedShare: 0.5, ratings: 9 },
      { cadreId: 'd', score: 80, satisfiedShare: 0.9, ratings: 3 }
    ]
    expect(honourEligible(list[0], rule)).toBe(false)
    expect(pickHonours(list, { ...rule, topN: 1 }).map((c) => c.cadreId)).toEqual(['b'])
    expect(pickHonours(list, rule).map((c) => c.cadreId)).toEqual(['b', 'd'])
    const n = defaultOrgRules.notices
    // 10.5 behind is not more than 10 days; no overdue; the one 差评 was revisited
    expect(noticeReasons({ pace: { expected: 40.5, actual: 30 }, overdue: 0, cases: 1, revisited: 1 }, n)).toEqual([])
    expect(noticeReasons({ pace: { expected: 41, actual: 30 }, overdue: 2, cases: 2, revisited: 1 }, n).map((r) => r.reason)).toEqual([
      'behindPace',
      'overdueDemands',
      'unfollowedBadReviews'
    ])
  })
})

describe('periods', () => {
  it('names the Beijing month, quarter and year of an instant', () => {
    expect(periodsAt('2026-03-31T16:30:00Z')).toEqual({ month: '2026-04', quarter: '2026-Q2', year: '2026' })
    expect(periodsAt('2026-12-31T15:59:59Z')).toEqual({ month: '2026-12', quarter: '2026-Q4', year: '2026' })
    expect(periodKind('2026-Q1')).toBe('quarter')
    expect(periodKind('2026-07')).toBe('month')
    expect(periodKind('2026')).toBe('year')
    expect(() => periodKind('2026-13')).toThrow()
    expect(monthsOf('2026-Q3')).toEqual(['07', '08', '09'])
    expect(monthIdsOf('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(monthsOf('2026')).toHaveLength(12)
    expect(previousMonth('2026-01')).toBe('2025-12')
  })

  it('ranges and pro-rated targets are in Beijing days', () => {
    expect(periodRange('2026-12')).toEqual({ start: new Date('2026-11-30T16:00:00Z'), end: new Date('2026-12-31T16:00:00Z') })
    expect(elapsedDays('2026-03', '2026-03-01T00:00:00+08:00')).toBe(1)
    expect(elapsedDays('2026-03', '2026-05-01T00:00:00+08:00')).toBe(31)
    expect(elapsedDays('2026-03', '2026-02-27T00:00:00+08:00')).toBe(0)
    // 90 × 31 / 365 = 7.64
    expect(proratedTarget(90, '2026-03', '2026-04-10T00:00:00Z')).toBe(7.64)
    expect(proratedTarget(90, '2026', '2026-12-31T23:00:00+08:00')).toBe(90)
  })

  it('adds figures and recomputes the mean score', () => {
    const a = emptyFigures(1)
    a.ratings.count = 2
    a.ratings.scoreSum = 9
    a.visits.byKind = { village: 2 }
    const b = emptyFigures(1)
    b.ratings.count = 1
    b.ratings.scoreSum = 2
    b.visits.byKind = { village: 1, enterprise: 4 } as never
    const s = addFigures(a, b)
    expect(s.cadres).toBe(2)
    expect(s.ratings.meanScore).toBe(3.67)
    expect(s.visits.byKind).toEqual({ village: 3, enterprise: 4 })
  })
})

describe('a cadre’s figures from the kept statistics', () => {
  const vs = {
    _id: 'c_2026', cadreId: 'c', orgId: 'o', orgPath: ['o'], year: 2026, days: 9, daysByMonth: { '2026-01': 4, '2026-02': 3, '2026-04': 2 }, visits: 12,
    visitsByMonth: { '2026-01': 5, '2026-02': 4, '2026-04': 3 }, visitsByKind: { village: 12 }, fieldworkByMonth: {}, fieldworkPending: 0, fieldworkApproved: 0, fieldworkRejected: 0, updatedAt: new Date()
  }
  const svc = (period: string, counts: Record<string, number>) => [period, { _id: `c_${period}`, cadreId: 'c', orgId: 'o', orgPath: ['o'], period, counts, updatedAt: new Date() }] as const
  const service = new Map([
    svc('2026-01', { ratings: 2, 'level.satisfied': 2, scoreSum: 8, 'solved.immediate': 1, demandsRaised: 2 }),
    svc('2026-02', { ratings: 1, 'level.dissatisfied': 1, scoreSum: 2, bad: 1, cases: 1, casesVoided: 1, 'solved.report': 1, finishedLate: 1, 'area.living': 1 }),
    svc('2026', { ratings: 3, 'level.satisfied': 2, 'level.dissatisfied': 1, scoreSum: 10, 'solved.immediate': 1, 'solved.report': 1, finishedLate: 1, demandsRaised: 2 })
  ])
  const x = { visitStats: vs, service: service as unknown as CadreInputs['service'], households: { total: 5, visitedThisYear: 2 }, overdue: 1, daysTarget: 90 } as unknown as CadreInputs
  const now = new Date('2026-04-10T04:00:00Z')

  it('sums the months of a quarter, reads the year document for the year, keys by YYYY-MM', () => {
    const q = cadreFigures('2026-Q1', now, x)
    expect(q.days).toMatchObject({ count: 7, target: 22.19 }) // 90 × 90 / 365
    expect(q.visits).toEqual({ total: 9, byKind: {} })
    expect(q.ratings).toMatchObject({ count: 3, satisfied: 2, scoreSum: 10, meanScore: 3.33, cases: 0, bad: 1 })
    expect(q.demands).toMatchObject({ raised: 2, solved: 2, solvedOnTime: 1, finishedLate: 1, overdue: 1, byArea: { living: 1 } })
    const y = cadreFigures('2026', now, x)
    expect(y.days.count).toBe(9)
    expect(y.visits.byKind).toEqual({ village: 12 })
    const m = cadreFigures('2026-04', now, x)
    expect(m.days).toMatchObject({ count: 2, target: 2.47 }) // 10 days of April: 90 × 10 / 365
    expect(m.fiveMustVisit).toEqual({ households: 5, visited: 2 })
    // Last year's December reads nothing from this year's visit statistics.
    expect(cadreFigures('2025-12', now, x).days.count).toBe(0)
  })
})
