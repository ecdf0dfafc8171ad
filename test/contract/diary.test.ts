/**
 * 民情日记 and 调研报告 through the real wx-server-sdk and the emulator: exactly-once
 * entries counted in the cadre-year statistics, the 7-day edit window, privacy (the cadre and their
 * managers only), bad inputs that change nothing, and a report's upload → list → download round trip.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { database } from '@/types/database'
import type { DiaryDetail, DiaryEntry, Report, UploadedFile } from '@/types/diary'
import type { Reply } from '@/types/reply'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(60000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()

const W = 'demo-women-haidong-pingan-cadre-1' // diary writer
const R = 'demo-women-haidong-huzhu-cadre-1' // reports
const other = 'demo-women-xining-chengdong-cadre-2' // another cadre
const haidongManager = 'demo-women-haidong-manager'
const xiningCounty = demoAccounts.countyManager // manages Chengdong, not Haidong
const resident = 'o-resident-diary-test'
const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const id = () => randomUUID()

describe('diary function through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const call = <T>(openid: string | null, data: unknown) => callAs<T>(emu.url, openid, 'diary', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (name: string, where: Record<string, unknown> = {}) => ((await db.collection(name).where(where).count()) as { total: number }).total
  const stats = async (openid: string, year: number) => {
    const res = (await db
      .collection('visitStats')
      .where({ _id: `${userOf(openid)._id}_${year}` })
      .get()) as { data: { diaryEntries?: number; reports?: number }[] }
    return res.data[0]
  }
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4))

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'diary', 'index.js'))) {
      throw new Error('build/cloudfunctions/diary is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    expect(demo.users.find((u) => u.openid === haidongManager)).toBeTruthy()
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('writes an entry once, however often it is sent, and counts it once in the year', async () => {
    const event = { action: 'add', entryId: id(), text: '今天在平安区走访了三户村民，听他们讲冬季取暖的难处。' }
    const first = ok(await call<DiaryEntry>(W, event))
    expect(first).toMatchObject({ cadreId: userOf(W)._id, text: event.text, photos: [] })
    expect(first.date).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const replies = await Promise.all(Array.from({ length: 10 }, () => call<DiaryEntry>(W, event)))
    for (const r of replies) expect(ok(r)).toEqual(first)
    expect(await count('diaryEntries', { cadreId: userOf(W)._id })).toBe(1)
    expect(await stats(W, year)).toMatchObject({ diaryEntries: 1 })
    // the same id with other words is not a retry
    expect(await call(W, { ...event, text: '另一篇' })).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('lists newest first with a cursor, and lets its cadre edit within 7 days only', async () => {
    for (let i = 0; i < 4; i++) ok(await call(W, { action: 'add', entryId: id(), text: `第 ${i + 1} 篇` }))
    const seen: DiaryEntry[] = []
    let cursor: string | undefined
    do {
      const page = ok(await call<{ items: DiaryEntry[]; nextCursor: string | null }>(W, { action: 'list', limit: 2, ...(cursor ? { cursor } : {}) }))
      seen.push(...page.items)
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    expect(seen).toHaveLength(5)
    expect(new Set(seen.map((e) => e.id)).size).toBe(5)
    const times = seen.map((e) => e.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
    expect(seen[0].text).toBe('第 4 篇')

    const edited = ok(await call<DiaryEntry>(W, { action: 'update', entryId: seen[0].id, text: '第 4 篇（补记：群众反映路灯不亮）' }))
    expect(edited.text).toContain('补记')
    expect(ok(await call<DiaryDetail>(W, { action: 'get', entryId: seen[0].id })).text).toContain('补记')

    // 8 days old: no longer editable
    await db
      .collection('diaryEntries')
      .doc(seen[1].id)
      .update({ data: { createdAt: new Date(Date.now() - 8 * 86400_000) } })
    const late = await call(W, { action: 'update', entryId: seen[1].id, text: '改不了了' })
    expect(late).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(!late.ok && late.message).toContain('7 天')
  })

  it('keeps a diary private to its cadre and their managers; residents get nothing', async () => {
    const mine = ok(await call<DiaryEntry>(W, { action: 'add', entryId: id(), text: '只有我和管理员能看' }))
    const wId = userOf(W)._id
    expect(await call(haidongManager, { action: 'get', entryId: mine.id })).toMatchObject({ ok: true })
    expect(ok(await call<{ items: DiaryEntry[] }>(haidongManager, { action: 'list', cadreId: wId })).items.map((e) => e.id)).toContain(mine.id)
    expect(await call('demo-women-admin', { action: 'get', entryId: mine.id })).toMatchObject({ ok: true })
    for (const who of [other, xiningCounty, 'demo-union-haidong-manager']) {
      expect(await call(who, { action: 'get', entryId: mine.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await call(who, { action: 'list', cadreId: wId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await call(who, { action: 'listReports', cadreId: wId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    // nobody writes in another's diary, not even a manager
    for (const who of [other, haidongManager]) {
      const r = await call(who, { action: 'update', entryId: mine.id, text: '改别人的日记' })
      expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(ok(await call<DiaryDetail>(W, { action: 'get', entryId: mine.id })).text).toBe('只有我和管理员能看')
    // a cadre asking for another's entry by their own prefix finds nothing of theirs
    expect(await call(other, { action: 'get', entryId: `${userOf(other)._id}_${mine.id.split('_').pop()}` })).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    for (const data of [
      { action: 'add', entryId: id(), text: '群众' },
      { action: 'list' },
      { action: 'get', entryId: mine.id },
      { action: 'update', entryId: mine.id, text: 'x' },
      { action: 'prepareUpload', kind: 'report', name: 'a.pdf' },
      { action: 'upload', kind: 'report', name: 'a.pdf', contentBase64: Buffer.from('x').toString('base64') },
      { action: 'listReports' },
      { action: 'reportUrl', reportId: 'x' },
      { action: 'removeReport', reportId: 'x' }
    ]) {
      expect(await call(resident, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
  })

  it('uploads a report (H5 path), files it under its year, lists it and downloads the same bytes; only its cadre and managers', async () => {
    const bytes = Buffer.from(`%PDF-1.4\n关于海东市互助县冬季取暖的调研报告\n${'内容'.repeat(20000)}`)
    const up = ok(await call<UploadedFile>(R, { action: 'upload', kind: 'report', name: '互助县 取暖/调研.pdf', contentBase64: bytes.toString('base64') }))
    expect(up).toMatchObject({ size: bytes.length, name: '互助县 取暖_调研.pdf' })
    expect(up.fileID).toContain(`/reports/${userOf(R)._id}/`)

    const event = { action: 'addReport', reportId: id(), title: '互助县冬季取暖调研', year, fileID: up.fileID, name: up.name, size: up.size }
    const report = ok(await call<Report>(R, event))
    expect(ok(await call<Report>(R, event))).toEqual(report) // a retry lands once
    expect(await stats(R, year)).toMatchObject({ reports: 1 })

    const list = ok(await call<{ year: number; items: Report[] }>(R, { action: 'listReports', year }))
    expect(list.items.map((r) => r.id)).toEqual([report.id])
    expect(ok(await call<{ items: Report[] }>(R, { action: 'listReports', year: year - 1 })).items).toEqual([])
    expect(ok(await call<{ items: Report[] }>(haidongManager, { action: 'listReports', cadreId: userOf(R)._id, year })).items).toHaveLength(1)

    for (const who of [R, haidongManager]) {
      const link = ok(await call<{ url: string; name: string }>(who, { action: 'reportUrl', reportId: report.id }))
      const res = await fetch(encodeURI(link.url))
      expect(res.status).toBe(200)
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    }
    expect(await call(other, { action: 'reportUrl', reportId: report.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // another cadre cannot file R's upload as theirs, nor remove R's report
    expect(await call(other, { ...event, reportId: id() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(other, { action: 'removeReport', reportId: report.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // WeChat path: the server names the place inside the cadre's folder; an unuploaded file is refused
    const target = ok(await call<{ cloudPath: string }>(R, { action: 'prepareUpload', kind: 'report', name: '第二份.docx' }))
    expect(target.cloudPath).toMatch(new RegExp(`^reports/${userOf(R)._id}/[0-9a-f-]+/第二份\\.docx$`))
    const ghost = up.fileID.replace(/reports\/.*$/, target.cloudPath)
    expect(await call(R, { ...event, reportId: id(), fileID: ghost, name: '第二份.docx' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })

    // removing takes the record, the count and the file
    expect(ok(await call<{ removed: boolean }>(R, { action: 'removeReport', reportId: report.id }))).toEqual({ removed: true })
    expect(await stats(R, year)).toMatchObject({ reports: 0 })
    expect(await call(R, { action: 'reportUrl', reportId: report.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
  })

  it('attaches photos only when the cadre adds them, from their own folder', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const photo = ok(await call<UploadedFile>(W, { action: 'upload', kind: 'photo', name: '座谈会.png', contentBase64: png.toString('base64') }))
    expect(photo.fileID).toContain(`/diary/${userOf(W)._id}/`)
    const entry = ok(await call<DiaryEntry>(W, { action: 'add', entryId: id(), text: '座谈会现场', photos: [photo.fileID] }))
    const detail = ok(await call<DiaryDetail>(haidongManager, { action: 'get', entryId: entry.id }))
    expect(detail.photos).toEqual([photo.fileID])
    const res = await fetch(encodeURI(detail.photoUrls[0]))
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true)
    // someone else's photo cannot be attached
    expect(await call(other, { action: 'add', entryId: id(), text: '借用照片', photos: [photo.fileID] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // taking the photo off deletes it
    ok(await call(W, { action: 'update', entryId: entry.id, text: '座谈会现场', photos: [] }))
    expect(await fetch(encodeURI(detail.photoUrls[0])).then((r) => r.status)).toBe(404)
  })

  it('refuses bad inputs with BAD_REQUEST and changes nothing', async () => {
    const names = Object.keys(database)
    const before = await Promise.all(names.map((n) => count(n)))
    const good = { action: 'add', entryId: id(), text: '好的' }
    const bad: unknown[] = [
      { action: 'add' },
      { ...good, text: '' },
      { ...good, text: '   ' },
      { ...good, text: '长'.repeat(2001) },
      { ...good, text: 'x'.repeat(100_000) },
      { ...good, text: 42 },
      { ...good, entryId: 'short' },
      { ...good, entryId: null },
      { ...good, photos: 'cloud://x' },
      { ...good, photos: Array.from({ length: 10 }, (_, i) => `cloud://jdq-local.b/diary/x/${i}.jpg`) },
      { action: 'list', limit: 'ten' },
      { action: 'list', limit: 1000 },
      { action: 'list', cursor: 'not-a-cursor' },
      { action: 'update', entryId: 'x', text: null },
      { action: 'upload', kind: 'report', name: 'a.exe', contentBase64: 'aGVsbG8=' },
      { action: 'upload', kind: 'report', name: 'a.pdf', contentBase64: '不是base64' },
      { action: 'upload', kind: 'video', name: 'a.pdf', contentBase64: 'aGVsbG8=' },
      { action: 'prepareUpload', kind: 'report', name: '' },
      { action: 'prepareUpload', kind: 'report', name: 'x'.repeat(100_000) },
      { action: 'addReport', reportId: id(), title: '', fileID: 'cloud://x/y', name: 'a.pdf', size: 1 },
      { action: 'addReport', reportId: id(), title: 't', fileID: 'cloud://x/y', name: 'a.pdf', size: Number.NaN },
      { action: 'addReport', reportId: id(), title: 't', year: 1999, fileID: 'cloud://x/y', name: 'a.pdf', size: 1 },
      { action: 'addReport', reportId: id(), title: 't', year: year + 1, fileID: 'cloud://x/y', name: 'a.pdf', size: 1 },
      { action: 'listReports', year: '2026' }
    ]
    for (const event of bad) {
      const r = await call(W, event)
      expect({ event: JSON.stringify(event).slice(0, 80), r }).toMatchObject({ r: { ok: false, code: 'BAD_REQUEST' } })
    }
    expect(await Promise.all(names.map((n) => count(n)))).toEqual(before)
  })
})
