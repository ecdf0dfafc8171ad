/**
 * 请假/培训/抽调 and 蹲点 spans, and a resident's confirmation of a 外勤, through the real wx-server-sdk on the demo
 * data: a pause waits for a manager (or not, as the 制度 says), then stops the pace on the home and the calendar; an
 * approved stay counts its days as days at the grassroots; a resident on the spot evidences a visit no fence fits;
 * each lands once, refuses what it must, and the nightly reconciliation agrees with all of it.
 */
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { functionsDir } from '../helpers/harness'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { Calendar, CheckInResult, Progress } from '@/types/visits'
import type { CadrePeriod, VisitConfirmation } from '@/types/cadre-periods'
import { beijingDate, beijingYear } from '@/types/rules/beijing-time'
import { dateOfDay, dayNumber, yearPace } from '@/types/rules/pace'

jest.setTimeout(120_000)

const demo = buildDemoData()
const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const pointOf = (openid: string) => demo.liaisonPoints.find((p) => p.cadreId === userOf(openid)._id)!
const LEAVER = 'demo-women-xining-chengdong-cadre-2'
const STAYER = 'demo-union-xining-chengdong-cadre-1'
const HERDER = 'demo-league-xining-chengdong-cadre-1'
const SELF = 'demo-women-xining-chengzhong-cadre-1'
const womenManager = demoAccounts.countyManager
const unionManager = 'demo-union-xining-chengdong-manager'
const leagueManager = 'demo-league-xining-chengdong-manager'
const sibling = 'demo-women-xining-chengzhong-manager'

const today = () => beijingDate(new Date())
const plus = (date: string, days: number) => dateOfDay(dayNumber(date) + days)

describe('spans and confirmations through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const visit = <T>(openid: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, 'visit', data)
  const record = (openid: string, span: Record<string, unknown>, submissionId = randomUUID()) =>
    visit<CadrePeriod>(openid, { action: 'recordPeriod', submissionId, note: '', ...span })
  const progress = (openid: string) => visit<Progress>(openid, { action: 'progress' }).then(ok)
  const count = async (name: string, where: Record<string, unknown>) =>
    ((await cloud.database().collection(name).where(where).count()) as { total: number }).total

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
  })
  afterAll(() => emu?.stop())

  it('a cadre’s 请假 waits for their manager, then pauses the pace on the home and the calendar', async () => {
    const span = { kind: 'leave', from: today(), to: plus(today(), 9), note: '住院' }
    const mine = ok(await record(LEAVER, span))
    expect(mine).toMatchObject({ status: 'pending', days: 10, recordedBy: { byManager: false }, review: null })
    expect((await progress(LEAVER)).pace).toMatchObject({ pausedDays: 0, pausedNow: null })
    const queue = ok(await visit<{ items: CadrePeriod[] }>(womenManager, { action: 'pendingPeriods' }))
    expect(queue.items.map((p) => p.id)).toContain(mine.id)
    expect(ok(await visit<{ items: CadrePeriod[] }>(sibling, { action: 'pendingPeriods' })).items.map((p) => p.id)).not.toContain(mine.id)

    // Only the cadre's managers approve: the cadre, a peer and the sibling county's manager may not.
    expect(await visit(LEAVER, { action: 'reviewPeriod', periodId: mine.id, decision: 'approve' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visit(sibling, { action: 'reviewPeriod', periodId: mine.id, decision: 'approve' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await visit(womenManager, { action: 'reviewPeriod', periodId: mine.id, decision: 'reject' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const approved = ok(await visit<CadrePeriod>(womenManager, { action: 'reviewPeriod', periodId: mine.id, decision: 'approve', note: '同意' }))
    expect(approved).toMatchObject({ status: 'approved', review: { decision: 'approve', byName: userOf(womenManager).name } })
    // Again: the same answer; the other decision now: a conflict.
    expect(ok(await visit<CadrePeriod>(womenManager, { action: 'reviewPeriod', periodId: mine.id, decision: 'approve', note: '同意' }))).toEqual(approved)
    expect(await visit(womenManager, { action: 'reviewPeriod', periodId: mine.id, decision: 'reject', note: '不对' })).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })

    const year = beijingYear(new Date())
    const p = await progress(LEAVER)
    const expected = yearPace(90, year, today(), [{ from: span.from, to: span.to }])
    expect(p.pace).toMatchObject({ adjustedTarget: expected.adjustedTarget, pausedDays: expected.pausedDays, pausedNow: { kind: 'leave', to: span.to } })
    expect(p.expectedByToday).toBe(expected.expected)
    expect(p.pace.adjustedTarget).toBeLessThan(90)
    const cal = ok(await visit<Calendar>(LEAVER, { action: 'calendar' }))
    expect(cal.paused[0]).toMatchObject({ kind: 'leave', from: span.from })

    // A span over it is refused; the manager ends the leave and the pace runs again.
    expect(await record(LEAVER, { kind: 'training', from: plus(today(), 2), to: plus(today(), 3) })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await visit(LEAVER, { action: 'cancelPeriod', periodId: mine.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(ok(await visit<CadrePeriod>(womenManager, { action: 'cancelPeriod', periodId: mine.id, note: '提前返岗' })).status).toBe('cancelled')
    expect((await progress(LEAVER)).pace).toMatchObject({ adjustedTarget: 90, pausedDays: 0, pausedNow: null })
    expect(ok(await visit<{ items: CadrePeriod[] }>(LEAVER, { action: 'periods' })).items.map((x) => [x.id, x.status])).toEqual([[mine.id, 'cancelled']])
  })

  it('where the 制度 says so, a cadre’s 培训 is in force at once; a manager’s record always is', async () => {
    const county = userOf(SELF).orgId
    ok(
      await callAs(emu.url, 'demo-women-xining-chengzhong-manager', 'orgs', {
        action: 'setRules',
        orgId: county,
        year: beijingYear(new Date()),
        values: { absenceApproval: 'self' }
      })
    )
    const self = ok(await record(SELF, { kind: 'training', from: plus(today(), 20), to: plus(today(), 24), note: '省妇联培训班' }))
    expect(self.status).toBe('approved')
    const byManager = ok(await record(womenManager, { cadreId: userOf(LEAVER)._id, kind: 'secondment', from: plus(today(), 40), to: plus(today(), 49) }))
    expect(byManager).toMatchObject({ status: 'approved', recordedBy: { byManager: true } })
    // Not for someone else's cadre, not by a peer for a peer.
    expect(await record(sibling, { cadreId: userOf(LEAVER)._id, kind: 'leave', from: plus(today(), 60), to: plus(today(), 61) })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await record(LEAVER, { cadreId: userOf(demoAccounts.cadre)._id, kind: 'leave', from: plus(today(), 60), to: plus(today(), 61) })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
  })

  it('an approved 蹲点 stay counts its days at the grassroots, once; the reconciliation agrees', async () => {
    const id = randomUUID()
    const span = { kind: 'stay', from: plus(today(), -3), to: plus(today(), -1), place: '牧区定居点', note: '入户调研三天' }
    const before = await progress(STAYER)
    const stay = ok(await record(STAYER, span, id))
    expect(stay).toMatchObject({ status: 'pending', countedDays: null })
    // The same submission again: the same record; the same id for another span: refused.
    expect(ok(await record(STAYER, span, id))).toEqual(stay)
    expect(await record(STAYER, { ...span, to: plus(today(), -2) }, id)).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await progress(STAYER)).days).toBe(before.days)

    const approved = ok(await visit<CadrePeriod>(unionManager, { action: 'reviewPeriod', periodId: stay.id, decision: 'approve' }))
    const newDays = [0, 1, 2].map((i) => plus(span.from, i)).filter((d) => d.startsWith(String(beijingYear(new Date()))))
    expect(approved.countedDays).toBe(3)
    const after = await progress(STAYER)
    expect(after.days).toBe(before.days + newDays.length)
    const cal = ok(await visit<Calendar>(STAYER, { action: 'calendar', year: beijingYear(new Date()) }))
    expect(cal.days.filter((d) => d.stay).map((d) => [d.date, d.visits])).toEqual(newDays.map((d) => [d, 0]))
    expect(cal.days.length).toBe(after.days)
    // An approved stay is not withdrawn: its days were counted as evidenced.
    expect(await visit(unionManager, { action: 'cancelPeriod', periodId: stay.id })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect(await record(STAYER, { ...span, from: plus(today(), -2), to: plus(today(), -1) })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })

    const res = (await cloud.callFunction({ name: 'reconcile', data: { action: 'run', fresh: true }, timeout: 120_000 } as never)) as unknown as {
      result: Reply<{ report: { drift: unknown[]; pass: { done: boolean } } }>
    }
    expect(ok(res.result).report).toMatchObject({ drift: [], pass: { done: true } })
  })

  it('refuses spans the rules do not allow, and writes nothing', async () => {
    const cadreId = userOf(HERDER)._id
    const n = await count('cadrePeriods', { cadreId })
    for (const [span, words] of [
      [{ kind: 'leave', from: plus(today(), 5), to: plus(today(), 1) }, '不能早于'],
      [{ kind: 'stay', from: plus(today(), -1), to: plus(today(), -1), place: '村委会' }, '至少 2 天'],
      [{ kind: 'stay', from: plus(today(), 1), to: plus(today(), 3), place: '村委会' }, '结束后'],
      [{ kind: 'stay', from: plus(today(), -3), to: plus(today(), -1), place: '' }, '地方'],
      [{ kind: 'leave', from: '2026-02-30', to: '2026-03-01' }, '日历上'],
      [{ kind: 'vacation', from: today(), to: today() }, '请选择']
    ] as const) {
      const r = await record(HERDER, span as Record<string, unknown>)
      expect(r).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
      expect(r.ok ? '' : r.message).toContain(words)
    }
    expect(await count('cadrePeriods', { cadreId })).toBe(n)
    expect(await visit('o-periods-resident', { action: 'periods' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('a resident on the spot confirms a 外勤 no fence fits: the day counts as if approved; staff may not; a friend only twice a month', async () => {
    const far = (n: number) => ({ lat: pointOf(HERDER).location.lat + 0.03 + n * 0.00001, lng: pointOf(HERDER).location.lng })
    const outside = async (n: number) =>
      ok(
        await visit<CheckInResult>(HERDER, {
          action: 'checkIn',
          submissionId: randomUUID(),
          pointId: pointOf(HERDER)._id,
          deviceNow: new Date().toISOString(),
          reason: '牧民转场，到夏季草场走访',
          fix: { ...far(n), accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() }
        })
      ).visit
    const scene = async (visitId: string) =>
      ok(await callAs<{ scene: string }>(emu.url, HERDER, 'ratings', { action: 'qr', kind: 'visit', targetId: visitId })).scene
    const before = await progress(HERDER)
    const v1 = await outside(1)
    expect(v1.status).toBe('pending')
    const s1 = await scene(v1.id)

    // Staff are told they may not, and refused; the resident may.
    expect(ok(await visit<VisitConfirmation>(leagueManager, { action: 'confirmation', scene: s1 }))).toMatchObject({ state: 'closed' })
    expect(await visit(leagueManager, { action: 'confirm', scene: s1 })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visit(HERDER, { action: 'confirm', scene: s1 })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const friend = 'o-periods-herdsman'
    expect(ok(await visit<VisitConfirmation>(friend, { action: 'confirmation', scene: s1 }))).toMatchObject({
      state: 'open',
      cadreName: userOf(HERDER).name,
      message: null
    })
    expect(ok(await visit<VisitConfirmation>(friend, { action: 'confirm', scene: s1 }))).toMatchObject({ state: 'confirmed' })
    // Twice, or by another resident: nothing more happens.
    expect(ok(await visit<VisitConfirmation>(friend, { action: 'confirm', scene: s1 })).state).toBe('confirmed')
    expect(ok(await visit<VisitConfirmation>('o-periods-neighbour', { action: 'confirm', scene: s1 })).state).toBe('confirmed')
    const after = await progress(HERDER)
    expect(after.days).toBe(before.days + 1)
    expect(after.fieldwork.pending).toBe(before.fieldwork.pending)
    const detail = ok(await visit<{ status: string; review: { byName: string } | null }>(leagueManager, { action: 'get', visitId: v1.id }))
    expect(detail).toMatchObject({ status: 'counted', review: { byName: '群众扫码确认' } })
    // The manager's review afterwards: approving answers the same, rejecting is too late.
    expect(await visit(leagueManager, { action: 'review', visitId: v1.id, decision: 'reject', note: '不对' })).toMatchObject({ ok: false, code: 'CONFLICT' })

    // The same friend confirms a second 外勤 of the month, not a third.
    const s2 = await scene((await outside(2)).id)
    expect(ok(await visit<VisitConfirmation>(friend, { action: 'confirm', scene: s2 })).state).toBe('confirmed')
    const s3 = await scene((await outside(3)).id)
    expect(ok(await visit<VisitConfirmation>(friend, { action: 'confirmation', scene: s3 }))).toMatchObject({ state: 'closed' })
    expect(await visit(friend, { action: 'confirm', scene: s3 })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await visit(friend, { action: 'confirm', scene: 'x-nowhere' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })
})
