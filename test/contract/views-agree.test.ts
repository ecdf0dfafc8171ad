/**
 * One truth in every view — a property test. fast-check drives random activity through the real wx-server-sdk
 * against the emulator (check-ins inside the fence; 外勤 approved, turned down or confirmed by a resident on the
 * spot; residents' ratings of visits and of answered demands; demands through every path, triaged as urgent by a
 * manager, with extension requests approved or refused; 重办; 五必访 households named on a visit record; 请假 and
 * 蹲点 spans; the province loading a year's holidays, which moves working-day deadlines), runs the rankings job as its timer would, then asserts that every view
 * tells the same figures: the home (visit.progress), the calendar, 我的成效 (rankings.mine), the ranking row, the
 * dashboard's cadre and node (with the node's months adding up to its year), and — after the last run — the
 * exports and the nightly reconciliation (which rebuilds every statistic from the records and must find nothing
 * to repair). Days are also checked against a model of what was done.
 *
 * The activity accumulates across runs (each run checks the state all runs so far produced), so a failing run is
 * reported with its seed and commands, not shrunk:  VIEWS_SEED=123 VIEWS_RUNS=6 npx jest --selectProjects contract views-agree
 */
import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import ExcelJS from 'exceljs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { functionsDir } from '../helpers/harness'
import type { Reply } from '@/types/reply'
import type { Calendar, CheckInResult, Progress } from '@/types/visits'
import type { MyScore, RankingPage, RunReport } from '@/types/api/rankings'
import type { DashboardCadre, DashboardNode } from '@/types/api/dashboard'
import type { ExportJob } from '@/types/exports'
import type { PeriodFigures } from '@/types/outcomes'
import { periodsAt } from '@/types/outcomes'
import { beijingDate } from '@/types/rules/beijing-time'
import { dateOfDay, dayNumber } from '@/types/rules/pace'

const RUNS = Number(process.env.VIEWS_RUNS ?? 4)
const SEED = process.env.VIEWS_SEED ? Number(process.env.VIEWS_SEED) : Date.now() % 2 ** 31
jest.setTimeout(Math.max(240_000, RUNS * 90_000))

// A tree of its own: one province, one prefecture, two counties; two cadres in county A, one in county B.
const P = 'va-p'
const PF = 'va-p-f'
const CA = 'va-p-f-a'
const CB = 'va-p-f-b'
const cadres = [
  { id: 'va-a1', county: CA, lat: 36.62, lng: 101.78 },
  { id: 'va-a2', county: CA, lat: 36.63, lng: 101.79 },
  { id: 'va-b1', county: CB, lat: 36.64, lng: 101.8 }
] as const
const managerOf = { [CA]: 'o-va-ma', [CB]: 'o-va-mb' } as Record<string, string>
const openid = (cadreId: string) => `o-${cadreId}`
const pathOf = (county: string) => [P, PF, county]

type Level = 'verySatisfied' | 'satisfied' | 'basicallySatisfied' | 'dissatisfied' | 'veryDissatisfied'
type Command =
  | { kind: 'checkIn'; cadre: number }
  | { kind: 'fieldwork'; cadre: number; then: 'approve' | 'reject' | 'confirm' | 'wait' }
  | { kind: 'rateVisit'; cadre: number; level: Level }
  | {
      kind: 'demand'
      cadre: number
      path: 'immediate' | 'coordinate' | 'report' | 'invalid' | 'open'
      rate: Level | null
      urgent: boolean
      extend: 'approve' | 'refuse' | null
    }
  | { kind: 'holiday'; ahead: number; length: number }
  | { kind: 'household'; cadre: number }
  | { kind: 'stay'; cadre: number; ago: number; length: number; approve: boolean }
  | { kind: 'leave'; cadre: number; ahead: number; length: number }

const level = fc.constantFrom<Level>('verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied')
const who = fc.integer({ min: 0, max: cadres.length - 1 })
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), cadre: who }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('fieldwork' as const),
      cadre: who,
      then: fc.constantFrom('approve' as const, 'reject' as const, 'confirm' as const, 'wait' as const)
    })
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('rateVisit' as const), cadre: who, level }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('demand' as const),
      cadre: who,
      path: fc.constantFrom('immediate' as const, 'coordinate' as const, 'report' as const, 'invalid' as const, 'open' as const),
      rate: fc.option(level, { nil: null }),
      urgent: fc.boolean(),
      extend: fc.constantFrom('approve' as const, 'refuse' as const, null)
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('holiday' as const), ahead: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 1, max: 3 }) })
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('household' as const), cadre: who }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stay' as const),
      cadre: who,
      ago: fc.integer({ min: 1, max: 25 }),
      length: fc.integer({ min: 2, max: 4 }),
      approve: fc.boolean()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('leave' as const), cadre: who, ahead: fc.integer({ min: 1, max: 60 }), length: fc.integer({ min: 1, max: 10 }) })
  }
)

/** The figures every view must agree on, as one comparable shape. */
const core = (f: PeriodFigures | null | undefined) =>
  f && {
    days: f.days.count,
    visits: f.visits.total,
    raised: f.demands.raised,
    solved: f.demands.solved,
    onTime: f.demands.solvedOnTime,
    overdue: f.demands.overdue,
    ratings: f.ratings.count,
    cases: f.ratings.cases,
    households: f.fiveMustVisit.households,
    visitedHouseholds: f.fiveMustVisit.visited
  }

describe('every view tells the same truth (property)', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  /** What was done that counts a day, per cadre: Beijing dates. */
  const model = new Map<string, Set<string>>(cadres.map((c) => [c.id, new Set<string>()]))
  const log: string[] = []
  /** What the activity amounted to (printed at the end, so a run that did little is seen). */
  const tally = { commands: 0, counted: 0, ratings: 0, demands: 0, stays: 0, extensions: 0, holidays: 0, checks: 0 }

  const ok = <T>(r: Reply<T>, what = ''): T => {
    if (!r.ok) throw new Error(`${what} expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(who: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, who, fn, data)
  const today = () => beijingDate(new Date())
  const fixNear = (c: (typeof cadres)[number], far: boolean) => ({
    lat: c.lat + (far ? 0.03 : 0.0004),
    lng: c.lng,
    accuracy: 20,
    capturedAt: new Date(Date.now() - 1500).toISOString()
  })
  const checkIn = (c: (typeof cadres)[number], far: boolean) =>
    call<CheckInResult>(openid(c.id), 'visit', {
      action: 'checkIn',
      submissionId: randomUUID(),
      pointId: `${c.id}-pt`,
      fix: fixNear(c, far),
      deviceNow: new Date().toISOString(),
      ...(far ? { reason: '草场转场，到新的放牧点走访' } : {})
    })
  const lastVisit = new Map<string, string>()
  const visitScene = async (c: (typeof cadres)[number], visitId: string) =>
    ok(await call<{ scene: string }>(openid(c.id), 'ratings', { action: 'qr', kind: 'visit', targetId: visitId }), 'qr').scene

  /** The holidays the province has loaded for this year so far (each load replaces the year's schedule). */
  const holidays = new Set<string>()

  async function apply(cmd: Command): Promise<void> {
    if (cmd.kind === 'holiday') {
      const year = Number(today().slice(0, 4))
      for (let n = 0; n < cmd.length; n++) holidays.add(dateOfDay(dayNumber(today()) + cmd.ahead + n))
      const dates = [...holidays].filter((d) => d.startsWith(String(year))).sort()
      if (!dates.length) return
      ok(await call('o-va-admin', 'orgs', { action: 'loadHolidays', year, holidays: dates, workdays: [], note: '属性测试' }), 'loadHolidays')
      tally.holidays++
      return
    }
    const c = cadres[cmd.cadre]
    const me = openid(c.id)
    const manager = managerOf[c.county]
    switch (cmd.kind) {
      case 'checkIn': {
        const r = await checkIn(c, false)
        if (r.ok && r.data.visit.status === 'counted') {
          tally.counted++
          model.get(c.id)!.add(r.data.visit.date)
          lastVisit.set(c.id, r.data.visit.id)
        }
        return
      }
      case 'fieldwork': {
        const r = await checkIn(c, true)
        if (!r.ok) return // the month's 外勤 are used up
        const v = r.data.visit
        if (cmd.then === 'approve' || cmd.then === 'reject') {
          const done = await call(manager, 'visit', { action: 'review', visitId: v.id, decision: cmd.then, note: cmd.then === 'reject' ? '理由不充分' : '' })
          if (done.ok && cmd.then === 'approve') {
            model.get(c.id)!.add(v.date)
            tally.counted++
          }
        } else if (cmd.then === 'confirm') {
          const done = await call(`o-va-herder-${randomUUID()}`, 'visit', { action: 'confirm', scene: await visitScene(c, v.id) })
          if (done.ok) {
            model.get(c.id)!.add(v.date)
            tally.counted++
          }
        }
        return
      }
      case 'rateVisit': {
        const visitId = lastVisit.get(c.id)
        if (!visitId) return
        if ((await call(`o-va-rater-${randomUUID()}`, 'ratings', { action: 'rate', scene: await visitScene(c, visitId), level: cmd.level, tags: [] })).ok)
          tally.ratings++
        return
      }
      case 'demand': {
        let d = ok(
          await call<{ id: string; sceneCode: string | null; deadlineAt: string }>(me, 'demands', {
            action: 'create',
            submissionId: randomUUID(),
            area: 'living',
            urgency: 'general',
            text: '属性测试：群众反映的问题'
          }),
          'create'
        )
        tally.demands++
        const step = async (data: Record<string, unknown>, who = me) => (d = ok(await call(who, 'demands', { ...data, demandId: d.id }), String(data.action)))
        // A manager judges it urgent: its deadline becomes the end of today.
        if (cmd.urgent) await step({ action: 'triage', urgency: 'urgent', note: '涉及安全' }, manager)
        if (cmd.path === 'open') return
        // Set aside by a manager: out of every figure, never overdue.
        if (cmd.path === 'invalid') return void (await step({ action: 'invalidate', kind: 'spam', reason: '广告信息' }, manager))
        if (cmd.path === 'immediate') await step({ action: 'resolve', done: '当场解决了' })
        if (cmd.path === 'coordinate') {
          await step({ action: 'coordinate', department: '住建局' })
          // Later than the rules allow: an extension the manager approves or refuses (lateness follows the decision).
          if (cmd.extend) {
            const asked = await call(me, 'demands', {
              action: 'requestExtension',
              demandId: d.id,
              until: dateOfDay(dayNumber(beijingDate(new Date(d.deadlineAt))) + 7),
              reason: '等材料到货'
            })
            if (asked.ok) {
              await step({ action: 'decideExtension', decision: cmd.extend, reason: cmd.extend === 'approve' ? '情况属实' : '应按期办结' }, manager)
              tally.extensions++
            }
          }
          await step({ action: 'finish', result: '住建局已修好' })
        }
        if (cmd.path === 'report') {
          // To the cadre's county, whose manager 签收 and answers: only then is it handled.
          await step({ action: 'report', toOrgId: c.county, reason: '需要县里统筹', explanation: '已向群众说明' })
          await step({ action: 'receiveReport' }, manager)
          await step({ action: 'answerReport', answer: '县里统一安排', outcome: 'answered' }, manager)
        }
        const closed = await call<{ sceneCode: string | null }>(me, 'demands', { action: 'close', demandId: d.id, reply: '已经答复群众' })
        if (closed.ok && cmd.rate && closed.data.sceneCode) {
          if ((await call(`o-va-rater-${randomUUID()}`, 'ratings', { action: 'rate', scene: closed.data.sceneCode, level: cmd.rate, tags: [] })).ok)
            tally.ratings++
          // 重办 after a 不满意 answer: the demand is open again, and raised once.
          if (cmd.rate === 'dissatisfied' || cmd.rate === 'veryDissatisfied')
            await call(manager, 'demands', { action: 'reopen', demandId: d.id, reason: '群众不满意，重新办理' })
        }
        return
      }
      case 'household': {
        const visitId = lastVisit.get(c.id)
        if (!visitId) return
        const h = ok(
          await call<{ id: string }>(me, 'households', { action: 'create', kind: 'leftBehind', displayName: `户${randomUUID().slice(0, 4)}`, area: '一村' }),
          'household'
        )
        await call(me, 'visit', {
          action: 'saveRecord',
          visitId,
          category: 'village',
          method: 'homeVisit',
          peopleMet: { count: 2 },
          needs: '属性测试',
          householdIds: [h.id]
        })
        return
      }
      case 'stay': {
        const to = dateOfDay(dayNumber(today()) - cmd.ago)
        const from = dateOfDay(dayNumber(to) - cmd.length + 1)
        const r = await call<{ id: string }>(me, 'visit', {
          action: 'recordPeriod',
          submissionId: randomUUID(),
          kind: 'stay',
          from,
          to,
          place: '牧区定居点',
          note: ''
        })
        if (!r.ok || !cmd.approve) return
        const done = await call(manager, 'visit', { action: 'reviewPeriod', periodId: r.data.id, decision: 'approve' })
        if (done.ok) {
          tally.stays++
          for (let n = dayNumber(from); n <= dayNumber(to); n++) model.get(c.id)!.add(dateOfDay(n))
        }
        return
      }
      case 'leave': {
        const from = dateOfDay(dayNumber(today()) + cmd.ahead)
        await call(manager, 'visit', {
          action: 'recordPeriod',
          submissionId: randomUUID(),
          cadreId: c.id,
          kind: 'leave',
          from,
          to: dateOfDay(dayNumber(from) + cmd.length - 1),
          note: ''
        })
        return
      }
    }
  }

  async function runJob(): Promise<void> {
    const now = new Date().toISOString()
    for (let i = 0; i < 50; i++) {
      const res = (await cloud.callFunction({ name: 'rankings', data: { action: 'run', now, force: i === 0 }, timeout: 120_000 } as never)) as unknown as {
        result: Reply<RunReport>
      }
      if (ok(res.result, 'job').done) return
    }
    throw new Error('the rankings job did not finish')
  }

  /** Every view of every cadre and county, compared. */
  async function checkViews(): Promise<void> {
    const { month, year } = periodsAt(new Date())
    for (const county of [CA, CB]) {
      const manager = managerOf[county]
      const rows = async (period: string, kind: string) =>
        ok(await call<RankingPage>(manager, 'rankings', { action: 'list', kind, period, view: 'individuals', limit: 50 }), 'list').individuals
      const node = async (period: string) => ok(await call<DashboardNode>(manager, 'dashboard', { action: 'node', period }), 'node')
      const [rowsM, rowsY, nodeM, nodeY] = await Promise.all([rows(month, 'month'), rows(year, 'year'), node(month), node(year)])
      const sums = { days: 0, visits: 0, ratings: 0, solved: 0 }
      for (const c of cadres.filter((x) => x.county === county)) {
        const me = openid(c.id)
        const [home, calM, calY, ownM, mgrM, mgrY, dashM, dashY] = await Promise.all([
          call<Progress>(me, 'visit', { action: 'progress' }).then((r) => ok(r, 'progress')),
          call<Calendar>(me, 'visit', { action: 'calendar', month }).then((r) => ok(r, 'calendar')),
          call<Calendar>(me, 'visit', { action: 'calendar', year: Number(year) }).then((r) => ok(r, 'calendar')),
          call<MyScore>(me, 'rankings', { action: 'mine', kind: 'month', period: month }).then((r) => ok(r, 'mine')),
          call<MyScore>(manager, 'rankings', { action: 'mine', kind: 'month', period: month, cadreId: c.id }).then((r) => ok(r, 'mine')),
          call<MyScore>(manager, 'rankings', { action: 'mine', kind: 'year', period: year, cadreId: c.id }).then((r) => ok(r, 'mine')),
          call<DashboardCadre>(manager, 'dashboard', { action: 'cadre', cadreId: c.id, period: month }).then((r) => ok(r, 'dashboard.cadre')),
          call<DashboardCadre>(manager, 'dashboard', { action: 'cadre', cadreId: c.id, period: year }).then((r) => ok(r, 'dashboard.cadre'))
        ])
        const where = `${c.id} (seed ${SEED}; ${log.join(' | ')})`
        // Days and visits: home, calendar, 我的成效 — and the model of what was done.
        const modelDays = [...model.get(c.id)!]
        expect([where, home.days]).toEqual([where, modelDays.filter((d) => d.startsWith(year)).length])
        expect([where, home.thisMonth.days]).toEqual([where, modelDays.filter((d) => d.startsWith(month)).length])
        expect([where, calY.days.length, calM.days.length, calM.days.reduce((s, d) => s + d.visits, 0)]).toEqual([
          where,
          home.days,
          home.thisMonth.days,
          home.thisMonth.visits
        ])
        expect([where, ownM.figures.days.count, ownM.figures.visits.total]).toEqual([where, home.thisMonth.days, home.thisMonth.visits])
        expect([where, mgrY.figures.days.count]).toEqual([where, home.days])
        // 我的成效 (the cadre's and their manager's), the dashboard's cadre view, the ranking row and the node's row.
        expect([where, core(ownM.figures)?.solved, ownM.score]).toEqual([where, core(mgrM.figures)?.solved, mgrM.score])
        expect([where, core(dashM.figures), dashM.score]).toEqual([where, core(mgrM.figures), mgrM.score])
        expect([where, core(dashY.figures), dashY.score]).toEqual([where, core(mgrY.figures), mgrY.score])
        for (const [list, mine, dash] of [
          [rowsM, mgrM, nodeM],
          [rowsY, mgrY, nodeY]
        ] as const) {
          const row = list.find((r) => r.cadreId === c.id)
          expect([where, row && { score: row.score, days: row.days, ratings: row.ratings, solved: row.demandsSolved }]).toEqual([
            where,
            { score: mine.score, days: mine.figures.days.count, ratings: mine.figures.ratings.count, solved: mine.figures.demands.solved }
          ])
          const child = dash.children.find((x) => x.id === c.id)
          expect([where, child && { days: child.days, visits: child.visits, ratings: child.ratings, solved: child.demandsSolved, score: child.score }]).toEqual(
            [
              where,
              {
                days: mine.figures.days.count,
                visits: mine.figures.visits.total,
                ratings: mine.figures.ratings.count,
                solved: mine.figures.demands.solved,
                score: mine.score
              }
            ]
          )
        }
        // A year's month is the month.
        expect([where, mgrY.figures.months?.[month]]).toEqual([
          where,
          {
            visits: mgrM.figures.visits.total,
            days: mgrM.figures.days.count,
            demandsRaised: mgrM.figures.demands.raised,
            demandsSolved: mgrM.figures.demands.solved,
            ratings: mgrM.figures.ratings.count,
            satisfied: mgrM.figures.ratings.satisfied
          }
        ])
        sums.days += mgrM.figures.days.count
        sums.visits += mgrM.figures.visits.total
        sums.ratings += mgrM.figures.ratings.count
        sums.solved += mgrM.figures.demands.solved
      }
      // The county's tiles are its cadres' sums; the year's months add up to the year.
      const f = nodeM.figures!
      expect([county, f.days.count, f.visits.total, f.ratings.count, f.demands.solved]).toEqual([county, sums.days, sums.visits, sums.ratings, sums.solved])
      const y = nodeY.figures!
      const trend = (k: 'visits' | 'days' | 'ratings' | 'demandsSolved' | 'demandsRaised') => nodeY.trend.reduce((s, t) => s + t[k], 0)
      expect([county, trend('visits'), trend('days'), trend('ratings'), trend('demandsSolved'), trend('demandsRaised')]).toEqual([
        county,
        y.visits.total,
        y.days.count,
        y.ratings.count,
        y.demands.solved,
        y.demands.raised
      ])
      expect(nodeY.trend.find((t) => t.month === month)).toMatchObject({ visits: f.visits.total, days: f.days.count, ratings: f.ratings.count })
    }
  }

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    cloud = loadSdk(emu.url)
    db = cloud.database()
    const org = (_id: string, name: string, level: string, path: string[]) =>
      db.collection('orgs').add({
        data: { _id, name, system: 'women', level, parentId: path.length > 1 ? path[path.length - 2] : null, path, pathNames: path.map((p) => `${p}名`) }
      })
    await org(P, '属性省妇联', 'province', [P])
    await org(PF, '属性市妇联', 'prefecture', [P, PF])
    await org(CA, '甲县妇联', 'county', pathOf(CA))
    await org(CB, '乙县妇联', 'county', pathOf(CB))
    const user = (_id: string, oid: string, role: string, orgPath: string[]) =>
      db.collection('users').add({ data: { _id, openid: oid, name: _id, role, orgId: orgPath[orgPath.length - 1], orgPath, createdAt: new Date() } })
    await user('va-admin', 'o-va-admin', 'admin', [P])
    await user('va-ma', managerOf[CA], 'manager', pathOf(CA))
    await user('va-mb', managerOf[CB], 'manager', pathOf(CB))
    for (const c of cadres) {
      await user(c.id, openid(c.id), 'cadre', pathOf(c.county))
      await db.collection('liaisonPoints').add({
        data: {
          _id: `${c.id}-pt`,
          name: `${c.id} 的联系点`,
          kind: 'village',
          address: '一村',
          location: { lat: c.lat, lng: c.lng },
          radiusM: 500,
          orgId: c.county,
          cadreId: c.id,
          createdAt: new Date()
        }
      })
    }
  })
  afterAll(async () => {
    await emu?.stop()
    console.log(
      `views agree: seed ${SEED}, ${tally.checks} checks after ${tally.commands} commands — ${tally.counted} visits counted, ${tally.ratings} ratings, ${tally.demands} demands, ${tally.extensions} extensions decided, ${tally.holidays} holiday schedules loaded, ${tally.stays} stays approved`
    )
  })

  it('home, calendar, 我的成效, ranking rows and dashboards agree after any activity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 10 }), async (cmds) => {
        for (const cmd of cmds) {
          log.push(JSON.stringify(cmd))
          tally.commands++
          await apply(cmd)
        }
        await runJob()
        await checkViews()
        tally.checks++
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true }
    )
  })

  it('the exports say what the ranking rows say, and the reconciliation finds nothing to repair', async () => {
    await runJob()
    const { month, year } = periodsAt(new Date())
    const sheet = async (manager: string, kind: string, period: string) => {
      let job = ok(await call<ExportJob>(manager, 'exports', { action: 'start', jobId: randomUUID(), kind, period }), 'export')
      while (job.status === 'running') job = ok(await call<ExportJob>(manager, 'exports', { action: 'continue', jobId: job.jobId }), 'continue')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(Buffer.from(await (await fetch(job.url!)).arrayBuffer()) as unknown as ArrayBuffer)
      const ws = wb.worksheets[0]
      const header = (ws.getRow(1).values as unknown[]).slice(1).map(String)
      const out: Record<string, unknown>[] = []
      ws.eachRow((row, n) => n > 1 && out.push(Object.fromEntries(header.map((h, i) => [h, (row.values as unknown[]).slice(1)[i] ?? null]))))
      return out
    }
    for (const county of [CA, CB]) {
      const manager = managerOf[county]
      const rows = ok(
        await call<RankingPage>(manager, 'rankings', { action: 'list', kind: 'month', period: month, view: 'individuals', limit: 50 }),
        'list'
      ).individuals
      const exported = await sheet(manager, 'rankings', month)
      expect(exported.map((r) => [r['干部'], r['综合得分'], r['群众评价（条）'], r['下基层天数（进度，不计分）']])).toEqual(
        rows.map((r) => [r.cadreName, r.score, r.ratings, r.days])
      )
      const node = ok(await call<DashboardNode>(manager, 'dashboard', { action: 'node', period: year }), 'node')
      // The ledger lists entries set aside too, marked 无效; the figures count the rest.
      const ledger = await sheet(manager, 'demands', year)
      expect(ledger.filter((r) => r['状态'] !== '无效').length).toBe(node.figures!.demands.raised)
    }
    const res = (await cloud.callFunction({ name: 'reconcile', data: { action: 'run', fresh: true }, timeout: 120_000 } as never)) as unknown as {
      result: Reply<{ report: { drift: unknown[]; pass: { done: boolean } } }>
    }
    expect(ok(res.result, 'reconcile').report).toMatchObject({ drift: [], pass: { done: true } })
  })
})
