/**
 * 批阅 through the real wx-server-sdk and the emulator: a leader's inbox of the subtree's newest 民情日记 and 调研报告,
 * 已阅 once per leader, 批示, 采纳 of a report's suggestion; the author sees every review and is told by the reminder
 * sender — in the reminder center, and by a WeChat message when they consented.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { templateId, type ReminderPage } from '@/types/reminders'
import { beijingDate } from '@/types/rules/beijing-time'
import type { Reply } from '@/types/reply'
import type { InboxItem, ReceivedItem, Review, ReviewSummary } from '@/types/reviews'

jest.setTimeout(120_000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const cadre = 'demo-women-xining-chengdong-cadre-1'
const peer = 'demo-women-xining-chengdong-cadre-2'
const county = 'demo-women-xining-chengdong-manager'
const admin = 'demo-women-admin'
const sibling = 'demo-women-xining-chengzhong-manager'
const tinyPdf = Buffer.from('%PDF-1.4 批阅测试').toString('base64')

describe('reviews: 批阅 of diaries and reports', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  const call = <T>(openid: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, fn, data)
  const rv = <T>(openid: string, data: Record<string, unknown>) => call<T>(openid, 'reviews', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const mark = (openid: string, targetKind: string, targetId: string, kind: string, extra: Record<string, unknown> = {}) =>
    rv<{ review: Review; summary: ReviewSummary }>(openid, { action: 'mark', targetKind, targetId, kind, reviewId: randomUUID(), ...extra })

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'reviews', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
  })
  afterAll(() => emu?.stop())

  it('a leader reads, comments and 采纳; the author sees it all and is told', async () => {
    ok(await call(cadre, 'reminders', { action: 'consent', templateIds: [templateId('progress')] }))
    const entry = ok(
      await call<{ id: string }>(cadre, 'diary', { action: 'add', entryId: randomUUID(), text: '今天走访了东关大街社区三户困难家庭，了解到用水困难' })
    )
    const up = ok(
      await call<{ fileID: string; name: string; size: number }>(cadre, 'diary', { action: 'upload', kind: 'report', name: '调研.pdf', contentBase64: tinyPdf })
    )
    const report = ok(
      await call<{ id: string }>(cadre, 'diary', { action: 'addReport', reportId: randomUUID(), title: '关于社区留守儿童托管的调研报告', ...up })
    )

    const inbox = ok(await rv<{ items: InboxItem[] }>(county, { action: 'inbox', targetKind: 'diary' })).items
    expect(inbox.find((i) => i.id === entry.id)).toMatchObject({
      readByMe: false,
      cadreName: expect.any(String),
      title: '今天走访了东关大街社区三户困难家庭，了解到用水困难'.slice(0, 30),
      date: beijingDate(new Date())
    })

    // 已阅 twice (and at once) is one read.
    const [r1, r2] = await Promise.all([mark(county, 'diary', entry.id, 'read'), mark(county, 'diary', entry.id, 'read')])
    expect(ok(r1).review.id).toBe(ok(r2).review.id)
    expect(ok(await mark(county, 'diary', entry.id, 'read')).summary).toEqual({ reads: 1, comments: 0, adopted: 0 })
    expect(ok(await rv<{ items: InboxItem[] }>(county, { action: 'inbox', targetKind: 'diary' })).items.find((i) => i.id === entry.id)?.readByMe).toBe(true)
    ok(await mark(admin, 'diary', entry.id, 'read'))
    const commentId = randomUUID()
    const c1 = ok(
      await rv<{ review: Review; summary: ReviewSummary }>(county, {
        action: 'mark',
        targetKind: 'diary',
        targetId: entry.id,
        kind: 'comment',
        reviewId: commentId,
        comment: '用水问题请尽快协调水务部门'
      })
    )
    ok(
      await rv(county, { action: 'mark', targetKind: 'diary', targetId: entry.id, kind: 'comment', reviewId: commentId, comment: '用水问题请尽快协调水务部门' })
    )
    expect(c1.summary).toEqual({ reads: 2, comments: 1, adopted: 0 })
    expect(await mark(county, 'diary', entry.id, 'adopt', { suggestion: '日记不能采纳' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await mark(county, 'report', report.id, 'comment')).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    const adopted = ok(await mark(county, 'report', report.id, 'adopt', { suggestion: '在各社区设课后托管点', comment: '很好，列入明年重点工作' }))
    expect(adopted.review).toMatchObject({ kind: 'adopt', suggestion: '在各社区设课后托管点', byOrgName: '城东区妇联' })

    // Not theirs to mark: another county's manager, a peer, another system.
    expect(await mark(sibling, 'diary', entry.id, 'read')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await mark(peer, 'diary', entry.id, 'read')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await mark('demo-union-xining-chengdong-manager', 'report', report.id, 'read')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await rv(peer, { action: 'list', targetKind: 'diary', targetId: entry.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // The author sees them.
    const onEntry = ok(await rv<{ items: Review[]; summary: ReviewSummary }>(cadre, { action: 'list', targetKind: 'diary', targetId: entry.id }))
    expect(onEntry.items.map((r) => r.kind).sort()).toEqual(['comment', 'read', 'read'])
    const received = ok(await rv<{ items: ReceivedItem[] }>(cadre, { action: 'received', limit: 50 })).items
    expect(received.map((r) => [r.kind, r.title])).toEqual(
      expect.arrayContaining([
        ['adopt', '关于社区留守儿童托管的调研报告'],
        ['comment', '今天走访了东关大街社区三户困难家庭，了解到用水困难'.slice(0, 30)]
      ])
    )

    // The reminder sender tells the author, once per review.
    const at = new Date(Date.now() + 26 * 3600_000)
    at.setUTCHours(3, 0, 0, 0) // 11:00 Beijing tomorrow: outside quiet hours, after the settle time
    const run = async () =>
      ok(
        (
          (await cloud.callFunction({ name: 'reminders', data: { action: 'run', now: at.toISOString(), backoffMs: 10 } })) as unknown as {
            result: Reply<unknown>
          }
        ).result
      )
    await run()
    await run()
    const center = ok(await call<ReminderPage>(cadre, 'reminders', { action: 'list', limit: 50 })).items.filter((i) => i.kind === 'workReviewed')
    expect(center).toHaveLength(4)
    expect(center.map((i) => i.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('采纳了您的调研报告'), expect.stringContaining('批示了您的民情日记')])
    )
    expect(center.filter((i) => i.push === 'sent')).toHaveLength(1) // one consent, one message
    expect(center[0].page).toBe('work/pages/reviews/index?tab=received')
  })
})
