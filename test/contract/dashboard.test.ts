/**
 * 数据看板 (issue 5, item 5) through the real wx-server-sdk: a manager's node, its 12-month trend, its child
 * units and cadres, drill-down to a unit and to a cadre, each from orgStats / cadreScores documents (written
 * here through the SDK, as the rankings job writes them) by a few indexed reads; nothing outside the subtree.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '../../scripts/seed'
import { buildDemoData, demoAccounts } from '../../scripts/seed/demo-data'
import type { Reply } from '../../types/reply'
import type { DashboardCadre, DashboardNode } from '../../types/api/dashboard'
import { cadreScoreId, emptyFigures, orgStatsId, periodOf, periodKind, type PeriodFigures } from '../../types/outcomes'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(60_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const owner = demo.users.find((u) => u.openid === demoAccounts.cadre)!
const county = demo.orgs.find((o) => o._id === owner.orgId)!
const prefecture = demo.orgs.find((o) => o._id === county.parentId)!
const peer = demo.users.find((u) => u.openid === 'demo-women-xining-chengdong-cadre-2')!

const figures = (visits: number, cadres = 1): PeriodFigures => {
  const f = emptyFigures(cadres)
  f.visits.total = visits
  f.days.count = Math.ceil(visits / 2)
  f.demands.raised = 3
  f.demands.solved = 2
  f.demands.solvedByPath.immediate = 2
  f.ratings.count = 4
  f.ratings.satisfied = 3
  f.ratings.byLevel = { satisfied: 3, dissatisfied: 1 }
  return f
}

describe('dashboard through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const month = periodOf('month', new Date())
  const quarter = periodOf('quarter', new Date())

  const node = (openid: string, data: Record<string, unknown> = {}) => callAs<DashboardNode>(emu.url, openid, 'dashboard', { action: 'node', ...data })
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const orgStats = (org: typeof county, period: string, f: PeriodFigures, sortKey = '0') => {
    const _id = orgStatsId(org._id, period)
    return db.collection('orgStats').doc(_id).set({
      data: { orgId: org._id, orgName: org.name, parentId: org.parentId, orgPath: org.path, system: org.system, level: org.level, period, periodKind: periodKind(period), figures: f, meanScore: 70, cadres: f.cadres, satisfiedShare: 0.75, sortKey, rank: 1, updatedAt: new Date() }
    })
  }
  const cadreScore = (u: typeof owner, period: string, f: PeriodFigures, score: number) =>
    db.collection('cadreScores').doc(cadreScoreId(u._id, period)).set({
      data: {
        cadreId: u._id, cadreName: u.name, orgId: u.orgId, orgName: county.name, orgPath: u.orgPath, system: 'women', period, periodKind: periodKind(period),
        scope: { county: county._id, prefecture: prefecture._id, province: prefecture.parentId }, figures: f, score, satisfiedShare: 0.75, breakdown: [],
        sortKey: String(1000 - score), ranks: { county: 1, prefecture: 1, province: 1 }, computedAt: new Date(), updatedAt: new Date()
      }
    })

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'dashboard', 'index.js'))) throw new Error('build/cloudfunctions/dashboard is missing: run `npx tsx scripts/build-functions.ts dashboard`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
    await orgStats(county, month, figures(20, 2))
    await orgStats(county, quarter, figures(50, 2))
    await orgStats(prefecture, month, figures(60, 8))
    const earlier = `${Number(month.slice(0, 4)) - (month.endsWith('-01') ? 1 : 0)}-${month.endsWith('-01') ? '12' : String(Number(month.slice(5)) - 1).padStart(2, '0')}`
    await orgStats(county, earlier, figures(8, 2))
    await cadreScore(owner, month, figures(12), 81)
    await cadreScore(peer, month, figures(8), 64)
    await cadreScore(owner, earlier, figures(6), 70)
  })
  afterAll(() => emu?.stop())

  it('a county manager sees their county: figures, a 12-month trend, their cadres best first; in a few indexed reads', async () => {
    const d = ok(await node(demoAccounts.countyManager))
    expect(d).toMatchObject({ kind: 'month', period: month, org: { id: county._id, name: county.name, level: 'county' }, satisfiedShare: 0.75 })
    expect(d.figures?.visits.total).toBe(20)
    expect(d.trend).toHaveLength(12)
    expect(d.trend[11]).toMatchObject({ month, visits: 20, days: 10, demandsSolved: 2, ratings: 4, satisfiedShare: 0.75 })
    expect(d.trend[10].visits).toBe(8)
    expect(d.trend[0]).toMatchObject({ visits: 0, satisfiedShare: null })
    expect(d.children.map((c) => [c.kind, c.id, c.visits, c.score])).toEqual([
      ['cadre', owner._id, 12, 81],
      ['cadre', peer._id, 8, 64]
    ])
    const { invocations } = (await (await fetch(`${emu.url}/__/invocations?limit=5`)).json()) as { invocations: { fn: string; action: string | null; meter: { dbOps: number; docsExamined: number } }[] }
    const meter = invocations.find((i) => i.fn === 'dashboard' && i.action === 'node')!.meter
    // The caller, the org, the node's 13 ids in one read, the child units, the cadres.
    expect(meter.dbOps).toBeLessThanOrEqual(5)
    expect(meter.docsExamined).toBeLessThanOrEqual(10)
  })

  it('the quarter and the year switch the period; a period not computed yet is empty, not an error', async () => {
    const q = ok(await node(demoAccounts.countyManager, { kind: 'quarter' }))
    expect(q).toMatchObject({ kind: 'quarter', period: quarter })
    expect(q.figures?.visits.total).toBe(50)
    const y = ok(await node(demoAccounts.countyManager, { period: '2025' }))
    expect(y).toMatchObject({ kind: 'year', period: '2025', figures: null, satisfiedShare: null, children: [] })
    expect(y.trend.map((t) => t.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`))
  })

  it('a prefecture manager drills down: their node lists the county; the county lists its cadres; then a cadre', async () => {
    const p = ok(await node(demoAccounts.prefectureManager))
    expect(p.children.map((c) => [c.kind, c.id, c.cadres])).toEqual([['unit', county._id, 2]])
    const c = ok(await node(demoAccounts.prefectureManager, { orgId: county._id }))
    expect(c.trail.map((t) => t.id)).toEqual([prefecture._id, county._id])
    expect(c.children.map((x) => x.id)).toEqual([owner._id, peer._id])
    const one = ok(await callAs<DashboardCadre>(emu.url, demoAccounts.prefectureManager, 'dashboard', { action: 'cadre', cadreId: owner._id }))
    expect(one).toMatchObject({ cadre: { id: owner._id, name: owner.name, orgName: county.name }, score: 81, period: month })
    expect(one.figures?.visits.total).toBe(12)
    expect(one.trend[10].visits).toBe(6)
  })

  it('nothing outside the subtree: sibling county, another system, cadres and residents are refused', async () => {
    expect(await node('demo-women-xining-chengzhong-manager', { orgId: county._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node('demo-union-xining-chengdong-manager', { orgId: county._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node(demoAccounts.countyManager, { orgId: prefecture._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node(owner.openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node('o-dashboard-resident')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await callAs(emu.url, 'demo-women-xining-chengzhong-manager', 'dashboard', { action: 'cadre', cadreId: owner._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node(demoAccounts.countyManager, { orgId: 'org-nowhere' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await node(demoAccounts.countyManager, { period: '2026-13' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })
})
