import { startEmulator, loadSdk, type TestEmulator } from '../helpers/emulator'

/** A manager's cadre list: equality on an array field (orgPath), ordered by _id, one page at a time. */
describe('ordered walks on a multikey index', () => {
  let emu: TestEmulator
  let db: ReturnType<ReturnType<typeof loadSdk>['database']>

  beforeAll(async () => {
    emu = await startEmulator()
    db = loadSdk(emu.url).database()
    const path = ['org-a', 'org-a-1', 'org-a-1-x']
    await db.collection('users').add({
      data: Array.from({ length: 300 }, (_, i) => ({
        openid: `mk-${i}`,
        name: `c${i}`,
        role: i % 10 === 0 ? 'manager' : 'cadre',
        orgId: path[2],
        orgPath: path
      }))
    })
  })
  afterAll(() => emu?.stop())

  const metrics = async () => (await (await fetch(`${emu.url}/__/metrics`)).json()) as { docsExamined: number }

  it('pages by _id examining about a page, and pages never overlap', async () => {
    const _ = db.command
    const before = await metrics()
    const first = (await db.collection('users').where({ orgPath: 'org-a-1', role: 'cadre' }).orderBy('_id', 'asc').limit(21).get()) as unknown as {
      data: { _id: string; role: string }[]
    }
    const last = first.data[20]._id
    const second = (await db
      .collection('users')
      .where({ orgPath: 'org-a-1', role: 'cadre', _id: _.gt(last) })
      .orderBy('_id', 'asc')
      .limit(21)
      .get()) as unknown as { data: { _id: string }[] }
    const after = await metrics()
    expect(first.data).toHaveLength(21)
    expect(first.data.every((d) => d.role === 'cadre')).toBe(true)
    const ids = [...first.data, ...second.data].map((d) => d._id)
    expect([...ids].sort()).toEqual(ids)
    expect(new Set(ids).size).toBe(ids.length)
    expect(after.docsExamined - before.docsExamined).toBeLessThanOrEqual(42 + 4)
  })
})
