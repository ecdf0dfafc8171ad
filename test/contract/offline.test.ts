/**
 * A cadre's offline day, server side: everything the phone queues without signal is resent with the id the
 * phone made for it, and lands exactly once — check-ins (submissionId), visit records (the visit's id),
 * diary entries (entryId) and problems for the ledger (demands.create's submissionId) — and the offline
 * window is the org's rule (制度 offlineHours: 72 hours, up to 7 days only where the province admin allows).
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { CheckInResult, Progress, VisitDetail } from '@/types/visits'
import type { QrCode, ServiceFigures } from '@/types/service'
import type { Demand } from '@/types/demands'
import type { DiaryEntry } from '@/types/diary'
import type { Reply } from '@/types/reply'
import { beijingYear } from '@/types/rules/beijing-time'

jest.setTimeout(90000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()

const admin = 'demo-women-admin'
/** A pastoral county the province admin gives 7 days. */
const pastoral = { cadre: 'demo-women-haibei-menyuan-cadre-1', manager: 'demo-women-haibei-menyuan-manager', org: 'org-women-haibei-menyuan' }
/** A county whose own manager shortens the window to 48 hours. */
const strict = { cadre: 'demo-women-haibei-haiyan-cadre-1', manager: 'demo-women-haibei-haiyan-manager', org: 'org-women-haibei-haiyan' }
/** Default rules: 72 hours. */
const plain = 'demo-union-haibei-menyuan-cadre-2'
/** The offline day: check-in, record with two problems, diary, a problem in the ledger. */
const day = 'demo-league-haibei-menyuan-cadre-1'
const resident = 'o-resident-offline-test'

const H = 3_600_000
const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const pointOf = (openid: string) => demo.liaisonPoints.find((p) => p.cadreId === userOf(openid)._id)!

describe('offline work lands once, within the org’s offline window', () => {
  let emu: TestEmulator
  const call = <T>(openid: string, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  /** A check-in captured `agoMs` before now, sent now as an offline resend (as the phone's queue sends it). */
  const offlineCheckIn = (openid: string, agoMs: number, submissionId = randomUUID()) => {
    const p = pointOf(openid)
    const now = Date.now()
    return {
      action: 'checkIn',
      submissionId,
      pointId: p._id,
      fix: { lat: p.location.lat + 0.0003, lng: p.location.lng, accuracy: 20, capturedAt: new Date(now - agoMs).toISOString() },
      deviceNow: new Date(now).toISOString(),
      offline: true
    }
  }
  const setOfflineHours = (openid: string, orgId: string, hours: number, agoMs: number) =>
    call(openid, 'orgs', { action: 'setRules', orgId, year: beijingYear(new Date(Date.now() - agoMs)), values: { offlineHours: hours } })

  beforeAll(async () => {
    for (const fn of ['visit', 'demands', 'diary', 'orgs', 'ratings']) {
      if (!existsSync(path.join(functionsDir, fn, 'index.js'))) throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
  })
  afterAll(() => emu?.stop())

  it('refuses an offline check-in past 72 hours by default, and says so', async () => {
    const late = await call(plain, 'visit', offlineCheckIn(plain, 100 * H))
    expect(late).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: expect.stringContaining('72 小时') })
    expect(ok(await call<CheckInResult>(plain, 'visit', offlineCheckIn(plain, 70 * H))).visit).toMatchObject({ offline: true })
    expect(ok(await call<Progress>(plain, 'visit', { action: 'progress' })).offlineHours).toBe(72)
  })

  it('a county manager cannot lengthen the window; the province admin can, up to 7 days', async () => {
    const agoMs = 100 * H
    expect(await setOfflineHours(pastoral.manager, pastoral.org, 120, agoMs)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringContaining('省活动办')
    })
    expect(await call(pastoral.cadre, 'visit', offlineCheckIn(pastoral.cadre, agoMs))).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await setOfflineHours(admin, pastoral.org, 169, agoMs)).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    ok(await setOfflineHours(admin, pastoral.org, 168, agoMs))
    const r = ok(await call<CheckInResult>(pastoral.cadre, 'visit', offlineCheckIn(pastoral.cadre, agoMs)))
    expect(r.visit).toMatchObject({ offline: true, status: 'counted' })
    expect(await call(pastoral.cadre, 'visit', offlineCheckIn(pastoral.cadre, 170 * H))).toMatchObject({
      ok: false,
      message: expect.stringContaining('168 小时')
    })
    expect(ok(await call<Progress>(pastoral.cadre, 'visit', { action: 'progress' })).offlineHours).toBe(168)
  })

  it('a county manager may shorten it: 48 hours is then the limit', async () => {
    ok(await setOfflineHours(strict.manager, strict.org, 48, 60 * H))
    expect(await call(strict.cadre, 'visit', offlineCheckIn(strict.cadre, 60 * H))).toMatchObject({ ok: false, message: expect.stringContaining('48 小时') })
    ok(await call<CheckInResult>(strict.cadre, 'visit', offlineCheckIn(strict.cadre, 30 * H)))
  })

  it('the offline day: every queued submission sent twice (a lost reply) lands once', async () => {
    const cadreId = userOf(day)._id
    const before = ok(await call<ServiceFigures>(day, 'ratings', { action: 'stats' })).demandsRaised

    // 打卡 captured 5 hours ago without signal, resent twice.
    const checkIn = offlineCheckIn(day, 5 * H)
    const first = ok(await call<CheckInResult>(day, 'visit', checkIn))
    expect(ok(await call<CheckInResult>(day, 'visit', { ...checkIn, deviceNow: new Date().toISOString() }))).toEqual(first)
    const visitId = `${cadreId}_${checkIn.submissionId}`
    expect(first.visit.id).toBe(visitId)

    // 走访记录 with two problems, written against the id the phone derived, sent twice.
    const record = {
      action: 'saveRecord',
      visitId,
      category: 'village',
      method: 'homeVisit',
      needs: '牧道冲毁了，转场不方便',
      peopleMet: { count: 4 },
      problems: [
        { area: 'production', text: '牧道冲毁，需要修', handling: 'coordinate' },
        { area: 'medical', text: '村医一周只来一次', handling: 'report' }
      ]
    }
    const saved = ok(await call<VisitDetail>(day, 'visit', record))
    const again = ok(await call<VisitDetail>(day, 'visit', record))
    expect(again.record?.problems.map((p) => p.id)).toEqual(saved.record?.problems.map((p) => p.id))

    // 民情日记, sent twice.
    const entry = { action: 'add', entryId: randomUUID(), text: '今天在夏季牧场走访了四户牧民。' }
    const e1 = ok(await call<DiaryEntry>(day, 'diary', entry))
    expect(ok(await call<DiaryEntry>(day, 'diary', entry)).id).toBe(e1.id)

    // A problem for the ledger, sent twice and then 4 times at once.
    const problem = { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '定居点的自来水冬天冻住了' }
    const d1 = ok(await call<Demand>(day, 'demands', problem))
    const replays = await Promise.all(Array.from({ length: 4 }, () => call<Demand>(day, 'demands', problem)))
    for (const r of replays) expect(ok(r).id).toBe(d1.id)
    // The same id for other words is not a resend.
    expect(await call(day, 'demands', { ...problem, text: '另一件事' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    const visits = ok(await call<{ items: { id: string }[] }>(day, 'visit', { action: 'list', limit: 50 })).items.filter((v) => v.id === visitId)
    expect(visits).toHaveLength(1)
    const ledger = ok(await call<{ items: Demand[] }>(day, 'demands', { action: 'list', filter: 'all', limit: 50 })).items
    expect(ledger.filter((d) => d.visitId === visitId)).toHaveLength(2)
    expect(ledger.filter((d) => d.text === problem.text)).toHaveLength(1)
    const diary = ok(await call<{ items: DiaryEntry[] }>(day, 'diary', { action: 'list', limit: 50 })).items
    expect(diary.filter((d) => d.text === entry.text)).toHaveLength(1)
    // Two problems on the record and one in the ledger: three raised, however many resends.
    expect(ok(await call<ServiceFigures>(day, 'ratings', { action: 'stats' })).demandsRaised).toBe(before + 3)
  })

  it('a resident’s report resent lands once and counts once against the daily limit', async () => {
    const plate = ok(await call<QrCode>(day, 'ratings', { action: 'qr', kind: 'point', targetId: pointOf(day)._id }))
    const report = { action: 'create', submissionId: randomUUID(), scene: plate.scene, area: 'living', text: '村口的桥栏杆断了' }
    const first = ok(await call<Demand>(resident, 'demands', report))
    for (let i = 0; i < 6; i++) expect(ok(await call<Demand>(resident, 'demands', report)).id).toBe(first.id)
    // Four more reports today are still allowed (five a day), the sixth is not.
    for (let i = 0; i < 4; i++) ok(await call<Demand>(resident, 'demands', { ...report, submissionId: randomUUID(), text: `第 ${i + 2} 个问题` }))
    expect(await call(resident, 'demands', { ...report, submissionId: randomUUID(), text: '第 6 个问题' })).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
  })
})
