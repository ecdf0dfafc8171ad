/**
 * Two planner rules the bench needed, both as MongoDB plans:
 *
 * The emulator walks its primary key (documents are stored in _id order) for a query that bounds _id or sorts
 * by _id alone when no declared index helps — as MongoDB's _id index does. The reminders sender pages users
 * this way (`_id > cursor`, sorted by _id, 200 at a time): without it every batch read the whole collection.
 *
 * A multikey index walks in order for sort fields that never held an array (MongoDB's multikey paths): a manager's
 * 差评 cases, newest first, on org_time (orgPath, createdAt, _id) read a page, not the whole county.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { EJSON } from 'bson'
import 'mingo/init/system'
import { Query, find } from 'mingo'
import { Engine } from '@/emulator/db/engine'
import { plan } from '@/emulator/db/planner'
import { newMeter } from '@/emulator/db/types'

describe('primary-key walks in the emulator', () => {
  let dir: string
  let engine: Engine
  const declaration = { items: { permission: 'ADMINONLY' as const, indexes: [{ name: 'org', keys: [['org', 1]] as const }] } }
  const docs = Array.from({ length: 300 }, (_, i) => ({ _id: `u${String(i).padStart(4, '0')}`, org: `o${i % 3}`, n: i % 7 }))

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jdq-pk-unit-'))
    engine = new Engine({ dataDir: dir, declaration })
    engine.log = () => {}
    await engine.handle('database.insertDocument', { collectionName: 'items', data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) }, newMeter())
  })
  afterAll(() => {
    engine.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const get = async (q: object, order: Record<string, 1 | -1> | null, limit: number) => {
    const meter = newMeter()
    const res = (await engine.handle(
      'database.getDocument',
      { collectionName: 'items', queryType: 'WHERE', query: EJSON.stringify(q, { relaxed: false }), ...(order ? { order: JSON.stringify(order) } : {}), limit },
      meter
    )) as { data: { list: string[] } }
    return { ids: res.data.list.map((t) => (EJSON.parse(t) as { _id: string })._id), meter }
  }

  it('plans a primary-key walk only when no declared index helps', () => {
    expect(plan({ _id: { $gt: 'u0100' } }, [['_id', 1]], [])).toMatchObject({ kind: 'scan', ordered: true, reverse: false })
    expect(plan({}, [['_id', -1]], [])).toMatchObject({ kind: 'scan', ordered: true, reverse: true })
    expect(plan({ n: 3 }, [['n', 1]], [])).toMatchObject({ kind: 'scan', summary: 'COLLSCAN' })
    expect(plan({ _id: { $lt: 'u0100' } }, [['n', 1]], [])).toMatchObject({ kind: 'scan', ordered: false })
  })

  it('pages by _id reading about a page, not the collection', async () => {
    const { ids, meter } = await get({ _id: { $gt: 'u0199' } }, { _id: 1 }, 20)
    expect(ids).toEqual(docs.slice(200, 220).map((d) => d._id))
    expect(meter.docsExamined).toBeLessThanOrEqual(20)
    const back = await get({ _id: { $lte: 'u0050' } }, { _id: -1 }, 5)
    expect(back.ids).toEqual(['u0050', 'u0049', 'u0048', 'u0047', 'u0046'])
    expect(back.meter.docsExamined).toBeLessThanOrEqual(5)
  })

  it('returns exactly what mingo returns for random _id bounds, sorts and limits', async () => {
    const id = fc.integer({ min: -5, max: 305 }).map((i) => `u${String(i).padStart(4, '0')}`)
    const bound = fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), id).map(([op, v]) => ({ [op]: v }))
    const idCond = fc.oneof(
      bound,
      fc.tuple(bound, bound).map(([a, b]) => ({ ...a, ...b })),
      fc.constant(/^u01/)
    )
    const q = fc.record({ _id: idCond, n: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }) }, { requiredKeys: ['_id'] })
    const order = fc.constantFrom<Record<string, 1 | -1> | null>(null, { _id: 1 }, { _id: -1 }, { n: 1 })
    await fc.assert(
      fc.asyncProperty(q, order, fc.integer({ min: 1, max: 40 }), async (query, o, limit) => {
        const clean = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined))
        const matching = docs.filter((d) => new Query(clean).test(d))
        const sorted = o
          ? (find(matching, {})
              .sort({ ...o, ...(o._id ? {} : { _id: 1 }) })
              .all() as typeof docs)
          : matching
        const { ids } = await get(clean, o, limit)
        if (o && !('n' in o)) expect(ids).toEqual(sorted.slice(0, limit).map((d) => d._id))
        else expect(ids.length).toBe(Math.min(limit, matching.length))
        for (const x of ids) expect(matching.some((d) => d._id === x)).toBe(true)
      }),
      { numRuns: 200 }
    )
  })
})

describe('multikey indexes keep their order for scalar sort fields', () => {
  let dir: string
  let engine: Engine
  const declaration = {
    cases: {
      permission: 'ADMINONLY' as const,
      indexes: [
        {
          name: 'org_time',
          keys: [
            ['orgPath', 1],
            ['createdAt', -1],
            ['_id', -1]
          ] as const
        }
      ]
    }
  }
  const docs = Array.from({ length: 200 }, (_, i) => ({
    _id: `c${String(i).padStart(4, '0')}`,
    orgPath: ['p', `city${i % 2}`, `county${i % 4}`],
    createdAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 200) * 3_600_000)
  }))

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jdq-mk-unit-'))
    engine = new Engine({ dataDir: dir, declaration })
    engine.log = () => {}
    await engine.handle('database.insertDocument', { collectionName: 'cases', data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) }, newMeter())
  })
  afterAll(() => {
    engine.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const newest = async (org: string, limit: number) => {
    const meter = newMeter()
    const res = (await engine.handle(
      'database.getDocument',
      { collectionName: 'cases', queryType: 'WHERE', query: EJSON.stringify({ orgPath: org }), order: JSON.stringify({ createdAt: -1, _id: -1 }), limit },
      meter
    )) as { data: { list: string[] } }
    return { ids: res.data.list.map((t) => (EJSON.parse(t) as { _id: string })._id), meter }
  }
  const expected = (org: string, limit: number) =>
    (
      find(
        docs.filter((d) => d.orgPath.includes(org)),
        {}
      )
        .sort({ createdAt: -1, _id: -1 })
        .limit(limit)
        .all() as typeof docs
    ).map((d) => d._id)

  it('reads a page when only the pinned field holds arrays', async () => {
    for (const org of ['p', 'city1', 'county2']) {
      const { ids, meter } = await newest(org, 10)
      expect(ids).toEqual(expected(org, 10))
      expect(meter.docsExamined).toBeLessThanOrEqual(10)
    }
  })

  it('falls back to sorting once a sort field holds an array, and stays right', async () => {
    const odd = { _id: 'c9999', orgPath: ['p', 'city0', 'county0'], createdAt: [new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2027, 0, 1))] }
    await engine.handle('database.insertDocument', { collectionName: 'cases', data: [EJSON.stringify(odd, { relaxed: false })] }, newMeter())
    const { ids, meter } = await newest('county0', 5)
    const want = (
      find(
        [...docs, odd].filter((d) => d.orgPath.includes('county0')),
        {}
      )
        .sort({ createdAt: -1, _id: -1 })
        .limit(5)
        .all() as { _id: string }[]
    ).map((d) => d._id)
    expect(ids).toEqual(want)
    expect(meter.docsExamined).toBeGreaterThan(5)
  })
})
