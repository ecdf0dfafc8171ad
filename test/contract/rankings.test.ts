/**
 * 成效排行 and 表彰/通报 through the real wx-server-sdk and the emulator, on a small tree of
 * its own (no demo data): the job's scores match a hand-computed example end to end, it resumes across runs and
 * two overlapping runs give the same result, a county manager sees only their subtree, ranking pages read in
 * index order, lists are drafted from the rules, reviewed, published once, and read by the subtree; bad inputs
 * change nothing.
 *
 * The job's clock is injected with `{ action: 'run', now }` from a server-side SDK call (no OPENID).
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import type { Reply } from '@/types/reply'
import type { MyScore, RankingPage, RunReport } from '@/types/api/rankings'
import type { HonourList } from '@/types/outcomes'
import { wilsonLowerBound } from '@/types/rules/score'
import { satisfactionScoringText } from '@/types/rules/org-rules'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
// Friday 20 March 2026, 12:00 Beijing: March has 20 days so far, the year 79.
const NOW = '2026-03-20T04:00:00Z'

const P = 'rk-p'
const PREF = 'rk-p-a'
const C1 = 'rk-p-a-1'
const C2 = 'rk-p-a-2'
const Q = 'rk-q'
const QC = 'rk-q-a-1'

describe('rankings through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(openid: string, data: unknown) => callAs<T>(emu.url, openid, 'rankings', data)
  const run = async (extra: Record<string, unknown> = {}): Promise<RunReport> => {
    const res = (await cloud.callFunction({ name: 'rankings', data: { action: 'run', now: NOW, ...extra } })) as unknown as { result: Reply<RunReport> }
    return ok(res.result)
  }
  const all = async <T>(name: string): Promise<T[]> => ((await db.collection(name).limit(1000).get()) as unknown as { data: T[] }).data
  const snapshot = async () => {
    const strip = ({ updatedAt: _u, computedAt: _c, cycle: _y, ...rest }: Record<string, unknown>) => rest
    const scores = (await all<Record<string, unknown>>('cadreScores')).map(strip).sort((a, b) => String(a._id).localeCompare(String(b._id)))
    const orgs = (await all<Record<string, unknown>>('orgStats')).map(strip).sort((a, b) => String(a._id).localeCompare(String(b._id)))
    return { scores, orgs }
  }
  const metrics = async () => (await (await fetch(`${emu.url}/__/metrics`)).json()) as { dbOps: number; docsExamined: number; docsReturned: number }

  async function org(_id: string, name: string, system: string, level: string, path: string[]) {
    await db
      .collection('orgs')
      .add({ data: { _id, name, system, level, parentId: path.length > 1 ? path[path.length - 2] : null, path, pathNames: path.map((p) => p) } })
  }
  async function user(_id: string, role: string, orgPath: string[], name = _id) {
    await db.collection('users').add({ data: { _id, openid: `o-${_id}`, name, role, orgId: orgPath[orgPath.length - 1], orgPath, createdAt: new Date(NOW) } })
  }
  const visitStats = (cadreId: string, orgPath: string[], daysByMonth: Record<string, number>) => {
    const days = Object.values(daysByMonth).reduce((s, v) => s + v, 0)
    return db.collection('visitStats').add({
      data: {
        _id: `${cadreId}_2026`,
        cadreId,
        orgId: orgPath[orgPath.length - 1],
        orgPath,
        year: 2026,
        days,
        daysByMonth,
        visits: days,
        visitsByMonth: daysByMonth,
        visitsByKind: { village: days },
        fieldworkByMonth: {},
        fieldworkPending: 0,
        fieldworkApproved: 0,
        fieldworkRejected: 0,
        updatedAt: new Date(NOW)
      }
    })
  }

  const c1Path = [P, PREF, C1]
  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'rankings', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts rankings`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    cloud = loadSdk(emu.url)
    db = cloud.database()
    await org(P, '测试省妇联', 'women', 'province', [P])
    await org(PREF, '测试市妇联', 'women', 'prefecture', [P, PREF])
    await org(C1, '一县妇联', 'women', 'county', [P, PREF, C1])
    await org(C2, '二县妇联', 'women', 'county', [P, PREF, C2])
    await org(Q, '测试省总工会', 'union', 'province', [Q])
    await org('rk-q-a', '测试市总工会', 'union', 'prefecture', [Q, 'rk-q-a'])
    await org(QC, '一县总工会', 'union', 'county', [Q, 'rk-q-a', QC])
    await user('rk-admin', 'admin', [P])
    await user('rk-m1', 'manager', c1Path)
    await user('rk-m2', 'manager', [P, PREF, C2])
    await user('rk-mq', 'manager', [Q, 'rk-q-a', QC])
    await user('rk-c1', 'cadre', c1Path, '甲')
    await user('rk-c2', 'cadre', c1Path, '乙')
    await user('rk-c3', 'cadre', [P, PREF, C2], '丙')
    await user('rk-c4', 'cadre', [Q, 'rk-q-a', QC], '丁')

    // c1: the hand-computed example. 20 days this year, 5 in March; 10 ratings in March (6 非常满意, 3 满意,
    // 1 不满意, followed up: revisited on time and rectified); 4 demands solved, 1 of them late; 1 open past its
    // deadline; 4 五必访 households, 3 visited this year.
    await visitStats('rk-c1', c1Path, { '2026-01': 8, '2026-02': 7, '2026-03': 5 })
    const counts = {
      ratings: 10,
      'level.verySatisfied': 6,
      'level.satisfied': 3,
      'level.dissatisfied': 1,
      scoreSum: 44,
      bad: 1,
      cases: 1,
      revisitOnTime: 1,
      rectified: 1,
      rectifiedOnTime: 1,
      demandsRaised: 6,
      'solved.immediate': 2,
      'solved.coordinate': 2,
      finishedLate: 1
    }
    for (const period of ['2026-03', '2026']) {
      await db
        .collection('serviceStats')
        .add({ data: { _id: `rk-c1_${period}`, cadreId: 'rk-c1', orgId: C1, orgPath: c1Path, period, counts, updatedAt: new Date(NOW) } })
    }
    for (let i = 0; i < 4; i++) {
      await db.collection('households').add({
        data: {
          _id: `rk-h${i}`,
          kind: 'leftBehind',
          displayName: `户${i}`,
          area: '一村',
          cadreId: 'rk-c1',
          orgId: C1,
          orgPath: c1Path,
          lastVisitAt: null,
          visitsYear: i < 3 ? 2026 : 2025,
          visitsInYear: i < 3 ? 1 : 2,
          visited: true,
          createdAt: new Date(NOW)
        }
      })
    }
    await db.collection('demands').add({
      data: {
        _id: 'rk-d1',
        cadreId: 'rk-c1',
        cadreName: '甲',
        orgId: C1,
        orgPath: c1Path,
        area: 'living',
        urgency: 'general',
        text: '路灯坏了',
        contact: null,
        timeline: [],
        supervised: 0,
        source: 'cadre',
        status: 'open',
        active: true,
        deadlineAt: new Date('2026-03-10T00:00:00Z'),
        createdAt: new Date('2026-03-01T00:00:00Z')
      }
    })
    // c2: one demand past its deadline, nothing else. c3: one day in March and 2 ratings, one 满意 (the issue's
    // example: no longer "满意率 50 %, 47.2 分"); c4: 4 ratings, all 满意 (too few to score either).
    await db.collection('demands').add({
      data: {
        _id: 'rk-d2',
        cadreId: 'rk-c2',
        cadreName: '乙',
        orgId: C1,
        orgPath: c1Path,
        area: 'living',
        urgency: 'general',
        text: '下水道堵了',
        contact: null,
        timeline: [],
        supervised: 0,
        source: 'cadre',
        status: 'open',
        active: true,
        deadlineAt: new Date('2026-03-12T00:00:00Z'),
        createdAt: new Date('2026-03-02T00:00:00Z')
      }
    })
    await visitStats('rk-c3', [P, PREF, C2], { '2026-03': 1 })
    await db.collection('serviceStats').add({
      data: {
        _id: 'rk-c3_2026-03',
        cadreId: 'rk-c3',
        orgId: C2,
        orgPath: [P, PREF, C2],
        period: '2026-03',
        counts: { ratings: 2, 'level.satisfied': 1, 'level.basicallySatisfied': 1, scoreSum: 7 },
        updatedAt: new Date(NOW)
      }
    })
    await db.collection('serviceStats').add({
      data: {
        _id: 'rk-c4_2026-03',
        cadreId: 'rk-c4',
        orgId: QC,
        orgPath: [Q, 'rk-q-a', QC],
        period: '2026-03',
        counts: { ratings: 4, 'level.satisfied': 4, scoreSum: 16 },
        updatedAt: new Date(NOW)
      }
    })
  })
  afterAll(() => emu?.stop())

  it('resumes across runs: one batch per run, the checkpoint carries on until the cycle is done', async () => {
    const first = await run({ batchSize: 1, maxBatches: 1, force: true })
    expect(first).toMatchObject({ done: false, stoppedEarly: true, batches: 1, phase: 'scores' })
    let runs = 1
    let last = first
    while (!last.done && runs < 100) {
      last = await run({ batchSize: 1, maxBatches: 3 })
      expect(last.cycle).toBe(first.cycle)
      runs += 1
    }
    expect(last.done).toBe(true)
    expect(runs).toBeGreaterThan(3)
    // A finished cycle: the next run starts the next one.
    const next = await run({ now: '2026-03-20T05:00:00Z', batchSize: 2 })
    expect(next.cycle).not.toBe(first.cycle)
    expect(next.done).toBe(true)
  })

  it('scores match the hand-computed example — outcomes only — with ranks in county, prefecture and province', async () => {
    const mine = ok(await call<MyScore>('o-rk-c1', { action: 'mine', kind: 'month', period: '2026-03' }))
    // satisfaction 9/10 × 40 = 36; demands 3/(4+1) × 30 = 18; 差评 (1+1)/(2×1) × 20 = 20; 五必访 3/4 × 10 = 7.5. The
    // 5 days at the grassroots are shown beside the score, never in it.
    expect(mine.breakdown.map((c) => [c.key, c.points])).toEqual([
      ['satisfaction', 36],
      ['demands', 18],
      ['badReviews', 20],
      ['fiveMustVisit', 7.5]
    ])
    expect(mine.score).toBe(81.5)
    expect(mine.figures.days.count).toBe(5)
    expect(mine.satisfactionRule).toBe('满意度：满 5 条评价才计分，按满意率计')
    expect(mine.tips[0]).toContain('1 件诉求已超过期限')
    // The cadre does not see their rank: the province admin has not switched it on (国办函〔2026〕12号).
    expect(mine).toMatchObject({ rankVisible: false, ranksAt: null, ranks: { county: null, prefecture: null, province: null } })
    // The job's document for the month says the same.
    const stored = (await all<{ _id: string; score: number; scoredShare: number; figures: { days: unknown } }>('cadreScores')).find(
      (d) => d._id === 'rk-c1_2026-03'
    )!
    expect(stored).toMatchObject({ score: 81.5, scoredShare: 0.9 })
    expect(stored.figures.days).toEqual({ count: 5, target: 4.93, capped: 4.93, behind: 0, paused: 0 })

    // c2: one overdue demand and nothing else → 0 (no score for want of a 差评). c3: 2 ratings, 1 满意 → too few to score
    // satisfaction or the absence of 差评; the one day counts for nothing → 0, not "满意率 50 %, 47.2 分".
    const c2 = ok(await call<MyScore>('o-rk-c2', { action: 'mine', kind: 'month', period: '2026-03' }))
    expect(c2.score).toBe(0)
    expect(c2.breakdown[0]).toMatchObject({ ratio: null, points: 0 })
    const c3 = ok(await call<MyScore>('o-rk-c3', { action: 'mine', kind: 'month', period: '2026-03' }))
    expect(c3.score).toBe(0)
    expect(c3.breakdown[0].detail).toBe('本期 2 条评价，不足 5 条，这一项暂不计分')
    // …and, 2 ratings being under 3, the rated cadre sees the count only (raters stay anonymous).
    expect(c3.satisfiedShare).toBeNull()
    expect(c3.figures.ratings).toMatchObject({ count: 2, satisfied: 0, byLevel: {}, meanScore: null })

    // The year: 20 days; the quarter as the month here.
    const year = ok(await call<MyScore>('o-rk-c1', { action: 'mine', kind: 'year', period: '2026' }))
    expect(year.figures.days.count).toBe(20)
    expect(year.score).toBe(81.5)
    expect(year.figures.visits.byKind).toEqual({ village: 20 })
    const quarter = ok(await call<MyScore>('o-rk-c1', { action: 'mine', kind: 'quarter', period: '2026-Q1' }))
    expect(quarter.figures.demands).toMatchObject({ solved: 4, solvedOnTime: 3, overdue: 1 })

    // The manager drills down to the cadre and sees the ranks; the sibling county's manager cannot.
    const managed = ok(await call<MyScore>('o-rk-m1', { action: 'mine', kind: 'month', period: '2026-03', cadreId: 'rk-c1' }))
    expect(managed.score).toBe(81.5)
    expect(managed.ranks).toEqual({
      county: { rank: 1, of: 2, orgName: '一县妇联' },
      prefecture: { rank: 1, of: 3, orgName: '测试市妇联' },
      province: { rank: 1, of: 3, orgName: '测试省妇联' }
    })
    // as of the job's last cycle (the first test's second run)
    expect(managed.ranksAt).toBe('2026-03-20T05:00:00.000Z')
    expect(ok(await call<MyScore>('o-rk-m1', { action: 'mine', kind: 'month', period: '2026-03', cadreId: 'rk-c2' })).ranks.province).toEqual({
      rank: 2,
      of: 3,
      orgName: '测试省妇联'
    })
    expect(await call('o-rk-m2', { action: 'mine', kind: 'month', period: '2026-03', cadreId: 'rk-c1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-rk-c2', { action: 'mine', kind: 'month', period: '2026-03', cadreId: 'rk-c1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-rk-m2', { action: 'mine', kind: 'month', period: '2021-01', cadreId: 'rk-nobody' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('a cadre sees their own rank only where the province admin switched it on', async () => {
    await db.collection('orgRules').add({
      data: {
        _id: `${P}_2026`,
        orgId: P,
        orgPath: [P],
        year: 2026,
        values: { ownRankVisible: true },
        locked: [],
        updatedAt: new Date(NOW),
        updatedBy: 'rk-admin'
      }
    })
    try {
      const mine = ok(await call<MyScore>('o-rk-c1', { action: 'mine', kind: 'month', period: '2026-03' }))
      expect(mine.rankVisible).toBe(true)
      expect(mine.ranks.county).toEqual({ rank: 1, of: 2, orgName: '一县妇联' })
      // The other province has not: its cadre still sees none.
      expect(ok(await call<MyScore>('o-rk-c4', { action: 'mine', kind: 'month', period: '2026-03' })).ranks.province).toBeNull()
      // A county manager may not switch it on; the province admin may.
      const byManager = await callAs(emu.url, 'o-rk-m1', 'orgs', { action: 'setRules', orgId: C1, year: 2026, values: { ownRankVisible: true } })
      expect(byManager).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '「干部本人能否看到自己的排名」只有省活动办可以设置' })
    } finally {
      await db.collection('orgRules').doc(`${P}_2026`).remove()
    }
  })

  it('scores satisfaction by the Wilson bound where the rules say so, and every page says which', async () => {
    const rule = { method: 'wilson', minRatings: 3 } as const
    await db.collection('orgRules').add({
      data: {
        _id: `${P}_2026`,
        orgId: P,
        orgPath: [P],
        year: 2026,
        values: { satisfactionScoring: rule },
        locked: [],
        updatedAt: new Date(NOW),
        updatedBy: 'rk-admin'
      }
    })
    const until = async (now: string) => {
      let r = await run({ force: true, now })
      while (!r.done) r = await run({ now })
    }
    try {
      await until('2026-03-20T04:30:00Z')
      const share = Math.round(wilsonLowerBound(9, 10) * 10000) / 10000
      const mine = ok(await call<MyScore>('o-rk-c1', { action: 'mine', kind: 'month', period: '2026-03' }))
      expect(mine.breakdown[0]).toMatchObject({ ratio: share, points: Math.round(40 * share * 10) / 10 })
      expect(mine.breakdown[0].detail).toContain('按置信下限计')
      expect(mine.satisfactionRule).toBe(`满意度：${satisfactionScoringText(rule)}`)
      const page = ok(await call<RankingPage>('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', view: 'individuals' }))
      expect(page.satisfactionRule).toBe(mine.satisfactionRule)
      expect(page.individuals[0]).toMatchObject({ cadreId: 'rk-c1', score: mine.score, scoredShare: share, satisfiedShare: 0.9 })
      // 2 ratings stay under any minimum.
      expect(ok(await call<MyScore>('o-rk-c3', { action: 'mine', kind: 'month', period: '2026-03' })).breakdown[0].ratio).toBeNull()
    } finally {
      await db.collection('orgRules').doc(`${P}_2026`).remove()
      await until(NOW)
    }
  })

  it('rolls the figures up the tree into orgStats', async () => {
    const stats = await all<{
      _id: string
      cadres: number
      meanScore: number | null
      rank: number | null
      figures: { ratings: { count: number }; days: { count: number } }
    }>('orgStats')
    const of = (id: string) => stats.find((s) => s._id === `${id}_2026-03`)!
    // (81.5 + 0) / 2 = 40.75 → 40.8
    expect(of(C1)).toMatchObject({ cadres: 2, meanScore: 40.8, rank: 1 })
    expect(of(C2)).toMatchObject({ cadres: 1, meanScore: 0, rank: 2 })
    // (81.5 + 0 + 0) / 3 = 27.2
    expect(of(PREF)).toMatchObject({ cadres: 3, meanScore: 27.2, rank: 1 })
    expect(of(P).figures.ratings.count).toBe(12)
    expect(of(P).figures.days.count).toBe(6)
    expect(of(QC)).toMatchObject({ cadres: 1, meanScore: 0 })
  })

  it('a county manager sees exactly their county; units first, drilling down; a page is one indexed read in rank order', async () => {
    // Units by default (国办函〔2026〕12号): a county has none below it.
    const units = ok(await call<RankingPage>('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03' }))
    expect(units).toMatchObject({ view: 'units', units: [], individuals: [] })
    const page = ok(await call<RankingPage>('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', view: 'individuals' }))
    expect(page.individuals.map((c) => [c.cadreId, c.rank, c.score, c.scoredShare])).toEqual([
      ['rk-c1', 1, 81.5, 0.9],
      ['rk-c2', 2, 0, null]
    ])
    expect(page).toMatchObject({ level: 'county', computedAt: new Date(NOW).toISOString(), satisfactionRule: '满意度：满 5 条评价才计分，按满意率计' })
    // Somebody else's county, another system's, or above their own: refused.
    expect(await call('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', orgId: C2, level: 'county' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    // …whatever the view or period — a units view, a period nobody computed, a node that does not exist — and before
    // any ranking is read: the caller and the node, nothing else.
    for (const extra of [
      { view: 'units' },
      { view: 'individuals', period: '2021-01' },
      { view: 'units', period: '2021-01' },
      { kind: 'year', period: '2021' }
    ]) {
      const m0 = await metrics()
      expect(await call('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', orgId: C2, ...extra })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect((await metrics()).dbOps - m0.dbOps).toBe(2)
    }
    expect(await call('o-rk-m1', { action: 'list', kind: 'month', orgId: 'rk-nowhere' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-rk-m2', { action: 'list', kind: 'month', period: '2021-01', view: 'units', orgId: PREF })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call('o-rk-mq', { action: 'list', kind: 'month', period: '2026-03', orgId: C1, level: 'county' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', orgId: PREF, level: 'prefecture' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', view: 'units', orgId: PREF, level: 'prefecture' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call('o-rk-c1', { action: 'list', kind: 'month', period: '2026-03' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // The admin: the province's units, then the prefecture's counties, then a county's cadres, page by page.
    const top = ok(await call<RankingPage>('o-rk-admin', { action: 'list', kind: 'month', period: '2026-03', view: 'units' }))
    expect(top.units.map((u) => [u.orgId, u.rank, u.cadres])).toEqual([[PREF, 1, 3]])
    const counties = ok(await call<RankingPage>('o-rk-admin', { action: 'list', kind: 'month', period: '2026-03', view: 'units', orgId: PREF }))
    expect(counties.units.map((u) => [u.orgId, u.rank, u.meanScore])).toEqual([
      [C1, 1, 40.8],
      [C2, 2, 0]
    ])
    expect(counties.level).toBe('prefecture')
    const first = ok(await call<RankingPage>('o-rk-admin', { action: 'list', kind: 'month', period: '2026-03', view: 'individuals', orgId: PREF, limit: 2 }))
    expect(first.individuals.map((c) => c.cadreId)).toEqual(['rk-c1', 'rk-c2'])
    expect(first.nextCursor).toBeTruthy()
    const before = await metrics()
    const second = ok(
      await call<RankingPage>('o-rk-admin', {
        action: 'list',
        kind: 'month',
        period: '2026-03',
        view: 'individuals',
        orgId: PREF,
        limit: 2,
        cursor: first.nextCursor
      })
    )
    expect(second.individuals.map((c) => [c.cadreId, c.rank])).toEqual([['rk-c3', 3]])
    expect(second.nextCursor).toBeNull()
    const after = await metrics()
    // The caller by openid, the node by _id, then the page: 3 operations, examining about what they return.
    expect(after.dbOps - before.dbOps).toBe(3)
    expect(after.docsExamined - before.docsExamined).toBeLessThanOrEqual(after.docsReturned - before.docsReturned + 1)
  })

  it('two overlapping runs give the same result as one', async () => {
    const one = await snapshot()
    const [a, b] = await Promise.all([run({ now: '2026-03-20T06:00:00Z', batchSize: 1 }), run({ now: '2026-03-20T06:00:00Z', batchSize: 1 })])
    expect(a.cycle).toBe(b.cycle)
    let last = a.done && b.done ? a : await run({ now: '2026-03-20T06:00:00Z' })
    while (!last.done) last = await run({ now: '2026-03-20T06:00:00Z' })
    expect(await snapshot()).toEqual(one)

    // Two runs a moment apart start two cycles: the later one wins the checkpoint, the earlier stops at its
    // first save, and whatever it wrote late is still counted (nobody vanishes from the ranking).
    const [c, d] = await Promise.all([run({ now: '2026-03-20T07:00:00Z', batchSize: 1 }), run({ now: '2026-03-20T07:00:01Z', batchSize: 1 })])
    expect(c.cycle < d.cycle).toBe(true)
    last = d
    while (!last.done) last = await run({ now: '2026-03-20T07:00:01Z' })
    expect(await snapshot()).toEqual(one)
  })

  it('表彰 and 通报: drafted from the rules, reviewed, published once, read by the subtree', async () => {
    const honours = ok(await call<HonourList>('o-rk-m1', { action: 'getList', kind: 'honours', month: '2026-03' }))
    expect(honours).toMatchObject({ status: 'draft', canEdit: true, orgName: '一县妇联' })
    expect(honours.rule).toContain('满意率不低于 90%')
    expect(honours.entries.map((e) => e.cadreId)).toEqual(['rk-c1'])

    const notices = ok(await call<HonourList>('o-rk-m1', { action: 'getList', kind: 'notices', month: '2026-03' }))
    // Outcome failures only: c3, far behind the days pace, is not named; c2 for the overdue demand.
    expect(notices.entries.map((e) => [e.cadreId, e.reasons])).toEqual([
      ['rk-c1', ['1 件诉求超过期限未办结']],
      ['rk-c2', ['1 件诉求超过期限未办结']]
    ])
    expect(notices.rule).not.toMatch(/进度|天数/)

    // Bad inputs change nothing: no reason, unknown entry, unknown list, someone else's list.
    expect(await call('o-rk-m1', { action: 'editEntry', listId: notices.id, cadreId: 'rk-c2', remove: true })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call('o-rk-m1', { action: 'editEntry', listId: notices.id, cadreId: 'rk-c9', remove: true, reason: '已调走' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
    expect(await call('o-rk-m1', { action: 'publish', listId: 'notices_nowhere_2026-03' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await call('o-rk-m2', { action: 'editEntry', listId: notices.id, cadreId: 'rk-c2', remove: true, reason: '已调走' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call('o-rk-m2', { action: 'publish', listId: notices.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-rk-m1', { action: 'list', kind: 'month', period: '2026-13' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call('o-rk-m1', { action: 'list', kind: 'quarter', period: '2026-03' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(ok(await call<HonourList>('o-rk-m1', { action: 'getList', kind: 'notices', month: '2026-03' }))).toEqual(notices)

    const edited = ok(
      await call<HonourList>('o-rk-m1', { action: 'editEntry', listId: notices.id, cadreId: 'rk-c2', remove: true, reason: '病假三个月，已报备' })
    )
    expect(edited.entries[1].removed).toMatchObject({ reason: '病假三个月，已报备', byName: 'rk-m1' })
    // A redrawn draft keeps the removal.
    const redrawn = ok(await call<HonourList>('o-rk-m1', { action: 'getList', kind: 'notices', month: '2026-03', refresh: true }))
    expect(redrawn.entries[1].removed?.reason).toBe('病假三个月，已报备')

    const pub = ok(await call<HonourList>('o-rk-m1', { action: 'publish', listId: notices.id }))
    expect(pub).toMatchObject({ status: 'published', canEdit: false, published: { byName: 'rk-m1' } })
    // Again, even by the admin: nothing changes (who and when stay the first).
    const again = ok(await call<HonourList>('o-rk-admin', { action: 'publish', listId: notices.id }))
    expect(again.published).toEqual(pub.published)
    expect(await call('o-rk-m1', { action: 'editEntry', listId: notices.id, cadreId: 'rk-c2', remove: false })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(ok(await call<HonourList>('o-rk-m1', { action: 'getList', kind: 'notices', month: '2026-03', refresh: true })).status).toBe('published')

    // Everyone in the county reads it — without the entry taken off; the other county does not see it.
    const read = ok(await call<{ items: HonourList[] }>('o-rk-c2', { action: 'published' }))
    expect(read.items.map((l) => l.id)).toEqual([notices.id])
    expect(read.items[0].entries.map((e) => e.cadreId)).toEqual(['rk-c1'])
    expect(ok(await call<{ items: HonourList[] }>('o-rk-c3', { action: 'published' })).items).toEqual([])
    expect(await call('o-nobody', { action: 'published' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('the managers’ monthly summary (reminders) reads their org’s own orgStats of the month', async () => {
    // 2 April, 10:00 Beijing: the sender summarises March for every manager from one document each.
    const res = (await cloud.callFunction({ name: 'reminders', data: { action: 'run', now: '2026-04-02T02:00:00Z', backoffMs: 10 } })) as unknown as {
      result: Reply<unknown>
    }
    ok(res.result)
    const mine = ((await db.collection('reminders').where({ openid: 'o-rk-m1', kind: 'monthlySummary' }).get()) as unknown as { data: { body: string }[] }).data
    // County 1: c1 and c2; 5 visits in March (c1); c2 behind the pace (0 of 19 days), c1 not (20).
    expect(mine.map((r) => r.body)).toEqual(['一县妇联：2 名干部，3月共走访 5 次，1 人下基层天数落后于进度。'])
  })

  it('only the province admin runs the job from the app; a user cannot call the server-side run', async () => {
    expect(await call('o-rk-m1', { action: 'runNow' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-rk-m1', { action: 'run', now: NOW })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-rk-m1', { Type: 'Timer', Time: NOW })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const r = ok(await call<RunReport>('o-rk-admin', { action: 'runNow' }))
    expect(r.batches).toBeGreaterThan(0)
    // The platform's timer (the emulator fires it over HTTP at a given time) runs the job on that clock.
    // Ten minutes after runNow's cycle: nothing to do yet (a new cycle begins at most hourly) …
    const soon = new Date(Math.floor(Date.now() / 1000 + 600) * 1000).toISOString()
    const idle = await fetch(`${emu.url}/__/timers/rankings/computeRankings/fire?at=${encodeURIComponent(soon)}`, { method: 'POST' })
    expect(ok(((await idle.json()) as { result: Reply<RunReport> }).result)).toMatchObject({ cycle: r.cycle, done: true, batches: 0 })
    // … an hour later, the next cycle.
    const at = new Date(Math.floor(Date.now() / 1000 + 3600) * 1000).toISOString()
    const fired = await fetch(`${emu.url}/__/timers/rankings/computeRankings/fire?at=${encodeURIComponent(at)}`, { method: 'POST' })
    expect(fired.status).toBe(200)
    const report = ((await fired.json()) as { result: Reply<RunReport> }).result
    expect(ok(report)).toMatchObject({ cycle: at, done: true })
  })

  it('a removed cadre leaves the current ranking; their past periods stay where they were earned', async () => {
    await db
      .collection('cadreScores')
      .doc('rk-c2_2026-02')
      .set({ data: { cadreId: 'rk-c2', period: '2026-02', cycle: '2026-02-28T00:00:00.000Z' } })
    await db
      .collection('users')
      .doc('rk-c2')
      .update({ data: { active: false, openid: 'former:rk-c2' } })
    const r = await run({ force: true, now: '2026-03-20T08:00:00Z' })
    expect(r.done).toBe(true)
    const page = ok(await call<RankingPage>('o-rk-m1', { action: 'list', kind: 'month', period: '2026-03', view: 'individuals' }))
    expect(page.individuals.map((c) => [c.cadreId, c.rank])).toEqual([['rk-c1', 1]])
    const docs = await all<{ _id: string }>('cadreScores')
    // (the test's clock went back from November: the November cycle's documents are a later cycle's, left alone)
    const ids = docs.map((d) => d._id)
    expect(ids).toContain('rk-c2_2026-02')
    expect(ids).not.toContain('rk-c2_2026-03')
    expect(ids).not.toContain('rk-c2_2026-Q1')
    const county = (await all<{ _id: string; cadres: number }>('orgStats')).find((d) => d._id === `${C1}_2026-03`)
    expect(county?.cadres).toBe(1)
  })
})
