import { randomUUID } from 'node:crypto'
/**
 * Deadlines owned by the rules, not by the cadre who owes them, through the real wx-server-sdk and the emulator on
 * a moving clock: a far 协调 date refused, a later one turned into an extension request a manager decides (approved:
 * the deadline moves and the finish is on time; refused: it stays and the finish is late); 上报反映 to a unit that
 * 签收 and answers (handled only then) or returns it; residents' 急 a hint only, staff triage; entries set aside as
 * spam or duplicates never overdue nor counted, put back by a manager; 重办 after 不满意; and the nightly
 * reconciliation recomputing every figure by the same rules.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { loadSdk, moveClock, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { QrCode, ServiceFigures } from '@/types/service'
import type { Demand, DemandDetail } from '@/types/demands'
import { beijingDate, beijingMonth } from '@/types/rules/beijing-time'
import { defaultServiceRules, demandDeadline } from '@/types/rules/service'
import { addWorkingDays, endOfBeijingDay } from '@/types/rules/working-days'
import { packageCalendar } from '@/cloudfunctions/_lib/holiday-data'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(180_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const U = 'demo-union-xining-chengdong-cadre-1'
const peer = 'demo-union-xining-chengdong-cadre-2'
const W = 'demo-women-xining-chengdong-cadre-1'
const county = 'demo-union-xining-chengdong-manager'
const prefecture = 'demo-union-xining-manager'
const sibling = 'demo-union-xining-chengzhong-manager'
const cadre = demo.users.find((u) => u.openid === U)!
const plate = demo.liaisonPoints.find((p) => p.cadreId === cadre._id)!
const bj = (s: string) => `${s}+08:00`

describe('the 办实事 ledger: deadlines, reports, triage, invalid entries and 重办', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(openid: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, 'demands', data)
  const step = async (openid: string, data: Record<string, unknown>) => ok(await call<DemandDetail>(openid, data))
  const get = (openid: string, demandId: string) => step(openid, { action: 'get', demandId })
  const create = async (extra: Record<string, unknown> = {}) =>
    ok(await call<Demand>(U, { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '楼道灯坏了', ...extra }))
  const stats = async (period = beijingMonth(new Date())) => ok(await callAs<ServiceFigures>(emu.url, U, 'ratings', { action: 'stats', period }))
  const listOf = async (openid: string, action: string, extra: Record<string, unknown> = {}) =>
    ok(await call<{ items: Demand[] }>(openid, { action, limit: 50, ...extra })).items.map((d) => d.id)
  const dayAfter = (iso: string) => new Date(new Date(iso).getTime() + 10 * 3600_000) // 10:00 Beijing the next day

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'demands', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
  })
  afterAll(() => emu?.stop())

  it('refuses a far 协调 date, turns a later one into an extension request; approved moves lateness, refused does not', async () => {
    await moveClock(emu.url, bj('2026-06-16T10:00:00'))
    const d1 = await create()
    const d2 = await create({ text: '路灯不亮' })
    expect(d1.deadlineAt).toBe(demandDeadline(new Date(d1.createdAt), 'general', defaultServiceRules, packageCalendar).toISOString())
    expect(d1.firstDeadlineAt).toBe(d1.deadlineAt)
    // A date within the deadline is the department's, recorded; the deadline stays the rules'.
    const d3 = await create({ text: '垃圾清运' })
    const within = await step(U, { action: 'coordinate', demandId: d3.id, department: '街道办', deadline: '2026-06-22' })
    expect(within).toMatchObject({
      status: 'coordinating',
      deadlineAt: d3.deadlineAt,
      departmentDueAt: endOfBeijingDay('2026-06-22').toISOString(),
      pendingExtension: null
    })

    // Time passes: both are overdue.
    await moveClock(emu.url, dayAfter(d1.deadlineAt))
    const overdue = await get(U, d1.id)
    expect(overdue).toMatchObject({ status: 'open', overdue: true })
    const bounds = overdue.deadlineBounds!
    expect(bounds).toEqual({
      due: beijingDate(d1.deadlineAt),
      maxExtension: addWorkingDays(beijingDate(d1.deadlineAt), defaultServiceRules.demandDays.complex, packageCalendar)
    })

    // 2999-12-31: refused, nothing changes.
    expect(await call(U, { action: 'coordinate', demandId: d1.id, department: '区住建局', deadline: '2999-12-31' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringContaining(`最晚只能申请延期到 ${bounds.maxExtension}`)
    })
    expect(await get(U, d1.id)).toMatchObject({ status: 'open', overdue: true, timeline: [expect.objectContaining({ kind: 'raised' })] })
    // A later date without a reason: refused too; with one: coordinating, and a request waits. Still overdue.
    expect(await call(U, { action: 'coordinate', demandId: d1.id, department: '区住建局', deadline: bounds.maxExtension })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('延期理由')
    })
    const asked = await step(U, { action: 'coordinate', demandId: d1.id, department: '区住建局', deadline: bounds.maxExtension, reason: '需要排队施工' })
    expect(asked).toMatchObject({
      status: 'coordinating',
      deadlineAt: d1.deadlineAt,
      overdue: true,
      pendingExtension: { until: bounds.maxExtension, reason: '需要排队施工' }
    })
    expect(await call(U, { action: 'requestExtension', demandId: d1.id, until: bounds.maxExtension, reason: '再申请一次' })).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })

    // Only a manager of the cadre decides: not the cadre, a peer, or a sibling county's manager.
    for (const who of [U, peer, sibling]) {
      expect(await call(who, { action: 'decideExtension', demandId: d1.id, decision: 'approve', reason: '同意' })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN'
      })
    }
    expect(await listOf(county, 'listExtensions')).toContain(d1.id)
    expect(await listOf(prefecture, 'listExtensions')).toContain(d1.id)
    expect(await listOf(sibling, 'listExtensions')).not.toContain(d1.id)
    const approved = await step(county, { action: 'decideExtension', demandId: d1.id, decision: 'approve', reason: '施工确需时间，同意' })
    expect(approved).toMatchObject({
      deadlineAt: endOfBeijingDay(bounds.maxExtension).toISOString(),
      firstDeadlineAt: d1.deadlineAt,
      overdue: false,
      pendingExtension: null
    })
    expect(approved.extensions).toEqual([
      expect.objectContaining({ status: 'approved', decidedByName: expect.any(String), decisionReason: '施工确需时间，同意' })
    ])
    expect(await listOf(county, 'listExtensions')).not.toContain(d1.id)
    expect(await call(county, { action: 'decideExtension', demandId: d1.id, decision: 'approve', reason: '再批一次' })).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })

    // Finished after the first deadline, within the approved one: on time.
    const before = await stats()
    ok(await call(U, { action: 'finish', demandId: d1.id, result: '住建局已修好' }))
    const onTime = await stats()
    expect(onTime.solvedByPath.coordinate).toBe(before.solvedByPath.coordinate + 1)
    expect(onTime.finishedLate).toBe(before.finishedLate)

    // The other: an extension asked and refused; finished late.
    const d2b = (await get(U, d2.id)).deadlineBounds!
    await step(U, { action: 'requestExtension', demandId: d2.id, until: d2b.maxExtension, reason: '部门人手不够' })
    const refused = await step(county, { action: 'decideExtension', demandId: d2.id, decision: 'refuse', reason: '不属于延期情形，请尽快办' })
    expect(refused).toMatchObject({
      deadlineAt: d2.deadlineAt,
      overdue: true,
      pendingExtension: null,
      extensions: [expect.objectContaining({ status: 'refused' })]
    })
    await step(U, { action: 'coordinate', demandId: d2.id, department: '供电所' })
    await step(U, { action: 'finish', demandId: d2.id, result: '供电所已修好' })
    const late = await stats()
    expect(late.finishedLate).toBe(onTime.finishedLate + 1)
  })

  it('reports upward to a unit on the cadre’s path, which 签收 and answers; handled only once answered, or returned', async () => {
    await moveClock(emu.url, bj('2026-07-06T10:00:00'))
    const d = await create({ area: 'employment', text: '希望增设公益岗位' })
    expect(
      await call(U, { action: 'report', demandId: d.id, toOrgId: 'org-union-xining-chengzhong', reason: '超出权限', explanation: '已反映' })
    ).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const before = await stats()
    const sent = await step(U, {
      action: 'report',
      demandId: d.id,
      toOrgId: 'org-union-xining',
      reason: '超出区里权限',
      explanation: '已向市里反映，结果出来后告诉您'
    })
    expect(sent).toMatchObject({
      status: 'reported',
      path: 'report',
      report: { toOrgId: 'org-union-xining', toOrgName: '西宁市总工会', state: 'sent' },
      nextSteps: []
    })
    expect((await stats()).solvedByPath.report).toBe(before.solvedByPath.report)
    // In the named unit's queue only (not the cadre's county's, not a sibling's).
    expect(await listOf(prefecture, 'listReports')).toContain(d.id)
    expect(await listOf(county, 'listReports')).not.toContain(d.id)
    expect(await listOf(sibling, 'listReports')).not.toContain(d.id)
    // The county is below the unit: it cannot 签收 or answer for it; the cadre cannot either.
    for (const who of [county, U, sibling]) {
      expect(await call(who, { action: 'receiveReport', demandId: d.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await call(who, { action: 'answerReport', demandId: d.id, answer: '好的' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect((await get(prefecture, d.id)).nextSteps).toEqual(['receiveReport', 'answerReport'])
    const received = await step(prefecture, { action: 'receiveReport', demandId: d.id })
    expect(received.report).toMatchObject({ state: 'received', receivedByName: expect.any(String) })
    expect(await call(prefecture, { action: 'receiveReport', demandId: d.id })).toMatchObject({ ok: false, code: 'CONFLICT' })
    // Not answered: the cadre cannot tell the person it is done.
    expect(await call(U, { action: 'close', demandId: d.id, reply: '办好了' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    const answered = await step(prefecture, { action: 'answerReport', demandId: d.id, answer: '市里明年统一增设公益岗位', outcome: 'answered' })
    expect(answered).toMatchObject({ status: 'answered', report: { state: 'answered', answer: '市里明年统一增设公益岗位' } })
    const after = await stats()
    expect(after.solvedByPath.report).toBe(before.solvedByPath.report + 1)
    expect(after.finishedLate).toBe(before.finishedLate)
    expect(await listOf(prefecture, 'listReports')).not.toContain(d.id)
    ok(await call(U, { action: 'close', demandId: d.id, reply: '市里答复明年统一增设公益岗位' }))

    // Returned: back to the cadre, the deadline stands, nothing counted.
    const r = await create({ text: '小区停车难' })
    await step(U, { action: 'report', demandId: r.id, toOrgId: cadre.orgId, reason: '需要区里统筹', explanation: '已向区里反映' })
    const back = await step(county, { action: 'answerReport', demandId: r.id, answer: '属于街道职责，请继续协调', outcome: 'returned' })
    expect(back).toMatchObject({ status: 'open', path: null, deadlineAt: r.deadlineAt, report: { state: 'returned' } })
    expect((await stats()).solvedByPath.report).toBe(after.solvedByPath.report)
    expect((await get(U, r.id)).nextSteps).toEqual(expect.arrayContaining(['resolve', 'coordinate', 'report']))
  })

  it('takes a resident’s 急 as a hint only: 30 urgent reports through a plate stay general until staff triage them', async () => {
    await moveClock(emu.url, bj('2026-07-13T09:00:00'))
    const { scene } = ok(await callAs<QrCode>(emu.url, U, 'ratings', { action: 'qr', kind: 'point', targetId: plate._id }))
    const before = await stats()
    const filed: Demand[] = []
    for (let i = 0; i < 30; i++) {
      filed.push(
        ok(
          await call<Demand>(`o-ledger-urgent-${i}`, {
            action: 'create',
            submissionId: randomUUID(),
            scene,
            area: 'living',
            urgency: 'urgent',
            urgentHint: true,
            text: `急！第 ${i} 件`
          })
        )
      )
    }
    const general = demandDeadline(new Date(filed[0].createdAt), 'general', defaultServiceRules, packageCalendar).toISOString()
    for (const d of filed) expect(d).toMatchObject({ urgency: 'general', urgentHint: true, triaged: false, deadlineAt: general, source: 'resident' })
    expect((await stats()).demandsRaised).toBe(before.demandsRaised + 30)

    // The end of the day: none of them is overdue.
    await moveClock(emu.url, bj('2026-07-13T23:30:00'))
    const overdue = await listOf(county, 'listOverdue')
    expect(filed.filter((d) => overdue.includes(d.id))).toEqual([])

    // The cadre triages one, once; a manager may change it.
    const first = filed[0]
    expect((await get(U, first.id)).nextSteps).toContain('triage')
    const urgent = await step(U, { action: 'triage', demandId: first.id, urgency: 'urgent', note: '老人独居，确实急' })
    expect(urgent).toMatchObject({ urgency: 'urgent', triaged: true, deadlineAt: endOfBeijingDay('2026-07-13').toISOString(), overdue: false })
    expect(await call(U, { action: 'triage', demandId: first.id, urgency: 'complex' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(peer, { action: 'triage', demandId: first.id, urgency: 'complex' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const complex = await step(county, { action: 'triage', demandId: first.id, urgency: 'complex', note: '需要多部门' })
    expect(complex.deadlineAt).toBe(demandDeadline(new Date(first.createdAt), 'complex', defaultServiceRules, packageCalendar).toISOString())

    // Past a general deadline, the cadre may no longer triage an untriaged one: only a manager.
    await moveClock(emu.url, dayAfter(general))
    expect(await call(U, { action: 'triage', demandId: filed[1].id, urgency: 'complex' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringContaining('超期')
    })
  })

  it('sets spam and duplicates aside with a reason: never overdue, never counted; a manager sees them and can put one back', async () => {
    const { scene } = ok(await callAs<QrCode>(emu.url, U, 'ratings', { action: 'qr', kind: 'point', targetId: plate._id }))
    const month = beijingMonth(new Date())
    const spam: Demand[] = []
    for (let i = 0; i < 4; i++)
      spam.push(ok(await call<Demand>(`o-ledger-spam-${i}`, { action: 'create', submissionId: randomUUID(), scene, area: 'other', text: `广告 ${i}` })))
    const original = await create({ text: '下水道堵了' })
    const twin = ok(await call<Demand>('o-ledger-twin', { action: 'create', submissionId: randomUUID(), scene, area: 'living', text: '下水道又堵了' }))
    const before = await stats(month)

    // A duplicate names an entry the caller can see, not itself.
    expect(await call(U, { action: 'invalidate', demandId: twin.id, kind: 'duplicate', reason: '同一件事' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await call(U, { action: 'invalidate', demandId: twin.id, kind: 'duplicate', duplicateOf: twin.id, reason: '同一件事' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    const elsewhere = ok(await callAs<Demand>(emu.url, W, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', text: '别人的诉求' }))
    expect(await call(U, { action: 'invalidate', demandId: twin.id, kind: 'duplicate', duplicateOf: elsewhere.id, reason: '同一件事' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    expect(await call(peer, { action: 'invalidate', demandId: twin.id, kind: 'spam', reason: '无效' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    const dup = await step(U, { action: 'invalidate', demandId: twin.id, kind: 'duplicate', duplicateOf: original.id, reason: '和前一条是同一件事' })
    expect(dup).toMatchObject({
      status: 'invalid',
      overdue: false,
      invalid: { kind: 'duplicate', duplicateOf: original.id, reason: '和前一条是同一件事' },
      nextSteps: []
    })
    for (const s of spam) await step(U, { action: 'invalidate', demandId: s.id, kind: 'spam', reason: '广告，不是诉求' })
    const after = await stats(month)
    expect(after.demandsRaised).toBe(before.demandsRaised - 5)
    expect(after.invalid).toBe(before.invalid + 5)
    expect(await call(U, { action: 'resolve', demandId: spam[0].id, done: '已处理' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    // Long past their deadlines: none is overdue, in any list or figure.
    await moveClock(emu.url, new Date(new Date(twin.deadlineAt).getTime() + 5 * 86_400_000))
    const overdue = await listOf(county, 'listOverdue')
    for (const d of [twin, ...spam]) expect(overdue).not.toContain(d.id)
    expect(await listOf(U, 'list', { filter: 'overdue' })).not.toContain(twin.id)
    expect((await get(U, twin.id)).overdue).toBe(false)

    // Managers see them, with who and why; only they put one back, and its deadline stands.
    const invalid = ok(await call<{ items: Demand[] }>(county, { action: 'listInvalid', limit: 50 })).items
    expect(invalid.map((d) => d.id)).toEqual(expect.arrayContaining([twin.id, ...spam.map((s) => s.id)]))
    expect(invalid.find((d) => d.id === twin.id)!.invalid).toMatchObject({ kind: 'duplicate', reason: '和前一条是同一件事', byName: cadre.name })
    expect(await listOf(sibling, 'listInvalid')).not.toContain(twin.id)
    expect(await call(U, { action: 'reinstate', demandId: spam[0].id, reason: '我看错了' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const back = await step(county, { action: 'reinstate', demandId: spam[0].id, reason: '核实确有其事' })
    expect(back).toMatchObject({ status: 'open', invalid: null, overdue: true, deadlineAt: spam[0].deadlineAt })
    const reinstated = await stats(month)
    expect(reinstated.demandsRaised).toBe(after.demandsRaised + 1)
    expect(reinstated.invalid).toBe(after.invalid - 1)
    expect(await listOf(county, 'listOverdue')).toContain(spam[0].id)
  })

  it('重办 after 不满意: a manager reopens, the earlier handling leaves the figures, the new round has its own deadline and is rated anew', async () => {
    await moveClock(emu.url, bj('2026-08-03T10:00:00'))
    const d = await create({ text: '屋顶漏雨' })
    await step(U, { action: 'resolve', demandId: d.id, done: '找人补了' })
    const closed = await step(U, { action: 'close', demandId: d.id, reply: '已经补好' })
    expect(await call(county, { action: 'reopen', demandId: d.id, reason: '群众不满意' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    ok(await callAs(emu.url, 'o-ledger-unhappy', 'ratings', { action: 'rate', scene: closed.sceneCode, level: 'dissatisfied', tags: ['问题没解决'] }))
    expect((await get(county, d.id)).nextSteps).toContain('reopen')

    await moveClock(emu.url, bj('2026-08-05T10:00:00'))
    const before = await stats('2026-08')
    expect(await call(U, { action: 'reopen', demandId: d.id, reason: '我想重办' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(sibling, { action: 'reopen', demandId: d.id, reason: '重办' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const reopened = await step(county, { action: 'reopen', demandId: d.id, reason: '群众说还在漏，重新办理' })
    expect(reopened).toMatchObject({ status: 'open', round: 2, rating: null, finishedAt: null, closedAt: null, sceneCode: closed.sceneCode })
    const reopenedAt = new Date(reopened.timeline[reopened.timeline.length - 1].at)
    expect(reopened.deadlineAt).toBe(demandDeadline(reopenedAt, 'general', defaultServiceRules, packageCalendar).toISOString())
    expect(reopened.firstDeadlineAt).toBe(reopened.deadlineAt)
    expect(reopened.timeline.map((s) => s.kind)).toEqual(['raised', 'resolved', 'closed', 'rated', 'reopened'])
    const after = await stats('2026-08')
    expect(after.solvedByPath.immediate).toBe(before.solvedByPath.immediate - 1)
    expect(after.closed).toBe(before.closed - 1)
    expect(after.reopened).toBe(before.reopened + 1)
    expect(await call(county, { action: 'reopen', demandId: d.id, reason: '再重办' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    await step(U, { action: 'resolve', demandId: d.id, done: '换了防水层' })
    const again = await step(U, { action: 'close', demandId: d.id, reply: '防水层换好了' })
    expect(again.sceneCode).toBe(closed.sceneCode)
    const done = await stats('2026-08')
    expect(done.solvedByPath.immediate).toBe(before.solvedByPath.immediate)
    expect(done.closed).toBe(before.closed)

    // The resident who was not satisfied rates the new answer through the same code, once.
    const rate = (level: string) => callAs(emu.url, 'o-ledger-unhappy', 'ratings', { action: 'rate', scene: closed.sceneCode, level, tags: [] })
    expect(
      ok(await callAs<{ canRate: boolean; myRating: unknown }>(emu.url, 'o-ledger-unhappy', 'ratings', { action: 'landing', scene: closed.sceneCode! }))
    ).toMatchObject({ canRate: true, myRating: null })
    ok(await rate('satisfied'))
    expect(await rate('verySatisfied')).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await get(county, d.id)).rating).toEqual({ level: 'satisfied' })
    expect(
      ok(
        await callAs<{ canRate: boolean; myRating: { level: string } }>(emu.url, 'o-ledger-unhappy', 'ratings', { action: 'landing', scene: closed.sceneCode! })
      )
    ).toMatchObject({ canRate: false, myRating: { level: 'satisfied' } })
  })

  it('the nightly reconciliation recomputes every figure of these states by the same rules: no drift', async () => {
    const res = (await cloud.callFunction({ name: 'reconcile', data: { action: 'run', fresh: true } })) as unknown as {
      result: Reply<{
        report: { drift: { collection: string; cadreId?: string; docId: string; field: string; stored: unknown; expected: unknown }[]; pass: { done: boolean } }
      }>
    }
    const report = ok(res.result).report
    expect(report.pass.done).toBe(true)
    expect(report.drift.filter((x) => x.collection === 'serviceStats')).toEqual([])
  })
})
