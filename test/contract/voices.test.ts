/**
 * 三问 read back through the real wx-server-sdk and the emulator: what a visit record says under 问政/问需/问计 is kept
 * beside the visit in the record's transaction (and removed when a later edit says nothing), and read back by the
 * cadre grouped by liaison point, by their managers grouped by unit then point, page after page exactly once.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { checkInNear } from '../helpers/e2e'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import { beijingMonth } from '@/types/rules/beijing-time'
import type { Reply } from '@/types/reply'
import type { Voice, VoicePage } from '@/types/voices'

jest.setTimeout(120_000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const cadre = 'demo-women-xining-chengdong-cadre-1'
const peer = 'demo-women-xining-chengdong-cadre-2'
const county = 'demo-women-xining-chengdong-manager'
const prefecture = 'demo-women-xining-manager'
const sibling = 'demo-women-xining-chengzhong-manager'
const demo = buildDemoData()
const pointsOf = (openid: string) => demo.liaisonPoints.filter((p) => p.cadreId === demo.users.find((u) => u.openid === openid)!._id)

describe('voices: 三问 read back', () => {
  let emu: TestEmulator
  const call = <T>(openid: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, fn, data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const record = async (openid: string, pointIndex: number, words: Record<string, string>) => {
    const v = await checkInNear(emu.url, openid, pointsOf(openid)[pointIndex])
    ok(await call(openid, 'visit', { action: 'saveRecord', visitId: v.visit.id, category: 'village', method: 'forum', peopleMet: { count: 8 }, ...words }))
    return v.visit.id
  }
  const all = async (openid: string, extra: Record<string, unknown>, limit = 2) => {
    const out: Voice[] = []
    let cursor: string | null = null
    do {
      const page: VoicePage = ok(await call(openid, 'voices', { action: 'list', limit, ...extra, ...(cursor ? { cursor } : {}) }))
      out.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return out
  }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'voices', 'index.js'))) throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
  })
  afterAll(() => emu?.stop())

  it('keeps each record’s 三问 and reads them back grouped by unit and place, every entry once', async () => {
    const a = await record(cadre, 0, { needs: '希望社区多办就业培训', advice: '建议食堂延时' })
    const b = await record(cadre, 1, { policy: '讲了医保缴费政策' })
    const c = await record(cadre, 0, { needs: '老人想要上门体检' })
    const quiet = await record(cadre, 1, {})
    const d = await record(peer, 0, { advice: '学校门口加装减速带' })
    const month = beijingMonth(new Date())

    const mine = await all(cadre, {})
    expect(mine.map((v) => v.visitId)).not.toContain(quiet)
    expect(new Set(mine.map((v) => v.visitId)).size).toBe(mine.length)
    expect(mine.map((v) => v.visitId)).toEqual(expect.arrayContaining([a, b, c]))
    // Grouped: one run per liaison point, newest first inside it.
    const runs = mine.map((v) => v.pointId).filter((p, i, arr) => i === 0 || arr[i - 1] !== p)
    expect(new Set(runs).size).toBe(runs.length)
    const atFirst = mine.filter((v) => v.pointId === pointsOf(cadre)[0]._id).map((v) => v.visitId)
    expect(atFirst.indexOf(c)).toBeLessThan(atFirst.indexOf(a))
    expect(mine.find((v) => v.visitId === a)).toMatchObject({
      needs: '希望社区多办就业培训',
      advice: '建议食堂延时',
      policy: null,
      orgName: '城东区妇联',
      peopleMet: 8
    })

    const unit = await all(county, { orgId: 'org-women-xining-chengdong', month }, 3)
    expect(unit.map((v) => v.visitId)).toEqual(expect.arrayContaining([a, b, c, d]))
    expect(new Set(unit.map((v) => v.visitId)).size).toBe(unit.length)
    const fromAbove = await all(prefecture, { orgId: 'org-women-xining', month }, 50)
    expect(fromAbove.map((v) => v.visitId).sort()).toEqual(unit.map((v) => v.visitId).sort())
    expect(
      ok(await call<VoicePage>(prefecture, 'voices', { action: 'list', cadreId: 'user-women-xining-chengdong-cadre-2' })).items.map((v) => v.visitId)
    ).toEqual([d])

    // An edit that says nothing under the three any more takes the entry away.
    ok(await call(cadre, 'visit', { action: 'saveRecord', visitId: b, category: 'village', method: 'forum', peopleMet: { count: 3 } }))
    expect((await all(cadre, {})).map((v) => v.visitId)).not.toContain(b)
  })

  it('is the cadre’s and their managers’ only', async () => {
    const r = await call(sibling, 'voices', { action: 'list', orgId: 'org-women-xining-chengdong' })
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call(peer, 'voices', { action: 'list', cadreId: 'user-women-xining-chengdong-cadre-1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await call('demo-union-xining-chengdong-manager', 'voices', { action: 'list', orgId: 'org-women-xining-chengdong' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await call(cadre, 'voices', { action: 'list', cursor: 'bm9wZQ' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })
})
