/**
 * 办实事 ledger and 群众点评 through the real wx-server-sdk, the emulator and its gateway:
 * every state change of a demand and who may make it, one rating per resident per visit under
 * concurrency (unique index), the window, self-rating, 差评 cases and their deadlines, appeals and the
 * figures, QR codes, and bad inputs changing nothing.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs, warmInstances } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { CheckInResult, VisitDetail } from '@/types/visits'
import type { BadReviewCase, Landing, QrCode, Rating, ServiceFigures } from '@/types/service'
import type { Demand, DemandDetail } from '@/types/demands'
import type { Reply } from '@/types/reply'
import { caseDeadlines, defaultServiceRules } from '@/types/rules/service'
import { packageCalendar } from '@/cloudfunctions/_lib/holiday-data'
import { beijingMonth } from '@/types/rules/beijing-time'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(90000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()

const U1 = 'demo-union-xining-chengdong-cadre-1'
const U2 = 'demo-union-xining-chengdong-cadre-2'
const W1 = 'demo-women-xining-huangzhong-cadre-1'
const manager = 'demo-union-xining-chengdong-manager'
const sibling = 'demo-union-xining-chengzhong-manager'
const otherSystem = 'demo-women-xining-chengdong-manager'
const prefecture = 'demo-union-xining-manager'

const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const pointsOf = (openid: string) => demo.liaisonPoints.filter((p) => p.cadreId === userOf(openid)._id)
const resident = (tag: string) => `o-res-${tag}-${randomUUID().slice(0, 8)}`

describe('demands and ratings functions through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  const call = <T>(openid: string | null, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (name: string, where: Record<string, unknown> = {}) => ((await db.collection(name).where(where).count()) as { total: number }).total
  /** The figures as the cadre's county manager sees them (the rated cadre sees no levels below 3 ratings). */
  const managerOf = (openid: string) => openid.replace(/cadre-\d+$/, 'manager')
  const stats = (openid: string, period?: string) =>
    call<ServiceFigures>(managerOf(openid), 'ratings', { action: 'stats', cadreId: userOf(openid)._id, ...(period ? { period } : {}) }).then(ok)

  async function visitOf(openid: string): Promise<string> {
    const p = pointsOf(openid)[0]
    const now = Date.now()
    const r = ok(
      await call<CheckInResult>(openid, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: p._id,
        fix: { lat: p.location.lat + 0.0003, lng: p.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
        deviceNow: new Date(now).toISOString()
      })
    )
    return r.visit.id
  }
  const qrFor = async (openid: string, kind: 'visit' | 'demand' | 'point', targetId: string) =>
    ok(await call<QrCode>(openid, 'ratings', { action: 'qr', kind, targetId }))
  const demand = (openid: string, extra: Record<string, unknown> = {}) =>
    call<Demand>(openid, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '楼道灯坏了', ...extra })

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'ratings', 'index.js'))) {
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('gives a visit a short scene and a real PNG QR code; scanning shows cadre, organisation and date only', async () => {
    const visitId = await visitOf(U1)
    const code = await qrFor(U1, 'visit', visitId)
    expect(code.scene).toMatch(/^v[0-9A-Za-z]{10}$/)
    expect(code.page).toBe('pages/rate/index')
    expect(code.h5Path).toBe(`/#/pages/rate/index?scene=${code.scene}`)
    const png = Buffer.from(await (await fetch(code.imageUrl.startsWith('http') ? code.imageUrl : `${emu.url}${code.imageUrl}`)).arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    // the same target keeps its scene
    expect((await qrFor(U1, 'visit', visitId)).scene).toBe(code.scene)
    expect(await count('scenes', { kind: 'visit', targetId: visitId })).toBe(1)
    // another cadre cannot make a code for it
    expect(await call(U2, 'ratings', { action: 'qr', kind: 'visit', targetId: visitId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    const land = ok(await call<Landing>(resident('land'), 'ratings', { action: 'landing', scene: code.scene }))
    expect(land).toMatchObject({ kind: 'visit', cadreName: userOf(U1).name, orgName: '城东区总工会', canRate: true, myRating: null, canReport: true })
    expect(land.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(JSON.stringify(land)).not.toMatch(/openid|phone|lat|lng/i)
    expect(await call(resident('ghost'), 'ratings', { action: 'landing', scene: 'vNOSUCHCODE' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('keeps one rating per resident per visit, even with 50 concurrent submissions (unique index)', async () => {
    const visitId = await visitOf(U1)
    const { scene } = await qrFor(U1, 'visit', visitId)
    const before = await stats(U1)
    const rater = resident('burst')
    await warmInstances(emu.url, 'ratings', { action: 'landing', scene: 'vNOSUCHCODE' })
    const replies = await Promise.all(
      Array.from({ length: 50 }, () =>
        call<{ rating: Rating }>(rater, 'ratings', { action: 'rate', scene, level: 'satisfied', tags: ['服务态度好'], comment: '讲得清楚' })
      )
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    for (const r of replies.filter((r) => !r.ok)) expect(r).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/一次一评/) })
    expect(await count('ratings', { targetKind: 'visit', targetId: visitId })).toBe(1)
    // the database itself refuses a second rating by the same person for the same visit (not only the handler's read)
    const [stored] = ((await db.collection('ratings').where({ targetKind: 'visit', targetId: visitId }).get()) as { data: Record<string, unknown>[] }).data
    const { _id: _ignored, ...twin } = stored
    await expect(db.collection('ratings').add({ data: { ...twin, comment: '第二条' } })).rejects.toThrow(/duplicate|E11000/i)
    expect(await count('ratings', { targetKind: 'visit', targetId: visitId })).toBe(1)
    const after = await stats(U1)
    expect(after.ratings).toBe(before.ratings + 1)
    expect(after.levels.satisfied).toBe((before.levels.satisfied ?? 0) + 1)
    // a second rater is fine; 追评 once
    ok(await call(resident('second'), 'ratings', { action: 'rate', scene, level: 'verySatisfied', tags: [] }))
    ok(await call(rater, 'ratings', { action: 'followUp', scene, comment: '后来又来看了一次' }))
    expect(await call(rater, 'ratings', { action: 'followUp', scene, comment: '再追一次' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    // the cadre's manager sees ratings one by one without who gave them; the cadre sees aggregates only
    expect(await call(U1, 'ratings', { action: 'listMine' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const mine = ok(await call<{ items: Rating[] }>(manager, 'ratings', { action: 'listMine', cadreId: userOf(U1)._id }))
    expect(mine.items.length).toBeGreaterThanOrEqual(2)
    expect(JSON.stringify(mine)).not.toContain(rater)
    expect(mine.items.find((r) => r.followUp)).toMatchObject({ followUp: { comment: '后来又来看了一次' } })
    const fig = await stats(U1)
    expect(fig.meanScore).toBeGreaterThan(0)
    expect(fig.satisfiedShare).toBe(1)
  })

  it('refuses no level, wrong tags, the cadre rating their own visit, a manager rating their cadre, and a closed window', async () => {
    const visitId = await visitOf(U1)
    const { scene } = await qrFor(U1, 'visit', visitId)
    const n0 = await count('ratings')
    const s0 = await count('serviceStats')
    const r = resident('bad')
    expect(await call(r, 'ratings', { action: 'rate', scene, tags: [] })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/满意程度/)
    })
    expect(await call(r, 'ratings', { action: 'rate', scene, level: 'satisfied', tags: ['走过场'] })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(r, 'ratings', { action: 'rate', scene, level: 'dissatisfied', tags: [] })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(r, 'ratings', { action: 'rate', scene: 'bad scene!', level: 'satisfied' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(U1, 'ratings', { action: 'rate', scene, level: 'verySatisfied', tags: [] })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringMatching(/工作人员/)
    })
    expect(await call(manager, 'ratings', { action: 'rate', scene, level: 'verySatisfied', tags: [] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const land = ok(await call<Landing>(U1, 'ratings', { action: 'landing', scene }))
    expect(land).toMatchObject({ canRate: false, canReport: false })

    // a visit from the seeded history (January 2026) is long past its 7-day window
    const old = demo.visits.find((v) => v.cadreId === userOf('demo-women-xining-chengdong-cadre-1')._id && v.status === 'counted')!
    const oldCode = await qrFor('demo-women-xining-chengdong-cadre-1', 'visit', old._id)
    expect(await call(r, 'ratings', { action: 'rate', scene: oldCode.scene, level: 'satisfied', tags: [] })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/评价期已过/)
    })
    expect(ok(await call<Landing>(r, 'ratings', { action: 'landing', scene: oldCode.scene })).canRate).toBe(false)
    expect(await count('ratings')).toBe(n0)
    expect(await count('serviceStats')).toBe(s0)
  })

  it('opens a 差评 case with deadlines from the rule; the manager follows up; the resident rates the fix; an appeal voids and the figures follow', async () => {
    const visitId = await visitOf(U2)
    const { scene } = await qrFor(U2, 'visit', visitId)
    const rater = resident('bad')
    const before = await stats(U2)
    const res = ok(
      await call<{ rating: Rating; caseOpened: boolean }>(rater, 'ratings', {
        action: 'rate',
        scene,
        level: 'dissatisfied',
        tags: ['问题没解决'],
        comment: '说了没人管',
        contactPhone: '13900001111'
      })
    )
    expect(res.caseOpened).toBe(true)
    const mid = await stats(U2)
    expect(mid).toMatchObject({ ratings: before.ratings + 1, bad: before.bad + 1, cases: before.cases + 1 })

    // the cadre cannot see the case queue; siblings and other systems cannot act on it
    expect(await call(U2, 'ratings', { action: 'listCases' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const queue = ok(await call<{ items: BadReviewCase[] }>(manager, 'ratings', { action: 'listCases' }))
    const c = queue.items.find((i) => i.ratingId === res.rating.id)!
    expect(c).toMatchObject({ status: 'revisit', contactPhone: '13900001111', tags: ['问题没解决'] })
    const due = caseDeadlines(new Date(c.ratedAt), defaultServiceRules, packageCalendar)
    expect(c.revisitDueAt).toBe(due.revisitDueAt.toISOString())
    expect(c.rectifyDueAt).toBe(due.rectifyDueAt.toISOString())
    expect(ok(await call<{ items: BadReviewCase[] }>(prefecture, 'ratings', { action: 'listCases' })).items.some((i) => i.id === c.id)).toBe(true)
    expect(ok(await call<{ items: BadReviewCase[] }>(sibling, 'ratings', { action: 'listCases' })).items.some((i) => i.id === c.id)).toBe(false)
    expect(await call(sibling, 'ratings', { action: 'revisit', caseId: c.id, note: 'x' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(otherSystem, 'ratings', { action: 'revisit', caseId: c.id, note: 'x' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(manager, 'ratings', { action: 'rectify', caseId: c.id, result: '还没回访' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    const revisited = ok(await call<BadReviewCase>(manager, 'ratings', { action: 'revisit', caseId: c.id, note: '电话联系了群众，了解了情况' }))
    expect(revisited).toMatchObject({ status: 'rectifying', revisit: { onTime: true } })
    const fixed = ok(await call<BadReviewCase>(manager, 'ratings', { action: 'rectify', caseId: c.id, result: '已协调物业修好了路灯' }))
    expect(fixed).toMatchObject({ status: 'rectified', rectification: { onTime: true } })
    const land = ok(await call<Landing>(rater, 'ratings', { action: 'landing', scene }))
    expect(land.fix).toMatchObject({ result: '已协调物业修好了路灯', canRate: true, rated: false })
    ok(await call(rater, 'ratings', { action: 'rate', scene, about: 'fix', level: 'satisfied', tags: ['解决效果好'] }))
    expect(ok(await call<Landing>(rater, 'ratings', { action: 'landing', scene })).fix).toMatchObject({ rated: true, canRate: false })
    const after = await stats(U2)
    expect(after).toMatchObject({ revisitOnTime: mid.revisitOnTime + 1, rectified: mid.rectified + 1, ratings: mid.ratings })

    // appeal: the cadre asks, a sibling manager cannot decide, the manager voids with a reason
    ok(await call(U2, 'ratings', { action: 'appeal', ratingId: res.rating.id, reason: '群众反映的是物业的问题' }))
    expect(await call(U1, 'ratings', { action: 'appeal', ratingId: res.rating.id, reason: 'x' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(sibling, 'ratings', { action: 'decideAppeal', ratingId: res.rating.id, decision: 'void', reason: 'x' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call(otherSystem, 'ratings', { action: 'decideAppeal', ratingId: res.rating.id, decision: 'void', reason: 'x' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    const waiting = ok(await call<{ items: Rating[] }>(manager, 'ratings', { action: 'listAppeals' }))
    expect(waiting.items.find((r) => r.id === res.rating.id)).toMatchObject({
      appeal: { status: 'pending', reason: '群众反映的是物业的问题' },
      cadreName: userOf(U2).name
    })
    expect(JSON.stringify(waiting)).not.toContain(rater)
    expect(ok(await call<{ items: Rating[] }>(sibling, 'ratings', { action: 'listAppeals' })).items.some((r) => r.id === res.rating.id)).toBe(false)
    expect(await call(U2, 'ratings', { action: 'listAppeals' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const voided = ok(
      await call<Rating>(manager, 'ratings', { action: 'decideAppeal', ratingId: res.rating.id, decision: 'void', reason: '经核实属物业责任，误评' })
    )
    expect(voided).toMatchObject({ voided: { reason: '经核实属物业责任，误评' }, appeal: { status: 'upheld' } })
    const final = await stats(U2)
    expect(final).toMatchObject({ ratings: before.ratings, bad: before.bad, voided: before.voided + 1 })
    expect(ok(await call<{ items: Rating[] }>(manager, 'ratings', { action: 'listAppeals' })).items.some((r) => r.id === res.rating.id)).toBe(false)
    expect(final.levels.dissatisfied).toBe(before.levels.dissatisfied ?? 0)
    expect(await call(manager, 'ratings', { action: 'decideAppeal', ratingId: res.rating.id, decision: 'void', reason: '再撤' })).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })
    // the year figures follow too
    const year = String(new Date().getUTCFullYear())
    if (beijingMonth(new Date()).startsWith(year)) expect((await stats(U2, year)).voided).toBeGreaterThanOrEqual(1)
  })

  it('takes a demand through 立即解决, 协调解决 (督办, progress) and 上报反映 with a timeline; closes it and the resident rates it', async () => {
    const d1 = ok(await demand(U1, { contactName: '李大爷', contactPhone: '13812345678' }))
    expect(d1).toMatchObject({ status: 'open', source: 'cadre', contact: { name: '李大爷', phone: '13812345678', phoneMasked: false }, overdue: false })
    const solved = ok(await call<DemandDetail>(U1, 'demands', { action: 'resolve', demandId: d1.id, done: '当场换了灯泡' }))
    expect(solved).toMatchObject({ status: 'solved', path: 'immediate' })
    expect(solved.timeline.map((s) => s.kind)).toEqual(['raised', 'resolved'])
    expect(await call(U1, 'demands', { action: 'resolve', demandId: d1.id, done: '再来一次' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    const d2 = ok(await demand(U1, { urgency: 'complex', area: 'housing', text: '危房改造' }))
    expect(await call(U2, 'demands', { action: 'coordinate', demandId: d2.id, department: '住建局' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    ok(await call(U1, 'demands', { action: 'coordinate', demandId: d2.id, department: '区住建局' }))
    ok(await call(U1, 'demands', { action: 'progress', demandId: d2.id, note: '住建局已现场查看' }))
    expect(await call(U1, 'demands', { action: 'supervise', demandId: d2.id, note: '请加快' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(sibling, 'demands', { action: 'supervise', demandId: d2.id, note: '请加快' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(otherSystem, 'demands', { action: 'supervise', demandId: d2.id, note: '请加快' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    ok(await call(manager, 'demands', { action: 'supervise', demandId: d2.id, note: '请本周内办结' }))
    const done2 = ok(await call<DemandDetail>(U1, 'demands', { action: 'finish', demandId: d2.id, result: '已纳入今年改造计划并开工' }))
    expect(done2).toMatchObject({ status: 'solved', path: 'coordinate', department: '区住建局', supervised: 1 })
    expect(done2.timeline.map((s) => [s.kind, s.byRole])).toEqual([
      ['raised', 'cadre'],
      ['assigned', 'cadre'],
      ['progress', 'cadre'],
      ['supervised', 'manager'],
      ['finished', 'cadre']
    ])

    const d3 = ok(await demand(U1, { area: 'employment', text: '希望增设公益岗位' }))
    const rep = ok(
      await call<DemandDetail>(U1, 'demands', {
        action: 'report',
        demandId: d3.id,
        toOrgId: 'org-union-xining',
        reason: '超出区里权限',
        explanation: '已向市里反映，结果出来后告诉您'
      })
    )
    expect(rep).toMatchObject({ status: 'reported', path: 'report', department: '西宁市总工会', report: { toOrgName: '西宁市总工会', state: 'sent' } })
    // reported is not handled: the 西宁市 unit answers, then it counts
    expect((await stats(U1)).solvedByPath.report).toBe(0)
    ok(await call(prefecture, 'demands', { action: 'answerReport', demandId: d3.id, answer: '市里明年统一增设公益岗位', outcome: 'answered' }))

    // the cadre's ledger with filters; the figures follow
    const all = ok(await call<{ items: Demand[] }>(U1, 'demands', { action: 'list' }))
    expect(all.items.map((d) => d.id)).toEqual(expect.arrayContaining([d1.id, d2.id, d3.id]))
    const answered = ok(await call<{ items: Demand[] }>(U1, 'demands', { action: 'list', filter: 'answered' }))
    expect(answered.items.map((d) => d.id)).toEqual([d3.id])
    const fig = await stats(U1)
    expect(fig.solvedByPath).toEqual({ immediate: 1, coordinate: 1, report: 1 })
    expect(fig.demandsRaised).toBeGreaterThanOrEqual(3)

    // get: the cadre and managers see the phone; another cadre and a resident are refused
    expect(ok(await call<DemandDetail>(manager, 'demands', { action: 'get', demandId: d1.id })).contact).toMatchObject({ phone: '13812345678' })
    expect(await call(U2, 'demands', { action: 'get', demandId: d1.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(resident('peek'), 'demands', { action: 'get', demandId: d1.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(resident('peek'), 'demands', { action: 'list' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(sibling, 'demands', { action: 'list', cadreId: userOf(U1)._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // a resident reports through a liaison-point plate, the cadre solves and answers, the resident rates
    const plate = await qrFor(U1, 'point', pointsOf(U1)[0]._id)
    expect(plate.scene).toMatch(/^p/)
    const person = resident('report')
    const reportedByResident = ok(await demand(person, { scene: plate.scene, area: 'medical', text: '村卫生室缺药', contactPhone: '13700001234' }))
    expect(reportedByResident).toMatchObject({ source: 'resident', contact: { phoneMasked: true } })
    expect(await call(person, 'ratings', { action: 'rate', scene: plate.scene, level: 'satisfied', tags: [] })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    ok(await call(U1, 'demands', { action: 'resolve', demandId: reportedByResident.id, done: '联系卫健局补了药' }))
    const closed = ok(await call<DemandDetail>(U1, 'demands', { action: 'close', demandId: reportedByResident.id, reply: '药已经补齐了，请您放心' }))
    expect(closed).toMatchObject({ status: 'closed', reply: '药已经补齐了，请您放心' })
    expect(closed.sceneCode).toMatch(/^d/)
    const land = ok(await call<Landing>(person, 'ratings', { action: 'landing', scene: plate.scene }))
    expect(land.myDemands).toEqual([expect.objectContaining({ id: reportedByResident.id, status: 'closed', canRate: true, reply: '药已经补齐了，请您放心' })])
    ok(
      await call(person, 'ratings', {
        action: 'rate',
        scene: plate.scene,
        about: 'demand',
        demandId: reportedByResident.id,
        level: 'verySatisfied',
        tags: ['解决效果好']
      })
    )
    // the manager sees the rating on the demand; the cadre, who has the resident's contact, does not
    const rated = ok(await call<DemandDetail>(manager, 'demands', { action: 'get', demandId: reportedByResident.id }))
    expect(rated.rating).toEqual({ level: 'verySatisfied' })
    expect(rated.timeline.map((s) => s.kind)).toEqual(['raised', 'resolved', 'closed', 'rated'])
    expect(JSON.stringify(rated.timeline)).not.toContain(person)
    const seenByCadre = ok(await call<DemandDetail>(U1, 'demands', { action: 'get', demandId: reportedByResident.id }))
    expect(seenByCadre.rating).toBeNull()
    expect(seenByCadre.timeline.map((s) => s.kind)).toEqual(['raised', 'resolved', 'closed'])
    // the finished demand's own code shows the cadre; the same person cannot rate it twice
    const dCode = await qrFor(U1, 'demand', reportedByResident.id)
    expect(dCode.scene).toBe(closed.sceneCode)
    expect(await call(person, 'ratings', { action: 'rate', scene: dCode.scene, level: 'satisfied', tags: [] })).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('raises ledger entries from a visit record (the seam) without duplicates on re-save', async () => {
    const visitId = await visitOf(W1)
    const record = {
      action: 'saveRecord',
      visitId,
      category: 'village',
      method: 'homeVisit',
      peopleMet: { count: 3 },
      problems: [
        { area: 'schooling', text: '课后托管没有场地', handling: 'coordinate', urgency: 'complex' },
        { area: 'living', text: '路灯不亮', handling: 'immediate' }
      ]
    }
    ok(await call(W1, 'visit', record))
    ok(await call(W1, 'visit', record))
    expect(await count('demands', { visitId })).toBe(2)
    const d = ok(await call<DemandDetail>(W1, 'demands', { action: 'get', demandId: `${visitId}_p1` }))
    expect(d).toMatchObject({ source: 'visit', urgency: 'complex', plannedPath: 'coordinate', status: 'open' })
    expect((await stats(W1)).demandsRaised).toBe(2)
  })

  it('shows a visit’s problems with their ledger state now; the cadre’s manager reads that ledger by cadreId and presses (督办)', async () => {
    const visitId = await visitOf(U1)
    const [p1, p2] = [`${visitId}_p1`, `${visitId}_p2`]
    ok(
      await call(U1, 'visit', {
        action: 'saveRecord',
        visitId,
        category: 'village',
        method: 'homeVisit',
        peopleMet: { count: 2 },
        problems: [
          { area: 'living', text: '小区路灯不亮', handling: 'coordinate' },
          { area: 'medical', text: '卫生室缺常用药', handling: 'immediate', urgency: 'urgent' }
        ]
      })
    )
    ok(await call(U1, 'demands', { action: 'resolve', demandId: p2, done: '联系卫健局补了药' }))
    // time passes for the first: its deadline moved into the past directly in the database
    await db
      .collection('demands')
      .doc(p1)
      .update({ data: { deadlineAt: new Date(Date.now() - 60_000) } })

    const states = (v: VisitDetail) => v.record?.problems.map((p) => [p.id, p.ledger])
    const expected = [
      [p1, { status: 'open', overdue: true }],
      [p2, { status: 'solved', overdue: false }]
    ]
    expect(states(ok(await call<VisitDetail>(U1, 'visit', { action: 'get', visitId })))).toEqual(expected)
    expect(states(ok(await call<VisitDetail>(manager, 'visit', { action: 'get', visitId })))).toEqual(expected)
    // the join is one read by _id: three DB operations (the caller, the visit, its entries), nothing else examined
    const { invocations } = (await (await fetch(`${emu.url}/__/invocations?limit=5`)).json()) as {
      invocations: { fn: string; action: string | null; meter: { dbOps: number; docsExamined: number } }[]
    }
    expect(invocations.find((i) => i.fn === 'visit' && i.action === 'get')?.meter).toMatchObject({ dbOps: 3, docsExamined: 4 })
    expect(await call(U2, 'visit', { action: 'get', visitId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // the manager's view of the cadre's ledger, with the cadre's own filters
    const cadreId = userOf(U1)._id
    const overdue = ok(await call<{ items: Demand[] }>(manager, 'demands', { action: 'list', cadreId, filter: 'overdue' }))
    expect(overdue.items.map((d) => d.id)).toContain(p1)
    expect(overdue.items.every((d) => d.overdue && d.cadreId === cadreId)).toBe(true)
    const solved = ok(await call<{ items: Demand[] }>(manager, 'demands', { action: 'list', cadreId, filter: 'solved' }))
    expect(solved.items.map((d) => d.id)).toContain(p2)
    expect(solved.items.map((d) => d.id)).not.toContain(p1)
    expect(ok(await call<{ items: Demand[] }>(prefecture, 'demands', { action: 'list', cadreId, filter: 'overdue' })).items.map((d) => d.id)).toContain(p1)
    // a manager must name the cadre; outside their subtree, refused
    expect(await call(manager, 'demands', { action: 'list' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(otherSystem, 'demands', { action: 'list', cadreId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(U2, 'demands', { action: 'list', cadreId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // 督办 from the demand's page: while it is being handled, not once it is solved
    const pressed = ok(await call<DemandDetail>(manager, 'demands', { action: 'supervise', demandId: p1, note: '请本周内办结' }))
    expect(pressed).toMatchObject({ supervised: 1, status: 'open' })
    expect(pressed.timeline.at(-1)).toMatchObject({ kind: 'supervised', byRole: 'manager', note: '请本周内办结' })
    expect(await call(manager, 'demands', { action: 'supervise', demandId: p2, note: '请加快' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(ok(await call<DemandDetail>(U1, 'demands', { action: 'get', demandId: p1 })).timeline.map((t) => t.kind)).toEqual(['raised', 'supervised'])
  })

  it('flags overdue demands for the cadre and the manager, and counts one finished late', async () => {
    const d = ok(await demand(U2, { urgency: 'urgent', text: '老人突发困难' }))
    expect(d.overdue).toBe(false)
    // time passes: the deadline is moved into the past directly in the database
    await db
      .collection('demands')
      .doc(d.id)
      .update({ data: { deadlineAt: new Date(Date.now() - 60_000) } })
    const mine = ok(await call<{ items: Demand[] }>(U2, 'demands', { action: 'list', filter: 'overdue' }))
    expect(mine.items.map((i) => i.id)).toContain(d.id)
    expect(mine.items.every((i) => i.overdue)).toBe(true)
    const queue = ok(await call<{ items: Demand[] }>(manager, 'demands', { action: 'listOverdue' }))
    expect(queue.items.find((i) => i.id === d.id)).toMatchObject({ overdue: true })
    expect(ok(await call<{ items: Demand[] }>(sibling, 'demands', { action: 'listOverdue' })).items.some((i) => i.id === d.id)).toBe(false)
    expect(await call(U2, 'demands', { action: 'listOverdue' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const before = await stats(U2)
    expect(before.overdueNow).toBeGreaterThanOrEqual(1)
    ok(await call(U2, 'demands', { action: 'resolve', demandId: d.id, done: '送去了救助物资' }))
    const after = await stats(U2)
    expect(after.finishedLate).toBe(before.finishedLate + 1)
    expect(after.overdueNow).toBe(before.overdueNow - 1)
  })

  it('costs a fixed number of DB operations to rate and to close a demand, whatever the history', async () => {
    const lastCost = async (fn: string, action: string) => {
      const { invocations } = (await (await fetch(`${emu.url}/__/invocations?limit=5`)).json()) as {
        invocations: { fn: string; action: string | null; ok: boolean; meter: { dbOps: number; docsExamined: number } }[]
      }
      const inv = invocations.find((i) => i.fn === fn && i.action === action)!
      expect(inv.ok).toBe(true)
      return inv.meter
    }
    const cadre = 'demo-league-haidong-ledu-cadre-1'
    // Each rating on its own new visit: one rating per event, so none is held and every one takes the counted path.
    const rateNew = async (rater: string, level: 'satisfied' | 'verySatisfied') => {
      const { scene } = await qrFor(cadre, 'visit', await visitOf(cadre))
      ok(await call(resident(rater), 'ratings', { action: 'rate', scene, level, tags: [] }))
      return lastCost('ratings', 'rate')
    }
    const closeOne = async () => {
      const d = ok(await demand(cadre))
      ok(await call(cadre, 'demands', { action: 'resolve', demandId: d.id, done: '办好了' }))
      ok(await call(cadre, 'demands', { action: 'close', demandId: d.id, reply: '已经办好了' }))
      return lastCost('demands', 'close')
    }
    // warm: the cadre's month/year figures exist from here on (creating them is a one-off)
    await rateNew('cost-warm', 'satisfied')
    await closeOne()
    const firstRate = await rateNew('cost-0', 'satisfied')
    const firstClose = await closeOne()
    for (let i = 1; i <= 10; i++) {
      await rateNew(`cost-${i}`, 'verySatisfied')
      await closeOne()
    }
    const laterRate = await rateNew('cost-last', 'satisfied')
    const laterClose = await closeOne()
    expect(laterRate.dbOps).toBe(firstRate.dbOps)
    expect(laterRate.docsExamined).toBeLessThanOrEqual(firstRate.docsExamined + 2)
    expect(laterClose.dbOps).toBe(firstClose.dbOps)
    expect(laterClose.docsExamined).toBeLessThanOrEqual(firstClose.docsExamined)
    expect(firstRate.dbOps).toBeLessThanOrEqual(8)
    expect(firstClose.dbOps).toBeLessThanOrEqual(15)
    console.log(
      `rate: ${firstRate.dbOps} DB ops, ${firstRate.docsExamined} docs examined; close: ${firstClose.dbOps} DB ops, ${firstClose.docsExamined} docs examined`
    )
  })

  it('holds the third rating of one cadre by one openid in a month for review, and limits reports per openid per day', async () => {
    const cadre = 'demo-league-haibei-haiyan-cadre-2'
    const rater = resident('repeat')
    const figures = await stats(cadre)
    const replies: { message: string }[] = []
    for (let i = 0; i < 3; i++) {
      const { scene } = await qrFor(cadre, 'visit', await visitOf(cadre))
      replies.push(ok(await call<{ message: string }>(rater, 'ratings', { action: 'rate', scene, level: 'verySatisfied', tags: [] })))
    }
    // the resident is thanked the same way each time: never told a rating was held
    expect(new Set(replies.map((r) => r.message)).size).toBe(1)
    expect(await stats(cadre)).toMatchObject({ ratings: figures.ratings + 2, held: figures.held + 1 })
    const held = ok(await call<{ items: Rating[] }>(managerOf(cadre), 'ratings', { action: 'listHeld' }))
    expect(held.items.filter((r) => r.hold?.reasons.includes('repeatRater'))).toHaveLength(1)

    const plate = await qrFor(cadre, 'point', pointsOf(cadre)[0]._id)
    const person = resident('many')
    for (let i = 0; i < 5; i++) ok(await demand(person, { scene: plate.scene, text: `第 ${i + 1} 个问题` }))
    const before = await count('demands')
    expect(await demand(person, { scene: plate.scene, text: '第 6 个问题' })).toMatchObject({
      ok: false,
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/明天/)
    })
    expect(await count('demands')).toBe(before)
  })

  it('changes nothing on bad input, and pages the ledger', async () => {
    const n = await count('demands')
    const s = await count('serviceStats')
    for (const bad of [
      { action: 'create', submissionId: 'bad-input-0001', area: 'nowhere', text: 'x' },
      { action: 'create', submissionId: 'bad-input-0001', area: 'living', text: '' },
      { action: 'create', submissionId: 'bad-input-0001', area: 'living', text: 'x', contactPhone: '123' },
      { action: 'create', submissionId: 'bad-input-0001', area: 'living', text: 'x'.repeat(501) },
      { action: 'create', submissionId: 'bad-input-0001', area: 'living', text: 'x', urgency: 'whenever' }
    ]) {
      expect(await call(U2, 'demands', bad)).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(await call(manager, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', text: '管理员自己登记' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call(resident('noscene'), 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', text: '没有扫码' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(
      await call(resident('ghost'), 'demands', { action: 'create', submissionId: randomUUID(), scene: 'vNOSUCHCODE', area: 'living', text: '假码' })
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await call(U2, 'demands', { action: 'coordinate', demandId: 'nope', department: 'x' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await call(U2, 'demands', { action: 'list', cursor: '%%%' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await count('demands')).toBe(n)
    expect(await count('serviceStats')).toBe(s)

    for (let i = 0; i < 5; i++) ok(await demand(U2, { text: `第 ${i + 1} 件` }))
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const r = ok(await call<{ items: Demand[]; nextCursor: string | null }>(U2, 'demands', { action: 'list', limit: 2, ...(cursor ? { cursor } : {}) }))
      seen.push(...r.items.map((d) => d.id))
      if (!r.nextCursor) break
      cursor = r.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(await count('demands', { cadreId: userOf(U2)._id }))
  })
})
