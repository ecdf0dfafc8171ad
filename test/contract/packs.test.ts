/**
 * Month-end and year-end packs through the real wx-server-sdk and the emulator: after a month's work (a visit with
 * its 三问, a household's record and 慰问, a survey answered) and a run of the rankings job, a cadre's pack and a unit's
 * pack carry the very figures the dashboard shows for the period, with the 四进 mix, 四个百家, surveys and the 三问
 * digest; the .xlsx of a cadre's pack and of a survey's answers come from the exports function.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import ExcelJS from 'exceljs'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { checkInNear } from '../helpers/e2e'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import { beijingDate, beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import type { Reply } from '@/types/reply'
import type { Pack } from '@/types/packs'
import type { ExportJob } from '@/types/exports'
import type { DashboardCadre, DashboardNode } from '@/types/api/dashboard'

jest.setTimeout(240_000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const cadre = 'demo-league-haidong-ledu-cadre-1'
const peer = 'demo-league-haidong-ledu-cadre-2'
const county = 'demo-league-haidong-ledu-manager'
const sibling = 'demo-league-haidong-pingan-manager'
const admin = 'demo-league-admin'
const demo = buildDemoData()
const me = demo.users.find((u) => u.openid === cadre)!
const point = demo.liaisonPoints.find((p) => p.cadreId === me._id)!

describe('packs: month-end and year-end', () => {
  let emu: TestEmulator
  const call = <T>(openid: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, fn, data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const month = () => beijingMonth(new Date())
  const book = async (job: ExportJob) => {
    let j = job
    for (let i = 0; i < 20 && j.status === 'running'; i++) j = ok(await call<ExportJob>(cadre, 'exports', { action: 'continue', jobId: j.jobId }))
    expect(j.status).toBe('done')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(await (await fetch(j.url!)).arrayBuffer()) as unknown as ArrayBuffer)
    return wb
  }
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const out: unknown[][] = []
    ws.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
    return out
  }
  let surveyId = ''

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'packs', 'index.js'))) throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    // A month's work of the cadre.
    const v = await checkInNear(emu.url, cadre, point)
    const hh = ok(
      await call<{ id: string }>(cadre, 'households', { action: 'create', kind: 'leftBehind', displayName: '留守儿童小马家', area: '碾伯镇七里店村' })
    )
    ok(
      await call(cadre, 'visit', {
        action: 'saveRecord',
        visitId: v.visit.id,
        category: 'village',
        method: 'forum',
        needs: '村里想办暑期托管班',
        advice: '请大学生志愿者来上课',
        peopleMet: { count: 12 },
        householdIds: [hh.id]
      })
    )
    ok(await call(cadre, 'households', { action: 'setProfile', householdId: hh.id, circumstances: '父母在外打工，孩子跟奶奶', needAreas: ['schooling'] }))
    ok(
      await call(cadre, 'households', {
        action: 'addHelp',
        householdId: hh.id,
        entryId: randomUUID(),
        kind: 'care',
        what: '送去书包和文具',
        date: beijingDate(new Date())
      })
    )
    const s = ok(
      await call<{ id: string }>(cadre, 'surveys', {
        action: 'create',
        title: '暑期托管需求',
        purpose: 'needs',
        questions: [
          { kind: 'single', text: '需要托管吗', options: [{ label: '需要' }, { label: '不需要' }] },
          { kind: 'text', text: '建议', required: false, options: [] }
        ]
      })
    )
    surveyId = s.id
    ok(await call(cadre, 'surveys', { action: 'publish', surveyId }))
    for (let i = 0; i < 3; i++)
      ok(await call(`o-pack-${randomUUID()}`, 'surveys', { action: 'answer', scene: surveyId, answers: { q1: i ? 'o1' : 'o2', q2: `建议${i}` } }))
    ok(await call(admin, 'rankings', { action: 'runNow' }))
  })
  afterAll(() => emu?.stop())

  it('a cadre’s month pack carries the dashboard’s own figures, with 四进, 四个百家, surveys and the 三问 digest', async () => {
    const pack = ok(await call<Pack>(cadre, 'packs', { action: 'get', period: month() }))
    const dash = ok(await call<DashboardCadre>(county, 'dashboard', { action: 'cadre', cadreId: me._id, period: month() }))
    expect(pack.figures).toEqual(dash.figures)
    expect(pack.computedAt).toBeTruthy()
    const f = pack.figures!
    expect(f.visits.total).toBeGreaterThanOrEqual(1)
    expect(f.visits.byKind[point.kind]).toBe(f.visits.total)
    expect(f.fourHundred).toEqual({ entered: 1, known: 1, relieved: 0, warmed: 1 })
    expect(f.surveys).toEqual({ count: 1, answers: 3 })
    expect(pack).toMatchObject({
      scope: 'cadre',
      periodLabel: `${month().slice(0, 4)}年${Number(month().slice(5))}月`,
      daysTarget: 90,
      fourHundredTargets: { entered: 100, known: 100, relieved: 50, warmed: 100 }
    })
    expect(pack.voices.items.map((v) => v.needs)).toContain('村里想办暑期托管班')
    expect(pack.surveys).toEqual([expect.objectContaining({ id: surveyId, answers: 3, status: 'open' })])
    // The year pack: the year's figures as the dashboard has them.
    const year = ok(await call<Pack>(county, 'packs', { action: 'get', cadreId: me._id, period: String(beijingYear(new Date())) }))
    expect(year.figures).toEqual(
      ok(await call<DashboardCadre>(county, 'dashboard', { action: 'cadre', cadreId: me._id, period: String(beijingYear(new Date())) })).figures
    )
  })

  it('a unit’s pack: the unit’s figures as the dashboard’s node, a row per child and cadre', async () => {
    const pack = ok(await call<Pack>(county, 'packs', { action: 'get', orgId: me.orgId, period: month() }))
    const node = ok(await call<DashboardNode>(county, 'dashboard', { action: 'node', orgId: me.orgId, period: month() }))
    expect(pack.figures).toEqual(node.figures)
    expect(pack.rows.map((r) => r.name).sort()).toEqual(node.children.map((c) => c.name).sort())
    expect(pack.rows.find((r) => r.id === me._id)?.figures.surveys).toEqual({ count: 1, answers: 3 })
    expect(pack.voices.items.length).toBeGreaterThanOrEqual(1)
    const prefecture = ok(await call<Pack>('demo-league-haidong-manager', 'packs', { action: 'get', orgId: 'org-league-haidong', period: month() }))
    expect(prefecture.rows.some((r) => r.kind === 'unit' && r.id === me.orgId)).toBe(true)
  })

  it('is the cadre’s and their managers’ only', async () => {
    expect(await call(peer, 'packs', { action: 'get', cadreId: me._id, period: month() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(sibling, 'packs', { action: 'get', orgId: me.orgId, period: month() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(cadre, 'packs', { action: 'get', orgId: me.orgId, period: month() })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(cadre, 'packs', { action: 'get', period: '2026-Q1' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })

  it('exports the cadre’s own pack and the survey’s answers as .xlsx', async () => {
    const pack = ok(await call<Pack>(cadre, 'packs', { action: 'get', period: month() }))
    const job = ok(await call<ExportJob>(cadre, 'exports', { action: 'start', jobId: randomUUID(), kind: 'pack', cadreId: me._id, period: month() }))
    const wb = await book(job)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '三问摘要', '干部明细'])
    const detail = rowsOf(wb.getWorksheet('干部明细')!)
    expect(detail).toHaveLength(2)
    expect(detail[1][0]).toBe(me.name)
    expect(detail[1][2]).toBe(pack.figures!.visits.total)
    expect(JSON.stringify(rowsOf(wb.getWorksheet('三问摘要')!))).toContain('村里想办暑期托管班')
    // Another cadre's pack is not theirs to export; a unit's is for managers.
    expect(await call(peer, 'exports', { action: 'start', jobId: randomUUID(), kind: 'pack', cadreId: me._id, period: month() })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call(cadre, 'exports', { action: 'start', jobId: randomUUID(), kind: 'pack', period: month() })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })

    const sj = ok(await call<ExportJob>(cadre, 'exports', { action: 'start', jobId: randomUUID(), kind: 'survey', surveyId, period: month().slice(0, 4) }))
    expect(sj.fileName).toBe('问卷答卷_暑期托管需求.xlsx')
    const swb = await book(sj)
    expect(swb.worksheets.map((w) => w.name)).toEqual(['统计', '答卷'])
    const answers = rowsOf(swb.getWorksheet('答卷')!)
    expect(answers).toHaveLength(4)
    expect(answers[0]).toEqual(['序号', '来源', '日期', '1. 需要托管吗', '2. 建议'])
    expect(
      answers
        .slice(1)
        .map((r) => r[3])
        .sort()
    ).toEqual(['不需要', '需要', '需要'])
    expect(JSON.stringify(rowsOf(swb.getWorksheet('统计')!))).toContain('66.7%')
    // Below three answers there is no export (as there are no figures).
    const few = ok(
      await call<{ id: string }>(cadre, 'surveys', {
        action: 'create',
        title: '少',
        purpose: 'other',
        questions: [{ kind: 'text', text: '说说', options: [] }]
      })
    )
    ok(await call(cadre, 'surveys', { action: 'publish', surveyId: few.id }))
    expect(await call(cadre, 'exports', { action: 'start', jobId: randomUUID(), kind: 'survey', surveyId: few.id, period: '2026' })).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })
  })
})
