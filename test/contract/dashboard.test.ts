/**
 * 数据看板 through the real wx-server-sdk, on the demo data with the rankings job run over it (its clock pinned to
 * 2 December 2026, the day the figures were found to disagree): a node's year tiles and its 12-month trend come
 * from the same counters and add up; the year before is computed once so a January's trend has its earlier months;
 * drill-down to a unit and to a cadre (live, the numbers 我的成效 shows); figures from the job say when they were
 * computed, and catch up with a check-in at the next run; nothing outside the subtree, refused before reading.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { DashboardCadre, DashboardNode } from '@/types/api/dashboard'
import type { MyScore, RunReport } from '@/types/api/rankings'
import type { Progress } from '@/types/visits'
import { periodOf } from '@/types/outcomes'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(60_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const owner = demo.users.find((u) => u.openid === demoAccounts.cadre)!
const county = demo.orgs.find((o) => o._id === owner.orgId)!
const prefecture = demo.orgs.find((o) => o._id === county.parentId)!
const point = demo.liaisonPoints.find((p) => p.cadreId === owner._id)!
// The demo cadre's counted visits of 2026: 12 visits on 11 days, March to November.
const ownVisits = demo.visits.filter((v) => v.cadreId === owner._id && v.status === 'counted')
const JOB_NOW = '2026-12-02T04:00:00Z'

describe('dashboard through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>

  const node = (openid: string, data: Record<string, unknown> = {}) => callAs<DashboardNode>(emu.url, openid, 'dashboard', { action: 'node', ...data })
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const runJob = async (now: string) => {
    for (let i = 0; i < 50; i++) {
      const res = (await cloud.callFunction({ name: 'rankings', data: { action: 'run', now, force: i === 0 }, timeout: 120_000 } as never)) as unknown as {
        result: Reply<RunReport>
      }
      if (ok(res.result).done) return
    }
    throw new Error('the rankings job did not finish')
  }
  const meterOf = async (fn: string, action: string) => {
    const { invocations } = (await (await fetch(`${emu.url}/__/invocations?limit=10`)).json()) as {
      invocations: { fn: string; action: string | null; meter: { dbOps: number; docsExamined: number } }[]
    }
    return invocations.find((i) => i.fn === fn && i.action === action)!.meter
  }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'dashboard', 'index.js')))
      throw new Error('build/cloudfunctions/dashboard is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
    await runJob(JOB_NOW)
  })
  afterAll(() => emu?.stop())

  it('the year tiles and the 12-month trend agree: the months add up to the year, March to November included', async () => {
    const y = ok(await node(demoAccounts.countyManager, { period: '2026' }))
    expect(y).toMatchObject({ kind: 'year', period: '2026', org: { id: county._id, level: 'county' }, computedAt: new Date(JOB_NOW).toISOString() })
    expect(y.figures?.visits.total).toBe(ownVisits.length)
    expect(y.figures?.days.count).toBe(new Set(ownVisits.map((v) => v.date)).size)
    expect(y.trend.map((t) => t.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`))
    const byMonth = (m: string) => ownVisits.filter((v) => v.month === m).length
    expect(y.trend.map((t) => t.visits)).toEqual(y.trend.map((t) => byMonth(t.month)))
    for (const k of ['visits', 'days', 'demandsRaised', 'demandsSolved', 'ratings'] as const) {
      const tile = {
        visits: y.figures!.visits.total,
        days: y.figures!.days.count,
        demandsRaised: y.figures!.demands.raised,
        demandsSolved: y.figures!.demands.solved,
        ratings: y.figures!.ratings.count
      }[k]
      expect([k, y.trend.reduce((s, t) => s + t[k], 0)]).toEqual([k, tile])
    }
    // A month of the year: its tiles are the trend's point for it; the trend is read from the year's document.
    const m = ok(await node(demoAccounts.countyManager, { period: '2026-11' }))
    expect(m.figures?.visits.total).toBe(byMonth('2026-11'))
    expect(m.trend[11]).toMatchObject({ month: '2026-11', visits: byMonth('2026-11') })
    const meter = await meterOf('dashboard', 'node')
    // The caller, the org, the period's and the years' documents in one read, the child units, the cadres.
    expect(meter.dbOps).toBeLessThanOrEqual(5)
  })

  it('the year before is computed once, so a January’s trend reaches back; later cycles leave it be', async () => {
    const jan = ok(await node(demoAccounts.countyManager, { period: '2026-01' }))
    expect(jan.trend.map((t) => t.month)).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01'
    ])
    const db = cloud.database()
    const doc = (await db.collection('orgStats').doc(`${county._id}_2025`).get()) as unknown as { data: { cycle: string } }
    expect(doc.data.cycle).toBe(new Date(JOB_NOW).toISOString())
    const years = (await db.collection('rankingRuns').doc('years').get()) as unknown as { data: { years: string[] } }
    expect(years.data.years).toEqual(expect.arrayContaining(['2025', '2026']))
    // The next cycle computes this month, quarter and year, and (in the first week) the month just ended: not 2025.
    await runJob('2026-12-02T04:30:00Z')
    const cp = (await db.collection('rankingRuns').doc('rankings').get()) as unknown as { data: { periods: string[] } }
    expect(cp.data.periods).toEqual(['2026-12', '2026-Q4', '2026', '2026-11'])
    expect(((await db.collection('orgStats').doc(`${county._id}_2025`).get()) as unknown as { data: { cycle: string } }).data.cycle).toBe(
      new Date(JOB_NOW).toISOString()
    )
  })

  it('a prefecture manager drills down: their node lists the county; the county lists its cadres; a cadre live', async () => {
    const p = ok(await node(demoAccounts.prefectureManager, { period: '2026' }))
    expect(p.children.filter((c) => c.kind === 'unit').map((c) => c.id)).toContain(county._id)
    const c = ok(await node(demoAccounts.prefectureManager, { orgId: county._id, period: '2026' }))
    expect(c.trail.map((t) => t.id)).toEqual([prefecture._id, county._id])
    const row = c.children.find((x) => x.id === owner._id)!
    const one = ok(await callAs<DashboardCadre>(emu.url, demoAccounts.prefectureManager, 'dashboard', { action: 'cadre', cadreId: owner._id, period: '2026' }))
    expect(one).toMatchObject({ cadre: { id: owner._id, name: owner.name, orgName: county.name }, period: '2026' })
    // Nothing moved since the job ran: the live view and the job's row agree.
    expect([one.figures?.visits.total, one.figures?.days.count, one.score]).toEqual([row.visits, row.days, row.score])
    expect(one.trend.map((t) => t.visits)).toEqual(c.trend.map((t) => (t.visits ? ownVisits.filter((v) => v.month === t.month).length : 0)))
    const mine = ok(
      await callAs<MyScore>(emu.url, demoAccounts.prefectureManager, 'rankings', { action: 'mine', kind: 'year', period: '2026', cadreId: owner._id })
    )
    expect([mine.score, mine.figures.visits.total]).toEqual([one.score, one.figures?.visits.total])
  })

  it('after a check-in, 我的成效 and the home show it at once; the dashboard says when it was computed and catches up at the next run', async () => {
    const before = ok(await node(demoAccounts.countyManager))
    const month = periodOf('month', new Date())
    const at = new Date(Date.now() - 2000).toISOString()
    ok(
      await callAs(emu.url, owner.openid, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: point._id,
        fix: { lat: point.location.lat + 0.0004, lng: point.location.lng, accuracy: 20, capturedAt: at },
        deviceNow: new Date().toISOString()
      })
    )
    const mine = ok(await callAs<MyScore>(emu.url, owner.openid, 'rankings', { action: 'mine', kind: 'month' }))
    const home = ok(await callAs<Progress>(emu.url, owner.openid, 'visit', { action: 'progress' }))
    expect(mine.figures.days.count).toBe(home.thisMonth.days)
    expect(mine.figures.visits.total).toBe(home.thisMonth.visits)
    expect(home.thisMonth.days).toBeGreaterThanOrEqual(1)
    expect(mine.computedAt).not.toBeNull()
    // The dashboard is the job's: unchanged until it runs, and it says as of when.
    const stale = ok(await node(demoAccounts.countyManager))
    expect(stale.computedAt).toBe(before.computedAt)
    const ranAt = new Date().toISOString()
    await runJob(ranAt)
    const fresh = ok(await node(demoAccounts.countyManager))
    expect(fresh.period).toBe(month)
    expect(fresh.computedAt).toBe(ranAt)
    const row = fresh.children.find((c) => c.id === owner._id)!
    expect([row.days, row.visits]).toEqual([mine.figures.days.count, mine.figures.visits.total])
  })

  it('nothing outside the subtree: sibling county, another system, cadres and residents are refused before anything is read', async () => {
    expect(await node('demo-women-xining-chengzhong-manager', { orgId: county._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node('demo-women-xining-chengzhong-manager', { orgId: county._id, period: '2021' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node('demo-union-xining-chengdong-manager', { orgId: county._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node(demoAccounts.countyManager, { orgId: prefecture._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node(owner.openid)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await node('o-dashboard-resident')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await callAs(emu.url, 'demo-women-xining-chengzhong-manager', 'dashboard', { action: 'cadre', cadreId: owner._id })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await callAs(emu.url, 'demo-women-xining-chengzhong-manager', 'dashboard', { action: 'cadre', cadreId: owner._id, period: '2021' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await callAs(emu.url, demoAccounts.countyManager, 'dashboard', { action: 'cadre', cadreId: 'user-nobody' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await node(demoAccounts.countyManager, { orgId: 'org-nowhere' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const m = await meterOf('dashboard', 'node')
    // The caller and the node: refused there.
    expect(m.dbOps).toBe(2)
    expect(await node(demoAccounts.countyManager, { period: '2026-13' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })
})
