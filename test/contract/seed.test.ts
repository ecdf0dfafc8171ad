/**
 * `npm start` twice on the same data: the seed writes only what is missing, so what the demo user did in between —
 * a check-in, an approved 外勤 — keeps the statistics it moved. `visit.progress` and `visit.calendar` tell the same
 * days and visits, and the nightly reconciliation, rebuilding every statistic from the records, finds nothing to
 * repair.
 */
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { functionsDir } from '../helpers/harness'
import { seed } from '@/scripts/seed'
import { seedOutcomes } from '@/scripts/seed/demo-outcomes'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { Calendar, Progress } from '@/types/visits'
import { beijingYear } from '@/types/rules/beijing-time'

jest.setTimeout(180_000)

const demo = buildDemoData()
const owner = demo.users.find((u) => u.openid === demoAccounts.cadre)!
const point = demo.liaisonPoints.find((p) => p.cadreId === owner._id)!
const pending = demo.visits.find((v) => v.cadreId === owner._id && v.status === 'pending')!

describe('seeding again on the same data', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const all = async (name: string) =>
    ((await cloud.database().collection(name).where({ cadreId: owner._id }).limit(1000).get()) as unknown as { data: Record<string, unknown>[] }).data
      .map(({ updatedAt: _u, ...d }) => d)
      .sort((a, b) => String(a._id).localeCompare(String(b._id)))

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    cloud = loadSdk(emu.url)
    await seed(emu.url)
    expect((await seedOutcomes(emu.url)).ranked).toBe(true)
  })
  afterAll(() => emu?.stop())

  it('keeps what was done in between, and every statistic still matches its records', async () => {
    // The demo user checks in and the county manager approves the demo 外勤.
    ok(
      await callAs(emu.url, owner.openid, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: point._id,
        deviceNow: new Date().toISOString(),
        fix: { lat: point.location.lat + 0.0004, lng: point.location.lng, accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() }
      })
    )
    ok(await callAs(emu.url, demoAccounts.countyManager, 'visit', { action: 'review', visitId: pending._id, decision: 'approve', note: '情况属实' }))
    const progress = () => callAs<Progress>(emu.url, owner.openid, 'visit', { action: 'progress' })
    const before = ok(await progress())
    const stats = {
      visitStats: await all('visitStats'),
      visitDays: await all('visitDays'),
      visits: await all('visits'),
      serviceStats: await all('serviceStats'),
      demands: await all('demands')
    }

    // `npm start` again: the demo data and the demo outcomes, seeded on top — once as today, once half a year into
    // the next (when the demo's visits would be dated in that year: they are seeded once, and stay as they were).
    await seed(emu.url)
    await seed(emu.url, new Date(Date.now() + 365 * 86_400_000))
    await seedOutcomes(emu.url)

    const after = ok(await progress())
    expect(after).toEqual(before)
    for (const [name, docs] of Object.entries(stats)) expect([name, await all(name)]).toEqual([name, docs])
    expect((await all('visits')).find((v) => v._id === pending._id)).toMatchObject({ status: 'counted' })

    // The home and the calendar tell the same days and visits, for the year and for this month.
    const year = ok(await callAs<Calendar>(emu.url, owner.openid, 'visit', { action: 'calendar', year: beijingYear(new Date()) }))
    expect(year.days.length).toBe(after.days)
    const month = ok(await callAs<Calendar>(emu.url, owner.openid, 'visit', { action: 'calendar' }))
    expect([month.days.length, month.days.reduce((s, d) => s + d.visits, 0)]).toEqual([after.thisMonth.days, after.thisMonth.visits])

    // The reconciliation rebuilds the statistics from the records and finds them right.
    const res = (await cloud.callFunction({ name: 'reconcile', data: { action: 'run', fresh: true }, timeout: 120_000 } as never)) as unknown as {
      result: Reply<{ report: { driftCount: number; drift: unknown[]; pass: { done: boolean } } }>
    }
    const report = ok(res.result).report
    expect(report.pass.done).toBe(true)
    expect(report.drift).toEqual([])
  })

  it('answers a month’s calendar up to its real last day', async () => {
    const nov = ok(await callAs<Calendar>(emu.url, owner.openid, 'visit', { action: 'calendar', month: '2026-11' }))
    expect([nov.from, nov.to]).toEqual(['2026-11-01', '2026-11-30'])
    const feb = ok(await callAs<Calendar>(emu.url, owner.openid, 'visit', { action: 'calendar', month: '2028-02' }))
    expect(feb.to).toBe('2028-02-29')
  })
})
