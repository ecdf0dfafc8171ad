/**
 * The demo of `npm start` shows real rankings: the demo data plus the demo outcomes
 * (scripts/seed/demo-outcomes.ts), the rankings job run over them, and what the demo accounts then see.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { functionsDir } from '../helpers/harness'
import { seed } from '@/scripts/seed'
import { buildDemoOutcomes, seedOutcomes } from '@/scripts/seed/demo-outcomes'
import { demoAccounts } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { MyScore, RankingPage } from '@/types/api/rankings'
import type { HonourList } from '@/types/outcomes'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120_000))

describe('demo rankings', () => {
  let emu: TestEmulator
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(openid: string, data: unknown) => callAs<T>(emu.url, openid, 'rankings', data)
  const metrics = async () => (await (await fetch(`${emu.url}/__/metrics`)).json()) as { dbOps: number; docsExamined: number; docsReturned: number }

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    const r = await seedOutcomes(emu.url)
    expect(r.ranked).toBe(true)
    loadSdk(emu.url)
  })
  afterAll(() => emu?.stop())

  it('is deterministic for a given clock', () => {
    const now = new Date('2026-11-28T04:00:00Z')
    expect(buildDemoOutcomes(now)).toEqual(buildDemoOutcomes(now))
  })

  it('the demo county manager sees their cadres ranked, the province admin the prefectures, in 3 operations a page', async () => {
    const county = ok(await call<RankingPage>(demoAccounts.countyManager, { action: 'list', kind: 'month', view: 'individuals' }))
    expect(county.individuals.length).toBe(2)
    expect(county.individuals.map((c) => c.rank)).toEqual([1, 2])
    expect(county.individuals[0].cadreId).toBe('user-women-xining-chengdong-cadre-1')
    const before = await metrics()
    const top = ok(await call<RankingPage>(demoAccounts.admin, { action: 'list', kind: 'month', view: 'units', limit: 2 }))
    const after = await metrics()
    expect(top.units.length).toBe(2)
    expect(top.units[0].rank).toBe(1)
    expect(top.nextCursor).toBeTruthy()
    // the caller, the node (checked before anything else), the page
    expect(after.dbOps - before.dbOps).toBe(3)
    expect(after.docsExamined - before.docsExamined).toBeLessThanOrEqual(after.docsReturned - before.docsReturned + 1)
    const year = ok(await call<RankingPage>(demoAccounts.admin, { action: 'list', kind: 'year', view: 'individuals', limit: 50 }))
    expect(year.individuals.map((c) => c.rank)).toEqual(year.individuals.map((_, i) => i + 1))
  })

  it('the demo cadre sees their score and is on the month’s 表彰 draft', async () => {
    const mine = ok(await call<MyScore>(demoAccounts.cadre, { action: 'mine', kind: 'month' }))
    expect(mine.computed).toBe(true)
    expect(mine.figures.ratings.count).toBe(6)
    expect(mine.breakdown[0].ratio).toBe(1)
    // The cadre's own rank is the managers' (the province admin has not switched it on); their manager sees it.
    expect(mine.rankVisible).toBe(false)
    const managed = ok(await call<MyScore>(demoAccounts.countyManager, { action: 'mine', kind: 'month', cadreId: 'user-women-xining-chengdong-cadre-1' }))
    expect(managed.ranks.county?.rank).toBe(1)
    const list = ok(await call<HonourList>(demoAccounts.countyManager, { action: 'getList', kind: 'honours' }))
    expect(list.entries.map((e) => e.cadreId)).toContain('user-women-xining-chengdong-cadre-1')
  })
})
