/**
 * The village view across systems through the real wx-server-sdk and the emulator: cadres of 工会, 共青团 and 妇联 visit
 * the same community; staff of any system serving that county see the month's visits by system and unit (no cadre
 * or resident named), a neighbouring county's do not; approved 外勤 count at the place too; managers place points,
 * the province admin loads villages and sets the areas org nodes serve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { checkInNear } from '../helpers/e2e'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import { beijingMonth } from '@/types/rules/beijing-time'
import type { Reply } from '@/types/reply'
import type { Place, PlaceMonth } from '@/types/places'

jest.setTimeout(120_000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const community = '630102001001' // 东关大街社区, 城东区
const cadreOf = (system: string) => `demo-${system}-xining-chengdong-cadre-1`
const pointAt = (openid: string, code: string) => {
  const u = demo.users.find((x) => x.openid === openid)!
  return demo.liaisonPoints.find((p) => p.cadreId === u._id && p.placeCode === code)!
}

describe('places: who visited a village, across systems', () => {
  let emu: TestEmulator
  const call = <T>(openid: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, fn, data)
  const pl = <T>(openid: string, data: Record<string, unknown>) => call<T>(openid, 'places', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'places', 'index.js'))) throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
  })
  afterAll(() => emu?.stop())

  it('counts each system’s visits at the same community, for every system’s staff serving the county', async () => {
    const month = beijingMonth(new Date())
    const before = ok(await pl<PlaceMonth>(cadreOf('women'), { action: 'month', placeCode: community }))
    for (const system of ['union', 'league', 'women', 'women']) await checkInNear(emu.url, cadreOf(system), pointAt(cadreOf(system), community))
    const view = ok(await pl<PlaceMonth>('demo-union-xining-chengdong-manager', { action: 'month', placeCode: community, month }))
    expect(view.place).toEqual({ code: community, name: '东关大街社区', town: '东关大街街道', countyCode: '630102' })
    expect(view.total).toBe(before.total + 4)
    expect(view.bySystem.union - before.bySystem.union).toBe(1)
    expect(view.bySystem.league - before.bySystem.league).toBe(1)
    expect(view.bySystem.women - before.bySystem.women).toBe(2)
    expect(view.units.map((u) => u.name)).toEqual(expect.arrayContaining(['城东区总工会', '城东区团委', '城东区妇联']))
    expect(view.units[0]).toMatchObject({ name: '城东区妇联', system: 'women' })
    // Counts and units only: no cadre's name.
    const names = demo.users.filter((u) => u.role === 'cadre').map((u) => u.name)
    expect(names.filter((n) => JSON.stringify(view).includes(n))).toEqual([])

    // The county's places, most visited first.
    const county = ok(await pl<{ items: PlaceMonth[] }>('demo-league-xining-chengdong-cadre-2', { action: 'county', month }))
    expect(county.items[0].place.code).toBe(community)
    expect(county.items[0].total).toBe(view.total)
    // Who may not: a neighbouring county's manager, a resident; the province admins may.
    expect(await pl('demo-women-xining-chengzhong-manager', { action: 'month', placeCode: community })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await pl('demo-women-xining-chengzhong-manager', { action: 'county', countyCode: '630102' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await pl(`o-place-${randomUUID()}`, { action: 'month', placeCode: community })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(ok(await pl<PlaceMonth>('demo-league-admin', { action: 'month', placeCode: community })).total).toBe(view.total)
  })

  it('an approved 外勤 counts at its point’s place', async () => {
    const openid = 'demo-union-xining-chengdong-cadre-2'
    const u = demo.users.find((x) => x.openid === openid)!
    const point = demo.liaisonPoints.find((p) => p.cadreId === u._id)!
    const before = ok(await pl<PlaceMonth>(openid, { action: 'month', placeCode: point.placeCode }))
    const far = await call<{ visit: { id: string; status: string } }>(openid, 'visit', {
      action: 'checkIn',
      submissionId: randomUUID(),
      pointId: point._id,
      reason: '在街道开协调会',
      fix: { lat: point.location.lat + 0.02, lng: point.location.lng, accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() },
      deviceNow: new Date().toISOString()
    })
    const v = ok(far).visit
    expect(v.status).toBe('pending')
    expect(ok(await pl<PlaceMonth>(openid, { action: 'month', placeCode: point.placeCode })).total).toBe(before.total)
    ok(await call('demo-union-xining-chengdong-manager', 'visit', { action: 'review', visitId: v.id, decision: 'approve', note: '属实' }))
    expect(ok(await pl<PlaceMonth>(openid, { action: 'month', placeCode: point.placeCode })).total).toBe(before.total + 1)
  })

  it('counts concurrent check-ins at a place exactly once each, a repeated submission not at all', async () => {
    // The three systems' second cadres of 城中区 share a village none of the other tests visits.
    const place = '630103005002'
    const viewer = 'demo-women-xining-chengzhong-manager'
    const cadres = ['union', 'league', 'women'].map((system) => `demo-${system}-xining-chengzhong-cadre-2`)
    const before = ok(await pl<PlaceMonth>(viewer, { action: 'month', placeCode: place }))
    const now = Date.now()
    const send = (openid: string, submissionId: string) => {
      const point = pointAt(openid, place)
      return call<{ visit: { status: string } }>(openid, 'visit', {
        action: 'checkIn',
        submissionId,
        pointId: point._id,
        fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
        deviceNow: new Date(now).toISOString()
      })
    }
    const twice = randomUUID()
    const replies = await Promise.all([send(cadres[0], twice), send(cadres[1], randomUUID()), send(cadres[2], randomUUID()), send(cadres[0], twice)])
    expect(replies.map((r) => ok(r).visit.status)).toEqual(['counted', 'counted', 'counted', 'counted'])
    const after = ok(await pl<PlaceMonth>(viewer, { action: 'month', placeCode: place }))
    expect(after.total - before.total).toBe(3)
    for (const system of ['union', 'league', 'women'] as const) expect(after.bySystem[system] - before.bySystem[system]).toBe(1)
  })

  it('the nightly reconciliation recounts a village’s month from its counted visits', async () => {
    // The village the test above visited: a check-in that died before its increment leaves it one short.
    const place = '630103005002'
    const viewer = 'demo-women-xining-chengzhong-manager'
    const id = `${place}_${beijingMonth(new Date())}`
    const right = ok(await pl<PlaceMonth>(viewer, { action: 'month', placeCode: place }))
    const db = loadSdk(emu.url).database()
    const stored = ((await db.collection('placeMonths').doc(id).get()) as unknown as { data: { total: number; units: Record<string, number> } }).data
    const [unit] = Object.keys(stored.units)
    await db
      .collection('placeMonths')
      .doc(id)
      .update({ data: { total: stored.total - 1, units: { ...stored.units, [unit]: stored.units[unit] - 1 } } })
    expect(ok(await pl<PlaceMonth>(viewer, { action: 'month', placeCode: place })).total).toBe(right.total - 1)

    // After the check-ins' grace (their increments may still be on the way), as the nightly timer runs.
    const res = (await loadSdk(emu.url).callFunction({
      name: 'reconcile',
      data: { action: 'run', fresh: true, now: new Date(Date.now() + 15 * 60_000).toISOString() }
    })) as unknown as {
      result: Reply<{ report: { drift: { collection: string; docId: string; outcome: string }[]; pass: { done: boolean } } }>
    }
    const report = ok(res.result).report
    expect(report.pass.done).toBe(true)
    expect(report.drift.filter((d) => d.collection === 'placeMonths')).toEqual([expect.objectContaining({ docId: id, outcome: 'repaired' })])
    expect(ok(await pl<PlaceMonth>(viewer, { action: 'month', placeCode: place }))).toEqual(right)
  })

  it('the province admin loads villages and sets areas; managers place points in their area', async () => {
    const admin = 'demo-women-admin'
    const list = Array.from({ length: 5 }, (_, i) => ({ code: `63010200${i + 2}00${i + 1}`.slice(0, 12), name: `测试${i}社区`, town: '测试街道' }))
    expect(await pl('demo-women-xining-chengdong-manager', { action: 'import', places: list })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await pl(admin, { action: 'import', places: [{ code: '110101001001', name: '北京的', town: '东华门街道' }] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(ok(await pl<{ saved: number }>(admin, { action: 'import', places: list }))).toEqual({ saved: 5 })
    const found: Place[] = []
    let cursor: string | null = null
    do {
      const page: { items: Place[]; nextCursor: string | null } = ok(
        await pl('demo-women-xining-chengdong-cadre-1', { action: 'search', name: '测试', limit: 2, ...(cursor ? { cursor } : {}) })
      )
      found.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(found.map((p) => p.name)).toEqual(['测试0社区', '测试1社区', '测试2社区', '测试3社区', '测试4社区'])

    const cadre = demo.users.find((u) => u.openid === 'demo-women-xining-chengdong-cadre-2')!
    const point = demo.liaisonPoints.find((p) => p.cadreId === cadre._id)!
    expect(await pl('demo-women-xining-chengzhong-manager', { action: 'setPoint', pointId: point._id, placeCode: list[0].code })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await pl('demo-women-xining-chengdong-manager', { action: 'setPoint', pointId: point._id, placeCode: '630103002001' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    expect(
      ok(await pl<{ place: Place }>('demo-women-xining-chengdong-manager', { action: 'setPoint', pointId: point._id, placeCode: list[0].code })).place.name
    ).toBe('测试0社区')
    await checkInNear(emu.url, cadre.openid, point)
    expect(ok(await pl<PlaceMonth>(cadre.openid, { action: 'month', placeCode: list[0].code })).units).toEqual([
      { orgId: cadre.orgId, name: '城东区妇联', system: 'women', visits: 1 }
    ])

    expect(await pl(admin, { action: 'setDivision', orgId: 'org-women-xining-chengdong', code: '6301' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await pl(admin, { action: 'setDivision', orgId: 'org-women-xining-chengdong', code: '630202' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await pl(admin, { action: 'setDivision', orgId: 'org-union-xining-chengdong', code: '630102' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(ok(await pl(admin, { action: 'setDivision', orgId: 'org-women-xining-chengdong', code: '630102' }))).toEqual({
      orgId: 'org-women-xining-chengdong',
      code: '630102'
    })
  })
})
