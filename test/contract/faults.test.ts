/**
 * Fault injection (issue 7): a database operation fails, answers late, or the function instance dies
 * mid-call (between its last transactional write and the commit, or right after the commit). Each time
 * nothing half-written remains, the submission still lands exactly once when the phone retries, and
 * visitDays / visitStats / households' counts equal what the visits say (reconcileVisits).
 */
import { randomUUID } from 'node:crypto'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { seed } from '../../scripts/seed'
import { buildDemoData } from '../../scripts/seed/demo-data'
import type { FaultSpec } from '../../emulator/faults'
import { callRaw, digest, digestDiff, functionsDir, readAll, reconcileVisits, replyProblem, type CallOutcome } from '../helpers/harness'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(60_000))

const demo = buildDemoData()
const cadre = 'demo-league-xining-chengdong-cadre-1'
const manager = 'demo-league-xining-chengdong-manager'
const me = demo.users.find((u) => u.openid === cadre)!
const point = demo.liaisonPoints.find((p) => p.cadreId === me._id)!

describe('fault injection: failed operations, slow answers and killed instances leave nothing half-written', () => {
  let emu: TestEmulator
  let db: unknown

  const fault = async (spec: FaultSpec) => {
    const res = await fetch(`${emu.url}/__/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) })
    expect(res.status).toBe(200)
  }
  /** Every fault set must have fired (else the test proved nothing); then they are cleared. */
  const clear = async () => {
    const { faults } = (await (await fetch(`${emu.url}/__/faults`)).json()) as { faults: { spec: FaultSpec; fired: number }[] }
    await fetch(`${emu.url}/__/faults`, { method: 'DELETE' })
    expect(faults.filter((f) => f.fired === 0).map((f) => f.spec)).toEqual([])
  }
  const checkIn = (submissionId: string, o: { far?: boolean } = {}) =>
    callRaw(emu.url, cadre, 'visit', {
      action: 'checkIn',
      submissionId,
      pointId: point._id,
      fix: { lat: point.location.lat + (o.far ? 0.02 : 0.0004), lng: point.location.lng, accuracy: 20, capturedAt: new Date(Date.now() - 2000).toISOString() },
      deviceNow: new Date().toISOString(),
      ...(o.far ? { reason: '在镇政府参加协调会' } : {})
    })
  const visitsOf = async (submissionId: string) => (await readAll<{ submissionId: string }>(db, 'visits')).filter((v) => v.submissionId === submissionId)
  const consistent = async () => expect(await reconcileVisits(db)).toEqual([])
  const refusedOrCrashed = (out: CallOutcome) => {
    // A failure may surface as a typed error (the function caught it) or as the platform's error (the instance died).
    if (out.reply) expect(out.reply.ok).toBe(false)
    else expect([502, 504]).toContain(out.status)
  }

  beforeAll(async () => {
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
    // Warm the instance so kills hit a call, not a cold start.
    expect((await callRaw(emu.url, cadre, 'visit', { action: 'progress' })).reply).toMatchObject({ ok: true })
  })
  afterEach(() => clear())
  afterAll(() => emu?.stop())

  it('validates fault specs and serves a digest', async () => {
    const bad = await fetch(`${emu.url}/__/faults`, { method: 'POST', body: JSON.stringify({ afterN: -1 }) })
    expect(bad.status).toBe(400)
    const d = await digest(emu.url)
    expect(d.collections.users.count).toBe(demo.users.length)
  })

  it('a commit that keeps failing: the check-in is refused, nothing is written, the retry lands once', async () => {
    const id = randomUUID()
    const before = await digest(emu.url)
    await fault({ failDbAction: 'database.commitTransaction', fn: 'visit', count: 0 })
    const out = await checkIn(id)
    refusedOrCrashed(out)
    // The database being down is no reason to show a stack trace (INTERNAL's plain message is allowed here).
    if (out.reply) expect(replyProblem(out) ?? '').not.toMatch(/leaks|Chinese|unknown code/)
    expect(digestDiff(before, await digest(emu.url))).toEqual([])
    await clear()
    expect((await checkIn(id)).reply).toMatchObject({ ok: true, data: { visit: { status: 'counted' } } })
    expect(await visitsOf(id)).toHaveLength(1)
    await consistent()
  })

  it('a commit that fails once is retried from scratch: one visit, the day counted once', async () => {
    const id = randomUUID()
    await fault({ failDbAction: 'database.commitTransaction', fn: 'visit', count: 1 })
    expect((await checkIn(id)).reply).toMatchObject({ ok: true })
    expect(await visitsOf(id)).toHaveLength(1)
    await consistent()
  })

  it('a write inside the transaction fails once (the day or the statistics): retried, counted once', async () => {
    for (const action of ['database.insertDocument', 'database.modifyDocument']) {
      const id = randomUUID()
      await fault({ failDbAction: action, fn: 'visit', count: 1 })
      expect((await checkIn(id)).reply).toMatchObject({ ok: true })
      expect(await visitsOf(id)).toHaveLength(1)
      await clear()
    }
    await consistent()
  })

  it('the instance dies between the day-count write and the commit: nothing remains, the retry lands once', async () => {
    const id = randomUUID()
    const before = await digest(emu.url)
    await fault({ killInstanceOf: 'visit', dbAction: 'database.commitTransaction' })
    refusedOrCrashed(await checkIn(id))
    expect(digestDiff(before, await digest(emu.url))).toEqual([])
    const retry = await checkIn(id)
    expect(retry.reply).toMatchObject({ ok: true })
    expect(await visitsOf(id)).toHaveLength(1)
    await consistent()
  })

  it('the instance dies right after the commit: the retry gets the same answer, the visit exists once', async () => {
    const id = randomUUID()
    await fault({ killInstanceOf: 'visit', dbAction: 'database.commitTransaction', killWhen: 'after' })
    refusedOrCrashed(await checkIn(id))
    expect(await visitsOf(id)).toHaveLength(1)
    const retry = await checkIn(id)
    expect(retry.reply).toMatchObject({ ok: true, data: { visit: { id: `${me._id}_${id}` } } })
    expect(await visitsOf(id)).toHaveLength(1)
    await consistent()
  })

  it('slow database answers under concurrent duplicates: one visit, one day', async () => {
    const id = randomUUID()
    await fault({ dbAction: 'database.', fn: 'visit', delayMs: 150, count: 0 })
    const outs = await Promise.all([checkIn(id), checkIn(id), checkIn(id)])
    for (const o of outs) expect(o.reply).toMatchObject({ ok: true })
    const ids = new Set(outs.map((o) => (o.reply as { data: { visit: { id: string } } }).data.visit.id))
    expect(ids.size).toBe(1)
    expect(await visitsOf(id)).toHaveLength(1)
    await consistent()
  })

  it('外勤 approval whose commit fails: the visit stays pending and the figures do not move', async () => {
    const pending = await checkIn(randomUUID(), { far: true })
    expect(pending.reply).toMatchObject({ ok: true, data: { visit: { status: 'pending' } } })
    const visitId = (pending.reply as { data: { visit: { id: string } } }).data.visit.id
    const review = { action: 'review', visitId, decision: 'approve', note: '属实' }
    const before = await digest(emu.url)
    await fault({ failDbAction: 'database.commitTransaction', fn: 'visit', count: 0 })
    refusedOrCrashed(await callRaw(emu.url, manager, 'visit', review))
    expect(digestDiff(before, await digest(emu.url))).toEqual([])
    await clear()
    await fault({ killInstanceOf: 'visit', dbAction: 'database.commitTransaction' })
    refusedOrCrashed(await callRaw(emu.url, manager, 'visit', review))
    expect(digestDiff(before, await digest(emu.url))).toEqual([])
    await clear()
    expect((await callRaw(emu.url, manager, 'visit', review)).reply).toMatchObject({ ok: true, data: { visit: { status: 'counted' } } })
    await consistent()
  })

  it('a visit record naming households, its commit failing once: each household counted once', async () => {
    const hh = await Promise.all(
      ['困难户甲', '困难户乙'].map((displayName) => callRaw(emu.url, cadre, 'households', { action: 'create', kind: 'extremePoverty', displayName, area: '城东区' }))
    )
    const householdIds = hh.map((h) => (h.reply as { data: { id: string } }).data.id)
    const visit = await checkIn(randomUUID())
    const visitId = (visit.reply as { data: { visit: { id: string } } }).data.visit.id
    await fault({ failDbAction: 'database.commitTransaction', fn: 'visit', count: 1 })
    const saved = await callRaw(emu.url, cadre, 'visit', { action: 'saveRecord', visitId, category: 'village', method: 'homeVisit', peopleMet: { count: 3 }, householdIds })
    expect(saved.reply).toMatchObject({ ok: true })
    const stored = (await readAll<{ _id: string; visitsInYear: number }>(db, 'households')).filter((h) => householdIds.includes(h._id))
    expect(stored.map((h) => h.visitsInYear)).toEqual([1, 1])
    // And killed before the commit of an edit that drops one: still one each.
    await clear()
    await fault({ killInstanceOf: 'visit', dbAction: 'database.commitTransaction' })
    refusedOrCrashed(await callRaw(emu.url, cadre, 'visit', { action: 'saveRecord', visitId, category: 'village', method: 'homeVisit', peopleMet: { count: 3 }, householdIds: householdIds.slice(0, 1) }))
    const again = (await readAll<{ _id: string; visitsInYear: number }>(db, 'households')).filter((h) => householdIds.includes(h._id))
    expect(again.map((h) => h.visitsInYear)).toEqual([1, 1])
    await consistent()
  })

  it('after every injected failure above, the nightly reconciliation finds no drift: the statistics equal their sources', async () => {
    const res = (await loadSdk(emu.url).callFunction({ name: 'reconcile', data: { action: 'run', fresh: true } })) as unknown as {
      result: { ok: boolean; data: { report: { driftCount: number; drift: unknown[]; pass: { done: boolean; cadres: number } } } }
    }
    expect(res.result.ok).toBe(true)
    const { report } = res.result.data
    expect(report.drift).toEqual([])
    expect(report).toMatchObject({ driftCount: 0, pass: { done: true, cadres: demo.users.filter((u) => u.role === 'cadre').length } })
  })
})
