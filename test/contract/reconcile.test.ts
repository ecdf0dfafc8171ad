/**
 * The nightly reconciliation through the real wx-server-sdk: activity through the real
 * functions, counters corrupted on purpose straight through the SDK, the timer fired, the statistics repaired
 * and the drift reported to the province admin; a clean database reports none; an interrupted pass resumes.
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { ReconcileReport } from '@/types/api/reconcile'
import { beijingMonth, beijingYear } from '@/types/rules/beijing-time'
import { flatCounts } from '@/cloudfunctions/_lib/stat-rules'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const owner = demo.users.find((u) => u.openid === demoAccounts.cadre)!
const ownerPoint = demo.liaisonPoints.find((p) => p.cadreId === owner._id)!
const household = demo.households.find((h) => h.cadreId === owner._id && !h.visited)!
const cadreCount = demo.users.filter((u) => u.role === 'cadre').length

interface RunResult {
  idle: boolean
  report: {
    _id: string
    cadresChecked: number
    driftCount: number
    repaired: number
    stoppedEarly: boolean
    drift: { collection: string; docId: string; field: string; stored: string; expected: string; outcome: string }[]
    pass: { done: boolean; cadres: number }
  } | null
}

describe('reconcile through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let cloud: ReturnType<typeof loadSdk>
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const as = async <T>(openid: string, fn: string, data: Record<string, unknown>) => ok(await callAs<T>(emu.url, openid, fn, data))
  /**
   * A quarter of an hour from now: the reconciliation leaves alone a cadre with records younger than its grace period
   * (their counters may still be on their way), and the activity here is seconds old.
   */
  const later = () => new Date(Date.now() + 15 * 60_000).toISOString()
  const run = async (extra: Record<string, unknown> = {}): Promise<RunResult> => {
    const res = (await cloud.callFunction({ name: 'reconcile', data: { action: 'run', now: later(), ...extra } })) as unknown as { result: Reply<RunResult> }
    return ok(res.result)
  }
  const doc = async <T>(name: string, id: string): Promise<T | null> =>
    ((await db.collection(name).where({ _id: id }).get()) as unknown as { data: T[] }).data[0] ?? null
  const year = beijingYear(new Date())
  const month = beijingMonth(new Date())

  beforeAll(async () => {
    for (const fn of ['reconcile', 'visit', 'demands', 'ratings']) {
      if (!existsSync(path.join(functionsDir, fn, 'index.js')))
        throw new Error(`build/cloudfunctions/${fn} is missing: run \`npx tsx scripts/build-functions.ts\``)
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    cloud = loadSdk(emu.url)
    db = cloud.database()
  })
  afterAll(() => emu?.stop())

  it('a clean database (the seeded demo) reports no drift, and a second run the same night has nothing to do', async () => {
    const first = await run({ fresh: true })
    expect(first.idle).toBe(false)
    expect(first.report).toMatchObject({ cadresChecked: cadreCount, driftCount: 0, stoppedEarly: false, pass: { done: true, cadres: cadreCount } })
    expect(await run()).toEqual({ idle: true, report: null })
  })

  it('repairs counters corrupted on purpose after real activity, reports stored vs recomputed, and then finds none', async () => {
    // Activity through the real functions: a check-in with a record naming a household, a demand solved and
    // answered, a bad rating of the visit with its 回访.
    const near = { lat: ownerPoint.location.lat + 0.0004, lng: ownerPoint.location.lng }
    const checkIn = await as<{ visit: { id: string } }>(owner.openid, 'visit', {
      action: 'checkIn',
      submissionId: randomUUID(),
      pointId: ownerPoint._id,
      fix: { ...near, accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() },
      deviceNow: new Date().toISOString()
    })
    const visitId = checkIn.visit.id
    // A problem raised on the record, then its area corrected while still open: counted once, under the new area.
    const record = { action: 'saveRecord', visitId, category: 'village', method: 'homeVisit', peopleMet: { count: 2 }, householdIds: [household._id] }
    await as(owner.openid, 'visit', { ...record, problems: [{ area: 'medical', text: '看病报销难', handling: 'coordinate' }] })
    await as(owner.openid, 'visit', { ...record, problems: [{ area: 'housing', text: '看病报销难', handling: 'coordinate' }] })
    const d = await as<{ id: string }>(owner.openid, 'demands', {
      action: 'create',
      submissionId: randomUUID(),
      area: 'living',
      urgency: 'general',
      text: '楼道灯坏了'
    })
    await as(owner.openid, 'demands', { action: 'resolve', demandId: d.id, done: '当场换了灯泡' })
    await as(owner.openid, 'demands', { action: 'close', demandId: d.id, reply: '已经告诉王大姐' })
    const { scene } = await as<{ scene: string }>(owner.openid, 'ratings', { action: 'qr', kind: 'visit', targetId: visitId })
    const rated = await as<{ rating: { id: string } }>('o-reconcile-resident', 'ratings', {
      action: 'rate',
      scene,
      level: 'dissatisfied',
      tags: ['问题没解决']
    })
    await as(demoAccounts.countyManager, 'ratings', { action: 'revisit', caseId: `case_${rated.rating.id}`, note: '已电话回访' })

    const statsId = `${owner._id}_${year}`
    const before = (await doc<{ days: number; visits: number }>('visitStats', statsId))!
    const monthStats = (await doc<{ counts: Record<string, number> }>('serviceStats', `${owner._id}_${month}`))!
    expect(flatCounts(monthStats.counts)).toMatchObject({
      demandsRaised: 2,
      'area.living': 1,
      'area.housing': 1,
      'area.medical': 0,
      'solved.immediate': 1,
      closed: 1,
      ratings: 1,
      bad: 1,
      cases: 1,
      revisitOnTime: 1
    })

    // Corrupt on purpose, straight through the SDK.
    await db
      .collection('visitStats')
      .doc(statsId)
      .update({ data: { days: before.days + 5 } })
    await db
      .collection('serviceStats')
      .doc(`${owner._id}_${month}`)
      .update({ data: { 'counts.ratings': 7, 'counts.closed': 0 } })
    await db.collection('serviceStats').doc(`${owner._id}_${year}`).remove()
    const todayDay = (await db.collection('visitDays').where({ cadreId: owner._id }).orderBy('date', 'desc').limit(1).get()) as unknown as {
      data: { _id: string; visits: number }[]
    }
    await db
      .collection('visitDays')
      .doc(todayDay.data[0]._id)
      .update({ data: { visits: 40 } })
    await db
      .collection('households')
      .doc(household._id)
      .update({ data: { visitsInYear: 0, visited: false } })

    // The nightly timer (no pass state: a new pass starts).
    await db.collection('reconcileState').doc('state').remove()
    const fired = await fetch(`${emu.url}/__/timers/reconcile/nightly/fire?at=${encodeURIComponent(later())}`, { method: 'POST' })
    expect(fired.status).toBe(200)
    const out = ((await fired.json()) as { result: Reply<RunResult> }).result
    const report = ok(out).report!
    expect(report.pass.done).toBe(true)
    const found = report.drift.map((x) => [x.collection, x.docId, x.field, x.stored, x.expected, x.outcome])
    expect(found).toEqual(
      expect.arrayContaining([
        ['visitStats', statsId, 'days', String(before.days + 5), String(before.days), 'repaired'],
        ['serviceStats', `${owner._id}_${month}`, 'counts.ratings', '7', '1', 'repaired'],
        ['serviceStats', `${owner._id}_${month}`, 'counts.closed', '0', '1', 'repaired'],
        ['serviceStats', `${owner._id}_${year}`, 'counts.demandsRaised', 'null', '2', 'repaired'],
        ['visitDays', todayDay.data[0]._id, 'visits', '40', expect.any(String), 'repaired'],
        ['households', household._id, 'visitsInYear', '0', '1', 'repaired'],
        ['households', household._id, 'visited', 'false', 'true', 'repaired']
      ])
    )
    expect(report.drift.every((x) => x.docId.startsWith(owner._id) || x.docId === household._id)).toBe(true)

    // Repaired in the database.
    expect((await doc<{ days: number }>('visitStats', statsId))!.days).toBe(before.days)
    // A counter that went back to 0 (the corrected area) may be written back absent: compare what is non-zero.
    const nonZero = (c: Record<string, number>) => Object.fromEntries(Object.entries(flatCounts(c)).filter(([, v]) => v !== 0))
    expect(nonZero((await doc<{ counts: Record<string, number> }>('serviceStats', `${owner._id}_${month}`))!.counts)).toEqual(nonZero(monthStats.counts))
    expect(flatCounts((await doc<{ counts: Record<string, number> }>('serviceStats', `${owner._id}_${year}`))!.counts)).toMatchObject({
      demandsRaised: 2,
      'area.housing': 1,
      ratings: 1,
      closed: 1
    })
    expect((await doc<{ visits: number }>('visitDays', todayDay.data[0]._id))!.visits).toBeLessThan(40)
    expect(await doc('households', household._id)).toMatchObject({ visitsYear: year, visitsInYear: 1, visited: true })

    // The province admin of 妇联 reads it; the 工会 admin sees none of 妇联's drift; a cadre may not read it.
    const seen = await as<{ report: ReconcileReport | null }>(demoAccounts.admin, 'reconcile', { action: 'lastReport' })
    expect(seen.report).toMatchObject({ runId: report._id, driftCount: report.driftCount, pass: { done: true } })
    expect(seen.report!.drift.length).toBe(report.drift.length)
    const union = await as<{ report: ReconcileReport | null }>('demo-union-admin', 'reconcile', { action: 'lastReport' })
    expect(union.report).toMatchObject({ runId: report._id, driftCount: 0, drift: [] })
    expect(await callAs(emu.url, owner.openid, 'reconcile', { action: 'lastReport' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await callAs(emu.url, demoAccounts.countyManager, 'reconcile', { action: 'lastReport' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // A user cannot start a run.
    expect(await callAs(emu.url, demoAccounts.admin, 'reconcile', { action: 'run' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })

    // Statistics now equal their sources: a new pass finds nothing.
    expect((await run({ fresh: true })).report).toMatchObject({ driftCount: 0, pass: { done: true } })
  })

  it('an interrupted pass resumes where it stopped: every cadre checked once, drift after the stop still found', async () => {
    const first = await run({ fresh: true, stopAfterCadres: 3, batchSize: 2 })
    expect(first.report).toMatchObject({ cadresChecked: 3, stoppedEarly: true, pass: { done: false, cadres: 3 } })

    // A counter of the owner corrupted while the pass is under way (the owner is not among the first three).
    const statsId = `${owner._id}_${year}`
    const before = (await doc<{ visits: number }>('visitStats', statsId))!
    await db
      .collection('visitStats')
      .doc(statsId)
      .update({ data: { visits: before.visits + 2 } })

    // A run that crashes after two more cadres (the process exits: no report, but the checkpoint moved on).
    await expect(cloud.callFunction({ name: 'reconcile', data: { action: 'run', crashAfterCadres: 2, batchSize: 2 } })).rejects.toBeTruthy()
    const state = (await doc<{ cadres: number; done: boolean }>('reconcileState', 'state'))!
    expect(state).toMatchObject({ cadres: 5, done: false })

    const rest = await run({ batchSize: 2 })
    expect(rest.report).toMatchObject({ cadresChecked: cadreCount - 5, pass: { done: true, cadres: cadreCount } })
    expect(rest.report!.drift).toEqual([
      expect.objectContaining({ collection: 'visitStats', docId: statsId, field: 'visits', stored: String(before.visits + 2), expected: String(before.visits) })
    ])
    expect((await doc<{ visits: number }>('visitStats', statsId))!.visits).toBe(before.visits)
  })
})
