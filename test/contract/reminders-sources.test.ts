/**
 * Reminders fed by the 办实事 ledger and 群众点评, through the real wx-server-sdk and the
 * emulator: a demand due soon (its cadre), a demand overdue (its cadre and the managers of the cadre's
 * organisation), a 差评 waiting for its 回访 (those managers), and a resident's answered problem ("办好了，请确认并
 * 评价", only to a resident who consented). Each is sent once to whoever has quota and is in everyone's reminder
 * center; a rerun sends nothing new.
 *
 * The ledger's actions run at the test clock (through the gateway, as the app calls them); the sender's clock is
 * injected with `{ action: 'run', now }` and only moves forward, as the timer's does: today 10:00 Beijing, then
 * tomorrow 10:00, 10:30, 11:00.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { existsSync } from 'node:fs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import type { Reply } from '@/types/reply'
import { templateId, type ReminderPage } from '@/types/reminders'
import type { Demand, DemandDetail } from '@/types/demands'
import { beijingDate } from '@/types/rules/beijing-time'
import { addCalendarDays } from '@/types/rules/working-days'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const TODO = templateId('todo')
const RATE = templateId('rateInvite')

interface RunReport {
  quiet: boolean
  due: number
  skipped: number
  outcomes: Record<string, number>
  sources: { name: string; batches: number; done: boolean }[]
}
interface OutboxMessage {
  touser: string
  template_id: string
  page?: string
  errcode: number
  data: Record<string, { value: string }>
}

const ORG = 'org-src'
const OTHER_ORG = 'org-src-other'
const cadre1 = 'o-src-cadre-1' // consents twice (todo)
const cadre2 = 'o-src-cadre-2' // never consents
const manager1 = 'o-src-manager-1' // consents twice (todo)
const manager2 = 'o-src-manager-2' // never consents
const otherManager = 'o-src-other-manager' // manages a sibling county
const resident1 = 'o-src-resident-1' // consents on the resident page
const resident2 = 'o-src-resident-2' // does not
const POINT_SCENE = 'pSRCplate23'

describe('reminders fed by the ledger and 群众点评', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(openid: string, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const run = async (now: Date, extra: Record<string, unknown> = {}): Promise<RunReport> => {
    const res = (await cloud.callFunction({ name: 'reminders', data: { action: 'run', now: now.toISOString(), backoffMs: 10, ...extra } })) as unknown as {
      result: Reply<RunReport>
    }
    return ok(res.result)
  }
  const outbox = async (touser: string): Promise<OutboxMessage[]> =>
    ((await (await fetch(`${emu.url}/__/outbox?touser=${encodeURIComponent(touser)}`)).json()) as { messages: OutboxMessage[] }).messages.filter(
      (m) => m.errcode === 0
    )
  const center = async (openid: string) => ok(await call<ReminderPage>(openid, 'reminders', { action: 'list', limit: 50 })).items
  const quota = async (openid: string, key: string) =>
    ok(await call<{ templates: { key: string; quota: number }[] }>(openid, 'reminders', { action: 'overview' })).templates.find((t) => t.key === key)?.quota ??
    0

  const today = beijingDate(new Date())
  const tomorrow = addCalendarDays(today, 1)
  const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`)

  const ids: Record<string, string> = {}

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'reminders', 'index.js'))) {
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    cloud = loadSdk(emu.url)
    db = cloud.database()
    for (const [id, name] of [
      [ORG, '城东区妇联'],
      [OTHER_ORG, '城中区妇联']
    ]) {
      await db.collection('orgs').add({ data: { _id: id, name, system: 'women', level: 'county', parentId: null, path: [id], pathNames: [name] } })
    }
    const user = async (id: string, openid: string, name: string, role: string, orgId: string) => {
      await db.collection('users').add({ data: { _id: id, openid, name, role, orgId, orgPath: [orgId], createdAt: new Date() } })
      if (role === 'cadre') {
        // Well ahead of the 90-day pace: no pace reminders in this file.
        await db.collection('visitStats').add({
          data: {
            _id: `${id}_${today.slice(0, 4)}`,
            cadreId: id,
            orgId,
            orgPath: [orgId],
            year: Number(today.slice(0, 4)),
            days: 366,
            daysByMonth: {},
            visits: 400,
            visitsByMonth: {},
            visitsByKind: {},
            fieldworkByMonth: {},
            fieldworkPending: 0,
            fieldworkApproved: 0,
            fieldworkRejected: 0,
            updatedAt: new Date()
          }
        })
      }
    }
    await user('src-cadre-1', cadre1, '张丽', 'cadre', ORG)
    await user('src-cadre-2', cadre2, '王芳', 'cadre', ORG)
    await user('src-manager-1', manager1, '李敏', 'manager', ORG)
    await user('src-manager-2', manager2, '赵静', 'manager', ORG)
    await user('src-other-manager', otherManager, '孙红', 'manager', OTHER_ORG)
    await db
      .collection('liaisonPoints')
      .add({ data: { _id: 'src-point', cadreId: 'src-cadre-1', orgId: ORG, orgPath: [ORG], name: '东关社区', contacts: [], createdAt: new Date() } })
    await db
      .collection('scenes')
      .add({ data: { _id: POINT_SCENE, kind: 'point', targetId: 'src-point', cadreId: 'src-cadre-1', orgId: ORG, orgPath: [ORG], createdAt: new Date() } })
  })
  afterAll(() => emu?.stop())

  it('a demand due within the next working day: its cadre, once, pushed only with quota, always in the center', async () => {
    for (const openid of [cadre1, manager1]) {
      ok(await call(openid, 'reminders', { action: 'consent', templateIds: [TODO] }))
      ok(await call(openid, 'reminders', { action: 'consent', templateIds: [TODO] }))
    }
    expect(await quota(cadre1, 'todo')).toBe(2)
    ids.a = ok(
      await call<Demand>(cadre1, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        area: 'living',
        urgency: 'urgent',
        text: '村口路灯坏了，晚上看不清路'
      })
    ).id
    ids.b = ok(
      await call<Demand>(cadre1, 'demands', { action: 'create', submissionId: randomUUID(), area: 'housing', urgency: 'general', text: '老旧小区外墙脱落' })
    ).id
    ids.c = ok(
      await call<Demand>(cadre2, 'demands', { action: 'create', submissionId: randomUUID(), area: 'medical', urgency: 'urgent', text: '卫生室缺常用药' })
    ).id

    const first = await run(at(today, '10:00'))
    expect(first.quiet).toBe(false)
    const sent = await outbox(cadre1)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ template_id: TODO, page: `cadre/pages/demand/index?id=${ids.a}` })
    expect(sent[0].data.phrase3.value).toBe('即将到期')
    expect(sent[0].data.thing1.value).toBe('村口路灯坏了，晚上看不清路')
    expect(await quota(cadre1, 'todo')).toBe(1)
    // The general one is due in 7 working days: not yet.
    expect((await center(cadre1)).filter((i) => i.kind === 'demandDue').map((i) => i.page)).toEqual([`cadre/pages/demand/index?id=${ids.a}`])

    // No quota: nothing pushed, but the center has it, with a badge.
    expect(await outbox(cadre2)).toHaveLength(0)
    const c2 = (await center(cadre2)).filter((i) => i.kind === 'demandDue')
    expect(c2).toHaveLength(1)
    expect(c2[0]).toMatchObject({ push: 'noQuota', read: false, page: `cadre/pages/demand/index?id=${ids.c}` })
    expect(ok(await call<{ unread: number }>(cadre2, 'reminders', { action: 'getBadge' })).unread).toBeGreaterThanOrEqual(1)

    // The next timer slot reads the window again and claims nothing new. In batches of one, the cursor walks
    // demands sharing one deadline (the end of today) one by one: both are seen, each once.
    const again = await run(at(today, '10:30'), { batchSize: 1 })
    expect(again.outcomes.sent ?? 0).toBe(0)
    expect(again.skipped).toBe(2)
    expect(again.sources.find((s) => s.name === 'demandDue')).toMatchObject({ batches: 3, done: true })
    expect(await outbox(cadre1)).toHaveLength(1)
    expect((await center(cadre2)).filter((i) => i.kind === 'demandDue')).toHaveLength(1)
  })

  it('a resident who consented is told their problem was answered, and asked to confirm and rate; one who did not is not', async () => {
    // On the resident page, after a tap: the consent is quota keyed by the resident's openid (no user document).
    const overview = ok(await call<{ ask: string[] }>(resident1, 'reminders', { action: 'overview' }))
    expect(overview.ask).toEqual([RATE])
    ok(await call(resident1, 'reminders', { action: 'consent', templateIds: [RATE] }))
    // A resident may not take a cadre's template.
    expect(await call(resident2, 'reminders', { action: 'consent', templateIds: [TODO] })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })

    ids.r1 = ok(
      await call<Demand>(resident1, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        scene: POINT_SCENE,
        area: 'living',
        urgency: 'general',
        text: '小区门口积水'
      })
    ).id
    ids.r2 = ok(
      await call<Demand>(resident2, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        scene: POINT_SCENE,
        area: 'living',
        urgency: 'general',
        text: '楼道灯不亮'
      })
    ).id
    for (const id of [ids.r1, ids.r2]) {
      ok(await call<DemandDetail>(cadre1, 'demands', { action: 'resolve', demandId: id, done: '已联系物业处理' }))
      ok(await call<DemandDetail>(cadre1, 'demands', { action: 'close', demandId: id, reply: '已经处理好了，请您看看' }))
    }

    await run(at(tomorrow, '10:00'))
    const sent = await outbox(resident1)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ template_id: RATE, page: `pages/rate/index?scene=${POINT_SCENE}` })
    expect(sent[0].data.thing1.value).toBe('小区门口积水')
    expect(sent[0].data.thing2.value).toBe('张丽')
    expect(await quota(resident1, 'rateInvite')).toBe(0)
    const item = (await center(resident1)).find((i) => i.kind === 'demandDone')
    expect(item).toMatchObject({ push: 'sent', page: `pages/rate/index?scene=${POINT_SCENE}` })
    // The page it opens lists the answered problem with a rating button.
    const landing = ok(
      await call<{ myDemands: { id: string; canRate: boolean; reply: string | null }[] }>(resident1, 'ratings', { action: 'landing', scene: POINT_SCENE })
    )
    expect(landing.myDemands.find((d) => d.id === ids.r1)).toMatchObject({ canRate: true, reply: '已经处理好了，请您看看' })

    // No consent: no message and nothing recorded about them.
    expect(await outbox(resident2)).toHaveLength(0)
    expect(await center(resident2)).toHaveLength(0)
  })

  it('a demand past its deadline reaches its cadre and every manager of the cadre’s organisation, once each', async () => {
    // The run at tomorrow 10:00 above already found today's urgent demands overdue.
    const c1 = (await outbox(cadre1)).filter((m) => m.data.phrase3.value === '已超期')
    expect(c1).toHaveLength(1)
    expect(c1[0].page).toBe(`cadre/pages/demand/index?id=${ids.a}`)
    expect(await quota(cadre1, 'todo')).toBe(0)
    // cadre2's overdue demand: in the center only.
    expect((await center(cadre2)).filter((i) => i.kind === 'demandOverdue')).toMatchObject([{ push: 'noQuota', page: `cadre/pages/demand/index?id=${ids.c}` }])

    // Managers of the cadres' county: both demands; manager1 (two units of quota) pushed twice, manager2 in the center.
    const m1 = (await outbox(manager1)).filter((m) => m.data.phrase3.value === '已超期')
    expect(m1).toHaveLength(2)
    expect(await quota(manager1, 'todo')).toBe(0)
    const m1Center = (await center(manager1)).filter((i) => i.kind === 'demandOverdue')
    expect(m1Center).toHaveLength(2)
    expect(m1Center.every((i) => i.page === 'manager/pages/cases/index?tab=overdue')).toBe(true)
    const bodies = m1Center.map((i) => i.body)
    expect(bodies.some((b) => b.startsWith('王芳承办的「卫生室缺常用药」') && b.endsWith('超期，请督办。'))).toBe(true)
    expect(bodies.some((b) => b.startsWith('张丽承办的「村口路灯坏了'))).toBe(true)
    const m2Center = (await center(manager2)).filter((i) => i.kind === 'demandOverdue')
    expect(m2Center.map((i) => i.push)).toEqual(['noQuota', 'noQuota'])
    expect(await outbox(manager2)).toHaveLength(0)
    // A manager of a sibling county hears nothing of these demands. In a month's first days every manager also
    // gets last month's summary of their own county: theirs is about 城中区, never about this county.
    const otherItems = await center(otherManager)
    expect(otherItems.filter((i) => i.kind !== 'monthlySummary')).toHaveLength(0)
    for (const summary of otherItems.filter((i) => i.kind === 'monthlySummary')) {
      expect(`${summary.title} ${summary.body}`).toContain('城中区妇联')
      expect(`${summary.title} ${summary.body}`).not.toContain('城东区')
    }
    expect(await outbox(otherManager)).toHaveLength(0)
    // The general demand is not overdue.
    expect((await center(cadre1)).filter((i) => i.kind === 'demandOverdue').map((i) => i.page)).toEqual([`cadre/pages/demand/index?id=${ids.a}`])
  })

  it('a 差评 waiting for its 回访 reaches the managers of the cadre’s organisation, once; its 整改 reaches the resident; a rerun sends nothing new', async () => {
    ok(await call(manager1, 'reminders', { action: 'consent', templateIds: [TODO] }))
    const rated = ok(
      await call<{ caseOpened: boolean }>(resident1, 'ratings', {
        action: 'rate',
        scene: POINT_SCENE,
        about: 'demand',
        demandId: ids.r1,
        level: 'dissatisfied',
        tags: ['问题没解决']
      })
    )
    expect(rated.caseOpened).toBe(true)

    await run(at(tomorrow, '10:30'))
    const m1 = (await outbox(manager1)).filter((m) => m.data.phrase3.value === '待回访')
    expect(m1).toHaveLength(1)
    expect(m1[0]).toMatchObject({ template_id: TODO, page: 'manager/pages/cases/index?tab=cases' })
    expect(m1[0].data.thing1.value).toBe('差评回访：张丽')
    expect((await center(manager2)).filter((i) => i.kind === 'badReviewFollowUp')).toMatchObject([
      { push: 'noQuota', page: 'manager/pages/cases/index?tab=cases' }
    ])
    expect((await center(otherManager)).filter((i) => i.kind === 'badReviewFollowUp')).toHaveLength(0)
    // The cadre is not the one who visits the resident back.
    expect((await center(cadre1)).filter((i) => i.kind === 'badReviewFollowUp')).toHaveLength(0)

    // The manager visits the resident back and records the 整改: the resident (who consents again) is told, and
    // the message opens the answered demand's own code, where the fix can be rated.
    const [kase] = ok(await call<{ items: { id: string }[] }>(manager1, 'ratings', { action: 'listCases' })).items
    ok(await call(manager1, 'ratings', { action: 'revisit', caseId: kase.id, note: '电话联系了群众' }))
    ok(await call(manager1, 'ratings', { action: 'rectify', caseId: kase.id, result: '已疏通排水管' }))
    ok(await call(resident1, 'reminders', { action: 'consent', templateIds: [RATE] }))
    await run(at(tomorrow, '11:00'))
    const demandScene = ((await db.collection('demands').doc(ids.r1).get()) as unknown as { data: { sceneCode: string } }).data.sceneCode
    const fix = (await outbox(resident1)).filter((m) => m.data.thing4.value === '整改有结果了，请您评价')
    expect(fix).toHaveLength(1)
    expect(fix[0]).toMatchObject({ template_id: RATE, page: `pages/rate/index?scene=${demandScene}` })
    expect(fix[0].data.thing1.value).toBe('整改：已疏通排水管')
    const fixLanding = ok(await call<{ fix: { result: string; canRate: boolean } | null }>(resident1, 'ratings', { action: 'landing', scene: demandScene }))
    expect(fixLanding.fix).toMatchObject({ result: '已疏通排水管', canRate: true })

    // Everything again, later: nothing new is claimed or sent.
    const before = await Promise.all([cadre1, cadre2, manager1, manager2, resident1].map(async (o) => [(await outbox(o)).length, (await center(o)).length]))
    ok(await call(manager1, 'reminders', { action: 'consent', templateIds: [TODO] }))
    ok(await call(cadre1, 'reminders', { action: 'consent', templateIds: [TODO] }))
    const rerun = await run(at(tomorrow, '11:30'), { batchSize: 1 })
    expect(rerun.outcomes).toEqual({})
    const after = await Promise.all([cadre1, cadre2, manager1, manager2, resident1].map(async (o) => [(await outbox(o)).length, (await center(o)).length]))
    expect(after).toEqual(before)
    // The watermark sources read only what is new: one short batch each.
    for (const name of ['badReviewFollowUp', 'demandOverdue', 'demandDone', 'fixDone']) {
      expect(rerun.sources.find((s) => s.name === name)).toMatchObject({ batches: 1, done: true })
    }
  })
  it('a demand put back from 无效 after its deadline passed, and a 重办 round, are reminded again', async () => {
    // Set aside on the day it was due, so the overdue watermark passes its deadline without it.
    ids.x = ok(
      await call<Demand>(cadre2, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'urgent', text: '桥头护栏松了' })
    ).id
    ok(await call(cadre2, 'demands', { action: 'invalidate', demandId: ids.x, kind: 'spam', reason: '以为是玩笑' }))
    const later = addCalendarDays(today, 20)
    await run(at(later, '10:00'))
    // The watermark is past it: the general demand due in 7 working days was found overdue.
    expect((await center(cadre1)).filter((i) => i.kind === 'demandOverdue').map((i) => i.page)).toContain(`cadre/pages/demand/index?id=${ids.b}`)
    const overdueOf = async (openid: string, id: string) =>
      (await center(openid)).filter((i) => i.kind === 'demandOverdue' && i.page === `cadre/pages/demand/index?id=${id}`)
    expect(await overdueOf(cadre2, ids.x)).toHaveLength(0)

    // A manager puts it back: its deadline stands, behind the overdue watermark; the cadre and the managers hear of
    // it at the next run.
    expect(ok(await call<DemandDetail>(manager1, 'demands', { action: 'reinstate', demandId: ids.x, reason: '核实确有其事' }))).toMatchObject({
      status: 'open',
      invalid: null
    })
    await run(at(later, '10:30'))
    expect(await overdueOf(cadre2, ids.x)).toHaveLength(1)
    expect((await center(manager2)).filter((i) => i.kind === 'demandOverdue' && i.body.includes('桥头护栏松了'))).toHaveLength(1)
    await run(at(later, '11:00'))
    expect(await overdueOf(cadre2, ids.x)).toHaveLength(1)

    // 重办 of the answered problem the resident rated 不满意: answered again, they are asked again to rate the new
    // answer, and may.
    ok(await call(manager1, 'demands', { action: 'reopen', demandId: ids.r1, reason: '群众说还在积水' }))
    ok(await call<DemandDetail>(cadre1, 'demands', { action: 'resolve', demandId: ids.r1, done: '重新铺了排水沟' }))
    ok(await call<DemandDetail>(cadre1, 'demands', { action: 'close', demandId: ids.r1, reply: '排水沟修好了，请您再看看' }))
    await run(at(later, '11:30'))
    expect((await center(resident1)).filter((i) => i.kind === 'demandDone')).toHaveLength(2)
    const landing = ok(
      await call<{ myDemands: { id: string; canRate: boolean; reply: string | null }[] }>(resident1, 'ratings', { action: 'landing', scene: POINT_SCENE })
    )
    expect(landing.myDemands.find((d) => d.id === ids.r1)).toMatchObject({ canRate: true, reply: '排水沟修好了，请您再看看' })
    ok(await call(resident1, 'ratings', { action: 'rate', scene: POINT_SCENE, about: 'demand', demandId: ids.r1, level: 'satisfied', tags: [] }))
  })
})
