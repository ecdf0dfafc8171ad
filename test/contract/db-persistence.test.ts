import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'

/** Acknowledged writes survive a graceful restart and a kill -9 of the emulator process. */

type One = { data: Record<string, any> }

describe('database persistence', () => {
  let emu: TestEmulator | undefined
  afterEach(async () => {
    await emu?.stop()
    emu = undefined
  })

  const connect = (e: TestEmulator) => loadSdk(e.url).database()

  it('keeps every acknowledged write across a graceful restart and a kill -9', async () => {
    emu = await startEmulator()
    const dataDir = emu.dataDir
    let db = connect(emu)
    const _ = db.command
    await db.createCollection('p_items')
    await db.collection('p_items').add({ data: { _id: 'a', n: 1, at: new Date(1000) } })
    await db.collection('users').add({ data: { _id: 'pu1', openid: 'o-persist', orgId: 'org-1', role: 'cadre' } })

    await emu.stop()
    emu = await startEmulator({ dataDir })
    db = connect(emu)
    expect(((await db.collection('p_items').doc('a').get()) as One).data).toEqual({ _id: 'a', n: 1, at: new Date(1000) })

    // Writes right before a hard kill: every acknowledged one must be there afterwards.
    await db
      .collection('p_items')
      .doc('a')
      .update({ data: { n: _.inc(1) } })
    const ids: string[] = []
    for (let i = 0; i < 20; i++) ids.push(((await db.collection('p_items').add({ data: { i } })) as { _id: string })._id)
    await db
      .collection('users')
      .doc('pu1')
      .update({ data: { role: 'manager' } })
    await db.runTransaction(async (t: any) => {
      await t.collection('p_items').add({ data: { _id: 'from-tx' } })
    })
    await emu.kill9()

    emu = await startEmulator({ dataDir })
    db = connect(emu)
    expect(((await db.collection('p_items').doc('a').get()) as One).data.n).toBe(2)
    expect(
      (
        (await db
          .collection('p_items')
          .where({ i: db.command.exists(true) })
          .count()) as { total: number }
      ).total
    ).toBe(20)
    const list = (await db
      .collection('p_items')
      .where({ _id: db.command.in(ids) })
      .limit(100)
      .get()) as { data: any[] }
    expect(list.data).toHaveLength(20)
    await db.collection('p_items').doc('from-tx').get()
    // Indexes came back too: the unique index still holds and the org index serves the query.
    expect(((await db.collection('users').where({ orgId: 'org-1', role: 'manager' }).get()) as { data: any[] }).data).toHaveLength(1)
    await expect(db.collection('users').add({ data: { openid: 'o-persist' } })).rejects.toThrow(/openid_unique/)
  })
})
