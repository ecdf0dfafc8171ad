/**
 * 投诉建议 through the real wx-server-sdk and the emulator: anyone sends, residents choose the
 * office (or all three), staff reach their own system's; contacts are masked for everyone but the province admin;
 * a retried submit lands once; the daily limit; unanswered first; answers reach the sender; bad inputs change nothing.
 */
import path from 'node:path'
import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { callAnonymous } from '../helpers/harness'
import { seed } from '@/scripts/seed'
import type { Reply } from '@/types/reply'
import type { Feedback } from '@/types/api/feedback'
import { scaled } from '../helpers/time-scale'

jest.setTimeout(scaled(90000))

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')
const womenAdmin = 'demo-women-admin'
const unionAdmin = 'demo-union-admin'
const leagueAdmin = 'demo-league-admin'
const cadre = 'demo-women-xining-chengdong-cadre-1'
const county = 'demo-women-xining-chengdong-manager'
const resident = (tag: string) => `o-fb-${tag}-${randomUUID().slice(0, 8)}`

describe('feedback function: 投诉建议', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>
  const fb = <T>(openid: string | null, data: Record<string, unknown>) => callAs<T>(emu.url, openid, 'feedback', data)
  const ok = <T>(r: Reply<T>): T => {
    if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`)
    return r.data
  }
  const count = async (where: Record<string, unknown> = {}) => ((await db.collection('feedback').where(where).count()) as { total: number }).total
  const submit = (openid: string, extra: Record<string, unknown> = {}) =>
    fb<Feedback>(openid, { action: 'submit', submissionId: randomUUID(), kind: 'complaint', text: '村口的路灯坏了好久没人管', ...extra })
  const list = async (admin: string, status = 'unanswered') => {
    const out: Feedback[] = []
    let cursor: string | null = null
    do {
      const page: { items: Feedback[]; nextCursor: string | null } = ok(await fb(admin, { action: 'list', status, limit: 2, ...(cursor ? { cursor } : {}) }))
      out.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    return out
  }

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'feedback', 'index.js')))
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts`')
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
    db = loadSdk(emu.url).database()
  })
  afterAll(() => emu?.stop())

  it('routes to the chosen office or to all three, staff to their own system; contacts clear only for the admin', async () => {
    const r1 = resident('a')
    const toWomen = ok(await submit(r1, { to: 'women', contactName: '马大姐', contactPhone: '13912345678' }))
    expect(toWomen).toMatchObject({ to: 'women', from: '群众', contact: { name: '马大姐', phone: '139****5678', masked: true }, answer: null })
    const toAll = ok(await submit(resident('b'), { kind: 'suggestion', text: '小程序的字可以再大一点' }))
    expect(toAll.to).toBe('all')
    // a cadre's goes to their own system whatever they pick
    const fromCadre = ok(await submit(cadre, { to: 'union', text: '希望减少重复填报的表格' }))
    expect(fromCadre).toMatchObject({ to: 'women', from: '城东区妇联 干部' })

    const women = await list(womenAdmin)
    expect(women.map((f) => f.id)).toEqual([toWomen.id, toAll.id, fromCadre.id])
    expect(women[0].contact).toEqual({ name: '马大姐', phone: '13912345678', masked: false })
    expect((await list(unionAdmin)).map((f) => f.id)).toEqual([toAll.id])
    expect((await list(leagueAdmin)).map((f) => f.id)).toEqual([toAll.id])
    // the sender sees their own, masked; nobody else's
    const mine = ok(await fb<{ items: Feedback[] }>(r1, { action: 'listMine' }))
    expect(mine.items.map((f) => f.id)).toEqual([toWomen.id])
    expect(JSON.stringify(mine)).not.toContain('13912345678')
    expect(JSON.stringify(await count())).toBe('3')
    const stored = ((await db.collection('feedback').limit(10).get()) as { data: Record<string, unknown>[] }).data
    expect(JSON.stringify(stored)).not.toContain(r1)
  })

  it('lets only the province admin list and answer; the answer reaches the sender and moves it to answered', async () => {
    const r = resident('ans')
    const f = ok(await submit(r, { to: 'women' }))
    for (const who of [county, cadre, r, unionAdmin]) {
      const out = await fb(who, { action: 'answer', feedbackId: f.id, text: '已转城东区妇联处理' })
      expect(out).toMatchObject({ ok: false, code: who === unionAdmin ? 'NOT_FOUND' : 'FORBIDDEN' })
    }
    for (const who of [county, cadre, r]) expect(await fb(who, { action: 'list' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect((await callAnonymous(loadSdk(emu.url), 'feedback', { action: 'listMine' })).reply).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })

    const answered = ok(await fb<Feedback>(womenAdmin, { action: 'answer', feedbackId: f.id, text: '已转城东区妇联处理，三天内回复您' }))
    expect(answered.answer).toMatchObject({ text: '已转城东区妇联处理，三天内回复您', system: 'women' })
    expect(await fb(womenAdmin, { action: 'answer', feedbackId: f.id, text: '再答一次' })).toMatchObject({ ok: false, code: 'CONFLICT' })
    expect((await list(womenAdmin)).map((x) => x.id)).not.toContain(f.id)
    expect((await list(womenAdmin, 'answered'))[0].id).toBe(f.id)
    const mine = ok(await fb<{ items: Feedback[] }>(r, { action: 'listMine' }))
    expect(mine.items[0].answer).toMatchObject({ text: '已转城东区妇联处理，三天内回复您' })

    // one addressed to all is answered once, by whichever office takes it
    const all = ok(await submit(resident('all'), {}))
    ok(await fb(unionAdmin, { action: 'answer', feedbackId: all.id, text: '工会已收到' }))
    expect(await fb(womenAdmin, { action: 'answer', feedbackId: all.id, text: '妇联也来答' })).toMatchObject({ ok: false, code: 'CONFLICT' })
  })

  it('lands a retried submit once and limits each account to 5 a day', async () => {
    const r = resident('limit')
    const submissionId = randomUUID()
    const twice = await Promise.all([submit(r, { submissionId }), submit(r, { submissionId })])
    expect(twice.every((x) => x.ok)).toBe(true)
    expect(await count({ _id: ok(twice[0]).id })).toBe(1)
    for (let i = 0; i < 4; i++) ok(await submit(r))
    expect(await submit(r)).toMatchObject({ ok: false, code: 'RATE_LIMITED' })
    expect(ok(await fb<{ items: Feedback[] }>(r, { action: 'listMine' })).items).toHaveLength(5)
    // A page cursor the list did not make is refused in words, as on every list.
    expect(await fb(r, { action: 'listMine', cursor: 'bm9wZQ' })).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: '翻页参数不对，请从第一页重新加载' })
  })

  it('changes nothing on bad input', async () => {
    const before = await count()
    const r = resident('bad')
    for (const bad of [
      { kind: 'praise' },
      { text: '短' },
      { text: 'x'.repeat(501) },
      { to: 'everyone' },
      { contactPhone: '12345' },
      { submissionId: 'x' },
      { text: { $gt: '' } }
    ]) {
      expect(await submit(r, bad)).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(await fb(womenAdmin, { action: 'answer', feedbackId: 'fb_nope', text: '答复' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await fb(womenAdmin, { action: 'answer', feedbackId: 'fb_nope', text: '' })).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(await count()).toBe(before)
  })
})
