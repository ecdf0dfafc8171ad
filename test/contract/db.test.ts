import { loadSdk, startEmulator, type TestEmulator } from '../helpers/emulator'

/**
 * The emulator's database driven by the real, unmodified wx-server-sdk: every call below goes over
 * HTTP exactly as it would to CloudBase.
 */

type Cloud = ReturnType<typeof loadSdk>
type Db = ReturnType<Cloud['database']>

interface Metrics {
  dbOps: number
  docsExamined: number
  docsReturned: number
  keysExamined: number
}

async function metrics(url: string): Promise<Metrics> {
  return (await (await fetch(`${url}/__/metrics`)).json()) as Metrics
}

/** What the calls inside fn cost, from the emulator's cumulative totals. */
async function measure(url: string, fn: () => Promise<unknown>): Promise<Metrics> {
  const before = await metrics(url)
  await fn()
  const after = await metrics(url)
  return {
    dbOps: after.dbOps - before.dbOps,
    docsExamined: after.docsExamined - before.docsExamined,
    docsReturned: after.docsReturned - before.docsReturned,
    keysExamined: after.keysExamined - before.keysExamined
  }
}

// wx-server-sdk results are loosely typed unions; the tests read them as these shapes.
type Docs<T = Record<string, any>> = { data: T[] }
type One<T = Record<string, any>> = { data: T }

let emu: TestEmulator
let db: Db
let _: Db['command']
let $: any

beforeAll(async () => {
  emu = await startEmulator()
  const cloud = loadSdk(emu.url)
  db = cloud.database()
  _ = db.command
  $ = db.command.aggregate
})
afterAll(() => emu?.stop())

async function freshCollection(name: string) {
  await db.createCollection(name)
  return db.collection(name)
}

describe('collections', () => {
  it('refuses an unknown collection with DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    await expect(db.collection('no_such_thing').get()).rejects.toMatchObject({ errCode: -502005 })
    await expect(db.collection('no_such_thing').add({ data: { a: 1 } })).rejects.toMatchObject({ errCode: -502005 })
  })

  it('creates a collection with createCollection and refuses to create it twice', async () => {
    const c = await freshCollection('c_created')
    expect(((await c.get()) as Docs).data).toEqual([])
    await expect(db.createCollection('c_created')).rejects.toThrow(/already exists|已存在/)
  })
})

describe('add / get / doc().get', () => {
  let c: ReturnType<Db['collection']>
  beforeAll(async () => {
    c = await freshCollection('c_basic')
  })

  it('adds with a generated 32-hex _id and reads it back by doc(id) and where', async () => {
    const res = (await c.add({ data: { name: '张三', n: 1, nested: { a: { b: 'x' } }, tags: ['a', 'b'] } })) as { _id: string }
    expect(res._id).toMatch(/^[0-9a-f]{32}$/)
    const one = (await c.doc(res._id).get()) as One
    expect(one.data).toEqual({ _id: res._id, name: '张三', n: 1, nested: { a: { b: 'x' } }, tags: ['a', 'b'] })
    const list = (await c.where({ name: '张三' }).get()) as Docs
    expect(list.data.map((d) => d._id)).toEqual([res._id])
  })

  it('keeps a given _id and refuses a duplicate _id', async () => {
    await c.add({ data: { _id: 'fixed-1', v: 1 } })
    expect(((await c.doc('fixed-1').get()) as One).data.v).toBe(1)
    await expect(c.add({ data: { _id: 'fixed-1', v: 2 } })).rejects.toMatchObject({ errCode: -502001 })
    await expect(c.add({ data: { _id: 'fixed-1', v: 2 } })).rejects.toThrow(/E11000 duplicate key/)
    expect(((await c.doc('fixed-1').get()) as One).data.v).toBe(1)
  })

  it('adds several documents in one call', async () => {
    const res = (await c.add({ data: [{ batch: 1 }, { batch: 2 }] as any })) as unknown as { _ids?: string[]; ids?: string[] }
    const ids = res._ids ?? res.ids
    expect(ids).toHaveLength(2)
    expect(((await c.where({ batch: _.exists(true) }).count()) as { total: number }).total).toBe(2)
  })

  it('doc(id).get() of a missing document fails as in the cloud', async () => {
    await expect(c.doc('missing-id').get()).rejects.toThrow(/does not exist/)
  })

  it('round-trips Dates and db.serverDate() as Date', async () => {
    const when = new Date('2024-05-01T08:00:00.123Z')
    const before = Date.now()
    const { _id } = (await c.add({
      data: { when, at: db.serverDate(), later: (db.serverDate as (o: { offset: number }) => unknown)({ offset: 60_000 }), list: [when] }
    })) as { _id: string }
    const after = Date.now()
    const d = ((await c.doc(_id).get()) as One).data
    expect(d.when).toBeInstanceOf(Date)
    expect(d.when.getTime()).toBe(when.getTime())
    expect(d.list[0]).toBeInstanceOf(Date)
    expect(d.at).toBeInstanceOf(Date)
    expect(d.at.getTime()).toBeGreaterThanOrEqual(before)
    expect(d.at.getTime()).toBeLessThanOrEqual(after)
    expect(d.later.getTime() - d.at.getTime()).toBeGreaterThanOrEqual(59_000)
    // Dates compare as dates in queries.
    const hits = (await c.where({ when: _.gte(new Date('2024-01-01')).and(_.lt(new Date('2025-01-01'))) }).get()) as Docs
    expect(hits.data.map((x) => x._id)).toEqual([_id])
    // serverDate in an update too.
    await c.doc(_id).update({ data: { touched: db.serverDate() } })
    expect(((await c.doc(_id).get()) as One).data.touched).toBeInstanceOf(Date)
  })
})

describe('where with every command operator family', () => {
  let c: ReturnType<Db['collection']>
  const people = [
    { _id: 'p1', name: 'Alice', age: 30, city: '西宁', tags: ['a', 'b'], profile: { level: 3, org: { id: 'o1' } }, scores: [1, 5] },
    { _id: 'p2', name: 'Bob', age: 25, city: '海东', tags: ['b'], profile: { level: 1, org: { id: 'o2' } }, scores: [7] },
    { _id: 'p3', name: 'carol', age: 35, city: '西宁', tags: [], profile: { level: 2, org: { id: 'o1' } } },
    { _id: 'p4', name: 'Dave', age: null, city: '玉树', tags: ['c'], profile: { level: 5 } },
    { _id: 'p5', name: 'Eve', city: '西宁', profile: {} }
  ]
  const ids = async (q: any) => ((await c.where(q).orderBy('_id', 'asc').get()) as Docs).data.map((d) => d._id)

  beforeAll(async () => {
    c = await freshCollection('c_people')
    await c.add({ data: people as any })
  })

  it('eq / neq / gt / gte / lt / lte', async () => {
    expect(await ids({ age: _.eq(30) })).toEqual(['p1'])
    expect(await ids({ age: 30 })).toEqual(['p1'])
    expect(await ids({ city: _.neq('西宁') })).toEqual(['p2', 'p4'])
    expect(await ids({ age: _.gt(25) })).toEqual(['p1', 'p3'])
    expect(await ids({ age: _.gte(25) })).toEqual(['p1', 'p2', 'p3'])
    expect(await ids({ age: _.lt(30) })).toEqual(['p2'])
    expect(await ids({ age: _.lte(30) })).toEqual(['p1', 'p2'])
  })

  it('in / nin', async () => {
    expect(await ids({ city: _.in(['海东', '玉树']) })).toEqual(['p2', 'p4'])
    expect(await ids({ city: _.nin(['西宁']) })).toEqual(['p2', 'p4'])
  })

  it('and / or (field level and top level)', async () => {
    expect(await ids({ age: _.gt(20).and(_.lt(32)) })).toEqual(['p1', 'p2'])
    expect(await ids({ age: _.and(_.gt(20), _.lt(32)) })).toEqual(['p1', 'p2'])
    expect(await ids({ age: _.lt(26).or(_.gt(33)) })).toEqual(['p2', 'p3'])
    expect(await ids(_.or([{ city: '海东' }, { name: 'Dave' }]))).toEqual(['p2', 'p4'])
    expect(await ids(_.and([{ city: '西宁' }, { age: _.gt(30) }]))).toEqual(['p3'])
  })

  it('exists and null', async () => {
    expect(await ids({ age: _.exists(false) })).toEqual(['p5'])
    expect(await ids({ age: _.exists(true) })).toEqual(['p1', 'p2', 'p3', 'p4'])
    expect(await ids({ age: null })).toEqual(['p4', 'p5'])
  })

  it('nested fields (object form and dot paths)', async () => {
    expect(await ids({ profile: { level: 3 } })).toEqual(['p1'])
    expect(await ids({ 'profile.level': _.gte(2) })).toEqual(['p1', 'p3', 'p4'])
    expect(await ids({ profile: { org: { id: 'o1' } } })).toEqual(['p1', 'p3'])
  })

  it('db.RegExp and JS regular expressions', async () => {
    expect(await ids({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) })).toEqual(['p1', 'p2', 'p3'])
    expect(await ids({ name: /^Da/ })).toEqual(['p4'])
    expect(await ids({ name: /e$/ })).toEqual(['p1', 'p4', 'p5'])
  })

  it('arrays: element match, all, size, elemMatch', async () => {
    expect(await ids({ tags: 'b' })).toEqual(['p1', 'p2'])
    expect(await ids({ tags: _.all(['a', 'b']) })).toEqual(['p1'])
    expect(await ids({ tags: _.size(0) })).toEqual(['p3'])
    // (the SDK cannot serialize a combined command inside elemMatch, so one operator here)
    expect(await ids({ scores: _.elemMatch(_.gt(6)) })).toEqual(['p2'])
    expect(await ids({ 'tags.0': 'b' })).toEqual(['p2'])
  })

  it('orderBy / skip / limit / field', async () => {
    const res = (await c
      .where({ age: _.exists(true) })
      .orderBy('age', 'desc')
      .skip(1)
      .limit(2)
      .field({ name: true })
      .get()) as Docs
    expect(res.data).toEqual([
      { _id: 'p1', name: 'Alice' },
      { _id: 'p2', name: 'Bob' }
    ])
    const two = (await c.orderBy('city', 'asc').orderBy('name', 'desc').field({ city: true, name: true, _id: false }).get()) as Docs
    // Strings order by UTF-16 code unit: 海 < 玉 < 西, and 'c' > 'E' > 'A'.
    expect(two.data.map((d) => `${d.city}/${d.name}`)).toEqual(['海东/Bob', '玉树/Dave', '西宁/carol', '西宁/Eve', '西宁/Alice'])
    expect(two.data[0]).not.toHaveProperty('_id')
  })

  it('count', async () => {
    expect(((await c.count()) as { total: number }).total).toBe(5)
    expect(((await c.where({ city: '西宁' }).count()) as { total: number }).total).toBe(3)
  })
})

describe('updates', () => {
  let c: ReturnType<Db['collection']>
  beforeAll(async () => {
    c = await freshCollection('c_updates')
  })

  it('doc().update with inc / set / remove / push / pull / addToSet / mul and plain nested fields', async () => {
    await c.add({ data: { _id: 'u1', n: 1, m: 3, obj: { a: 1, b: 2 }, list: [1, 2, 3, 2], set: ['x'], gone: true, keep: 'k' } })
    const res = (await c.doc('u1').update({
      data: {
        n: _.inc(2),
        m: _.mul(4),
        obj: { a: 9 },
        whole: _.set({ fresh: 1 }),
        gone: _.remove(),
        list: _.pull(2),
        set: _.addToSet('x'),
        pushed: _.push(['p', 'q'])
      }
    })) as { stats: { updated: number } }
    expect(res.stats.updated).toBe(1)
    const d = ((await c.doc('u1').get()) as One).data
    expect(d).toEqual({
      _id: 'u1',
      n: 3,
      m: 12,
      obj: { a: 9, b: 2 },
      whole: { fresh: 1 },
      list: [1, 3],
      set: ['x'],
      pushed: ['p', 'q'],
      keep: 'k'
    })
    await c.doc('u1').update({ data: { set: _.addToSet('y'), pushed: _.push('r') } })
    const d2 = ((await c.doc('u1').get()) as One).data
    expect(d2.set).toEqual(['x', 'y'])
    expect(d2.pushed).toEqual(['p', 'q', 'r'])
  })

  it('doc().update of a missing document updates nothing', async () => {
    const res = (await c.doc('nobody').update({ data: { a: 1 } })) as { stats: { updated: number } }
    expect(res.stats.updated).toBe(0)
  })

  it('where().update updates every match; where().remove removes every match', async () => {
    await c.add({ data: [1, 2, 3, 4].map((i) => ({ group: 'g', i, done: false })) as any })
    const up = (await c.where({ group: 'g', i: _.gte(3) }).update({ data: { done: true } })) as { stats: { updated: number } }
    expect(up.stats.updated).toBe(2)
    expect(((await c.where({ group: 'g', done: true }).count()) as { total: number }).total).toBe(2)
    const rm = (await c.where({ group: 'g', done: false }).remove()) as { stats: { removed: number } }
    expect(rm.stats.removed).toBe(2)
    expect(((await c.where({ group: 'g' }).count()) as { total: number }).total).toBe(2)
  })

  it('set() replaces a document and upserts a missing one', async () => {
    await c.add({ data: { _id: 's1', a: 1, b: 2 } })
    const replaced = (await c.doc('s1').set({ data: { c: 3 } })) as { stats: { updated: number; created: number } }
    expect(replaced.stats).toMatchObject({ updated: 1, created: 0 })
    expect(((await c.doc('s1').get()) as One).data).toEqual({ _id: 's1', c: 3 })
    const created = (await c.doc('s2').set({ data: { fresh: true, at: new Date(0) } })) as { _id: string; stats: { updated: number; created: number } }
    expect(created.stats).toMatchObject({ updated: 0, created: 1 })
    expect(created._id).toBe('s2')
    const d = ((await c.doc('s2').get()) as One).data
    expect(d).toEqual({ _id: 's2', fresh: true, at: new Date(0) })
  })

  it('doc().remove removes one document', async () => {
    await c.add({ data: { _id: 'r1' } })
    const res = (await c.doc('r1').remove()) as { stats: { removed: number } }
    expect(res.stats.removed).toBe(1)
    await expect(c.doc('r1').get()).rejects.toThrow(/does not exist/)
    expect(((await c.doc('r1').remove()) as { stats: { removed: number } }).stats.removed).toBe(0)
  })

  it('refuses a bad update cleanly and stays up', async () => {
    await c.add({ data: { _id: 'bad', s: 'text' } })
    await expect(c.doc('bad').update({ data: { s: _.inc(1) } })).rejects.toMatchObject({ errCode: -502001 })
    expect(((await c.doc('bad').get()) as One).data.s).toBe('text')
  })
})

describe('aggregate', () => {
  beforeAll(async () => {
    const orgs = await freshCollection('c_agg_orgs')
    const visits = await freshCollection('c_agg_visits')
    await orgs.add({
      data: [
        { _id: 'o1', name: '城东区妇联' },
        { _id: 'o2', name: '城西区团委' }
      ] as any
    })
    await visits.add({
      data: [
        { orgId: 'o1', kind: '座谈会', people: 10, tags: ['就业', '住房'] },
        { orgId: 'o1', kind: '上门走访', people: 2, tags: ['医疗'] },
        { orgId: 'o2', kind: '上门走访', people: 1, tags: [] },
        { orgId: 'o1', kind: '上门走访', people: 3, tags: ['上学'] },
        { orgId: 'o2', kind: '实地考察', people: 5, tags: ['就业'] }
      ] as any
    })
  })

  it('$match $group $sort $project $lookup $limit $skip', async () => {
    const res = (await db
      .collection('c_agg_visits')
      .aggregate()
      .match({ people: _.gt(1) })
      .group({ _id: '$orgId', visits: $.sum(1), people: $.sum('$people') })
      .sort({ people: -1 })
      .lookup({ from: 'c_agg_orgs', localField: '_id', foreignField: '_id', as: 'org' })
      .project({ _id: 0, orgId: '$_id', visits: 1, people: 1, name: $.arrayElemAt(['$org.name', 0]) })
      .skip(0)
      .limit(10)
      .end()) as { list: any[] }
    expect(res.list).toEqual([
      { orgId: 'o1', visits: 3, people: 15, name: '城东区妇联' },
      { orgId: 'o2', visits: 1, people: 5, name: '城西区团委' }
    ])
  })

  it('$unwind and $count', async () => {
    const res = (await db
      .collection('c_agg_visits')
      .aggregate()
      .unwind('$tags')
      .group({ _id: '$tags', n: $.sum(1) })
      .sort({ n: -1, _id: 1 })
      .limit(1)
      .end()) as { list: any[] }
    expect(res.list).toEqual([{ _id: '就业', n: 2 }])
    const counted = (await db.collection('c_agg_visits').aggregate().match({ kind: '上门走访' }).count('n').end()) as { list: any[] }
    expect(counted.list).toEqual([{ n: 3 }])
    const skipped = (await db.collection('c_agg_visits').aggregate().sort({ people: 1 }).skip(3).project({ _id: 0, people: 1 }).end()) as { list: any[] }
    expect(skipped.list).toEqual([{ people: 5 }, { people: 10 }])
  })
})

describe('limits', () => {
  it('returns 100 by default and at most 1000', async () => {
    const c = await freshCollection('c_limits')
    const batch = (from: number) => Array.from({ length: 350 }, (_x, i) => ({ i: from + i }))
    for (let k = 0; k < 3; k++) await c.add({ data: batch(k * 350) as any })
    await c.add({ data: Array.from({ length: 100 }, (_x, i) => ({ i: 1050 + i })) as any })
    expect(((await c.count()) as { total: number }).total).toBe(1150)
    expect(((await c.get()) as Docs).data).toHaveLength(100)
    expect(((await c.limit(1000).get()) as Docs).data).toHaveLength(1000)
    expect(((await c.limit(5000).get()) as Docs).data).toHaveLength(1000)
    const page = (await c.orderBy('i', 'asc').skip(1100).limit(1000).get()) as Docs
    expect(page.data.map((d) => d.i)).toEqual(Array.from({ length: 50 }, (_x, i) => 1100 + i))
  })
})

describe('unique index (users.openid_unique from types/database.ts)', () => {
  it('refuses a second user with the same openid, on add, update and set', async () => {
    const users = db.collection('users')
    await users.add({ data: { _id: 'u-a', openid: 'o-dup', name: 'A' } })
    await users.add({ data: { _id: 'u-b', openid: 'o-other', name: 'B' } })
    await expect(users.add({ data: { openid: 'o-dup', name: 'copy' } })).rejects.toThrow(/E11000.*openid_unique.*o-dup/)
    await expect(users.doc('u-b').update({ data: { openid: 'o-dup' } })).rejects.toThrow(/openid_unique/)
    await expect(users.doc('u-c').set({ data: { openid: 'o-dup' } })).rejects.toThrow(/openid_unique/)
    expect(((await users.where({ openid: 'o-dup' }).count()) as { total: number }).total).toBe(1)
    expect(((await users.doc('u-b').get()) as One).data.openid).toBe('o-other')
    await expect(users.doc('u-c').get()).rejects.toThrow(/does not exist/)
  })

  it('treats a missing field as null: two users without openid conflict', async () => {
    const users = db.collection('users')
    await users.add({ data: { _id: 'no-openid-1', name: 'first' } })
    await expect(users.add({ data: { _id: 'no-openid-2', name: 'second' } })).rejects.toThrow(/openid_unique/)
    await users.doc('no-openid-1').remove()
  })
})

describe('transactions', () => {
  it('commits: reads its own writes inside, everything visible after', async () => {
    const c = await freshCollection('c_tx')
    await c.add({ data: { _id: 'acc-a', balance: 100 } })
    await c.add({ data: { _id: 'acc-b', balance: 0 } })
    const result = await db.runTransaction(async (t: any) => {
      const a = (await t.collection('c_tx').doc('acc-a').get()).data
      await t
        .collection('c_tx')
        .doc('acc-a')
        .update({ data: { balance: _.inc(-30) } })
      await t
        .collection('c_tx')
        .doc('acc-b')
        .update({ data: { balance: _.inc(30) } })
      await t.collection('c_tx').add({ data: { _id: 'log-1', amount: 30 } })
      const inside = (await t.collection('c_tx').doc('acc-a').get()).data
      const log = (await t.collection('c_tx').doc('log-1').get()).data
      // Outside the transaction nothing is visible yet.
      const outside = ((await c.doc('acc-a').get()) as One).data
      return { before: a.balance, inside: inside.balance, log: log.amount, outside: outside.balance }
    })
    expect(result).toEqual({ before: 100, inside: 70, log: 30, outside: 100 })
    expect(((await c.doc('acc-a').get()) as One).data.balance).toBe(70)
    expect(((await c.doc('acc-b').get()) as One).data.balance).toBe(30)
    expect(((await c.doc('log-1').get()) as One).data.amount).toBe(30)
  })

  it('aborts: nothing written', async () => {
    const c = db.collection('c_tx')
    await expect(
      db.runTransaction(async (t: any) => {
        await t
          .collection('c_tx')
          .doc('acc-a')
          .update({ data: { balance: _.inc(-1000) } })
        await t.collection('c_tx').add({ data: { _id: 'log-aborted' } })
        await t.rollback('insufficient funds')
      })
    ).rejects.toBe('insufficient funds')
    expect(((await c.doc('acc-a').get()) as One).data.balance).toBe(70)
    await expect(c.doc('log-aborted').get()).rejects.toThrow(/does not exist/)
  })

  it('a unique violation at commit aborts the whole transaction', async () => {
    await db.collection('users').add({ data: { _id: 'tx-u1', openid: 'o-tx' } })
    await expect(
      db.runTransaction(async (t: any) => {
        await t
          .collection('c_tx')
          .doc('acc-b')
          .update({ data: { balance: _.inc(1) } })
        await t.collection('users').add({ data: { _id: 'tx-u2', openid: 'o-tx' } })
      })
    ).rejects.toThrow(/openid_unique/)
    expect(((await db.collection('c_tx').doc('acc-b').get()) as One).data.balance).toBe(30)
    await expect(db.collection('users').doc('tx-u2').get()).rejects.toThrow(/does not exist/)
  })

  it('two concurrent increments conflict, one retries, the counter ends at exactly 2', async () => {
    const c = await freshCollection('c_counter')
    await c.add({ data: { _id: 'counter', n: 0 } })
    let arrived = 0
    let release!: () => void
    const bothRead = new Promise<void>((r) => (release = r))
    let runs = 0
    const increment = () =>
      db.runTransaction(async (t: any) => {
        runs++
        const { data } = await t.collection('c_counter').doc('counter').get()
        if (++arrived === 2) release()
        await bothRead // both transactions have read n = 0 before either writes
        await t
          .collection('c_counter')
          .doc('counter')
          .update({ data: { n: data.n + 1 } })
        return data.n
      })
    const seen = await Promise.all([increment(), increment()])
    expect(((await c.doc('counter').get()) as One).data.n).toBe(2)
    expect(runs).toBe(3)
    expect(seen.sort()).toEqual([0, 1])
  })

  it('a write outside the transaction to a document it read makes the commit conflict', async () => {
    const c = db.collection('c_counter')
    const t = await db.startTransaction()
    await t.collection('c_counter').doc('counter').get()
    await c.doc('counter').update({ data: { n: _.inc(10) } })
    await t
      .collection('c_counter')
      .doc('counter')
      .update({ data: { n: 0 } })
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(((await c.doc('counter').get()) as One).data.n).toBe(12)
    // The transaction is finished: committing again is a clear error.
    await expect(t.commit()).rejects.toThrow(/does not exist|finished/)
  })
})

describe('metrics and indexes', () => {
  const cadres = 20
  const perCadre = 100
  beforeAll(async () => {
    const contacts = db.collection('contacts')
    const base = Date.UTC(2024, 0, 1)
    for (let k = 0; k < cadres; k++) {
      await contacts.add({
        data: Array.from({ length: perCadre }, (_x, i) => ({
          cadreId: `cadre-${k}`,
          name: `联系人 ${k}-${i}`,
          note: i % 50 === 0 ? 'rare' : 'common',
          createdAt: new Date(base + (k * perCadre + i) * 60_000)
        })) as any
      })
    }
  })

  it('an indexed equality query examines about as many documents as it returns', async () => {
    let got: Docs = { data: [] }
    const cost = await measure(emu.url, async () => {
      got = (await db.collection('contacts').where({ cadreId: 'cadre-7' }).limit(1000).get()) as Docs
    })
    expect(got.data).toHaveLength(perCadre)
    expect(cost.docsReturned).toBe(perCadre)
    expect(cost.docsExamined).toBe(perCadre)
    expect(cost.keysExamined).toBeLessThanOrEqual(perCadre + 1)
    expect(cost.dbOps).toBe(1)
  })

  it('a sort + limit along the index examines about limit documents', async () => {
    let got: Docs = { data: [] }
    const cost = await measure(emu.url, async () => {
      got = (await db.collection('contacts').where({ cadreId: 'cadre-3' }).orderBy('createdAt', 'desc').limit(5).get()) as Docs
    })
    expect(got.data.map((d) => d.name)).toEqual([99, 98, 97, 96, 95].map((i) => `联系人 3-${i}`))
    expect(cost.docsExamined).toBeLessThanOrEqual(6)
    // Reverse direction walks the index backwards.
    const asc = await measure(emu.url, async () => {
      got = (await db.collection('contacts').where({ cadreId: 'cadre-3' }).orderBy('createdAt', 'asc').skip(2).limit(3).get()) as Docs
    })
    expect(got.data.map((d) => d.name)).toEqual([2, 3, 4].map((i) => `联系人 3-${i}`))
    expect(asc.docsExamined).toBeLessThanOrEqual(6)
  })

  it('a range on the second index field narrows the walk', async () => {
    const from = new Date(Date.UTC(2024, 0, 1) + (5 * perCadre + 10) * 60_000)
    const to = new Date(from.getTime() + 9 * 60_000)
    let got: Docs = { data: [] }
    const cost = await measure(emu.url, async () => {
      got = (await db
        .collection('contacts')
        .where({ cadreId: 'cadre-5', createdAt: _.gte(from).and(_.lte(to)) })
        .get()) as Docs
    })
    expect(got.data).toHaveLength(10)
    expect(cost.docsExamined).toBe(10)
  })

  it('counts and updates through the index too', async () => {
    const cost = await measure(emu.url, async () => {
      const n = (await db
        .collection('contacts')
        .where({ cadreId: _.in(['cadre-1', 'cadre-2']), note: 'rare' })
        .count()) as { total: number }
      expect(n.total).toBe(4)
    })
    expect(cost.docsExamined).toBe(2 * perCadre)
  })

  it('an unindexed query examines every document', async () => {
    let got: Docs = { data: [] }
    const cost = await measure(emu.url, async () => {
      got = (await db.collection('contacts').where({ note: 'rare' }).limit(1000).get()) as Docs
    })
    expect(got.data).toHaveLength(cadres * 2)
    expect(cost.docsExamined).toBe(cadres * perCadre)
  })
})
