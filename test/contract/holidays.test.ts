/**
 * Official working days through the real wx-server-sdk and the emulator's clock: the State Council's 2026 schedule
 * (from the data package) in a 差评's 回访 and 整改 deadlines, a demand's deadline and the reminders' "due by the
 * next working day"; a province admin loading a year the package does not have, which every deadline then follows;
 * who may load one, and a wrong one changing nothing.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, moveClock, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { HolidayYear } from '@/types/api/orgs'
import type { ReminderPage } from '@/types/reminders'
import type { CheckInResult } from '@/types/visits'
import type { BadReviewCase, QrCode } from '@/types/service'
import type { Demand } from '@/types/demands'
import { endOfBeijingDay } from '@/types/rules/working-days'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(180_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const U = 'demo-union-xining-chengdong-cadre-1'
const county = 'demo-union-xining-chengdong-manager'
const admin = 'demo-union-admin'
const otherAdmin = 'demo-women-admin'
const cadre = demo.users.find((u) => u.openid === U)!
const point = demo.liaisonPoints.find((p) => p.cadreId === cadre._id)!
const end = (date: string) => endOfBeijingDay(date).toISOString()

/** An illustrative 2027 schedule, as a province admin would type it from the notice (not the package's). */
const y2027 = {
  year: 2027,
  holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
  workdays: ['2027-09-26', '2027-10-09'],
  note: '测试用的 2027 年国庆安排'
}

describe('official working days in every deadline', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(openid: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, fn, data)
  const holidays = (openid: string, year: number) => call<HolidayYear>(openid, 'orgs', { action: 'holidays', year }).then(ok)

  /** A 差评 of a fresh visit by the cadre, now: its case as the county manager sees it. */
  async function badReviewNow(): Promise<BadReviewCase> {
    const now = Date.now()
    const checkIn = ok(
      await call<CheckInResult>(U, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: point._id,
        fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
        deviceNow: new Date(now).toISOString()
      })
    )
    const { scene } = ok(await call<QrCode>(U, 'ratings', { action: 'qr', kind: 'visit', targetId: checkIn.visit.id }))
    const rated = ok(
      await call<{ rating: { id: string } }>(`o-holiday-${randomUUID()}`, 'ratings', { action: 'rate', scene, level: 'dissatisfied', tags: ['问题没解决'] })
    )
    const cases = ok(await call<{ items: BadReviewCase[] }>(county, 'ratings', { action: 'listCases', status: 'all', limit: 50 })).items
    return cases.find((c) => c.ratingId === rated.rating.id)!
  }
  const demandNow = () =>
    call<Demand>(U, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '节前反映的问题' }).then(ok)

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'orgs', 'index.js'))) throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
  })
  afterAll(() => emu?.stop())

  it('2026 from the package: a 差评 on 2026-09-30 is due for 回访 on 10-08 and for 整改 on 10-27; a demand skips the holiday and counts 10-10', async () => {
    await moveClock(emu.url, '2026-09-30T15:00:00+08:00')
    const c = await badReviewNow()
    expect(c).toMatchObject({ revisitDueAt: end('2026-10-08'), rectifyDueAt: end('2026-10-27') })
    // 7 working days from Wednesday 09-30: 10-08, 10-09, 10-10 (a Saturday worked), 10-12 … 10-15
    expect((await demandNow()).deadlineAt).toBe(end('2026-10-15'))
    const y2026 = await holidays(county, 2026)
    expect(y2026).toMatchObject({ source: 'package', loaded: null, canLoad: false })
    expect(y2026.holidays).toEqual(expect.arrayContaining(['2026-02-15', '2026-02-23', '2026-10-01', '2026-10-07']))
    expect(y2026.workdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-02-28', '2026-09-20', '2026-10-10']))
  })

  it('reminds of a demand due by the end of the next working day, across the holiday', async () => {
    const soon = await demandNow()
    const later = await demandNow()
    // Their deadlines as if set earlier: the next working day (10-08), and the one after (10-09).
    const db = cloud.database()
    await db
      .collection('demands')
      .doc(soon.id)
      .update({ data: { deadlineAt: endOfBeijingDay('2026-10-08'), firstDeadlineAt: endOfBeijingDay('2026-10-08') } })
    await db
      .collection('demands')
      .doc(later.id)
      .update({ data: { deadlineAt: endOfBeijingDay('2026-10-09'), firstDeadlineAt: endOfBeijingDay('2026-10-09') } })
    const res = (await cloud.callFunction({ name: 'reminders', data: { action: 'run', now: '2026-09-30T16:00:00+08:00', backoffMs: 10 } })) as unknown as {
      result: Reply<unknown>
    }
    ok(res.result)
    const items = ok(await call<ReminderPage>(U, 'reminders', { action: 'list', limit: 50 })).items.filter((r) => r.kind === 'demandDue')
    expect(items.some((r) => r.page.includes(soon.id))).toBe(true)
    expect(items.some((r) => r.page.includes(later.id))).toBe(false)
  })

  it('only a province admin loads a year, a wrong schedule changes nothing, and a loaded year drives the deadlines', async () => {
    expect(await holidays(admin, 2027)).toMatchObject({ source: 'none', holidays: [], canLoad: true })
    for (const who of [U, county]) expect(await call(who, 'orgs', { action: 'loadHolidays', ...y2027 })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-holiday-resident', 'orgs', { action: 'loadHolidays', ...y2027 })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(admin, 'orgs', { action: 'loadHolidays', ...y2027, workdays: ['2027-09-27'] })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('本来就是工作日')
    })
    expect(await call(admin, 'orgs', { action: 'loadHolidays', ...y2027, holidays: ['2029-10-01'] })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await holidays(admin, 2027)).toMatchObject({ source: 'none' })

    const loaded = ok(await call<HolidayYear>(admin, 'orgs', { action: 'loadHolidays', ...y2027 }))
    expect(loaded).toMatchObject({
      year: 2027,
      source: 'loaded',
      holidays: y2027.holidays,
      workdays: y2027.workdays,
      loaded: { byName: expect.any(String), note: y2027.note }
    })
    // Loading again lands once (one document per year), and any system's staff read the same schedule.
    ok(await call(admin, 'orgs', { action: 'loadHolidays', ...y2027 }))
    expect(await holidays(otherAdmin, 2027)).toMatchObject({ source: 'loaded', holidays: y2027.holidays })

    await moveClock(emu.url, '2027-09-30T15:00:00+08:00')
    // Thursday 2027-09-30: 10-01..07 off, 10-09 worked → 回访 10-08; 7 working days → 10-15 (weekends only: 10-11).
    const c = await badReviewNow()
    expect(c.revisitDueAt).toBe(end('2027-10-08'))
    expect((await demandNow()).deadlineAt).toBe(end('2027-10-15'))
  })
})
