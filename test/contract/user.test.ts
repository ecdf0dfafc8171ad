import path from 'node:path'
import { existsSync } from 'node:fs'
import { startEmulator, type TestEmulator } from '../helpers/emulator'
import { callAs } from '../helpers/gateway'
import { seed } from '@/scripts/seed'
import { buildDemoData, demoAccounts } from '@/scripts/seed/demo-data'
import { Me } from '@/types/models'

const functionsDir = path.resolve(__dirname, '../../build/cloudfunctions')

describe('user function through the real wx-server-sdk', () => {
  let emu: TestEmulator
  const demo = buildDemoData()

  beforeAll(async () => {
    if (!existsSync(path.join(functionsDir, 'user', 'index.js'))) {
      throw new Error('build/cloudfunctions is missing: run `npx tsx scripts/build-functions.ts` (npm test does)')
    }
    emu = await startEmulator({ args: ['--functions', functionsDir, '--no-timers'] })
    await seed(emu.url)
  })
  afterAll(() => emu?.stop())

  it('tells a cadre who they are, with their organisation and 两联 from the database', async () => {
    const reply = await callAs(emu.url, demoAccounts.cadre, 'user', { action: 'me' })
    expect(reply.ok).toBe(true)
    if (!reply.ok) return
    const me = Me.parse(reply.data)
    const user = demo.users.find((u) => u.openid === demoAccounts.cadre)!
    expect(me.name).toBe(user.name)
    expect(me.role).toBe('cadre')
    expect(me.org?.pathNames).toEqual(['青海省妇联', '西宁市妇联', '城东区妇联'])
    const points = demo.liaisonPoints.filter((p) => p.cadreId === user._id)
    expect(me.liaisonPoints.map((p) => p.id).sort()).toEqual(points.map((p) => p._id).sort())
    expect(me.contactCount).toBe(demo.contacts.filter((c) => c.cadreId === user._id).length)
  })

  it('answers each caller on a warm instance with their own identity', async () => {
    const [a, b] = [demoAccounts.countyManager, demoAccounts.cadreIncomplete]
    const first = await callAs<{ name: string; role: string; contactCount: number }>(emu.url, a, 'user', { action: 'me' })
    const second = await callAs<{ name: string; role: string; contactCount: number }>(emu.url, b, 'user', { action: 'me' })
    expect(first.ok && first.data.role).toBe('manager')
    expect(second.ok && second.data.role).toBe('cadre')
    expect(second.ok && second.data.contactCount).toBe(0)
  })

  it('treats anyone not bound as a resident', async () => {
    const reply = await callAs(emu.url, 'o-someone-new', 'user', { action: 'me' })
    expect(reply).toEqual({ ok: true, data: { name: '群众', role: 'resident', org: null, liaisonPoints: [], contactCount: 0 } })
  })

  it('refuses an unknown action and says which exist', async () => {
    const reply = await callAs(emu.url, demoAccounts.cadre, 'user', { action: 'dropTables' })
    expect(reply).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(!reply.ok && reply.message).toContain('me')
  })

  it('refuses a call with no identity', async () => {
    // An outside SDK call carries no OPENID, like a server-to-server call in the cloud.
    const { loadSdk } = await import('../helpers/emulator')
    const cloud = loadSdk(emu.url)
    const res = (await cloud.callFunction({ name: 'user', data: { action: 'me' } })) as { result: unknown }
    expect(res.result).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it('reads through indexes: examined documents stay close to returned ones', async () => {
    const before = (await (await fetch(`${emu.url}/__/metrics`)).json()) as { docsExamined: number; docsReturned: number }
    await callAs(emu.url, demoAccounts.cadre, 'user', { action: 'me' })
    const after = (await (await fetch(`${emu.url}/__/metrics`)).json()) as { docsExamined: number; docsReturned: number; dbOps: number }
    const examined = after.docsExamined - before.docsExamined
    const returned = after.docsReturned - before.docsReturned
    // user by openid (1) + org (1) + points (2) returned; the contact count examines the cadre's 2 contacts.
    expect(returned).toBeGreaterThan(0)
    expect(examined).toBeLessThanOrEqual(returned + 4)
  })
})
