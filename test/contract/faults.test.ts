/**
 * Fault injection: a database operation fails, answers late, or the function instance dies
 * mid-call (between its last transactional write and the commit, or right after the commit; for the
 * check-in and the rating, which write without a transaction, between the record and its counters). Each
 * time nothing half-written remains — or what remains is finished by the nightly reconciliation exactly
 * once — the submission still lands exactly once when the phone retries, and visitDays / visitStats /
 * households' counts equal what the visits say (reconcileVisits).
 */
import { randomUUID } from 'node:crypto'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { FaultSpec } from '@/emulator/faults'
import { callRaw, digest, digestDiff, functionsDir, readAll, reconcileVisits, replyProblem, type CallOutcome } from '../helpers/harness'
import { flatCounts } from '@/cloudfunctions/_lib/stat-rules'
import { beijingMonth } from '@/types/rules/beijing-time'
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
  /**
   * The nightly reconciliation as of a quarter of an hour from now: past its grace period for what the test just
   * wrote (a call may take that long to land its counters; younger ones are left for the next night).
   */
  const nightly = async () => {
    const res = (await loadSdk(emu.url).callFunction({
      name: 'reconcile',
      data: { action: 'run', fresh: true, now: new Date(Date.now() + 15 * 60_000).toISOString() }
    })) as unknown as {
      result: {
        ok: boolean
        data: {
          report: { drift: { collection: string; docId: string; field: string; stored: string; expected: string; outcome: string }[]; pass: { done: boolean } }
        }
      }
    }
    expect(res.result).toMatchObject({ ok: true, data: { report: { pass: { done: true } } } })
    return res.result.data.report
  }
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

  it('the visit cannot be written: the check-in is refused, nothing is written, the retry lands once', async () => {
    const id = randomUUID()
    const before = await digest(emu.url)
    await fault({ failDbAction: 'database.insertDocument', fn: 'visit', count: 0 })
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

  // The visit is the commit point; its day and the year's statistics follow as increments. When one of those fails
  // or the instance dies before them, the visit stands (the phone's retry gets its first reply, once) and the
  // nightly reconciliation puts the figures right from the visits.
  it('a counter write fails after the visit is written: the retry gets the first reply, the reconciliation repairs the figures', async () => {
    const id = randomUUID()
    await fault({ failDbAction: 'database.modifyDocument', fn: 'visit', count: 1 })
    refusedOrCrashed(await checkIn(id))
    await clear()
    const retry = await checkIn(id)
    expect(retry.reply).toMatchObject({ ok: true, data: { visit: { id: `${me._id}_${id}` } } })
    expect(await visitsOf(id)).toHaveLength(1)
    expect(await reconcileVisits(db)).not.toEqual([])
    await nightly()
    await consistent()
  })

  it('the instance dies between the visit and its counters: the retry gets the first reply, the reconciliation repairs the figures', async () => {
    const id = randomUUID()
    await fault({ killInstanceOf: 'visit', dbAction: 'database.modifyDocument' })
    refusedOrCrashed(await checkIn(id))
    expect(await visitsOf(id)).toHaveLength(1)
    const retry = await checkIn(id)
    expect(retry.reply).toMatchObject({ ok: true, data: { visit: { id: `${me._id}_${id}` } } })
    expect(await visitsOf(id)).toHaveLength(1)
    await nightly()
    await consistent()
  })

  it('the instance dies right after the visit is written: the retry gets the same answer, the visit exists once', async () => {
    const id = randomUUID()
    await fault({ killInstanceOf: 'visit', dbAction: 'database.insertDocument', killWhen: 'after' })
    refusedOrCrashed(await checkIn(id))
    expect(await visitsOf(id)).toHaveLength(1)
    const retry = await checkIn(id)
    expect(retry.reply).toMatchObject({ ok: true, data: { visit: { id: `${me._id}_${id}` } } })
    expect(await visitsOf(id)).toHaveLength(1)
    await nightly()
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
      ['困难户甲', '困难户乙'].map((displayName) =>
        callRaw(emu.url, cadre, 'households', { action: 'create', kind: 'extremePoverty', displayName, area: '城东区' })
      )
    )
    const householdIds = hh.map((h) => (h.reply as { data: { id: string } }).data.id)
    const visit = await checkIn(randomUUID())
    const visitId = (visit.reply as { data: { visit: { id: string } } }).data.visit.id
    await fault({ failDbAction: 'database.commitTransaction', fn: 'visit', count: 1 })
    const saved = await callRaw(emu.url, cadre, 'visit', {
      action: 'saveRecord',
      visitId,
      category: 'village',
      method: 'homeVisit',
      peopleMet: { count: 3 },
      householdIds
    })
    expect(saved.reply).toMatchObject({ ok: true })
    const stored = (await readAll<{ _id: string; visitsInYear: number }>(db, 'households')).filter((h) => householdIds.includes(h._id))
    expect(stored.map((h) => h.visitsInYear)).toEqual([1, 1])
    // And killed before the commit of an edit that drops one: still one each.
    await clear()
    await fault({ killInstanceOf: 'visit', dbAction: 'database.commitTransaction' })
    refusedOrCrashed(
      await callRaw(emu.url, cadre, 'visit', {
        action: 'saveRecord',
        visitId,
        category: 'village',
        method: 'homeVisit',
        peopleMet: { count: 3 },
        householdIds: householdIds.slice(0, 1)
      })
    )
    const again = (await readAll<{ _id: string; visitsInYear: number }>(db, 'households')).filter((h) => householdIds.includes(h._id))
    expect(again.map((h) => h.visitsInYear)).toEqual([1, 1])
    await consistent()
  })

  // A rating is written on its own, then settled: the hold rule's read, then its 差评 case, then the cadre's
  // counters by one marked increment. The instance dying before that increment leaves the rating uncounted until
  // the nightly reconciliation finishes it — exactly once, and a second night finds nothing.
  it('the ratings instance dies before the counters move: the reconciliation counts the rating (and its 差评 case) once', async () => {
    const visit = await checkIn(randomUUID())
    const visitId = (visit.reply as { data: { visit: { id: string } } }).data.visit.id
    const qr = await callRaw(emu.url, cadre, 'ratings', { action: 'qr', kind: 'visit', targetId: visitId })
    const scene = (qr.reply as { data: { scene: string } }).data.scene
    const stats = async () =>
      flatCounts(
        (await readAll<{ _id: string; counts: Record<string, number> }>(db, 'serviceStats')).find((d) => d._id === `${me._id}_${beijingMonth(new Date())}`)
          ?.counts
      )
    const before = await stats()

    await fault({ killInstanceOf: 'ratings', dbAction: 'database.modifyDocument' })
    refusedOrCrashed(await callRaw(emu.url, 'o-fault-good-rater', 'ratings', { action: 'rate', scene, level: 'satisfied', tags: ['服务态度好'] }))
    await clear()
    await fault({ killInstanceOf: 'ratings', dbAction: 'database.modifyDocument' })
    refusedOrCrashed(await callRaw(emu.url, 'o-fault-bad-rater', 'ratings', { action: 'rate', scene, level: 'dissatisfied', tags: ['问题没解决'] }))
    await clear()
    const rated = (await readAll<{ targetId: string; state: string; caseId: string | null }>(db, 'ratings')).filter((r) => r.targetId === visitId)
    expect(rated).toHaveLength(2)
    const caseId = rated.find((r) => r.caseId)!.caseId!
    expect((await readAll<{ _id: string }>(db, 'badReviewCases')).some((c) => c._id === caseId)).toBe(true)
    // Written, not counted: the figures have not moved, and the resident trying again is told they rated already.
    expect(await stats()).toEqual(before)
    expect((await callRaw(emu.url, 'o-fault-good-rater', 'ratings', { action: 'rate', scene, level: 'satisfied', tags: [] })).reply).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })

    const report = await nightly()
    const month = `${me._id}_${beijingMonth(new Date())}`
    expect(report.drift).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          collection: 'serviceStats',
          docId: month,
          field: 'counts.ratings',
          stored: JSON.stringify(before.ratings ?? null),
          expected: String((before.ratings ?? 0) + 2),
          outcome: 'repaired'
        }),
        expect.objectContaining({ collection: 'serviceStats', docId: month, field: 'counts.cases', outcome: 'repaired' })
      ])
    )
    const after = await stats()
    expect(after).toMatchObject({ ratings: (before.ratings ?? 0) + 2, bad: (before.bad ?? 0) + 1, cases: (before.cases ?? 0) + 1 })
    // Once: the next night finds nothing to do for these, and the counters stay.
    const again = await nightly()
    expect(again.drift.filter((d) => d.collection === 'serviceStats')).toEqual([])
    expect(await stats()).toEqual(after)
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
