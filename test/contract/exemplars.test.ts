/**
 * 典型引路 through the real wx-server-sdk and the emulator: a manager marks a counted visit, a
 * diary entry or a solved demand of their subtree and takes it off again; everyone of the system reads the feed
 * (sibling counties included, another system not), newest first and paged; the feed carries no resident's name or
 * phone; others cannot mark or remove; bad inputs change nothing.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import type { Exemplar, ExemplarCandidate } from '@/types/exemplars'
import type { Reply } from '@/types/reply'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(90_000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const demo = buildDemoData()
const M = demoAccounts.countyManager
const cadre = demoAccounts.cadre
const peer = 'demo-women-xining-chengdong-cadre-2'
const siblingCadre = 'demo-women-xining-chengzhong-cadre-1'
const siblingManager = 'demo-women-xining-chengzhong-manager'
const unionManager = 'demo-union-xining-chengdong-manager'
const unionCadre = 'demo-union-xining-chengdong-cadre-1'
const me = demo.users.find((u) => u.openid === cadre)!
const counted = demo.visits.filter((v) => v.cadreId === me._id && v.status === 'counted')
const pending = demo.visits.find((v) => v.cadreId === me._id && v.status === 'pending')!

type Page<T> = { items: T[]; nextCursor: string | null }

describe('exemplars function through the real wx-server-sdk', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const call = <T>(openid: string, fn: string, data: unknown) => callAs<T>(emu.url, openid, fn, data)
  const ex = <T>(openid: string, data: unknown) => call<T>(openid, 'exemplars', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (name: string) => ((await db.collection(name).count()) as { total: number }).total
  const feedOf = async (openid: string) => ok(await ex<Page<Exemplar>>(openid, { action: 'feed', limit: 30 })).items
  const words = { title: '走访东关大街社区', summary: '干部在社区蹲点三天，帮助老人解决了冬季取暖的难题，群众满意。' }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'exemplars', 'index.js'))) {
      throw new Error('build/cloudfunctions/exemplars is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    expect(counted.length).toBeGreaterThan(2)
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('a county manager picks a counted visit and marks it; the whole system reads it, another system does not', async () => {
    const picks = ok(await ex<Page<ExemplarCandidate>>(M, { action: 'candidates', kind: 'visit', limit: 30 }))
    const ids = picks.items.map((c) => c.sourceId)
    expect(ids).toEqual(expect.arrayContaining(counted.map((v) => v._id)))
    expect(ids).not.toContain(pending._id)
    const visit = counted[0]
    const marked = ok(await ex<Exemplar>(M, { action: 'mark', kind: 'visit', sourceId: visit._id, ...words }))
    expect(marked).toMatchObject({
      kind: 'visit',
      sourceId: visit._id,
      title: words.title,
      cadreName: me.name,
      orgName: '城东区妇联',
      date: visit.date,
      canRemove: true
    })
    const again = ok(await ex<Page<ExemplarCandidate>>(M, { action: 'candidates', kind: 'visit', limit: 30 }))
    expect(again.items.find((c) => c.sourceId === visit._id)?.marked).toBe(true)

    for (const who of [cadre, peer, siblingCadre, siblingManager, demoAccounts.prefectureManager, demoAccounts.admin, M]) {
      const items = await feedOf(who)
      expect(items.map((i) => i.id)).toContain(marked.id)
      const item = items.find((i) => i.id === marked.id)!
      // Only the managers of the visit's unit may take it down.
      expect(item.canRemove).toBe(([M, demoAccounts.prefectureManager, demoAccounts.admin] as string[]).includes(who))
    }
    for (const who of [unionManager, unionCadre]) expect((await feedOf(who)).map((i) => i.id)).not.toContain(marked.id)
    expect(await ex('o-resident-exemplars', { action: 'feed' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })

  it('marks a diary entry and a solved demand, never an open one; the feed shows no resident’s name or phone', async () => {
    const entry = ok(
      await call<{ id: string }>(cadre, 'diary', { action: 'add', entryId: randomUUID(), text: '今天帮马大爷联系了社区医生，王大姐的电话 13900002468。' })
    )
    const demand = ok(
      await call<{ id: string }>(cadre, 'demands', {
        action: 'create',
        submissionId: randomUUID(),
        area: 'living',
        urgency: 'general',
        text: '王大姐家的暖气不热',
        contactName: '王大姐',
        contactPhone: '13900002468'
      })
    )
    expect(await ex(M, { action: 'mark', kind: 'demand', sourceId: demand.id, ...words })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await ex(M, { action: 'mark', kind: 'visit', sourceId: pending._id, ...words })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    ok(await call(cadre, 'demands', { action: 'resolve', demandId: demand.id, done: '当场联系供热公司修好了' }))
    const d = ok(
      await ex<Exemplar>(M, {
        action: 'mark',
        kind: 'demand',
        sourceId: demand.id,
        title: '当场解决暖气问题',
        summary: '干部接到诉求后当场联系供热公司，两个小时修好。'
      })
    )
    expect(d.detail).toBe('生活·立即解决')
    const e = ok(
      await ex<Exemplar>(M, { action: 'mark', kind: 'diary', sourceId: entry.id, title: '一篇好日记', summary: '记下了群众的急难愁盼，并且当天就去落实。' })
    )
    expect(e.kind).toBe('diary')
    const candidates = ok(await ex<Page<ExemplarCandidate>>(M, { action: 'candidates', kind: 'demand' }))
    expect(candidates.items.map((c) => c.sourceId)).toEqual([demand.id])
    const feedText = JSON.stringify(await feedOf(siblingCadre))
    expect(feedText).not.toMatch(/13900002468|139\*\*\*\*2468|王大姐|马大爷|暖气不热/)
    // Newest first, paged by cursor.
    const first = ok(await ex<Page<Exemplar>>(peer, { action: 'feed', limit: 2 }))
    expect(first.items.map((i) => i.id)).toEqual([e.id, d.id])
    const second = ok(await ex<Page<Exemplar>>(peer, { action: 'feed', limit: 2, cursor: first.nextCursor }))
    expect(second.items.map((i) => i.kind)).toEqual(['visit'])
    expect(second.nextCursor).toBeNull()
  })

  it('marking again replaces the words and keeps the place; others cannot mark or remove; removal is for its managers', async () => {
    const visit = counted[0]
    const before = await feedOf(peer)
    const old = before.find((i) => i.sourceId === visit._id)!
    const re = ok(
      await ex<Exemplar>(demoAccounts.admin, { action: 'mark', kind: 'visit', sourceId: visit._id, title: '新标题：走访东关', summary: words.summary })
    )
    expect(re).toMatchObject({ id: old.id, title: '新标题：走访东关', markedAt: old.markedAt, markedByName: old.markedByName })
    expect((await feedOf(peer)).map((i) => i.id)).toEqual(before.map((i) => i.id))

    const other = counted[1]
    for (const who of [siblingManager, unionManager, cadre, peer]) {
      expect(await ex(who, { action: 'mark', kind: 'visit', sourceId: other._id, ...words })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await ex(who, { action: 'unmark', exemplarId: old.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    }
    expect(
      await ex(siblingManager, { action: 'candidates', kind: 'visit' }).then((r) =>
        r.ok ? (r.data as Page<ExemplarCandidate>).items.map((c) => c.sourceId) : []
      )
    ).not.toContain(visit._id)
    expect(ok(await ex(M, { action: 'unmark', exemplarId: old.id }))).toEqual({ removed: true })
    expect(ok(await ex(M, { action: 'unmark', exemplarId: old.id }))).toEqual({ removed: false })
    expect((await feedOf(peer)).map((i) => i.id)).not.toContain(old.id)
  })

  it('bad inputs change nothing', async () => {
    const before = await count('exemplars')
    const visit = counted[2]
    for (const bad of [
      { action: 'mark', kind: 'visit', sourceId: visit._id, title: '短', summary: words.summary },
      { action: 'mark', kind: 'visit', sourceId: visit._id, title: words.title, summary: '太短了' },
      { action: 'mark', kind: 'visit', sourceId: visit._id, title: 'x'.repeat(41), summary: words.summary },
      { action: 'mark', kind: 'household', sourceId: visit._id, ...words },
      { action: 'mark', kind: 'visit', sourceId: 'no-such-visit', ...words },
      { action: 'mark', kind: 'diary', sourceId: visit._id, ...words },
      { action: 'mark', kind: 'visit', sourceId: { $ne: null }, ...words },
      { action: 'feed', cursor: 'not-a-cursor' },
      { action: 'candidates', kind: 'visit', limit: 500 }
    ]) {
      const r = await ex(M, bad)
      expect(r.ok).toBe(false)
    }
    expect(await count('exemplars')).toBe(before)
  })
})
