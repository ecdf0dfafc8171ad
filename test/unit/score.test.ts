import {
  ANONYMITY_MIN_RATINGS,
  computeScore,
  cadreSortKey,
  compareBySortKey,
  honourEligible,
  noticeReasons,
  pickHonours,
  scoreTips,
  scoredSatisfaction,
  unitSortKey,
  wilsonLowerBound,
  type ScoreRules
} from '@/types/rules/score'
import {
  addFigures,
  elapsedDays,
  emptyFigures,
  monthIdsOf,
  monthsOf,
  periodKind,
  periodRange,
  periodsAt,
  previousMonth,
  proratedTarget,
  type PeriodFigures
} from '@/types/outcomes'
import { defaultOrgRules, OrgRules } from '@/types/org-rules'
// pure: only type imports of the stored documents
import { cadreFigures, type CadreInputs } from '@/cloudfunctions/_lib/cadre-figures'

// 40 / 30 / 20 / 10; satisfaction scored from 5 ratings, as the plain share
const rules: ScoreRules = defaultOrgRules
const wilson: ScoreRules = { ...defaultOrgRules, satisfactionScoring: { method: 'wilson', minRatings: 3 } }

function example(): PeriodFigures {
  const f = emptyFigures(1)
  f.ratings = { ...f.ratings, count: 10, satisfied: 8, scoreSum: 41, cases: 2, revisitOnTime: 2, rectified: 1 }
  f.demands = { ...f.demands, raised: 6, solved: 4, solvedOnTime: 3, finishedLate: 1, overdue: 1 }
  f.fiveMustVisit = { households: 4, visited: 3 }
  f.days = { count: 20, target: 15, capped: 15 }
  return f
}

describe('score rule', () => {
  it('matches the hand-computed example, component by component — and days are no part of it', () => {
    // satisfaction 8/10 × 40 = 32; demands 3/(4+1) × 30 = 18; 差评 (2+1)/(2×2) × 20 = 15; 五必访 3/4 × 10 = 7.5.
    const s = computeScore(example(), rules)
    expect(s.breakdown.map((c) => [c.key, c.points])).toEqual([
      ['satisfaction', 32],
      ['demands', 18],
      ['badReviews', 15],
      ['fiveMustVisit', 7.5]
    ])
    expect(s.score).toBe(72.5)
    expect(s.breakdown.every((c) => c.effectiveWeight === c.weight)).toBe(true)
    // More days, fewer days: the same score (国办函〔2026〕12号: no 打卡 counts as assessment).
    for (const count of [0, 6, 200]) expect(computeScore({ ...example(), days: { count, target: 15, capped: Math.min(count, 15) } }, rules).score).toBe(72.5)
  })

  it('leaves out a component without data and scales the others to 100, stated plainly', () => {
    const f = example()
    f.ratings = { ...emptyFigures().ratings, cases: 2, revisitOnTime: 2, rectified: 1 }
    // 60 points of weight left: demands 0.6 × 30/60 × 100 = 30; 差评 0.75 × 20/60 = 25; 五必访 0.75 × 10/60 = 12.5
    const s = computeScore(f, rules)
    const sat = s.breakdown[0]
    expect(sat).toMatchObject({ ratio: null, points: 0, effectiveWeight: 0 })
    expect(sat.detail).toContain('不计分')
    expect(s.breakdown.map((c) => c.points)).toEqual([0, 30, 25, 12.5])
    expect(s.score).toBe(67.5)
  })

  it('no 差评 among enough ratings is full marks; with too few ratings, or none, nothing is scored for it', () => {
    const f = example()
    f.ratings.cases = 0
    f.ratings.revisitOnTime = 0
    f.ratings.rectified = 0
    expect(computeScore(f, rules).breakdown[2]).toMatchObject({ ratio: 1, points: 20 })
    f.ratings.count = 4
    expect(computeScore(f, rules).breakdown[2]).toMatchObject({ ratio: null, points: 0 })
    // An empty record scores 0 — not a full score for want of a 差评 — and no tip says "more days".
    const empty = emptyFigures(1)
    empty.days.target = 3
    const s = computeScore(empty, rules)
    expect(s.score).toBe(0)
    expect(s.breakdown.every((c) => c.ratio === null)).toBe(true)
    expect(scoreTips(empty, s, rules).join('')).not.toMatch(/下沉|天数/)
  })

  it('small samples are not scored as if certain: the issue’s 2-rating cadre no longer ranks on 50 %', () => {
    const two = example()
    two.ratings = { ...two.ratings, count: 2, satisfied: 1 }
    const four = example()
    four.ratings = { ...four.ratings, count: 4, satisfied: 4 }
    // minRatings 5: neither enters the score, and the page says why
    for (const f of [two, four]) {
      const sat = computeScore(f, rules).breakdown[0]
      expect(sat.ratio).toBeNull()
      expect(sat.detail).toMatch(/不足 5 条，这一项暂不计分/)
    }
    expect(computeScore(two, rules).score).toBe(computeScore(four, rules).score)
    // Wilson: 4 of 4 counts as about 51 %, the 2-rating cadre stays out (under 3 ratings is never scored)
    expect(scoredSatisfaction(4, 4, wilson.satisfactionScoring)).toBeCloseTo(0.5101, 3)
    expect(scoredSatisfaction(1, 2, wilson.satisfactionScoring)).toBeNull()
    expect(computeScore(four, wilson).breakdown[0].detail).toContain('按置信下限计 51%')
    expect(wilsonLowerBound(95, 100)).toBeCloseTo(0.888, 2)
    expect(wilsonLowerBound(19, 20)).toBeCloseTo(0.7639, 3)
    expect(wilsonLowerBound(0, 0)).toBe(0)
    // More ratings at the same share weigh more under Wilson; the plain share does not care.
    expect(scoredSatisfaction(9, 10, wilson.satisfactionScoring)!).toBeLessThan(scoredSatisfaction(90, 100, wilson.satisfactionScoring)!)
    expect(scoredSatisfaction(9, 10, rules.satisfactionScoring)).toBe(scoredSatisfaction(90, 100, rules.satisfactionScoring))
  })

  it('never scores fewer than 3 ratings, whatever the rule says (the rated cadre would learn a rater’s verdict)', () => {
    expect(OrgRules.shape.satisfactionScoring.safeParse({ method: 'minRatings', minRatings: 2 }).success).toBe(false)
    expect(scoredSatisfaction(2, 2, { method: 'minRatings', minRatings: 1 } as never)).toBeNull()
    expect(scoredSatisfaction(3, 3, { method: 'minRatings', minRatings: 1 } as never)).toBe(1)
    expect(ANONYMITY_MIN_RATINGS).toBe(3)
  })

  it('ties break by scored satisfaction, then demands solved, then id', () => {
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

  it('tips name the weakest outcomes concretely, never "more days"', () => {
    const f = example()
    const tips = scoreTips(f, computeScore(f, rules), rules)
    // lost: demands 12, satisfaction 8, 差评 5, 五必访 2.5
    expect(tips[0]).toContain('1 件诉求已超过期限')
    expect(tips[1]).toContain('自愿评价')
    expect(tips[2]).toContain('1 件差评还没整改完成')
    expect(tips.length).toBeLessThanOrEqual(3)
    const none = emptyFigures(1)
    none.demands = { ...none.demands, solved: 1, solvedOnTime: 1 }
    expect(scoreTips(none, computeScore(none, rules), rules)[0]).toContain('满 5 条评价后满意度才计分')
  })

  it('表彰 needs satisfaction over enough ratings; 通报 names outcome failures only, never the days pace', () => {
    const rule = defaultOrgRules.honours
    const list = [
      { cadreId: 'a', score: 95, satisfiedShare: 1, ratings: 2 },
      { cadreId: 'b', score: 90, satisfiedShare: 0.95, ratings: 6 },
      { cadreId: 'c', score: 85, satisfiedShare: 0.5, ratings: 9 },
      { cadreId: 'd', score: 80, satisfiedShare: 0.9, ratings: 5 }
    ]
    expect(honourEligible(list[0], rule)).toBe(false)
    expect(pickHonours(list, { ...rule, topN: 1 }).map((c) => c.cadreId)).toEqual(['b'])
    expect(pickHonours(list, rule).map((c) => c.cadreId)).toEqual(['b', 'd'])
    const n = defaultOrgRules.notices
    expect(Object.keys(n)).toEqual(['overdueDemands', 'unfollowedBadReviews'])
    expect(noticeReasons({ overdue: 0, cases: 1, revisited: 1 }, n)).toEqual([])
    expect(noticeReasons({ overdue: 2, cases: 2, revisited: 1 }, n).map((r) => r.reason)).toEqual(['overdueDemands', 'unfollowedBadReviews'])
    // A figure that used to name people (far behind the days pace) names nobody now.
    expect(noticeReasons({ pace: { expected: 60, actual: 2 }, overdue: 0, cases: 0, revisited: 0 } as never, n)).toEqual([])
  })

  it('score weights have no days component and add up to 100', () => {
    expect(Object.keys(defaultOrgRules.scoreWeights)).toEqual(['satisfaction', 'demands', 'badReviews', 'fiveMustVisit'])
    expect(OrgRules.shape.scoreWeights.safeParse({ satisfaction: 35, demands: 25, badReviews: 15, fiveMustVisit: 10 }).success).toBe(false)
    // An old rule document that still carries a days weight scores the four outcomes, rescaled to 100.
    const old = { ...rules, scoreWeights: { satisfaction: 35, demands: 25, badReviews: 15, fiveMustVisit: 10, days: 15 } as never }
    expect(computeScore(example(), old).breakdown.reduce((sum, c) => sum + c.effectiveWeight, 0)).toBeCloseTo(100, 0)
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
    _id: 'c_2026',
    cadreId: 'c',
    orgId: 'o',
    orgPath: ['o'],
    year: 2026,
    days: 9,
    daysByMonth: { '2026-01': 4, '2026-02': 3, '2026-04': 2 },
    visits: 12,
    visitsByMonth: { '2026-01': 5, '2026-02': 4, '2026-04': 3 },
    visitsByKind: { village: 12 },
    fieldworkByMonth: {},
    fieldworkPending: 0,
    fieldworkApproved: 0,
    fieldworkRejected: 0,
    updatedAt: new Date()
  }
  const svc = (period: string, counts: Record<string, number>) =>
    [period, { _id: `c_${period}`, cadreId: 'c', orgId: 'o', orgPath: ['o'], period, counts, updatedAt: new Date() }] as const
  const service = new Map([
    svc('2026-01', { ratings: 2, 'level.satisfied': 2, scoreSum: 8, 'solved.immediate': 1, demandsRaised: 2 }),
    svc('2026-02', {
      ratings: 1,
      'level.dissatisfied': 1,
      scoreSum: 2,
      bad: 1,
      cases: 1,
      casesVoided: 1,
      'solved.report': 1,
      finishedLate: 1,
      'area.living': 1
    }),
    // A year document that disagrees with its months is not read: every period is the sum of its months.
    svc('2026', { ratings: 99 })
  ])
  const x: CadreInputs = {
    visitStats: vs,
    service: service as unknown as CadreInputs['service'],
    households: { total: 5, visitedThisYear: 2 },
    overdue: 1,
    daysTarget: 90,
    pauses: []
  }
  const now = new Date('2026-04-10T04:00:00Z')

  it('sums the months of a quarter and of the year, keys by YYYY-MM', () => {
    const q = cadreFigures('2026-Q1', now, x)
    expect(q.days).toMatchObject({ count: 7, target: 22.19, paused: 0 }) // 90 × 90 / 365
    expect(q.visits).toEqual({ total: 9, byKind: {} })
    expect(q.ratings).toMatchObject({ count: 3, satisfied: 2, scoreSum: 10, meanScore: 3.33, cases: 0, bad: 1 })
    expect(q.demands).toMatchObject({ raised: 2, solved: 2, solvedOnTime: 1, finishedLate: 1, overdue: 1, byArea: { living: 1 } })
    expect(q.months).toBeUndefined()
    const y = cadreFigures('2026', now, x)
    expect(y.days.count).toBe(9)
    expect(y.ratings.count).toBe(3)
    expect(y.visits.byKind).toEqual({ village: 12 })
    const m = cadreFigures('2026-04', now, x)
    expect(m.days).toMatchObject({ count: 2, target: 2.47 }) // 10 days of April: 90 × 10 / 365
    expect(m.fiveMustVisit).toEqual({ households: 5, visited: 2 })
    // Last year's December reads nothing from this year's visit statistics.
    expect(cadreFigures('2025-12', now, x).days.count).toBe(0)
  })

  it('a year carries its months, and they add up to the year', () => {
    const y = cadreFigures('2026', now, x)
    const months = Object.values(y.months!)
    expect(Object.keys(y.months!)).toEqual(monthIdsOf('2026'))
    const sum = (k: keyof (typeof months)[number]) => months.reduce((s, m) => s + m[k], 0)
    expect(sum('visits')).toBe(y.visits.total)
    expect(sum('days')).toBe(y.days.count)
    expect(sum('ratings')).toBe(y.ratings.count)
    expect(sum('satisfied')).toBe(y.ratings.satisfied)
    expect(sum('demandsRaised')).toBe(y.demands.raised)
    expect(sum('demandsSolved')).toBe(y.demands.solved)
  })

  it('请假/培训/抽调 shrink the pace target of the period and say how many days were paused', () => {
    const paused = { ...x, pauses: [{ from: '2026-04-01', to: '2026-04-05' }] }
    expect(cadreFigures('2026-04', now, paused).days).toMatchObject({ target: 1.23, paused: 5 }) // 5 of 10 days left: 90 × 5 / 365
    expect(cadreFigures('2026-Q1', now, paused).days).toMatchObject({ target: 22.19, paused: 0 })
  })
})
