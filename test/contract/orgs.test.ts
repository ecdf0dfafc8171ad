/**
 * 组织和角色, 邀请, 制度 through the real wx-server-sdk and the emulator: a county manager of
 * 妇联 sees exactly their subtree; role escalation fails; an invite binds once, also under 20 concurrent accepts;
 * a move keeps history where it was earned; rules inherit, override, lock and are recorded; a changed rating
 * window and demand deadline take effect in ratings and demands; bad inputs change nothing.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData } from '@/scripts/seed/demo-data'
import type { Reply } from '@/types/reply'
import type { EffectiveRules, Invite, Member, OrgNode, RuleChange } from '@/types/api/orgs'
import type { CheckInResult, Progress } from '@/types/visits'
import type { Landing, QrCode } from '@/types/service'
import type { Demand } from '@/types/demands'
import { beijingYear } from '@/types/rules/beijing-time'
import { demandDeadline, ratingWindowEnd, defaultServiceRules } from '@/types/rules/service'
import { packageCalendar } from '@/cloudfunctions/_lib/holiday-data'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(120000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()

const womenAdmin = 'demo-women-admin'
const unionAdmin = 'demo-union-admin'
const prefManager = 'demo-women-xining-manager'
const county = 'demo-women-xining-chengdong-manager'
const sibling = 'demo-women-xining-chengzhong-manager'
const unionCounty = 'demo-union-xining-chengdong-manager'
const cadre1 = 'demo-women-xining-chengdong-cadre-1'
const cadre2 = 'demo-women-xining-chengdong-cadre-2'
const C = 'org-women-xining-chengdong'
const SIB = 'org-women-xining-chengzhong'
const PREF = 'org-women-xining'
const PROV = 'org-women'
const year = beijingYear(new Date())
const userOf = (openid: string) => demo.users.find((u) => u.openid === openid)!
const newcomer = (tag: string) => `o-new-${tag}-${randomUUID().slice(0, 8)}`

describe('orgs function: tree, invitations, moves and rules', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const call = <T>(openid: string | null, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const orgs = <T>(openid: string | null, data: Record<string, unknown>) => call<T>(openid, 'orgs', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (name: string, where: Record<string, unknown> = {}) => ((await db.collection(name).where(where).count()) as { total: number }).total
  const all = async (name: string) => ((await db.collection(name).limit(1000).get()) as { data: Record<string, unknown>[] }).data
  const snapshot = async () => JSON.stringify(await Promise.all(['users', 'invites', 'orgRules', 'ruleChanges'].map(all)))
  const invite = async (by: string, orgId: string, role: 'cadre' | 'manager' = 'cadre', name = '新干部') =>
    ok(await orgs<{ invite: Invite; qr: QrCode | null; qrError: string | null }>(by, { action: 'createInvite', orgId, role, name }))

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'orgs', 'index.js'))) throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('shows a county manager of 妇联 exactly their subtree and nothing of a sibling county or of 工会', async () => {
    const t = ok(await orgs<{ node: OrgNode; trail: unknown[]; children: OrgNode[] }>(county, { action: 'tree' }))
    expect(t.node).toMatchObject({ id: C, system: 'women', level: 'county', cadres: 2, managers: 1 })
    expect(t.children).toEqual([])
    expect(t.trail).toEqual([])
    for (const orgId of [SIB, PREF, PROV, 'org-union-xining-chengdong', 'no-such-org']) {
      expect(await orgs(county, { action: 'tree', orgId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await orgs(county, { action: 'members', orgId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await orgs(county, { action: 'listInvites', orgId })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    const m = ok(await orgs<{ items: Member[] }>(county, { action: 'members', orgId: C }))
    expect(m.items.map((x) => x.id).sort()).toEqual(
      demo.users
        .filter((u) => u.orgId === C)
        .map((u) => u._id)
        .sort()
    )

    // The prefecture manager walks down into their counties, never up; the admin sees the whole system.
    const p = ok(await orgs<{ node: OrgNode; children: OrgNode[] }>(prefManager, { action: 'tree' }))
    expect(p.children.map((c) => c.id).sort()).toEqual(
      demo.orgs
        .filter((o) => o.parentId === PREF)
        .map((o) => o._id)
        .sort()
    )
    expect(p.node).toMatchObject({ cadres: 6, managers: 4 })
    const down = ok(await orgs<{ trail: { id: string }[] }>(prefManager, { action: 'tree', orgId: C }))
    expect(down.trail.map((x) => x.id)).toEqual([PREF])
    expect(await orgs(prefManager, { action: 'tree', orgId: PROV })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const a = ok(await orgs<{ node: OrgNode; children: OrgNode[] }>(womenAdmin, { action: 'tree' }))
    expect(a.node.id).toBe(PROV)
    expect(a.children.every((c) => c.system === 'women')).toBe(true)
    expect(await orgs(womenAdmin, { action: 'tree', orgId: 'org-union' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // cadres and residents have no tree
    expect(await orgs(cadre1, { action: 'tree' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(newcomer('r'), { action: 'tree' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('refuses role escalation: cadres inviting, managers inviting sideways or upwards, a manager of their own node, bound accounts accepting', async () => {
    const before = await snapshot()
    expect(await orgs(cadre1, { action: 'createInvite', orgId: C, role: 'cadre', name: '张三' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(county, { action: 'createInvite', orgId: SIB, role: 'cadre', name: '张三' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(county, { action: 'createInvite', orgId: PREF, role: 'manager', name: '张三' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(county, { action: 'createInvite', orgId: C, role: 'manager', name: '张三' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(county, { action: 'createInvite', orgId: C, role: 'admin', name: '张三' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await orgs(unionCounty, { action: 'createInvite', orgId: C, role: 'cadre', name: '张三' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await snapshot()).toBe(before)

    // A manager invite from the prefecture, accepted by a cadre (already bound): refused, the invite stays usable.
    const { invite: inv } = await invite(prefManager, C, 'manager', '李主席')
    const r = await orgs(cadre1, { action: 'acceptInvite', code: inv.code })
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/已经是干部账号/) })
    expect(await orgs(county, { action: 'acceptInvite', code: inv.code })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(ok(await orgs<{ status: string }>(newcomer('peek'), { action: 'peekInvite', code: inv.code })).status).toBe('pending')
    expect(await orgs(cadre1, { action: 'peekInvite', code: inv.code })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const stored = (await db.collection('users').where({ openid: cadre1 }).get()) as unknown as { data: { role: string }[] }
    expect(stored.data[0].role).toBe('cadre')
    // nor may a manager set the rules of their parent, nor lock
    expect(await orgs(county, { action: 'setRules', orgId: PREF, year, values: { daysTarget: 60 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(county, { action: 'setRules', orgId: C, year, lock: ['daysTarget'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(cadre1, { action: 'setRules', orgId: C, year, values: { daysTarget: 60 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('binds an invite exactly once, with a QR code to the join page, even for 20 concurrent accepts', async () => {
    const { invite: inv, qr, qrError } = await invite(county, C, 'cadre', '王新')
    expect(inv.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/)
    expect(qrError).toBeNull()
    expect(qr).toMatchObject({ scene: inv.code, page: 'account/pages/join/index' })
    const png = Buffer.from(await (await fetch(qr!.imageUrl.startsWith('http') ? qr!.imageUrl : `${emu.url}${qr!.imageUrl}`)).arrayBuffer())
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect(new Date(inv.expiresAt).getTime() - new Date(inv.createdAt).getTime()).toBe(7 * 86400_000)

    const people = Array.from({ length: 20 }, (_, i) => newcomer(`burst${i}`))
    const typed = `${inv.code.slice(0, 4).toLowerCase()}-${inv.code.slice(4)}`
    const replies = await Promise.all(people.map((p) => orgs<{ role: string }>(p, { action: 'acceptInvite', code: typed })))
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    for (const r of replies.filter((r) => !r.ok)) expect(r).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/只能用一次/) })
    expect(await count('users', { inviteCode: inv.code })).toBe(1)
    const winner = people[replies.findIndex((r) => r.ok)]
    expect(ok(await call<{ role: string; org: { id: string } }>(winner, 'user', { action: 'me' }))).toMatchObject({ role: 'cadre', org: { id: C } })
    // the same person again: already bound
    expect(await orgs(winner, { action: 'acceptInvite', code: inv.code })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const listed = ok(await orgs<{ items: Invite[] }>(county, { action: 'listInvites' }))
    expect(listed.items.find((i) => i.code === inv.code)).toMatchObject({ status: 'used' })
    expect(await orgs(county, { action: 'revokeInvite', code: inv.code })).toMatchObject({ ok: false, code: 'CONFLICT' })

    // One account, two codes at once: bound once.
    const [a, b] = [await invite(county, C), await invite(county, C)]
    const twice = newcomer('twice')
    const both = await Promise.all([a, b].map((x) => orgs(twice, { action: 'acceptInvite', code: x.invite.code })))
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    expect(await count('users', { openid: twice })).toBe(1)

    // Revoked and unknown codes.
    const { invite: rev } = await invite(county, C)
    expect(ok(await orgs<Invite>(county, { action: 'revokeInvite', code: rev.code })).status).toBe('revoked')
    expect(await orgs(sibling, { action: 'revokeInvite', code: (await invite(county, C)).invite.code })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(newcomer('late'), { action: 'acceptInvite', code: rev.code })).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      message: expect.stringMatching(/作废/)
    })
    expect(await orgs(newcomer('guess'), { action: 'acceptInvite', code: 'ABCDEFGH' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    // not even the shape of a code: refused with nothing written
    const counters = await count('abuseCounters')
    for (const code of ['', 'x', '0000-0000', '{"$gt":""}', 'ABCDEFGHJ']) {
      expect(await orgs(newcomer('junk'), { action: 'acceptInvite', code })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(await count('abuseCounters')).toBe(counters)
    // 20 wrong guesses a day (accepting or peeking), then even the right code waits for tomorrow
    const guesser = newcomer('guesser')
    for (let i = 0; i < 20; i++)
      expect(await orgs(guesser, { action: 'acceptInvite', code: 'ZZZZZZZ' + '23456789'[i % 8] })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const { invite: right } = await invite(county, C)
    expect(await orgs(guesser, { action: 'acceptInvite', code: right.code })).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(await orgs(guesser, { action: 'peekInvite', code: right.code })).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(ok(await orgs<{ status: string }>(newcomer('other'), { action: 'peekInvite', code: right.code })).status).toBe('pending')

    // A manager of a child node, invited by the prefecture manager, manages that node afterwards.
    const { invite: mgr } = await invite(prefManager, C, 'manager', '赵副主席')
    const boss = newcomer('boss')
    ok(await orgs(boss, { action: 'acceptInvite', code: mgr.code }))
    expect(ok(await orgs<{ node: OrgNode }>(boss, { action: 'tree' })).node.id).toBe(C)
  })

  it('moves a cadre keeping earned history under the old node, and removes one', async () => {
    // a fresh cadre in 城东, with a visit there
    const { invite: inv } = await invite(county, C, 'cadre', '孙调动')
    const mover = newcomer('mover')
    ok(await orgs(mover, { action: 'acceptInvite', code: inv.code }))
    const oldId = `user-i${inv.code}`
    const point = demo.liaisonPoints.find((p) => p.orgId === C)!
    ok(await call(county, 'points', { action: 'updatePoint', pointId: point._id, cadreId: oldId }))
    const now = Date.now()
    ok(
      await call<CheckInResult>(mover, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: point._id,
        fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
        deviceNow: new Date(now).toISOString()
      })
    )
    ok(await call(mover, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '调动前登记的诉求' }))

    // the county manager cannot move them out of their subtree; the prefecture manager can, within the same system
    expect(await orgs(county, { action: 'moveCadre', cadreId: oldId, toOrgId: SIB })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(prefManager, { action: 'moveCadre', cadreId: oldId, toOrgId: 'org-union-xining-chengzhong' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN'
    })
    expect(await orgs(sibling, { action: 'moveCadre', cadreId: oldId, toOrgId: SIB })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    const moved = ok(
      await orgs<{ newId: string; openDemands: number; liaisonPoints: number; message: string }>(prefManager, {
        action: 'moveCadre',
        cadreId: oldId,
        toOrgId: SIB
      })
    )
    expect(moved).toMatchObject({ openDemands: 1, liaisonPoints: 1, message: expect.stringMatching(/留在原单位/) })
    // a double tap does not move twice
    expect(await orgs(prefManager, { action: 'moveCadre', cadreId: oldId, toOrgId: SIB })).toMatchObject({ ok: false, code: 'NOT_FOUND' })

    const me = ok(await call<{ role: string; org: { id: string } }>(mover, 'user', { action: 'me' }))
    expect(me).toMatchObject({ role: 'cadre', org: { id: SIB } })
    // history stays: the old account's visits, stats and demand keep 城东's path and stay visible to 城东's manager
    const old = ((await db.collection('users').where({ _id: oldId }).get()) as { data: Record<string, unknown>[] }).data[0]
    expect(old).toMatchObject({ active: false, openid: `former:${oldId}`, orgId: C, role: 'cadre' })
    const stats = ((await db.collection('visitStats').where({ cadreId: oldId }).get()) as unknown as { data: { orgPath: string[]; days: number }[] }).data
    expect(stats[0]).toMatchObject({ days: 1 })
    expect(stats[0].orgPath).toContain(C)
    expect(ok(await call<Progress>(county, 'visit', { action: 'progress', cadreId: oldId })).days).toBe(1)
    // the new account starts in 城中, linked to the old one; 城东's manager no longer lists them
    const fresh = ((await db.collection('users').where({ _id: moved.newId }).get()) as { data: Record<string, unknown>[] }).data[0]
    expect(fresh).toMatchObject({ openid: mover, orgId: SIB, formerIds: [oldId], active: true })
    const m = ok(await orgs<{ items: Member[] }>(county, { action: 'members', orgId: C }))
    expect(m.items.map((x) => x.id)).not.toContain(oldId)
    expect(ok(await orgs<{ items: Member[] }>(sibling, { action: 'members', orgId: SIB })).items.map((x) => x.id)).toContain(moved.newId)
    // a new visit counts under 城中 for the new account
    expect(ok(await call<Progress>(mover, 'visit', { action: 'progress' })).days).toBe(0)

    // remove: the cadre becomes a resident, their records stay
    const removed = ok(await orgs<{ message: string }>(sibling, { action: 'removeCadre', cadreId: moved.newId, reason: '退休' }))
    expect(removed.message).toMatch(/保留在原单位/)
    expect(ok(await call<{ role: string }>(mover, 'user', { action: 'me' })).role).toBe('resident')
    expect(await count('visits', { cadreId: oldId })).toBe(1)
    // a manager of a node cannot remove a peer manager of that node, nor anyone outside their subtree
    expect(await orgs(county, { action: 'removeCadre', cadreId: userOf(sibling)._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await orgs(county, { action: 'removeCadre', cadreId: userOf(county)._id })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await orgs(unionCounty, { action: 'removeCadre', cadreId: userOf(cadre2)._id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('inherits, overrides and locks rules per org and year, recording every change', async () => {
    const base = ok(await orgs<EffectiveRules>(cadre1, { action: 'getRules' }))
    expect(base.rules.daysTarget).toBe(90)
    expect(base.fields.find((f) => f.field === 'daysTarget')).toMatchObject({ source: null, editable: false })

    ok(await orgs(womenAdmin, { action: 'setRules', orgId: PROV, year, values: { daysTarget: 100, ratingWindowDays: 5 }, lock: ['ratingWindowDays'] }))
    ok(await orgs(prefManager, { action: 'setRules', orgId: PREF, year, values: { daysTarget: 95 } }))
    const r = ok(await orgs<EffectiveRules>(cadre1, { action: 'getRules' }))
    expect(r.rules).toMatchObject({ daysTarget: 95, ratingWindowDays: 5 })
    expect(r.fields.find((f) => f.field === 'daysTarget')!.source).toMatchObject({ orgId: PREF })
    expect(r.fields.find((f) => f.field === 'ratingWindowDays')!.lockedBy).toMatchObject({ orgId: PROV })
    // another system and another year are untouched
    expect(ok(await orgs<EffectiveRules>('demo-union-xining-chengdong-cadre-1', { action: 'getRules' })).rules.daysTarget).toBe(90)
    expect(ok(await orgs<EffectiveRules>(cadre1, { action: 'getRules', year: year + 1 })).rules.daysTarget).toBe(90)

    // the county overrides an open field; a locked one is refused (even through clear), and nothing is written
    const c = ok(await orgs<{ rules: EffectiveRules; changes: number }>(county, { action: 'setRules', orgId: C, year, values: { daysTarget: 120 } }))
    expect(c).toMatchObject({ changes: 1, rules: { rules: { daysTarget: 120 } } })
    const before = await snapshot()
    expect(await orgs(county, { action: 'setRules', orgId: C, year, values: { ratingWindowDays: 10 } })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      message: expect.stringMatching(/锁定/)
    })
    expect(await orgs(county, { action: 'setRules', orgId: C, year, clear: ['ratingWindowDays'] })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // bad values: each field is checked by OrgRules; unknown fields refused
    for (const values of [
      { daysTarget: 0 },
      { daysTarget: 'ninety' },
      { scoreWeights: { satisfaction: 50, demands: 50, badReviews: 10, fiveMustVisit: 0, days: 0 } },
      { nonsense: 1 },
      { demandDays: { urgent: 0, general: 7 } }
    ]) {
      expect(await orgs(county, { action: 'setRules', orgId: C, year, values })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(await orgs(county, { action: 'setRules', orgId: C, year })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await snapshot()).toBe(before)
    // the progress page uses the effective target
    expect(ok(await call<Progress>(cadre1, 'visit', { action: 'progress' })).target).toBe(120)

    // clearing goes back to inheriting; the history says who changed what, newest first
    ok(await orgs(county, { action: 'setRules', orgId: C, year, clear: ['daysTarget'] }))
    expect(ok(await orgs<EffectiveRules>(cadre1, { action: 'getRules' })).rules.daysTarget).toBe(95)
    const h = ok(await orgs<{ items: RuleChange[] }>(county, { action: 'ruleHistory', orgId: C, year }))
    expect(h.items.map((x) => [x.field, x.old, x.new, x.byName])).toEqual([
      ['daysTarget', '120', '（沿用上级）', userOf(county).name],
      ['daysTarget', '（沿用上级）', '120', userOf(county).name]
    ])
    const ph = ok(await orgs<{ items: RuleChange[] }>(county, { action: 'ruleHistory', orgId: PROV, year }))
    expect(ph.items.map((x) => `${x.field}:${x.kind}`).sort()).toEqual(['daysTarget:value', 'ratingWindowDays:lock', 'ratingWindowDays:value'])
    expect(await orgs(sibling, { action: 'ruleHistory', orgId: C, year })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    // the admin unlocks; then the county may override
    ok(await orgs(womenAdmin, { action: 'setRules', orgId: PROV, year, unlock: ['ratingWindowDays'] }))
    ok(await orgs(county, { action: 'setRules', orgId: C, year, values: { ratingWindowDays: 7 } }))
    expect(await orgs(unionAdmin, { action: 'setRules', orgId: PROV, year, values: { daysTarget: 10 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('applies a changed rating window and demand deadline in ratings and demands', async () => {
    const W = 'demo-women-haidong-ledu-cadre-1'
    const LEDU = 'org-women-haidong-ledu'
    const ledu = 'demo-women-haidong-ledu-manager'
    const point = demo.liaisonPoints.find((p) => p.cadreId === userOf(W)._id)!
    const now = Date.now()
    const visit = ok(
      await call<CheckInResult>(W, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: point._id,
        fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 2000).toISOString() },
        deviceNow: new Date(now).toISOString()
      })
    )
    const { scene } = ok(await call<QrCode>(W, 'ratings', { action: 'qr', kind: 'visit', targetId: visit.visit.id }))
    const visitedAt = new Date(((await db.collection('visits').doc(visit.visit.id).get()) as unknown as { data: { visitedAt: Date } }).data.visitedAt)
    const land1 = ok(await call<Landing>(newcomer('land'), 'ratings', { action: 'landing', scene }))
    const d1 = ok(
      await call<Demand>(W, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '改制度之前的诉求' })
    )

    ok(await orgs(ledu, { action: 'setRules', orgId: LEDU, year, values: { ratingWindowDays: 2, demandDays: { urgent: 0, general: 3, complex: 10 } } }))
    const land2 = ok(await call<Landing>(newcomer('land'), 'ratings', { action: 'landing', scene }))
    expect(land2.windowEndsAt).toBe(ratingWindowEnd(visitedAt, { ...defaultServiceRules, ratingWindowDays: 2 }).toISOString())
    expect(land2.windowEndsAt).not.toBe(land1.windowEndsAt)
    const d2 = ok(
      await call<Demand>(W, 'demands', { action: 'create', submissionId: randomUUID(), area: 'living', urgency: 'general', text: '改制度之后的诉求' })
    )
    const d2At = new Date(d2.createdAt)
    expect(d2.deadlineAt).toBe(
      demandDeadline(d2At, 'general', { ...defaultServiceRules, demandDays: { urgent: 0, general: 3, complex: 10 } }, packageCalendar).toISOString()
    )
    expect(new Date(d2.deadlineAt!).getTime()).toBeLessThan(new Date(d1.deadlineAt!).getTime())

    // a new liaison point without a radius takes the unit's 打卡范围
    ok(await orgs(ledu, { action: 'setRules', orgId: LEDU, year, values: { checkInRadiusM: 300 } }))
    const created = ok(
      await call<{ radiusM: number }>(ledu, 'points', {
        action: 'createPoint',
        cadreId: userOf(W)._id,
        name: '制度测试联系点',
        kind: 'village',
        address: '乐都区',
        location: point.location
      })
    )
    expect(created.radiusM).toBe(300)

    // a visit synced offline 70 hours after it was made: open under a 7-day window, closed under a 1-day one
    const late = ok(
      await call<CheckInResult>(W, 'visit', {
        action: 'checkIn',
        submissionId: randomUUID(),
        pointId: point._id,
        offline: true,
        fix: { lat: point.location.lat + 0.0003, lng: point.location.lng, accuracy: 20, capturedAt: new Date(now - 70 * 3600_000).toISOString() },
        deviceNow: new Date(now).toISOString()
      })
    )
    const q = ok(await call<QrCode>(W, 'ratings', { action: 'qr', kind: 'visit', targetId: late.visit.id }))
    ok(await orgs(ledu, { action: 'setRules', orgId: LEDU, year, values: { ratingWindowDays: 7 } }))
    expect(ok(await call<Landing>(newcomer('open'), 'ratings', { action: 'landing', scene: q.scene })).canRate).toBe(true)
    ok(await orgs(ledu, { action: 'setRules', orgId: LEDU, year, values: { ratingWindowDays: 1 } }))
    expect(ok(await call<Landing>(newcomer('shut'), 'ratings', { action: 'landing', scene: q.scene })).canRate).toBe(false)
    expect(await call(newcomer('late'), 'ratings', { action: 'rate', scene: q.scene, level: 'satisfied', tags: [] })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/评价期已过/)
    })
  })

  it("pages a node's members in index order: a page examines about as many accounts as it returns, however big the node", async () => {
    // A node of 240 accounts (200 cadres, 37 managers, 3 retired), added straight to the database and removed after.
    const id = 'org-women-xining-members-paging'
    const org = {
      _id: id,
      name: '分页测试区妇联',
      system: 'women',
      level: 'county',
      parentId: PREF,
      path: [PROV, PREF, id],
      pathNames: ['青海省妇联', '西宁市妇联', '分页测试区妇联']
    }
    const users = Array.from({ length: 240 }, (_, i) => ({
      _id: `u-paging-${String(i).padStart(3, '0')}`,
      openid: `o-paging-${i}`,
      name: `分页${i}`,
      role: i % 6 === 5 && i < 222 ? 'manager' : 'cadre',
      title: '干事',
      orgId: id,
      orgPath: org.path,
      createdAt: new Date(),
      ...(i % 80 === 7 ? { active: false } : {})
    }))
    await db.collection('orgs').add({ data: org })
    await db.collection('users').add({ data: users })
    try {
      const meter = async () => {
        const { invocations } = (await (await fetch(`${emu.url}/__/invocations?limit=5`)).json()) as {
          invocations: { fn: string; action: string | null; meter: { dbOps: number; docsExamined: number; docsReturned: number } }[]
        }
        return invocations.find((i) => i.fn === 'orgs' && i.action === 'members')!.meter
      }
      for (const role of [undefined, 'cadre', 'manager'] as const) {
        const expected = users.filter((u) => u.active !== false && (!role || u.role === role)).map((u) => u._id)
        const seen: string[] = []
        let cursor: string | undefined
        for (;;) {
          const page = ok(
            await orgs<{ items: Member[]; nextCursor: string | null }>(prefManager, {
              action: 'members',
              orgId: id,
              limit: 20,
              ...(role ? { role } : {}),
              ...(cursor ? { cursor } : {})
            })
          )
          seen.push(...page.items.map((m) => m.id))
          const m = await meter()
          // The caller and the node (1 each), then limit + 1 accounts read in _id order — plus at most the retired ones.
          expect(m.dbOps).toBe(3)
          expect(m.docsExamined).toBeLessThanOrEqual(2 + 21 + 3)
          if (!page.nextCursor) break
          cursor = page.nextCursor
        }
        expect(seen).toEqual(expected)
      }
    } finally {
      await db.collection('users').where({ orgId: id }).remove()
      await db.collection('orgs').doc(id).remove()
    }
  })

  it("keeps the tree's counts through binds, moves and removals, and reads the tree in 3 operations however many people it holds", async () => {
    type Tree = { node: OrgNode; children: OrgNode[] }
    const counts = async () => {
      const p = ok(await orgs<Tree>(prefManager, { action: 'tree' }))
      const byId = new Map(p.children.map((c) => [c.id, c]))
      return { pref: p.node, c: byId.get(C)!, sib: byId.get(SIB)! }
    }
    // what the tree says is what the accounts say
    const live = async (orgPath: string, role: string) => count('users', { orgPath, role, active: db.command.neq(false) })
    const agree = async () => {
      const t = await counts()
      for (const [id, n] of [
        [PREF, t.pref],
        [C, t.c],
        [SIB, t.sib]
      ] as const) {
        expect([n.cadres, n.managers]).toEqual([await live(id, 'cadre'), await live(id, 'manager')])
      }
      return t
    }
    const before = await agree()
    const { invite: cadreInvite } = await invite(county, C, 'cadre', '钱计数')
    ok(await orgs(newcomer('count-c'), { action: 'acceptInvite', code: cadreInvite.code }))
    const { invite: managerInvite } = await invite(prefManager, C, 'manager', '赵计数')
    ok(await orgs(newcomer('count-m'), { action: 'acceptInvite', code: managerInvite.code }))
    const bound = await agree()
    expect([bound.c.cadres, bound.c.managers, bound.pref.cadres]).toEqual([before.c.cadres + 1, before.c.managers + 1, before.pref.cadres + 1])

    const moved = ok(await orgs<{ newId: string }>(prefManager, { action: 'moveCadre', cadreId: `user-i${cadreInvite.code}`, toOrgId: SIB }))
    const afterMove = await agree()
    expect([afterMove.c.cadres, afterMove.sib.cadres, afterMove.pref.cadres]).toEqual([before.c.cadres, before.sib.cadres + 1, before.pref.cadres + 1])
    ok(await orgs(prefManager, { action: 'removeCadre', cadreId: moved.newId }))
    ok(await orgs(prefManager, { action: 'removeCadre', cadreId: `user-i${managerInvite.code}` }))
    const removed = await agree()
    expect([removed.c.cadres, removed.c.managers, removed.sib.cadres, removed.pref.cadres]).toEqual([
      before.c.cadres,
      before.c.managers,
      before.sib.cadres,
      before.pref.cadres
    ])

    // 200 more cadres in a county change the numbers, not the cost
    const treeMeter = async () => {
      const { invocations } = (await (await fetch(`${emu.url}/__/invocations?limit=5`)).json()) as {
        invocations: { fn: string; action: string | null; meter: { dbOps: number; docsExamined: number } }[]
      }
      return invocations.find((i) => i.fn === 'orgs' && i.action === 'tree')!.meter
    }
    const small = await treeMeter()
    const extra = Array.from({ length: 200 }, (_, i) => ({
      _id: `u-count-${i}`,
      openid: `o-count-${i}`,
      name: `计数${i}`,
      role: 'cadre',
      orgId: C,
      orgPath: [PROV, PREF, C],
      createdAt: new Date()
    }))
    await db.collection('users').add({ data: extra })
    await db
      .collection('orgs')
      .doc(C)
      .update({ data: { memberCounts: { cadre: before.c.cadres + 200, manager: before.c.managers } } })
    try {
      const grown = await agree()
      expect(grown.c.cadres).toBe(before.c.cadres + 200)
      const big = await treeMeter()
      // the caller, the node, the subtree's org documents
      expect(big.dbOps).toBe(3)
      expect(big.docsExamined).toBe(small.docsExamined)
    } finally {
      await db
        .collection('users')
        .where({ _id: db.command.in(extra.map((u) => u._id)) })
        .remove()
      await db
        .collection('orgs')
        .doc(C)
        .update({ data: { memberCounts: { cadre: before.c.cadres, manager: before.c.managers } } })
    }
    // seeding again rewrites the org documents, and recounts them from the accounts there are
    await seed(emu.url)
    await agree()
  })
})
