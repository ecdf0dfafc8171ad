/**
 * 一户一册 and 四个百家 through the real wx-server-sdk and the emulator: a household's record (no ID or phone numbers),
 * 慰问 and 帮扶 entries landing once and moving the year's counts, a resolved 帮扶 tied to a finished ledger entry, the
 * visits naming the household and the linked entries in its book, and the cadre's four counts against the 制度.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { checkInNear } from '../helpers/e2e'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import { beijingDate, beijingYear } from '@/types/rules/beijing-time'
import type { Reply } from '@/types/reply'
import type { FourHundred, HelpEntry, HouseholdBook } from '@/types/household-book'

jest.setTimeout(120_000)

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const cadre = 'demo-women-xining-chengdong-cadre-1'
const county = 'demo-women-xining-chengdong-manager'
const sibling = 'demo-women-xining-chengzhong-manager'
const demo = buildDemoData()
const me = demo.users.find((u) => u.openid === cadre)!
const point = demo.liaisonPoints.find((p) => p.cadreId === me._id)!

describe('households: 一户一册 and 四个百家', () => {
  let emu: TestEmulator
  const call = <T>(openid: string, fn: string, data: Record<string, unknown>) => callAs<T>(emu.url, openid, fn, data)
  const hh = <T>(openid: string, data: Record<string, unknown>) => call<T>(openid, 'households', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const fails = (r: Reply<unknown>, code: string) => {
    if (r.ok) throw new Error(`expected ${code}, got ok`)
    expect(r.code).toBe(code)
    return r.message
  }
  const today = () => beijingDate(new Date())
  const year = () => beijingYear(new Date())
  const newHousehold = async (name: string) =>
    ok(await hh<{ id: string }>(cadre, { action: 'create', kind: 'extremePoverty', displayName: name, area: '东关大街社区 9 号院' })).id

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'households', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
  })
  afterAll(() => emu?.stop())

  it('keeps a minimal record: circumstances and needs, never an ID or phone number; marks the household known', async () => {
    const id = await newHousehold('马**家（册）')
    const before = ok(await hh<FourHundred>(cadre, { action: 'fourHundred' }))
    expect(fails(await hh(cadre, { action: 'setProfile', householdId: id, circumstances: '户主身份证 630102198001011234' }), 'BAD_REQUEST')).toContain(
      '身份证号或电话号码'
    )
    fails(await hh(cadre, { action: 'setProfile', householdId: id, circumstances: '老两口', needs: '请打 13912345678' }), 'BAD_REQUEST')
    fails(await hh(sibling, { action: 'setProfile', householdId: id, circumstances: '别人管的' }), 'FORBIDDEN')
    const p = ok(
      await hh<{ circumstances: string; updatedByName: string }>(county, {
        action: 'setProfile',
        householdId: id,
        circumstances: '老两口，儿子在外打工',
        needAreas: ['medical', 'living', 'medical'],
        needs: '老人腿脚不便，想要上门体检'
      })
    )
    expect(p).toMatchObject({ circumstances: '老两口，儿子在外打工', updatedByName: demo.users.find((u) => u.openid === county)!.name })
    const book = ok(await hh<HouseholdBook>(cadre, { action: 'book', householdId: id }))
    expect(book.profile).toMatchObject({ needAreas: ['medical', 'living'], needs: '老人腿脚不便，想要上门体检' })
    expect(book.fourHundred).toEqual({ entered: false, known: true, relieved: false, warmed: false })
    const after = ok(await hh<FourHundred>(cadre, { action: 'fourHundred' }))
    expect(after.known).toBe(before.known + 1)
    expect(after.households).toBe(before.households)
    expect(after.targets).toEqual({ entered: 100, known: 100, relieved: 50, warmed: 100 })
  })

  it('慰问 and 帮扶 land once, move the counts of their year, and come back off when taken back', async () => {
    const id = await newHousehold('李奶奶（册）')
    const entryId = randomUUID()
    const care = { action: 'addHelp', householdId: id, entryId, kind: 'care', what: '春节慰问：米、面、油', date: today() }
    const [a, b] = await Promise.all([hh<HelpEntry>(cadre, care), hh<HelpEntry>(cadre, care)])
    expect(ok(a).id).toBe(ok(b).id)
    fails(await hh(cadre, { ...care, entryId: randomUUID(), date: '2099-01-01' }), 'BAD_REQUEST')
    let book = ok(await hh<HouseholdBook>(cadre, { action: 'book', householdId: id }))
    expect(book.help).toHaveLength(1)
    expect(book.help[0]).toMatchObject({ kind: 'care', what: '春节慰问：米、面、油', removable: true })
    expect(book.fourHundred.warmed).toBe(true)
    // A 慰问 of last year warms last year only.
    ok(await hh(cadre, { ...care, entryId: randomUUID(), date: `${year() - 1}-12-20` }))
    const support = ok(
      await hh<HelpEntry>(cadre, {
        action: 'addHelp',
        householdId: id,
        entryId: randomUUID(),
        kind: 'support',
        what: '联系社区医生每月上门',
        date: today(),
        solved: true
      })
    )
    book = ok(await hh<HouseholdBook>(cadre, { action: 'book', householdId: id }))
    expect(book.fourHundred).toMatchObject({ warmed: true, relieved: true })
    expect(book.help.map((e) => e.date)).toEqual([today(), today(), `${year() - 1}-12-20`])
    // Taken back: only by its writer, and the count follows.
    fails(await hh(county, { action: 'removeHelp', householdId: id, helpId: support.id }), 'FORBIDDEN')
    expect(ok(await hh(cadre, { action: 'removeHelp', householdId: id, helpId: support.id }))).toEqual({ removed: true })
    book = ok(await hh<HouseholdBook>(cadre, { action: 'book', householdId: id }))
    expect(book.fourHundred).toMatchObject({ warmed: true, relieved: false })
    const counts = ok(await hh<FourHundred>(cadre, { action: 'fourHundred', year: year() - 1 }))
    expect(counts.warmed).toBeGreaterThanOrEqual(1)
  })

  it('a resolved 帮扶 tied to a ledger entry needs that entry finished; the book shows linked entries and the visits naming it', async () => {
    const id = await newHousehold('韩大爷（册）')
    const demand = ok(
      await call<{ id: string }>(cadre, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        area: 'medical',
        urgency: 'general',
        text: '想要上门体检（册）'
      })
    )
    expect(
      fails(
        await hh(cadre, {
          action: 'addHelp',
          householdId: id,
          entryId: randomUUID(),
          kind: 'support',
          what: '协调体检',
          date: today(),
          solved: true,
          demandId: demand.id
        }),
        'BAD_REQUEST'
      )
    ).toContain('还没有办结')
    ok(await call(cadre, 'demands', { action: 'resolve', demandId: demand.id, done: '联系了社区卫生站上门体检' }))
    ok(
      await hh(cadre, {
        action: 'addHelp',
        householdId: id,
        entryId: randomUUID(),
        kind: 'support',
        what: '协调体检',
        date: today(),
        solved: true,
        demandId: demand.id
      })
    )
    // Someone else's ledger entry cannot be linked.
    const other = ok(
      await call<{ id: string }>('demo-women-xining-chengdong-cadre-2', 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        area: 'living',
        urgency: 'general',
        text: '别人的诉求'
      })
    )
    fails(await hh(cadre, { action: 'linkDemand', householdId: id, demandId: other.id }), 'NOT_FOUND')
    // A visit whose record names the household, raising a problem: both show in the book.
    const visit = await checkInNear(emu.url, cadre, point)
    ok(
      await call(cadre, 'visit', {
        action: 'saveRecord',
        visitId: visit.visit.id,
        category: 'village',
        method: 'homeVisit',
        needs: '韩大爷想装扶手',
        peopleMet: { count: 2 },
        householdIds: [id],
        problems: [{ area: 'housing', text: '卫生间装扶手', handling: 'coordinate' }]
      })
    )
    const book = ok(await hh<HouseholdBook>(county, { action: 'book', householdId: id }))
    expect(book.visits).toEqual([{ id: visit.visit.id, date: visit.visit.date, pointName: point.name, needs: '韩大爷想装扶手', problems: 1 }])
    expect(book.demands.map((d) => [d.text, d.linked]).sort()).toEqual([
      ['卫生间装扶手', false],
      ['想要上门体检（册）', true]
    ])
    expect(book.fourHundred).toEqual({ entered: true, known: false, relieved: true, warmed: false })
    ok(await hh(cadre, { action: 'linkDemand', householdId: id, demandId: demand.id, unlink: true }))
    expect(ok(await hh<HouseholdBook>(cadre, { action: 'book', householdId: id })).demands.map((d) => d.text)).toEqual(['卫生间装扶手'])
    fails(await hh(sibling, { action: 'book', householdId: id }), 'FORBIDDEN')
  })

  it('the targets follow the org’s 制度', async () => {
    ok(
      await call(county, 'orgs', {
        action: 'setRules',
        orgId: me.orgId,
        year: year(),
        values: { fourHundredTargets: { entered: 90, known: 80, relieved: 30, warmed: 60 } }
      })
    )
    expect(ok(await hh<FourHundred>(county, { action: 'fourHundred', cadreId: me._id })).targets).toEqual({ entered: 90, known: 80, relieved: 30, warmed: 60 })
  })
})
