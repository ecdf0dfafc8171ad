/**
 * 群众点评 from residents only, as many as an event plausibly had, and anonymous to the rated cadre — through the
 * real wx-server-sdk, the emulator and its gateway. Residents on their own networks are callers from their own
 * loopback addresses (the gateway passes the socket's peer address as CLIENTIP, nothing a client could claim).
 *
 * @date-dependent — `npm test` runs it again at a month's start, New Year's Eve and a holiday eve.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'
import { callAs, callFrom, inFlight, loopback, warmInstances } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { CheckInResult } from '@/types/visits'
import type { BadReviewCase, HeldRating, ImprovementRequest, Landing, QrCode, Rating, RatingSummary, ServiceFigures } from '@/types/service'
import type { DemandDetail } from '@/types/demands'
import type { Reply } from '@/types/reply'
import { scaled } from '../helpers/time-scale'
import { checkInNear } from '../helpers/e2e'

jest.setTimeout(scaled(300_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const managerOf = (openid: string) => openid.replace(/cadre-\d+$/, 'manager')
const resident = (tag: string) => `o-guard-${tag}-${randomUUID().slice(0, 8)}`
const STAFF = /工作人员/

describe('ratings from residents only, held beyond a plausible size, anonymous to the rated cadre', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  let ip = 0

  const call = <T>(openid: string, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  /** A resident rating from their own network. */
  const rateFrom = (addr: string, openid: string, data: Record<string, unknown>) =>
    callFrom<{ rating: { id: string }; message: string }>(emu.url, addr, openid, 'ratings', { action: 'rate', ...data })
  const rateAlone = async (openid: string, data: Record<string, unknown>) => {
    const out = await rateFrom(loopback(ip++), openid, data)
    if (!out.reply) throw new Error(`gateway ${out.status}`)
    return ok(out.reply)
  }
  const figures = (cadre: string) => call<ServiceFigures>(managerOf(cadre), 'ratings', { action: 'stats', cadreId: userOf(cadre)._id }).then(ok)
  const count = async (name: string, where: Record<string, unknown>) => ((await db.collection(name).where(where).count()) as { total: number }).total

  /** A new visit of the cadre at their point, its record (method, head count) if given, and its QR scene. */
  async function event(cadre: string, record?: { method: string; count: number }): Promise<{ visitId: string; scene: string }> {
    const r = await checkInNear(
      emu.url,
      cadre,
      demo.liaisonPoints.find((x) => x.cadreId === userOf(cadre)._id)!
    )
    if (record)
      ok(
        await call(cadre, 'visit', {
          action: 'saveRecord',
          visitId: r.visit.id,
          category: 'village',
          method: record.method,
          peopleMet: { count: record.count }
        })
      )
    const { scene } = ok(await call<QrCode>(cadre, 'ratings', { action: 'qr', kind: 'visit', targetId: r.visit.id }))
    return { visitId: r.visit.id, scene }
  }
  const warm = () => warmInstances(emu.url, 'ratings', { action: 'landing', scene: 'vNOSUCHCODE' })
  const ratingsOf = async (visitId: string) =>
    (
      (await db.collection('ratings').where({ targetKind: 'visit', targetId: visitId }).limit(1000).get()) as unknown as {
        data: { _id: string; state: string; hold: { reasons: string[] } | null }[]
      }
    ).data

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'ratings', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('refuses every staff account, of any system, to rate or 追评; writes nothing; the page tells them why', async () => {
    const cadre = 'demo-union-haidong-ledu-cadre-1'
    const { visitId, scene } = await event(cadre)
    const staff = [
      cadre, // the rated cadre
      'demo-union-haidong-ledu-cadre-2', // a peer
      'demo-union-haidong-ledu-manager', // their manager
      'demo-union-haidong-manager', // their prefecture
      'demo-union-admin', // their province
      'demo-union-xining-chengdong-manager', // a manager of another county
      'demo-women-haidong-ledu-manager', // another system's manager, same county
      'demo-league-admin', // another system's province admin
      'demo-women-xining-chengdong-cadre-1' // another system's cadre
    ]
    for (const who of staff) {
      expect(await call(who, 'ratings', { action: 'rate', scene, level: 'verySatisfied', tags: [] })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
        message: expect.stringMatching(/工作人员/)
      })
      expect(await call(who, 'ratings', { action: 'followUp', scene, comment: '补充' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(await count('ratings', { targetId: visitId })).toBe(0)
    const land = ok(await call<Landing>('demo-women-haidong-ledu-manager', 'ratings', { action: 'landing', scene }))
    expect(land).toMatchObject({ canRate: false, rateBlocked: expect.stringMatching(STAFF), canReport: false })
    // a resident may
    await rateAlone(resident('ok'), { scene, level: 'satisfied', tags: [] })
    expect(await count('ratings', { targetId: visitId })).toBe(1)
  })

  it('takes as many ratings as the record makes plausible; the rest wait for a manager of the subtree, who accepts or rejects them', async () => {
    const cadre = 'demo-league-haidong-ledu-cadre-1'
    const before = await figures(cadre)
    const { visitId, scene } = await event(cadre, { method: 'forum', count: 4 })
    const raters = Array.from({ length: 7 }, (_, i) => resident(`cap${i}`))
    const replies: { rating: { id: string }; message: string }[] = []
    for (const [i, r] of raters.entries()) {
      replies.push(
        await rateAlone(
          r,
          i === 5 ? { scene, level: 'dissatisfied', tags: ['问题没解决'], contactPhone: '13900001111' } : { scene, level: 'satisfied', tags: ['服务态度好'] }
        )
      )
    }
    // every resident is thanked alike: none is told their rating waits
    expect(new Set(replies.filter((_, i) => i !== 5).map((r) => r.message)).size).toBe(1)
    expect(await figures(cadre)).toMatchObject({ ratings: before.ratings + 4, held: before.held + 3, bad: before.bad, cases: before.cases })
    const stored = await ratingsOf(visitId)
    expect(stored.filter((r) => r.state === 'held').map((r) => r.hold!.reasons)).toEqual([['overCap'], ['overCap'], ['overCap']])
    const heldBad = stored.find((r) => r._id === replies[5].rating.id)!
    expect(heldBad.state).toBe('held')
    expect(await count('badReviewCases', { ratingId: heldBad._id })).toBe(0)

    const mgr = managerOf(cadre)
    const queue = ok(await call<{ items: HeldRating[] }>(mgr, 'ratings', { action: 'listHeld' })).items.filter((h) => h.targetId === visitId)
    expect(queue).toHaveLength(3)
    expect(queue[0]).toMatchObject({
      state: 'held',
      hold: { reasons: ['overCap'], basis: expect.stringMatching(/4 人/) },
      event: { kind: 'visit', label: expect.stringMatching(/座谈会/) },
      eventCounts: { counted: 4, held: 3 }
    })
    expect(JSON.stringify(queue)).not.toMatch(/o-guard|13900001111|127\.1\./)
    // not the cadre, not another county's or system's manager
    const ids = queue.map((h) => h.id)
    for (const who of [cadre, 'demo-league-xining-chengdong-manager', 'demo-women-haidong-ledu-manager']) {
      expect(await call(who, 'ratings', { action: 'reviewHeld', ratingIds: ids, decision: 'accept' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(
      ok(await call<{ items: HeldRating[] }>('demo-league-xining-chengdong-manager', 'ratings', { action: 'listHeld' })).items.some(
        (h) => h.targetId === visitId
      )
    ).toBe(false)

    // accept the 差评 (its case opens now, deadlines from now) and one more; reject the third
    const other = ids.filter((id) => id !== heldBad._id)
    const accepted = ok(
      await call<{ accepted: number; rejected: number; skipped: number }>(mgr, 'ratings', {
        action: 'reviewHeld',
        ratingIds: [heldBad._id, other[0]],
        decision: 'accept',
        note: '核实确有其人'
      })
    )
    expect(accepted).toMatchObject({ accepted: 2, rejected: 0, skipped: 0 })
    const rejected = ok(
      await call<{ rejected: number }>(mgr, 'ratings', { action: 'reviewHeld', ratingIds: [other[1]], decision: 'reject', note: '同一时间多次扫码' })
    )
    expect(rejected).toMatchObject({ rejected: 1 })
    expect(ok(await call<{ skipped: number }>(mgr, 'ratings', { action: 'reviewHeld', ratingIds: ids, decision: 'accept' }))).toMatchObject({
      accepted: 0,
      skipped: 3
    })
    expect(await figures(cadre)).toMatchObject({
      ratings: before.ratings + 6,
      held: before.held,
      rejected: before.rejected + 1,
      bad: before.bad + 1,
      cases: before.cases + 1,
      flagged: before.flagged + 2
    })
    const c = ok(await call<{ items: BadReviewCase[] }>(mgr, 'ratings', { action: 'listCases' })).items.find((x) => x.ratingId === heldBad._id)!
    expect(c).toMatchObject({ status: 'revisit', contactPhone: '13900001111' })
    expect(ok(await call<{ items: HeldRating[] }>(mgr, 'ratings', { action: 'listHeld' })).items.some((h) => h.targetId === visitId)).toBe(false)
    // a held or rejected rating cannot be voided as if it counted
    expect(await call(mgr, 'ratings', { action: 'decideAppeal', ratingId: other[1], decision: 'void', reason: '误评' })).toMatchObject({
      ok: false,
      code: 'CONFLICT'
    })
  })

  it('holds a burst of 100 new identities on a plain home visit: all answered alike, a few count, the rest wait until accepted', async () => {
    const cadre = 'demo-women-haidong-ledu-cadre-1'
    const before = await figures(cadre)
    const { visitId, scene } = await event(cadre, { method: 'homeVisit', count: 2 })
    const raters = Array.from({ length: 100 }, (_, i) => resident(`fresh${i}`))
    await warm()
    const base = ip
    ip += raters.length
    const outs = await inFlight(20, raters, (r, i) => rateFrom(loopback(base + i), r, { scene, level: 'verySatisfied', tags: ['服务态度好'] }))
    expect(outs.map((o) => o.status)).toEqual(raters.map(() => 200))
    expect(outs.every((o) => o.reply?.ok)).toBe(true)
    expect(new Set(outs.map((o) => (o.reply as { data: { message: string } }).data.message)).size).toBe(1)

    const stored = await ratingsOf(visitId)
    expect(stored).toHaveLength(100)
    const counted = stored.filter((r) => r.state === 'counted').length
    expect(counted).toBeLessThanOrEqual(3)
    expect(stored.filter((r) => r.state === 'held').every((r) => r.hold!.reasons.includes('freshBurst') || r.hold!.reasons.includes('overCap'))).toBe(true)
    const mid = await figures(cadre)
    expect(mid).toMatchObject({ ratings: before.ratings + counted, held: before.held + 100 - counted })

    // out of the cadre's figures until a manager accepts them (here 50 of them, in one call)
    const held = stored
      .filter((r) => r.state === 'held')
      .slice(0, 50)
      .map((r) => r._id)
    expect(
      ok(await call<{ accepted: number }>(managerOf(cadre), 'ratings', { action: 'reviewHeld', ratingIds: held, decision: 'accept', note: '入户核实' }))
    ).toMatchObject({ accepted: 50 })
    expect(await figures(cadre)).toMatchObject({ ratings: before.ratings + counted + 50, held: before.held + 50 - counted })
  })

  it('holds a burst from one client IP beyond the window’s limit, even on a large 座谈会; others on their own networks still count', async () => {
    const cadre = 'demo-union-haibei-haiyan-cadre-1'
    const before = await figures(cadre)
    const { visitId, scene } = await event(cadre, { method: 'forum', count: 60 })
    const raters = Array.from({ length: 30 }, (_, i) => resident(`oneip${i}`))
    await warm()
    const outs = await inFlight(10, raters, (r) => callFrom(emu.url, '127.0.0.1', r, 'ratings', { action: 'rate', scene, level: 'satisfied', tags: [] }))
    expect(outs.every((o) => o.status === 200 && o.reply?.ok)).toBe(true)
    const stored = await ratingsOf(visitId)
    const counted = stored.filter((r) => r.state === 'counted').length
    expect(counted).toBeLessThanOrEqual(10)
    expect(stored.filter((r) => r.state === 'held').length).toBeGreaterThanOrEqual(20)
    expect(stored.filter((r) => r.state === 'held').every((r) => r.hold!.reasons.includes('ipBurst'))).toBe(true)
    for (let i = 0; i < 5; i++) await rateAlone(resident(`ownnet${i}`), { scene, level: 'satisfied', tags: [] })
    expect(await figures(cadre)).toMatchObject({ ratings: before.ratings + counted + 5, held: before.held + 30 - counted })
  })

  it('shows the rated cadre aggregates over at least 3 ratings and 整改 requests stripped of who asked; single ratings and 回访 are the manager’s', async () => {
    // A cadre new to the county: no ratings yet this month.
    const mgr = 'demo-women-xining-chengzhong-manager'
    const county = userOf(mgr).orgId
    const { invite } = ok(await call<{ invite: { code: string } }>(mgr, 'orgs', { action: 'createInvite', orgId: county, role: 'cadre', name: '新干部' }))
    const cadre = `o-guard-newcadre-${randomUUID().slice(0, 6)}`
    ok(await call(cadre, 'orgs', { action: 'acceptInvite', code: invite.code }))
    const cadreId = `user-i${invite.code}`
    const home = demo.liaisonPoints.find((p) => p.cadreId === userOf('demo-women-xining-chengzhong-cadre-1')._id)!
    const point = ok(
      await call<{ id: string }>(mgr, 'points', {
        action: 'createPoint',
        cadreId,
        name: '新干部联系点',
        kind: 'village',
        address: '城中区',
        location: home.location
      })
    )
    const checkIn = async () => {
      const now = Date.now()
      const r = ok(
        await call<CheckInResult>(cadre, 'visit', {
          action: 'checkIn',
          submissionId: randomUUID(),
          pointId: point.id,
          fix: { lat: home.location.lat + 0.0003, lng: home.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
          deviceNow: new Date(now).toISOString()
        })
      )
      return ok(await call<QrCode>(cadre, 'ratings', { action: 'qr', kind: 'visit', targetId: r.visit.id })).scene
    }
    const own = (data: Record<string, unknown>) => call(cadre, 'ratings', data)

    // 1–2 ratings: the cadre sees no level, share, mean or comment; the manager sees them
    const s1 = await checkIn()
    await rateAlone(resident('anon1'), { scene: s1, level: 'verySatisfied', tags: ['耐心倾听'], comment: '讲得很清楚' })
    await rateAlone(resident('anon2'), { scene: s1, level: 'satisfied', tags: ['服务态度好'], comment: '态度好' })
    const hidden = ok((await own({ action: 'stats' })) as Reply<ServiceFigures>)
    expect(hidden).toMatchObject({ ratings: 2, withheld: true, levels: {}, satisfiedShare: null, meanScore: null })
    expect(ok((await own({ action: 'summary' })) as Reply<RatingSummary>)).toMatchObject({ ratings: 2, shown: false, levels: null, tags: [], comments: [] })
    expect(ok(await call<ServiceFigures>(mgr, 'ratings', { action: 'stats', cadreId }))).toMatchObject({
      withheld: false,
      levels: { verySatisfied: 1, satisfied: 1 }
    })
    expect(await own({ action: 'listMine' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await own({ action: 'listMine', cadreId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(ok(await call<{ items: Rating[] }>(mgr, 'ratings', { action: 'listMine', cadreId })).items).toHaveLength(2)

    // a resident reports through the plate with name and phone, the cadre solves and answers, the resident rates 不满意
    const plate = ok(await call<QrCode>(cadre, 'ratings', { action: 'qr', kind: 'point', targetId: point.id })).scene
    const person = resident('anon-report')
    const d = ok(
      await callAs<{ id: string }>(emu.url, person, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        scene: plate,
        area: 'living',
        text: '楼道灯坏了',
        contactName: '王大姐',
        contactPhone: '13700002222'
      })
    )
    ok(await call(cadre, 'demands', { action: 'resolve', demandId: d.id, done: '换了灯' }))
    ok(await call(cadre, 'demands', { action: 'close', demandId: d.id, reply: '灯已经换好' }))
    const bad = await rateAlone(person, {
      scene: plate,
      about: 'demand',
      demandId: d.id,
      level: 'dissatisfied',
      tags: ['办事效率低'],
      comment: '拖了很久',
      contactPhone: '13700002222'
    })

    // 3 ratings: aggregates, comments sorted by their text; nothing ties a level to a visit, a demand, a day or a person
    const summary = ok((await own({ action: 'summary' })) as Reply<RatingSummary>)
    expect(summary).toMatchObject({ ratings: 3, shown: true, levels: { verySatisfied: 1, satisfied: 1, dissatisfied: 1 } })
    expect(summary.comments).toEqual(['讲得很清楚', '态度好', '拖了很久'].sort((a, b) => a.localeCompare(b)))
    expect(JSON.stringify(summary)).not.toMatch(new RegExp(`${d.id}|visit|demand|\\d{4}-\\d{2}-\\d{2}|o-guard`))

    // the cadre's ledger keeps the contact (they must call back about the problem) but not the rating beside it
    const seen = ok(await call<DemandDetail>(cadre, 'demands', { action: 'get', demandId: d.id }))
    expect(seen.contact).toMatchObject({ name: '王大姐', phone: '13700002222' })
    expect(seen.rating).toBeNull()
    expect(seen.timeline.map((t) => t.kind)).not.toContain('rated')
    expect(JSON.stringify(seen)).not.toMatch(/不满意|dissatisfied/)
    expect(ok(await call<DemandDetail>(mgr, 'demands', { action: 'get', demandId: d.id })).rating).toEqual({ level: 'dissatisfied' })

    // the 整改 request: what and by when, not who, not which demand, not the day
    const requests = ok((await own({ action: 'listRequests' })) as Reply<{ items: ImprovementRequest[] }>).items
    expect(requests).toEqual([
      expect.objectContaining({
        ratingId: bad.rating.id,
        tags: ['办事效率低'],
        comment: '拖了很久',
        status: 'revisit',
        month: expect.stringMatching(/^\d{4}-\d{2}$/)
      })
    ])
    expect(JSON.stringify(requests)).not.toMatch(new RegExp(`13700002222|王大姐|${d.id}|o-guard|T\\d{2}:`))
    // 回访 is the manager's: the cadre cannot see the case queue or record a 回访; they may appeal from the request
    expect(await own({ action: 'listCases' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await own({ action: 'revisit', caseId: `case_${bad.rating.id}`, note: '我自己回访了' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    ok(await own({ action: 'appeal', ratingId: bad.rating.id, reason: '灯是物业的责任' }))
    expect(ok((await own({ action: 'listRequests' })) as Reply<{ items: ImprovementRequest[] }>).items[0]).toMatchObject({ appeal: { status: 'pending' } })
    expect(ok(await call<BadReviewCase>(mgr, 'ratings', { action: 'revisit', caseId: `case_${bad.rating.id}`, note: '电话回访了王大姐' }))).toMatchObject({
      status: 'rectifying'
    })
  })

  it('answers all of 200 residents rating a 座谈会 within a minute, 40 in flight, and counts each once', async () => {
    const cadre = 'demo-women-haibei-haiyan-cadre-1'
    const before = await figures(cadre)
    const { visitId, scene } = await event(cadre, { method: 'forum', count: 200 })
    const raters = Array.from({ length: 200 }, (_, i) => resident(`forum${i}`))
    await warm()
    const base = ip
    ip += raters.length
    // ten of them tap twice: the second lands on the unique rating and is told so
    const calls = [...raters.map((r, i) => ({ r, i })), ...raters.slice(0, 10).map((r, i) => ({ r, i }))]
    const outs = await inFlight(40, calls, ({ r, i }) =>
      rateFrom(loopback(base + i), r, { scene, level: i % 7 === 0 ? 'satisfied' : 'verySatisfied', tags: [] })
    )
    expect(outs.filter((o) => o.status !== 200 || !o.reply)).toEqual([])
    const codes = outs.map((o) => (o.reply!.ok ? 'ok' : o.reply!.code))
    expect(codes.filter((c) => c === 'ok')).toHaveLength(200)
    expect(codes.filter((c) => c !== 'ok')).toEqual(Array(10).fill('CONFLICT'))
    const stored = await ratingsOf(visitId)
    expect(stored).toHaveLength(200)
    expect(stored.every((r) => r.state === 'counted')).toBe(true)
    expect(await figures(cadre)).toMatchObject({ ratings: before.ratings + 200, held: before.held })
  })
})
