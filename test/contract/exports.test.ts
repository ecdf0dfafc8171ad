/**
 * 导出报表 through the real wx-server-sdk and the emulator: an export of a county holds exactly
 * that subtree's rows of the period (read back with exceljs), a job resumed with `continue` neither loses nor
 * repeats a row, two taps work once, the ratings file shows no rater, phones are masked, nobody else can export
 * a county or read a job, and bad inputs change nothing.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { ExportJob } from '@/types/exports'
import type { Reply } from '@/types/reply'
import { emptyFigures } from '@/types/outcomes'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const county = 'org-women-xining-chengdong'
const sibling = 'org-women-xining-chengzhong'
const otherSystem = 'org-union-xining-chengdong'
const M = demoAccounts.countyManager
const siblingManager = 'demo-women-xining-chengzhong-manager'
const unionManager = 'demo-union-xining-chengdong-manager'
const prefectureManager = demoAccounts.prefectureManager
const cadre = demoAccounts.cadre

const cadresOf = (orgId: string) => demo.users.filter((u) => u.orgId === orgId && u.role === 'cadre')
const at = (i: number, year = 2026) => new Date(Date.UTC(year, 0, 1) + (i % 360) * 86_400_000 + (i % 1000) * 1000)

/** A ledger entry as the demands function stores it. */
function demandDoc(id: string, orgId: string, i: number, year = 2026) {
  const c = cadresOf(orgId)[i % cadresOf(orgId).length]
  const createdAt = at(i, year)
  return {
    _id: id,
    source: 'cadre',
    visitId: null,
    viaScene: null,
    residentOpenid: null,
    cadreId: c._id,
    cadreName: c.name,
    orgId: c.orgId,
    orgPath: c.orgPath,
    area: 'living',
    urgency: 'general',
    text: `生成的诉求 ${id}`,
    contact: { name: '王大姐', phone: '13912345678' },
    status: 'open',
    active: true,
    path: null,
    plannedPath: null,
    department: null,
    deadlineAt: new Date(createdAt.getTime() + 7 * 86_400_000),
    finishedAt: null,
    closedAt: null,
    reply: null,
    supervised: 0,
    timeline: [],
    sceneCode: null,
    rating: null,
    createdAt,
    updatedAt: createdAt
  }
}

/** A rating as the ratings function stores it: the rater's openid and phone are in the document. */
function ratingDoc(id: string, orgId: string, i: number) {
  const c = cadresOf(orgId)[i % cadresOf(orgId).length]
  const createdAt = at(i)
  return {
    _id: id,
    targetKind: 'visit',
    targetId: `v-${id}`,
    raterOpenid: `o-secret-rater-${i}`,
    scene: `s${i}`,
    cadreId: c._id,
    cadreName: c.name,
    orgId: c.orgId,
    orgPath: c.orgPath,
    level: i % 5 === 0 ? 'dissatisfied' : 'satisfied',
    score: i % 5 === 0 ? 2 : 4,
    tags: ['服务态度好'],
    comment: `评价留言 ${i}`,
    contactPhone: '13700009876',
    followUp: null,
    flagged: false,
    voided: null,
    appeal: null,
    appealPending: false,
    caseId: null,
    date: '2026-03-01',
    month: '2026-03',
    year: 2026,
    createdAt
  }
}

describe('exports function through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const call = <T>(openid: string | null, data: unknown) => callAs<T>(emu.url, openid, 'exports', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (name: string, where: Record<string, unknown> = {}) => ((await db.collection(name).where(where).count()) as { total: number }).total
  /** Downloads the file of a finished job and reads it back as a spreadsheet. */
  const sheetOf = async (job: ExportJob) => {
    expect(job.status).toBe('done')
    expect(job.url).toBeTruthy()
    const res = await fetch(job.url!)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String)
    const rows: Record<string, unknown>[] = []
    ws.eachRow((row, n) => {
      if (n === 1) return
      const values = (row.values as unknown[]).slice(1)
      rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])))
    })
    return { header, rows, text: JSON.stringify(rows) }
  }

  const inCounty = 2300
  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'exports', 'index.js'))) {
      throw new Error('build/cloudfunctions/exports is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    process.env.SILENCE = 'true'
    db = loadSdk(emu.url).database()
    const demands = [
      ...Array.from({ length: inCounty }, (_, i) => demandDoc(`d-cd-${String(i).padStart(5, '0')}`, county, i)),
      ...Array.from({ length: 60 }, (_, i) => demandDoc(`d-cz-${i}`, sibling, i)),
      ...Array.from({ length: 60 }, (_, i) => demandDoc(`d-un-${i}`, otherSystem, i)),
      // the same county, another year: outside the period asked
      ...Array.from({ length: 30 }, (_, i) => demandDoc(`d-cd-2025-${i}`, county, i, 2025))
    ]
    for (let i = 0; i < demands.length; i += 1000) await db.collection('demands').add({ data: demands.slice(i, i + 1000) })
    const ratings = [
      ...Array.from({ length: 80 }, (_, i) => ratingDoc(`r-cd-${i}`, county, i)),
      ...Array.from({ length: 20 }, (_, i) => ratingDoc(`r-cz-${i}`, sibling, i))
    ]
    await db.collection('ratings').add({ data: ratings })
  })
  afterAll(() => emu?.stop())

  it('exports exactly the county’s demands of the period, resumed with continue, phones masked', async () => {
    const jobId = randomUUID()
    // stepMs 0: each call pages once (250 rows: a page is kept small, see run.ts) and hands back, as a call out of
    // time would.
    const first = ok(await call<ExportJob>(M, { action: 'start', jobId, kind: 'demands', orgId: county, period: '2026', stepMs: 0 }))
    expect(first).toMatchObject({ status: 'running', needsContinue: true, rowsDone: 250, estimatedTotal: inCounty, url: null })
    // Two taps on 继续 at once: one works, the other answers with the job as it is.
    const [a, b] = await Promise.all([
      call<ExportJob>(M, { action: 'continue', jobId, stepMs: 0 }),
      call<ExportJob>(M, { action: 'continue', jobId, stepMs: 0 })
    ])
    // (the second may also have come after the first was through, and done the rest: never both at once)
    expect(Math.max(ok(a).rowsDone, ok(b).rowsDone)).toBeGreaterThanOrEqual(500)
    let job = ok(await call<ExportJob>(M, { action: 'status', jobId }))
    expect(job.rowsDone).toBeGreaterThanOrEqual(500)
    for (let i = 0; i < 5 && job.status === 'running'; i++) job = ok(await call<ExportJob>(M, { action: 'continue', jobId }))
    expect(job).toMatchObject({ status: 'done', rowsDone: inCounty, needsContinue: false })
    expect(job.fileName).toBe('诉求台账_城东区妇联_2026年.xlsx')
    const sheet = await sheetOf(job)
    expect(sheet.header.slice(0, 5)).toEqual(['序号', '编号', '登记时间', '干部', '单位'])
    const ids = sheet.rows.map((r) => r['编号'])
    expect(ids).toHaveLength(inCounty)
    expect(new Set(ids).size).toBe(inCounty)
    expect([...ids].sort()).toEqual(Array.from({ length: inCounty }, (_, i) => `d-cd-${String(i).padStart(5, '0')}`))
    expect(sheet.rows.map((r) => r['序号'])).toEqual(Array.from({ length: inCounty }, (_, i) => i + 1))
    expect(new Set(sheet.rows.map((r) => r['单位']))).toEqual(new Set(['城东区妇联']))
    expect(sheet.text).not.toContain('13912345678')
    expect(sheet.rows[0]['联系电话']).toBe('139****5678')
    // The staged parts are gone from storage once the file is made.
    expect(job.size).toBeGreaterThan(10_000)
  })

  it('a prefecture export holds both its counties and nothing of another system', async () => {
    const job = ok(await call<ExportJob>(prefectureManager, { action: 'start', jobId: randomUUID(), kind: 'demands', period: '2026' }))
    const sheet = await sheetOf(job)
    const ids = sheet.rows.map((r) => String(r['编号']))
    expect(ids.filter((id) => id.startsWith('d-cd-'))).toHaveLength(inCounty)
    expect(ids.filter((id) => id.startsWith('d-cz-'))).toHaveLength(60)
    expect(ids.some((id) => id.startsWith('d-un-') || id.startsWith('d-cd-2025'))).toBe(false)
  })

  it('a month holds only that month', async () => {
    const job = ok(await call<ExportJob>(M, { action: 'start', jobId: randomUUID(), kind: 'demands', period: '2026-02' }))
    const sheet = await sheetOf(job)
    expect(sheet.rows.length).toBe(
      await count('demands', {
        orgPath: county,
        createdAt: db.command.and(db.command.gte(new Date('2026-01-31T16:00:00Z')), db.command.lt(new Date('2026-02-28T16:00:00Z')))
      })
    )
    expect(sheet.rows.length).toBeGreaterThan(100)
    for (const r of sheet.rows) expect(String(r['登记时间'])).toMatch(/^2026-02-/)
  })

  it('the ratings file shows no rater: no openid, no phone, no rating id', async () => {
    const job = ok(await call<ExportJob>(M, { action: 'start', jobId: randomUUID(), kind: 'ratings', period: '2026' }))
    const sheet = await sheetOf(job)
    expect(sheet.rows).toHaveLength(80)
    expect(sheet.header).not.toContain('编号')
    expect(sheet.text).not.toMatch(/o-secret-rater|13700009876|1370|9876|r-cd-/)
    expect(new Set(sheet.rows.map((r) => r['留言']))).toEqual(new Set(Array.from({ length: 80 }, (_, i) => `评价留言 ${i}`)))
  })

  it('exports the ranking of the county best first, with the score breakdown, and nothing of the sibling county', async () => {
    const scoreDoc = (orgId: string, i: number, score: number) => {
      const c = cadresOf(orgId)[i % cadresOf(orgId).length]
      const [province, prefecture, countyId] = c.orgPath
      const breakdown = [
        { key: 'satisfaction', label: '群众满意度', weight: 40, effectiveWeight: 40, ratio: 0.9, points: 36, detail: '10 条评价中 9 条满意' },
        { key: 'demands', label: '诉求按时办结', weight: 60, effectiveWeight: 60, ratio: 0.5, points: score - 36, detail: '应办结 4 件，按时办结 2 件' }
      ]
      const figures = emptyFigures(1)
      figures.ratings.count = 10
      figures.days.count = 20
      return {
        _id: `${c._id}_2026-03_${i}`,
        cadreId: c._id,
        cadreName: `${c.name}${i}`,
        orgId: c.orgId,
        orgName: '某单位',
        orgPath: c.orgPath,
        system: 'women',
        period: '2026-03',
        periodKind: 'month',
        scope: { county: countyId, prefecture, province },
        figures,
        score,
        satisfiedShare: 0.9,
        scoredShare: 0.9,
        satisfactionRule: '满意度：满 5 条评价才计分，按满意率计',
        breakdown,
        sortKey: `${String(1000 - score * 10).padStart(5, '0')}_${c._id}_${i}`,
        ranks: { county: null, prefecture: null, province: null },
        pace: { expected: 10, actual: 8 },
        cycle: 'x',
        computedAt: new Date('2026-03-31T02:00:00Z'),
        updatedAt: new Date()
      }
    }
    await db.collection('cadreScores').add({ data: [scoreDoc(county, 0, 71.5), scoreDoc(county, 1, 88), scoreDoc(county, 2, 64), scoreDoc(sibling, 0, 99)] })
    const job = ok(await call<ExportJob>(M, { action: 'start', jobId: randomUUID(), kind: 'rankings', period: '2026-03' }))
    expect(job.fileName).toBe('排名_城东区妇联_2026年3月.xlsx')
    const sheet = await sheetOf(job)
    expect(sheet.rows.map((r) => r['综合得分'])).toEqual([88, 71.5, 64])
    expect(sheet.rows[0]['群众满意度（得分）']).toBe(36)
    expect(sheet.rows[0]['群众满意率']).toBe('90%')
    expect(String(sheet.rows[0]['得分说明'])).toContain('10 条评价中 9 条满意')
    // What the ranking page shows beside the score: the ratings, the scored share, days as a pace figure only, and
    // when the job computed it.
    expect(sheet.rows[0]).toMatchObject({ '群众评价（条）': 10, 满意度计分: '90%', '下基层天数（进度，不计分）': 20, 计算时间: '2026-03-31 10:00' })
    expect(String(sheet.rows[0]['得分说明'])).toContain('满 5 条评价才计分')
    expect(sheet.header.join()).not.toContain('下沉天数（得分）')
  })

  it('lists the caller’s own jobs with their links; a double tap on 导出 starts one job', async () => {
    const jobId = randomUUID()
    const event = { action: 'start', jobId, kind: 'ratings', orgId: county, period: '2026-Q1' }
    const [x, y] = await Promise.all([call<ExportJob>(M, event), call<ExportJob>(M, event)])
    expect(ok(x).jobId).toBe(jobId)
    expect(ok(y).jobId).toBe(jobId)
    expect(await count('exportJobs', { jobId })).toBe(1)
    const done = ok(await call<ExportJob>(M, { action: 'status', jobId }))
    expect(done.status).toBe('done')
    const list = ok(await call<{ items: ExportJob[] }>(M, { action: 'list' }))
    expect(list.items[0]).toMatchObject({ jobId, status: 'done' })
    expect(list.items.every((j) => j.status !== 'done' || j.url)).toBe(true)
    // The same id for another report is refused.
    expect(await call(M, { ...event, kind: 'demands' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    // Other managers see none of them.
    expect(ok(await call<{ items: ExportJob[] }>(siblingManager, { action: 'list' })).items).toEqual([])
  })

  it('nobody outside the subtree exports it or reads the job; bad inputs change nothing', async () => {
    const jobs = await count('exportJobs')
    const files = await count('exportJobs', { status: 'done' })
    const base = { action: 'start', kind: 'demands', orgId: county, period: '2026' }
    expect(await call(siblingManager, { ...base, jobId: randomUUID() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(unionManager, { ...base, jobId: randomUUID() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(cadre, { ...base, jobId: randomUUID() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('o-some-resident', { ...base, jobId: randomUUID() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // The county manager's job, asked for by others.
    const jobId = ok(await call<{ items: ExportJob[] }>(M, { action: 'list' })).items[0].jobId
    for (const who of [siblingManager, unionManager, prefectureManager, demoAccounts.admin]) {
      expect(await call(who, { action: 'status', jobId })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
      expect(await call(who, { action: 'continue', jobId })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    }
    // A cadre may have export jobs of their own (their pack, their survey's answers): someone else's is not found.
    expect(await call(cadre, { action: 'status', jobId })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    for (const bad of [
      { ...base, jobId: randomUUID(), period: '2026-13' },
      { ...base, jobId: randomUUID(), period: '26' },
      { ...base, jobId: randomUUID(), kind: 'everything' },
      { ...base, jobId: 'x' },
      { ...base, jobId: randomUUID(), orgId: 'org-nowhere' },
      { ...base, jobId: randomUUID(), orgId: { $ne: null } },
      { ...base, jobId: randomUUID(), stepMs: -1 },
      { action: 'status', jobId: '../../etc' },
      { action: 'continue', jobId: randomUUID() }
    ]) {
      const r = await call(M, bad)
      expect(r.ok).toBe(false)
    }
    expect(await count('exportJobs')).toBe(jobs)
    expect(await count('exportJobs', { status: 'done' })).toBe(files)
  })
})
