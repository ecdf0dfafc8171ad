/**
 * Reminders through the real wx-server-sdk and the emulator: consent as quota, the timer-triggered
 * sender (exactly one message per key, even with overlapping runs or a crash mid-batch), quiet hours across the
 * UTC date line, 43101 and transient errors, the field rules checked before WeChat, and the reminder center.
 *
 * The sender's clock is injected with `{ action: 'run', now }` from a server-side SDK call (no OPENID: the
 * production timer never sends these fields and no mini-program user can call `run`). Each scenario uses its
 * own Beijing week and its own cadres, so scenarios do not depend on each other's order.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import type { Reply } from '@/types/reply'
import { isQuietHour, templateId, type ReminderOverview, type ReminderPage } from '@/types/reminders'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(90000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const PROGRESS = templateId('progress')

interface RunReport {
  quiet: boolean
  holdUntil?: string
  stoppedEarly: boolean
  batches: number
  sources: { name: string; batches: number; done: boolean }[]
  due: number
  skipped: number
  outcomes: Record<string, number>
}
interface OutboxMessage {
  touser: string
  template_id: string
  page?: string
  errcode: number
  data: Record<string, { value: string }>
}
interface ReminderRow {
  _id: string
  kind: string
  period: string
  page: string
  push: { status: string; attempts: { errcode: number }[]; reason?: string }
}

describe('reminders through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const call = <T>(openid: string, data: unknown) => callAs<T>(emu.url, openid, 'reminders', data)
  const run = async (now: string, extra: Record<string, unknown> = {}): Promise<RunReport> => {
    const res = (await cloud.callFunction({ name: 'reminders', data: { action: 'run', now, backoffMs: 10, ...extra } })) as unknown as {
      result: Reply<RunReport>
    }
    return ok(res.result)
  }
  const outbox = async (touser: string): Promise<OutboxMessage[]> =>
    ((await (await fetch(`${emu.url}/__/outbox?touser=${encodeURIComponent(touser)}`)).json()) as { messages: OutboxMessage[] }).messages
  const remindersOf = async (openid: string): Promise<ReminderRow[]> =>
    ((await db.collection('reminders').where({ openid }).get()) as unknown as { data: ReminderRow[] }).data
  const quota = async (openid: string) => ok(await call<ReminderOverview>(openid, { action: 'overview' })).templates.find((t) => t.key === 'progress')?.quota

  /** Cadres `${prefix}-1..n`, behind the pace (days), optionally with one accepted consent each. */
  async function cadres(prefix: string, n: number, o: { consent?: boolean; days?: number; name?: string } = {}): Promise<string[]> {
    const openids: string[] = []
    for (let i = 1; i <= n; i++) {
      const id = `${prefix}-${String(i).padStart(2, '0')}`
      const openid = `o-${id}`
      await db.collection('users').add({
        data: {
          _id: id,
          openid,
          name: o.name ?? `干部${'甲乙丙丁戊己庚辛壬癸'[i - 1]}`,
          role: 'cadre',
          orgId: 'org-rem',
          orgPath: ['org-rem'],
          createdAt: new Date()
        }
      })
      await db.collection('visitStats').add({
        data: {
          _id: `${id}_2026`,
          cadreId: id,
          orgId: 'org-rem',
          orgPath: ['org-rem'],
          year: 2026,
          days: o.days ?? 3,
          daysByMonth: {},
          visits: 3,
          visitsByMonth: {},
          visitsByKind: {},
          fieldworkByMonth: {},
          fieldworkPending: 0,
          fieldworkApproved: 0,
          fieldworkRejected: 0,
          updatedAt: new Date()
        }
      })
      if (o.consent) ok(await call(openid, { action: 'consent', templateIds: [PROGRESS] }))
      openids.push(openid)
    }
    return openids
  }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'reminders', 'index.js'))) {
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    cloud = loadSdk(emu.url)
    db = cloud.database()
    await db
      .collection('orgs')
      .add({ data: { _id: 'org-rem', name: '城东区妇联', system: 'women', level: 'county', parentId: null, path: ['org-rem'], pathNames: ['城东区妇联'] } })
  })
  afterAll(() => emu?.stop())

  it('sends a cadre behind pace with quota one message and the quota drops; without quota none, and the center has it', async () => {
    const [withQuota] = await cadres('rem-a', 1, { consent: true })
    const [without] = await cadres('rem-b', 1)
    expect(await quota(withQuota)).toBe(1)

    const now = '2026-06-15T02:00:00Z' // Monday 10:00 Beijing, week 25: 40 days expected
    const report = await run(now)
    expect(report.quiet).toBe(false)
    expect(report.outcomes.sent).toBe(1)

    const sent = await outbox(withQuota)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ template_id: PROGRESS, page: 'pages/index/index', errcode: 0 })
    expect(sent[0].data.thing2.value).toBe('已3天，按进度应有40天')
    expect(await quota(withQuota)).toBe(0)

    expect(await outbox(without)).toHaveLength(0)
    const page = ok(await call<ReminderPage>(without, { action: 'list' }))
    expect(page.unread).toBe(1)
    expect(page.items[0]).toMatchObject({ kind: 'pace', push: 'noQuota', read: false, page: 'pages/index/index' })
    expect(page.items[0].body).toContain('40 天')
    // The one who got the push has it in the center too.
    expect(ok(await call<ReminderPage>(withQuota, { action: 'list' })).items[0]).toMatchObject({ kind: 'pace', push: 'sent' })

    // Same week again: the cycle is done, and the key would refuse it anyway.
    const again = await run('2026-06-17T03:00:00Z')
    expect(again.sources.find((s) => s.name === 'pace')).toMatchObject({ batches: 0, done: true })
    expect(again.outcomes).toEqual({})
    expect(await outbox(withQuota)).toHaveLength(1)

    // Nobody can mark someone else's read, or call the sender.
    expect(await call(withQuota, { action: 'markRead', ids: [page.items[0].id] })).toMatchObject({ ok: true })
    expect(ok(await call<{ unread: number }>(without, { action: 'getBadge' })).unread).toBe(1)
    expect(ok(await call<{ unread: number }>(without, { action: 'markRead', ids: [page.items[0].id] })).unread).toBe(0)
    expect(ok(await call<ReminderPage>(without, { action: 'list' })).items[0].read).toBe(true)
    expect(await call(withQuota, { action: 'run', now })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('measures the pace against the organisation’s own days target, and skips retired accounts', async () => {
    // 制度: this county set 20 days for 2026; a moved-away cadre's old account is retired.
    await db
      .collection('orgs')
      .add({ data: { _id: 'org-rem20', name: '城中区妇联', system: 'women', level: 'county', parentId: null, path: ['org-rem20'], pathNames: ['城中区妇联'] } })
    await db.collection('orgRules').add({
      data: {
        _id: 'org-rem20_2026',
        orgId: 'org-rem20',
        orgPath: ['org-rem20'],
        year: 2026,
        values: { daysTarget: 20 },
        locked: [],
        updatedAt: new Date(),
        updatedBy: 'test'
      }
    })
    const person = async (id: string, days: number, extra: Record<string, unknown> = {}) => {
      await db
        .collection('users')
        .add({ data: { _id: id, openid: `o-${id}`, name: '干部', role: 'cadre', orgId: 'org-rem20', orgPath: ['org-rem20'], createdAt: new Date(), ...extra } })
      await db.collection('visitStats').add({
        data: {
          _id: `${id}_2026`,
          cadreId: id,
          orgId: 'org-rem20',
          orgPath: ['org-rem20'],
          year: 2026,
          days,
          daysByMonth: {},
          visits: days,
          visitsByMonth: {},
          visitsByKind: {},
          fieldworkByMonth: {},
          fieldworkPending: 0,
          fieldworkApproved: 0,
          fieldworkRejected: 0,
          updatedAt: new Date()
        }
      })
      return `o-${id}`
    }
    const onPace = await person('rem20-on', 10) // 20 days × 173/365 ≈ 9 expected by 22 June: on pace here, behind under 90
    const behind = await person('rem20-behind', 5)
    const retired = await person('rem20-old', 0, { openid: 'former:rem20-old', active: false })

    await run('2026-06-22T02:00:00Z') // Monday 10:00 Beijing, week 26
    expect(await remindersOf(onPace)).toHaveLength(0)
    const [row] = await remindersOf(behind)
    expect(row).toMatchObject({ kind: 'pace' })
    const page = ok(await call<ReminderPage>(behind, { action: 'list' }))
    expect(page.items[0].body).toContain('20 天')
    expect(await remindersOf(retired)).toHaveLength(0)
    expect(await remindersOf('o-rem20-old')).toHaveLength(0)
  })

  it('refuses consent for an unknown template, and never pushes a kind the user turned off', async () => {
    const [openid] = await cadres('rem-off', 1, { consent: true })
    expect(await call(openid, { action: 'consent', templateIds: ['not-ours'] })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const settings = ok(await call<ReminderOverview>(openid, { action: 'settings', off: ['pace'] }))
    expect(settings.kinds.find((k) => k.kind === 'pace')?.on).toBe(false)
    await run('2026-08-03T02:00:00Z') // week 32
    expect(await outbox(openid)).toHaveLength(0)
    expect((await remindersOf(openid))[0].push.status).toBe('off')
    expect(await quota(openid)).toBe(1)
  })

  it('sends once when two runs overlap', async () => {
    const openids = await cadres('rem-c', 5, { consent: true })
    const [a, b] = await Promise.all([run('2026-06-22T02:00:00Z', { batchSize: 3 }), run('2026-06-22T02:00:01Z', { batchSize: 3 })])
    expect((a.outcomes.sent ?? 0) + (b.outcomes.sent ?? 0)).toBe(5)
    for (const openid of openids) {
      expect((await outbox(openid)).filter((m) => m.errcode === 0)).toHaveLength(1)
      expect(await remindersOf(openid)).toHaveLength(1)
    }
  })

  it('after a run killed mid-batch, the next run sends the rest exactly once', async () => {
    const openids = await cadres('rem-d', 6, { consent: true })
    const now = '2026-06-29T02:00:00Z' // week 27
    // A run out of time stops before doing anything and says so; the next one continues.
    expect(await run(now, { budgetMs: 0 })).toMatchObject({ stoppedEarly: true, batches: 0 })
    // Dies right after the 3rd message is sent, before its outcome is recorded.
    await expect(cloud.callFunction({ name: 'reminders', data: { action: 'run', now, crashAfterSends: 3, batchSize: 100 } })).rejects.toBeTruthy()
    const counts = await Promise.all(openids.map(async (o) => (await outbox(o)).length))
    expect(counts).toEqual([1, 1, 1, 0, 0, 0])
    const report = await run('2026-06-29T02:10:00Z')
    expect(report.outcomes.sent).toBe(3)
    expect(report.skipped).toBeGreaterThanOrEqual(3)
    for (const openid of openids) expect(await outbox(openid)).toHaveLength(1)
    // The one whose outcome the crash lost stays claimed: never sent again, and in the app.
    expect((await remindersOf(openids[2]))[0].push.status).toBe('claimed')
  })

  it('holds in quiet hours across the UTC date line and sends at 08:00 Beijing', async () => {
    const [openid] = await cadres('rem-e', 1, { consent: true })
    // Sunday 5 July 23:30 UTC is Monday 6 July 07:30 in Beijing.
    const night = await run('2026-07-05T23:30:00Z')
    expect(night).toMatchObject({ quiet: true, holdUntil: '2026-07-06T00:00:00.000Z', batches: 0 })
    // 22:00 Beijing the evening before is 14:00 UTC.
    expect(await run('2026-07-05T14:00:00Z')).toMatchObject({ quiet: true })
    expect(await outbox(openid)).toHaveLength(0)
    expect(await remindersOf(openid)).toHaveLength(0)
    // Monday 08:05 Beijing: 00:05 UTC on 6 July.
    const morning = await run('2026-07-06T00:05:00Z')
    expect(morning.quiet).toBe(false)
    expect(await outbox(openid)).toHaveLength(1)
    expect((await remindersOf(openid))[0].period).toBe('2026-W28')
  })

  it('records 43101 once and does not retry; retries a transient error with backoff', async () => {
    const [noQuota, busy] = await cadres('rem-f', 2, { consent: true })
    await fetch(`${emu.url}/__/openapi/errcode`, { method: 'POST', body: JSON.stringify({ touser: noQuota, errcode: 43101, count: 5 }) })
    await fetch(`${emu.url}/__/openapi/errcode`, { method: 'POST', body: JSON.stringify({ touser: busy, errcode: -1, count: 2 }) })
    await run('2026-07-13T02:00:00Z') // week 29

    expect((await outbox(noQuota)).map((m) => m.errcode)).toEqual([43101])
    const [r] = await remindersOf(noQuota)
    expect(r.push.status).toBe('noQuota')
    expect(r.push.attempts.map((a) => a.errcode)).toEqual([43101])
    expect(await quota(noQuota)).toBe(0)

    expect((await outbox(busy)).map((m) => m.errcode).sort()).toEqual([-1, -1, 0].sort())
    const [b] = await remindersOf(busy)
    expect(b.push.status).toBe('sent')
    expect(b.push.attempts.map((a) => a.errcode)).toEqual([-1, -1, 0])
  })

  it('refuses a value over WeChat’s field rules before it reaches WeChat, and keeps the reminder in the app', async () => {
    // WeChat takes 阿依古丽·买买提 (a Chinese name with the middle dot, ≤ 10 characters); not 11 of them.
    const [openid] = await cadres('rem-g', 1, { consent: true, name: '阿依古丽·买买提·艾力' })
    await run('2026-07-20T02:00:00Z') // week 30
    expect(await outbox(openid)).toHaveLength(0)
    const [r] = await remindersOf(openid)
    expect(r.push.status).toBe('rejected')
    expect(r.push.reason).toMatch(/name1/)
    expect(await quota(openid)).toBe(1)
    expect(ok(await call<ReminderPage>(openid, { action: 'list' })).items[0].push).toBe('rejected')
  })

  it('runs from its timer trigger, holding in quiet hours', async () => {
    const res = await fetch(`${emu.url}/__/timers/reminders/sendReminders/fire`, { method: 'POST' })
    const body = (await res.json()) as { result: Reply<RunReport> }
    expect(res.status).toBe(200)
    expect(ok(body.result).quiet).toBe(isQuietHour(new Date()))
  })

  it('请假/培训/抽调 pause the pace reminders: none while one is in force, and the paused days expect nothing', async () => {
    const [onLeave, back, plain] = await cadres('rem-p', 3)
    const span = (cadreId: string, from: string, to: string) =>
      db.collection('cadrePeriods').add({
        data: {
          _id: `${cadreId}_span`,
          cadreId,
          cadreName: cadreId,
          orgId: 'org-rem',
          orgPath: ['org-rem'],
          kind: 'leave',
          from,
          to,
          years: [2026],
          place: '',
          note: '',
          status: 'approved',
          recordedBy: { id: 'm', name: '管理员', byManager: true },
          review: null,
          countedDays: null,
          createdAt: new Date(),
          updatedAt: new Date()
        }
      })
    await span('rem-p-01', '2026-06-20', '2026-06-30') // on leave that Monday
    await span('rem-p-02', '2026-01-01', '2026-06-10') // back after 161 days: 90 × 12 / 365 → 2 days expected, 3 done
    await run('2026-06-22T02:00:00Z') // Monday 10:00 Beijing, week 26: 42 days expected without a pause
    expect(await remindersOf(onLeave)).toEqual([])
    expect(await remindersOf(back)).toEqual([])
    const [row] = await remindersOf(plain)
    expect(row).toMatchObject({ kind: 'pace' })
  })
})
