/**
 * The cadre's tool through the real wx-server-sdk and the emulator: check-in rules, exactly-once
 * submissions, days at the grassroots, 外勤 approval, who may see what, 两联 and 五必访.
 * Each scenario uses its own demo cadre, so the figures do not depend on the order tests run in.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { CheckInResult, Progress, VisitDetail } from '@/types/visits'
import type { LiaisonOverview } from '@/types/points'
import type { Reply } from '@/types/reply'
import { database } from '@/types/database'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(60000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()

const A = 'demo-women-xining-chengdong-cadre-2' // day counting and idempotency
const B = 'demo-women-xining-huangzhong-cadre-1' // 23:30 Beijing
const C = 'demo-union-xining-chengdong-cadre-1' // 外勤 and approval
const D = 'demo-league-xining-chengdong-cadre-1' // offline window
const E = 'demo-league-haibei-haiyan-cadre-2' // speed
const F = 'demo-league-haidong-ledu-cadre-1' // bad inputs
const G = 'demo-union-haidong-pingan-cadre-2' // 50 concurrent duplicates
const OFF = 'demo-union-haidong-huzhu-cadre-1' // offline re-sync twice
const unionCountyManager = 'demo-union-xining-chengdong-manager'
const unionSiblingManager = 'demo-union-xining-chengzhong-manager'
const womenCountyManager = demoAccounts.countyManager
const resident = 'o-resident-visit-test'

const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const pointsOf = (openid: string) => demo.liaisonPoints.filter((p) => p.cadreId === userOf(openid)._id)
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / 111_195, lng: p.lng })
const MIN = 60_000
const H = 60 * MIN

interface CheckInOpts {
  pointId?: string
  at?: { lat: number; lng: number }
  accuracy?: number
  capturedAgoMs?: number
  capturedAt?: Date
  offline?: boolean
  reason?: string
  submissionId?: string
}

function checkInEvent(openid: string, o: CheckInOpts = {}) {
  const point = o.pointId ? demo.liaisonPoints.find((p) => p._id === o.pointId)! : pointsOf(openid)[0]
  const now = Date.now()
  return {
    action: 'checkIn',
    submissionId: o.submissionId ?? randomUUID(),
    pointId: point._id,
    fix: {
      ...(o.at ?? north(point.location, 60)),
      accuracy: o.accuracy ?? 25,
      capturedAt: (o.capturedAt ?? new Date(now - (o.capturedAgoMs ?? 3000))).toISOString()
    },
    deviceNow: new Date(now).toISOString(),
    offline: o.offline ?? false,
    ...(o.reason ? { reason: o.reason } : {})
  }
}

describe('visit, points and households functions through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  const call = <T>(openid: string | null, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const checkIn = (openid: string, o: CheckInOpts = {}) => call<CheckInResult>(openid, 'visit', checkInEvent(openid, o))
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (name: string, where: Record<string, unknown> = {}) => ((await db.collection(name).where(where).count()) as { total: number }).total
  const metrics = async () => (await (await fetch(`${emu.url}/__/metrics`)).json()) as { docsExamined: number; docsReturned: number; dbOps: number }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'visit', 'index.js'))) {
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('counts a check-in inside the fence and adds its day once, even twice the same day', async () => {
    const first = ok(await checkIn(A))
    expect(first.visit).toMatchObject({ status: 'counted', inside: true, offline: false, flags: [] })
    expect(first).toMatchObject({ dayAdded: true, days: 1 })
    const second = ok(await checkIn(A, { at: north(pointsOf(A)[0].location, -80) }))
    expect(second).toMatchObject({ dayAdded: false, days: 1 })
    expect(second.visit.date).toBe(first.visit.date)
    const cadreId = userOf(A)._id
    expect(await count('visitDays', { cadreId })).toBe(1)
    const progress = ok(await call<Progress>(A, 'visit', { action: 'progress' }))
    expect(progress).toMatchObject({ days: 1, progressDays: 1, target: 90, reached: false })
    expect(progress.thisMonth.visits).toBeGreaterThanOrEqual(2)
  })

  it('lands one submission exactly once: a retry and 5 concurrent duplicates get the same reply', async () => {
    const event = checkInEvent(A)
    const once = ok(await call<CheckInResult>(A, 'visit', event))
    const again = ok(await call<CheckInResult>(A, 'visit', event))
    expect(again).toEqual(once)

    const burst = checkInEvent(A)
    const replies = await Promise.all(Array.from({ length: 5 }, () => call<CheckInResult>(A, 'visit', burst)))
    const data = replies.map(ok)
    for (const d of data) expect(d).toEqual(data[0])
    expect(await count('visits', { cadreId: userOf(A)._id, submissionId: burst.submissionId })).toBe(1)
    expect(await count('visitDays', { cadreId: userOf(A)._id })).toBe(1)

    // The same id for another point is not a retry.
    const other = await call(A, 'visit', { ...burst, pointId: pointsOf('demo-women-xining-chengdong-cadre-1')[0]._id })
    expect(other).toMatchObject({ ok: false })
  })

  it('dates a visit at 23:30 Beijing time on that day (offline sync)', async () => {
    const now = Date.now()
    const late = new Date(now)
    late.setUTCHours(15, 30, 0, 0) // 23:30 Beijing
    if (late.getTime() > now - MIN) late.setUTCDate(late.getUTCDate() - 1)
    const r = ok(await checkIn(B, { offline: true, capturedAt: late }))
    expect(r.visit).toMatchObject({ offline: true, status: 'counted', date: late.toISOString().slice(0, 10) })
    expect(r.visit.visitedAt).toBe(late.toISOString())
    expect(await count('visitDays', { cadreId: userOf(B)._id, date: late.toISOString().slice(0, 10) })).toBe(1)
  })

  it('refuses 外勤 without a reason, keeps it pending with one, and counts it once the county manager approves', async () => {
    const far = north(pointsOf(C)[0].location, 1200)
    const refused = await checkIn(C, { at: far })
    expect(refused).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(!refused.ok && refused.message).toBe('您不在联系点附近（相距 1.2 公里），如确在外开展工作，请填写外勤说明')

    const pending = ok(await checkIn(C, { at: far, reason: '在街道办参加就业帮扶协调会' }))
    expect(pending).toMatchObject({ dayAdded: false, days: 0, visit: { status: 'pending', inside: false } })
    const progress = ok(await call<Progress>(C, 'visit', { action: 'progress' }))
    expect(progress).toMatchObject({ days: 0, fieldwork: { used: 1, limit: 4, pending: 1 } })

    const list = ok(await call<{ items: { id: string }[] }>(unionCountyManager, 'visit', { action: 'listPending' }))
    expect(list.items.map((i) => i.id)).toContain(pending.visit.id)
    const theirs = ok(await call<{ items: { id: string }[] }>(unionSiblingManager, 'visit', { action: 'listPending' }))
    expect(theirs.items.map((i) => i.id)).not.toContain(pending.visit.id)

    const review = { action: 'review', visitId: pending.visit.id, decision: 'approve', note: '情况属实' }
    for (const who of [unionSiblingManager, womenCountyManager, C, resident]) {
      expect(await call(who, 'visit', review)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    const approved = ok(await call<{ visit: VisitDetail; dayAdded: boolean }>(unionCountyManager, 'visit', review))
    expect(approved).toMatchObject({ dayAdded: true, visit: { status: 'counted', review: { decision: 'approve', note: '情况属实' } } })
    const twice = ok(await call<{ visit: VisitDetail; dayAdded: boolean }>(unionCountyManager, 'visit', review))
    expect(twice).toMatchObject({ dayAdded: false, visit: { status: 'counted' } })
    expect(await call(unionCountyManager, 'visit', { ...review, decision: 'reject' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(ok(await call<Progress>(C, 'visit', { action: 'progress' }))).toMatchObject({ days: 1, fieldwork: { used: 1, pending: 0 } })
  })

  it('accepts an offline check-in 70 hours old, marked 离线补传, and refuses one 73 hours old', async () => {
    const r = ok(await checkIn(D, { offline: true, capturedAgoMs: 70 * H }))
    expect(r.visit).toMatchObject({ offline: true, status: 'counted' })
    expect(r.message).toContain('离线补传')
    const old = await checkIn(D, { offline: true, capturedAgoMs: 73 * H })
    expect(old).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(!old.ok && old.message).toContain('72 小时')
    expect(await count('visits', { cadreId: userOf(D)._id })).toBe(1)
    // an online fix 5 minutes old is stale
    expect(await checkIn(D, { capturedAgoMs: 5 * MIN })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })

  it('flags, without refusing, a check-in 14 km from one a few seconds earlier', async () => {
    const [a, b] = pointsOf(E)
    ok(await checkIn(E, { pointId: a._id }))
    const r = ok(await checkIn(E, { pointId: b._id }))
    expect(r.visit).toMatchObject({ status: 'counted', flags: ['speed'] })
    expect(r.message).toContain('管理员会看到')
  })

  it('refuses bad inputs with BAD_REQUEST and changes nothing', async () => {
    const names = Object.keys(database)
    const before = await Promise.all(names.map((n) => count(n)))
    const good = checkInEvent(F)
    const bad: unknown[] = [
      { action: 'checkIn' },
      { ...good, fix: { ...good.fix, lat: 91 } },
      { ...good, fix: { ...good.fix, lat: null } }, // NaN travels as null in JSON
      { ...good, fix: { ...good.fix, lng: '101.7' } },
      { ...good, fix: { ...good.fix, capturedAt: 'yesterday' } },
      { ...good, submissionId: 'x'.repeat(65) },
      { ...good, reason: '长'.repeat(100_000) },
      { ...good, offline: 'yes' },
      checkInEvent(F, { accuracy: 500 }),
      { ...good, fix: { ...good.fix, lng: null } },
      { ...good, fix: { ...good.fix, lat: 'NaN' } },
      { ...good, fix: { ...good.fix, lng: 181 } },
      { ...good, fix: { ...good.fix, lat: -90.5 } },
      { ...good, fix: { ...good.fix, accuracy: -1 } },
      { ...good, fix: undefined },
      { ...good, pointId: 'p'.repeat(100_000) },
      { ...good, note: 'x'.repeat(100_000) },
      { ...good, submissionId: 12345678 },
      { ...good, deviceNow: 1700000000000 },
      { action: 'saveRecord', visitId: 'v', category: 'village', method: 'homeVisit', peopleMet: { count: 'two' } },
      { action: 'saveRecord', visitId: 'v', category: 'moon', method: 'homeVisit', peopleMet: { count: 1 } },
      { action: 'saveRecord', visitId: 'v', category: 'village', method: 'homeVisit', peopleMet: { count: 1 }, needs: '需'.repeat(100_000) },
      { action: 'list', limit: 0 },
      { action: 'calendar', month: '2026-13' },
      checkInEvent(F, { at: north(pointsOf(F)[0].location, 5000) })
    ]
    for (const event of bad) {
      const r = await call(F, 'visit', event)
      expect(r).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(await call(F, 'visit', { ...good, pointId: pointsOf(A)[0]._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(F, 'visit', { ...good, pointId: 'lp-nowhere' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await call(F, 'households', { action: 'create', kind: 'petitioner', displayName: '', area: 'x' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(F, 'points', { action: 'addContact', name: '张三', relation: '书记', phone: '12345' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    for (const [fn, data] of [
      ['households', { action: 'create', kind: 'petitioner', displayName: '户'.repeat(100_000), area: 'x' }],
      ['households', { action: 'create', kind: 'nobody', displayName: '王家', area: 'x' }],
      ['households', { action: 'update', householdId: 42 }],
      ['points', { action: 'addContact', name: 'x'.repeat(100_000), relation: '书记', phone: '13812341234' }],
      ['points', { action: 'addContact', name: '张三', relation: '书记', phone: 13812341234 }],
      ['points', { action: 'createPoint', cadreId: userOf(F)._id, name: '点', kind: 'village', address: '地址', location: { lat: 91, lng: 101 } }],
      ['points', { action: 'createPoint', cadreId: userOf(F)._id, name: '点', kind: 'village', address: '地址', location: { lat: null, lng: 101 } }]
    ] as const) {
      expect(await call(F, fn, data)).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(await Promise.all(names.map((n) => count(n)))).toEqual(before)
  })

  it('answers residents with FORBIDDEN everywhere and keeps cadres out of each other’s data', async () => {
    for (const [fn, data] of [
      ['visit', checkInEvent(A)],
      ['visit', { action: 'progress' }],
      ['visit', { action: 'list' }],
      ['points', { action: 'overview' }],
      ['households', { action: 'list' }]
    ] as const) {
      expect(await call(resident, fn, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    const cId = userOf(C)._id
    for (const [fn, data] of [
      ['visit', { action: 'progress', cadreId: cId }],
      ['visit', { action: 'list', cadreId: cId }],
      ['visit', { action: 'calendar', cadreId: cId }],
      ['points', { action: 'overview', cadreId: cId }],
      ['households', { action: 'list', cadreId: cId }]
    ] as const) {
      expect(await call(A, fn, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    const theirVisit = demo.visits[0]
    expect(await call(A, 'visit', { action: 'get', visitId: theirVisit._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(womenCountyManager, 'visit', { action: 'get', visitId: theirVisit._id })).toMatchObject({ ok: true })
  })

  it('gives the year’s figures and calendar from the statistics', async () => {
    const p = ok(await call<Progress>(demoAccounts.cadre, 'visit', { action: 'progress', year: 2026 }))
    expect(p).toMatchObject({ year: 2026, days: 11, progressDays: 11, target: 90, reached: false })
    const cal = ok(await call<{ days: { date: string; visits: number }[] }>(demoAccounts.cadre, 'visit', { action: 'calendar', month: '2026-03' }))
    expect(cal.days).toEqual([
      { date: '2026-03-04', visits: 1, stay: false },
      { date: '2026-03-18', visits: 2, stay: false }
    ])
    const year = ok(await call<{ days: unknown[] }>(womenCountyManager, 'visit', { action: 'calendar', year: 2026, cadreId: userOf(demoAccounts.cadre)._id }))
    expect(year.days).toHaveLength(11)
  })

  it('pages a cadre’s visits newest first, each page examining about its own size', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const before = await metrics()
      const page = ok(
        await call<{ items: { id: string; visitedAt: string }[]; nextCursor: string | null }>(demoAccounts.cadre, 'visit', {
          action: 'list',
          limit: 5,
          ...(cursor ? { cursor } : {})
        })
      )
      const after = await metrics()
      // the caller's user document + at most limit + 1 (+ a few ties after a cursor)
      expect(after.docsExamined - before.docsExamined).toBeLessThanOrEqual(1 + 5 + 1 + 3)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor ?? undefined
      pages++
    } while (cursor && pages < 10)
    const mine = demo.visits.filter((v) => v.cadreId === userOf(demoAccounts.cadre)._id)
    expect(seen).toHaveLength(mine.length)
    expect(new Set(seen).size).toBe(mine.length)
    const times = mine.slice().sort((a, b) => b.visitedAt.getTime() - a.visitedAt.getTime() || (a._id < b._id ? 1 : -1))
    expect(seen).toEqual(times.map((v) => v._id))
  })

  it('keeps the visit record with households and problems, for its own cadre only', async () => {
    const visit = ok(await checkIn(A)).visit
    const h = ok(await call<{ id: string }>(A, 'households', { action: 'create', kind: 'leftBehind', displayName: '空巢老人王奶奶', area: '八一路 12 号' }))
    const record = {
      action: 'saveRecord',
      visitId: visit.id,
      category: 'school',
      method: 'forum',
      policy: '讲了助学政策',
      needs: '希望增加课后托管',
      peopleMet: { count: 8, text: '老师和家长' },
      householdIds: [h.id],
      problems: [{ area: 'schooling', text: '课后托管没有场地', handling: 'coordinate' }]
    }
    const saved = ok(await call<VisitDetail>(A, 'visit', record))
    expect(saved.record).toMatchObject({ category: 'school', householdIds: [h.id], problems: [{ id: `${visit.id}_p1`, status: 'open' }] })
    const list = ok(await call<{ items: { id: string; visitsThisYear: number; neverVisited: boolean }[] }>(A, 'households', { action: 'list' }))
    expect(list.items.find((i) => i.id === h.id)).toMatchObject({ visitsThisYear: 1, neverVisited: false })
    expect(ok(await call(A, 'households', { action: 'coverage' }))).toMatchObject({ total: 1, entered: 1, neverVisited: 0 })
    // saving again does not count the household twice
    ok(await call<VisitDetail>(A, 'visit', record))
    expect(ok(await call(A, 'households', { action: 'coverage' }))).toMatchObject({ entered: 1 })

    const otherHousehold = demo.households[0]._id
    expect(await call(A, 'visit', { ...record, householdIds: [otherHousehold] })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(C, 'visit', record)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(womenCountyManager, 'households', { action: 'list', cadreId: userOf(A)._id })).toMatchObject({ ok: true })
    expect(await call(unionCountyManager, 'households', { action: 'list', cadreId: userOf(A)._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('runs 两联: managers assign points in their subtree, cadres keep their contacts, phones in clear for them', async () => {
    const incomplete = demoAccounts.cadreIncomplete
    const before = ok(await call<LiaisonOverview>(incomplete, 'points', { action: 'overview' }))
    expect(before.complete).toBe(false)
    const contact = ok(
      await call<{ phone: string; phoneMasked: boolean }>(incomplete, 'points', {
        action: 'addContact',
        name: '才让',
        relation: '村委会主任',
        phone: '13812341234'
      })
    )
    expect(contact).toMatchObject({ phone: '13812341234', phoneMasked: false })
    expect(ok(await call<LiaisonOverview>(incomplete, 'points', { action: 'overview' })).complete).toBe(true)

    const mgr = demoAccounts.countyManager
    const cadreOverview = ok(await call<LiaisonOverview>(mgr, 'points', { action: 'overview', cadreId: userOf(demoAccounts.cadre)._id }))
    expect(cadreOverview.contacts[0].phoneMasked).toBe(false)

    const newPoint = {
      action: 'createPoint',
      cadreId: userOf(A)._id,
      name: '东关清真大寺社区',
      kind: 'village',
      address: '西宁市城东区东关大街',
      location: { lat: 36.6118, lng: 101.7903 }
    }
    expect(await call('demo-women-xining-chengzhong-manager', 'points', newPoint)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(A, 'points', newPoint)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const created = ok(await call<{ id: string; radiusM: number }>(mgr, 'points', newPoint))
    expect(created.radiusM).toBe(500)
    const moved = ok(
      await call<{ cadreId: string }>(mgr, 'points', { action: 'updatePoint', pointId: created.id, cadreId: userOf(demoAccounts.cadre)._id, radiusM: 300 })
    )
    expect(moved.cadreId).toBe(userOf(demoAccounts.cadre)._id)
    expect(await call(mgr, 'points', { action: 'updatePoint', pointId: created.id, cadreId: userOf(C)._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
  it('lands 50 concurrent submissions of one id as one visit and one day, each told the same', async () => {
    const event = checkInEvent(G)
    const replies = await Promise.all(Array.from({ length: 50 }, () => call<CheckInResult>(G, 'visit', event)))
    const data = replies.map(ok)
    for (const d of data) expect(d).toEqual(data[0])
    expect(data[0]).toMatchObject({ dayAdded: true, days: 1 })
    const cadreId = userOf(G)._id
    expect(await count('visits', { cadreId })).toBe(1)
    expect(await count('visitDays', { cadreId })).toBe(1)
    expect(ok(await call<Progress>(G, 'visit', { action: 'progress' }))).toMatchObject({ days: 1, thisMonth: { visits: 1 } })
  })

  it('takes an offline re-sync sent twice (and then twice at once) as one visit', async () => {
    const event = checkInEvent(OFF, { offline: true, capturedAgoMs: 5 * H })
    const first = ok(await call<CheckInResult>(OFF, 'visit', event))
    expect(first.visit).toMatchObject({ offline: true, status: 'counted' })
    expect(ok(await call<CheckInResult>(OFF, 'visit', event))).toEqual(first)
    const both = await Promise.all([call<CheckInResult>(OFF, 'visit', event), call<CheckInResult>(OFF, 'visit', event)])
    for (const r of both) expect(ok(r)).toEqual(first)
    const cadreId = userOf(OFF)._id
    expect(await count('visits', { cadreId })).toBe(1)
    expect(await count('visitDays', { cadreId })).toBe(1)
    expect(ok(await call<Progress>(OFF, 'visit', { action: 'progress' }))).toMatchObject({ days: 1 })
  })

  it('keeps a cadre from writing another cadre’s points, visits, records or households', async () => {
    const names = Object.keys(database)
    const before = await Promise.all(names.map((n) => count(n)))
    const victim = userOf(demoAccounts.cadre)
    const theirVisit = demo.visits.find((v) => v.cadreId === victim._id)!
    const theirHousehold = demo.households.find((h) => h.cadreId === victim._id)!
    const theirPoint = pointsOf(demoAccounts.cadre)[0]
    for (const [fn, data] of [
      ['visit', { action: 'saveRecord', visitId: theirVisit._id, category: 'village', method: 'homeVisit', peopleMet: { count: 1 } }],
      ['visit', { ...checkInEvent(A), pointId: theirPoint._id }],
      ['visit', { action: 'review', visitId: theirVisit._id, decision: 'approve', note: '' }],
      ['households', { action: 'update', householdId: theirHousehold._id, area: '改了' }],
      ['households', { action: 'create', cadreId: victim._id, kind: 'leftBehind', displayName: '替别人建的户', area: 'x' }],
      ['households', { action: 'coverage', cadreId: victim._id }],
      ['points', { action: 'updatePoint', pointId: theirPoint._id, radiusM: 5000 }],
      ['points', { action: 'createPoint', cadreId: victim._id, name: '点', kind: 'village', address: '地址', location: theirPoint.location }]
    ] as const) {
      const r = await call(A, fn, data)
      expect({ fn, action: data.action, r }).toMatchObject({ r: { ok: false, code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) } })
    }
    expect(await Promise.all(names.map((n) => count(n)))).toEqual(before)
  })

  it('gives a resident nothing from any action of visit, points, households or diary', async () => {
    const victim = userOf(demoAccounts.cadre)
    const v = demo.visits.find((x) => x.cadreId === victim._id)!
    const samples: Record<string, Record<string, unknown>> = {
      'visit.checkIn': checkInEvent(A),
      'visit.saveRecord': { visitId: v._id, category: 'village', method: 'homeVisit', peopleMet: { count: 1 } },
      'visit.get': { visitId: v._id },
      'visit.list': {},
      'visit.progress': {},
      'visit.calendar': {},
      'visit.listPending': {},
      'visit.review': { visitId: v._id, decision: 'approve' },
      'visit.recordPeriod': { cadreId: victim._id, submissionId: randomUUID(), kind: 'training', from: '2026-07-01', to: '2026-07-01', note: '群众替干部请假' },
      'visit.reviewPeriod': { periodId: 'x', decision: 'approve', note: '同意' },
      'visit.cancelPeriod': { periodId: 'x', note: '不去了' },
      'visit.periods': { cadreId: victim._id },
      'visit.pendingPeriods': {},
      'points.overview': {},
      'points.listCadres': {},
      'points.createPoint': { cadreId: victim._id, name: '点', kind: 'village', address: '地址', location: { lat: 36.6, lng: 101.7 } },
      'points.updatePoint': { pointId: pointsOf(demoAccounts.cadre)[0]._id, radiusM: 300 },
      'points.addContact': { name: '张三', relation: '书记', phone: '13812341234' },
      'points.removeContact': { contactId: demo.contacts[0]._id },
      'households.list': {},
      'households.create': { kind: 'leftBehind', displayName: '王家', area: 'x' },
      'households.update': { householdId: demo.households[0]._id, area: 'x' },
      'households.coverage': {},
      'households.book': { householdId: demo.households[0]._id },
      'households.setProfile': { householdId: demo.households[0]._id, circumstances: '群众改的' },
      'households.addHelp': { householdId: demo.households[0]._id, entryId: randomUUID(), kind: 'care', what: '慰问', date: '2026-01-05' },
      'households.removeHelp': { householdId: demo.households[0]._id, helpId: 'x' },
      'households.linkDemand': { householdId: demo.households[0]._id, demandId: 'x' },
      'households.fourHundred': {},
      'diary.add': { entryId: randomUUID(), text: '群众写日记' },
      'diary.update': { entryId: 'x', text: 'x' },
      'diary.get': { entryId: 'x' },
      'diary.list': {},
      'diary.prepareUpload': { kind: 'report', name: 'a.pdf' },
      'diary.upload': { kind: 'report', name: 'a.pdf', contentBase64: 'aGVsbG8=' },
      'diary.addReport': { reportId: randomUUID(), title: 't', fileID: 'cloud://x/reports/y/z/a.pdf', name: 'a.pdf', size: 5 },
      'diary.listReports': {},
      'diary.reportUrl': { reportId: 'x' },
      'diary.removeReport': { reportId: 'x' }
    }
    const { api } = await import('@/types/api')
    // A resident's own two: whether they may confirm a visit by its code, and the confirmation (the access matrix).
    const residents = ['visit.confirmation', 'visit.confirm']
    const every = (['visit', 'points', 'households', 'diary'] as const)
      .flatMap((fn) => Object.keys(api[fn]).map((a) => `${fn}.${a}`))
      .filter((k) => !residents.includes(k))
    expect(every.filter((k) => !samples[k])).toEqual([])
    for (const key of every) {
      const [fn, action] = key.split('.')
      const r = await call(resident, fn, { action, ...samples[key] })
      expect({ key, r }).toMatchObject({ r: { ok: false, code: 'FORBIDDEN' } })
    }
  })
})
