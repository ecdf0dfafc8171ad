import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { EJSON } from 'bson'
import 'mingo/init/system'
import { Query, find } from 'mingo'
import { Engine } from '@/emulator/db/engine'
import { component, encodeValue, indexKeys, valuesAt } from '@/emulator/db/keys'
import { extractConstraints, plan } from '@/emulator/db/planner'
import { newMeter } from '@/emulator/db/types'

const sign = (n: number) => (n < 0 ? -1 : n > 0 ? 1 : 0)

describe('index key encoding', () => {
  const scalar = fc.oneof(
    fc.double({ noNaN: true }),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.date({ noInvalidDate: true }),
    fc.boolean(),
    fc.constant(null)
  )
  const compareLikeMingo = (a: unknown, b: unknown): number | undefined => {
    const bracket = (v: unknown) => (v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : typeof v === 'boolean' ? 3 : 4)
    if (bracket(a) !== bracket(b)) return sign(bracket(a) - bracket(b))
    const x = a instanceof Date ? a.getTime() : a
    const y = b instanceof Date ? b.getTime() : b
    if (x === null) return 0
    return (x as never) < (y as never) ? -1 : (x as never) > (y as never) ? 1 : 0
  }

  it('orders like the values (ascending) and reversed when inverted (descending)', () => {
    fc.assert(
      fc.property(scalar, scalar, (a, b) => {
        const expected = compareLikeMingo(a, b)
        expect(sign(Buffer.compare(encodeValue(a), encodeValue(b)))).toBe(expected)
        expect(sign(Buffer.compare(component(a, -1), component(b, -1)))).toBe(expected === 0 ? 0 : -expected!)
      }),
      { numRuns: 2000 }
    )
  })

  it('is prefix-free, so compound keys compare field by field', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.integer(), fc.integer(), (s1, s2, n1, n2) => {
        const k1 = Buffer.concat([component(s1, 1), component(n1, -1)])
        const k2 = Buffer.concat([component(s2, 1), component(n2, -1)])
        const expected = s1 < s2 ? -1 : s1 > s2 ? 1 : sign(n2 - n1)
        expect(sign(Buffer.compare(k1, k2))).toBe(expected)
      })
    )
  })

  it('fans out arrays (multikey) and treats missing as null', () => {
    expect(valuesAt({ a: [1, 2] }, 'a')).toEqual({ values: [1, 2], multikey: true })
    expect(valuesAt({}, 'a.b')).toEqual({ values: [null], multikey: false })
    expect(valuesAt({ a: [{ b: 1 }, { b: 2 }, {}] }, 'a.b').values).toEqual([1, 2, null])
    const spec = {
      name: 'x',
      keys: [
        ['a', 1],
        ['b', -1]
      ] as const,
      unique: false
    }
    expect(indexKeys({ a: [1, 2], b: 'x' }, spec).keys).toHaveLength(2)
  })
})

describe('planner', () => {
  const ix = (name: string, keys: Array<[string, 1 | -1]>, multikey = false) => ({ name, keys, unique: false, multikey })

  it('uses equality, $in and $and conditions, ignores $or', () => {
    const c = extractConstraints({ a: 1, $and: [{ b: { $gt: 2 } }, { b: { $lt: 9 } }], $or: [{ c: 1 }], d: { $in: [1, 2] } })
    expect(c.get('a')?.eq).toEqual([1])
    expect(c.get('b')?.lower).toHaveLength(1)
    expect(c.get('b')?.upper).toHaveLength(1)
    expect(c.get('c')).toBeUndefined()
    expect(c.get('d')?.inList).toEqual([[1, 2]])
  })

  it('prefers the index with the longest equality prefix, and one that gives the sort order', () => {
    const indexes = [
      ix('org', [['orgId', 1]]),
      ix('org_role', [
        ['orgId', 1],
        ['role', 1]
      ]),
      ix('cadre_time', [
        ['cadreId', 1],
        ['createdAt', -1]
      ])
    ]
    expect(plan({ orgId: 'x', role: 'y' }, [], indexes)).toMatchObject({ kind: 'index', index: { name: 'org_role' } })
    expect(plan({ cadreId: 'c' }, [['createdAt', -1]], indexes)).toMatchObject({ kind: 'index', ordered: true, reverse: false })
    expect(plan({ cadreId: 'c' }, [['createdAt', 1]], indexes)).toMatchObject({ kind: 'index', ordered: true, reverse: true })
    expect(plan({ cadreId: 'c' }, [['name', 1]], indexes)).toMatchObject({ kind: 'index', ordered: false })
    expect(plan({ name: 'n' }, [], indexes)).toMatchObject({ kind: 'scan' })
    expect(plan({ _id: { $in: ['a', 'b'] }, orgId: 'x' }, [], indexes)).toMatchObject({ kind: 'ids' })
    // A multikey index never claims to give the sort order.
    expect(
      plan(
        { cadreId: 'c' },
        [['createdAt', -1]],
        [
          ix(
            'm',
            [
              ['cadreId', 1],
              ['createdAt', -1]
            ],
            true
          )
        ]
      )
    ).toMatchObject({ ordered: false })
  })
})

describe('indexed queries return exactly what a full scan returns', () => {
  let dir: string
  let engine: Engine
  const declaration = {
    items: {
      permission: 'ADMINONLY' as const,
      indexes: [
        { name: 'a', keys: [['a', 1]] as const },
        {
          name: 'b_c',
          keys: [
            ['b', -1],
            ['c', 1]
          ] as const
        },
        { name: 'tags', keys: [['tags', 1]] as const },
        { name: 'deep', keys: [['o.x', 1]] as const }
      ]
    }
  }
  const value = fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('a', 'b', 'ab', '', 'B', '甲'),
    fc.constant(null),
    fc.constantFrom(new Date(0), new Date(1000)),
    fc.boolean()
  )
  const doc = fc.record(
    {
      a: fc.oneof(value, fc.array(value, { maxLength: 3 })),
      b: fc.integer({ min: 0, max: 3 }),
      c: value,
      tags: fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 3 }),
      o: fc.oneof(fc.record({ x: value }, { requiredKeys: [] }), fc.array(fc.record({ x: value }), { maxLength: 2 }))
    },
    { requiredKeys: ['b'] }
  )
  const field = fc.constantFrom('a', 'b', 'c', 'tags', 'o.x')
  const cond = fc.oneof(
    value.map((v) => v as unknown),
    fc.array(value, { minLength: 0, maxLength: 3 }).map((vs) => ({ $in: vs })),
    fc.tuple(fc.constantFrom('$gt', '$gte', '$lt', '$lte'), value).map(([op, v]) => ({ [op]: v })),
    fc.tuple(fc.integer({ min: -3, max: 2 }), fc.integer({ min: 0, max: 3 })).map(([lo, w]) => ({ $gte: lo, $lt: lo + w })),
    fc.constantFrom(/^a/, /^B/, /b/)
  )
  const query = fc
    .tuple(fc.dictionary(field, cond, { maxKeys: 3 }), fc.option(fc.tuple(field, cond), { nil: undefined }))
    .map(([q, extra]) => (extra ? { ...q, $and: [{ [extra[0]]: extra[1] }] } : { ...q }))

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jdq-db-unit-'))
    engine = new Engine({ dataDir: dir, declaration })
    engine.log = () => {}
  })
  afterAll(() => {
    engine.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const call = (action: string, body: Record<string, unknown>) => engine.handle(action, { collectionName: 'items', ...body }, newMeter())

  it('for random documents and queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(doc, { minLength: 1, maxLength: 40 }), fc.array(query, { minLength: 1, maxLength: 8 }), async (docs, queries) => {
        engine.reset()
        const withIds = docs.map((d, i) => ({ _id: `d${String(i).padStart(3, '0')}`, ...d }))
        await call('database.insertDocument', { data: withIds.map((d) => EJSON.stringify(d, { relaxed: false })) })
        for (const q of queries) {
          const expected = withIds
            .filter((d) => new Query(q).test(d))
            .map((d) => d._id)
            .sort()
          const res = (await call('database.getDocument', { queryType: 'WHERE', query: EJSON.stringify(q, { relaxed: false }), limit: 1000 })) as {
            data: { list: string[] }
          }
          const got = res.data.list.map((t) => (EJSON.parse(t) as { _id: string })._id).sort()
          expect({ q, got }).toEqual({ q, got: expected })
          // Sorted and limited along an index: same sort keys as mingo's own sort.
          const sorted = (await call('database.getDocument', {
            queryType: 'WHERE',
            query: EJSON.stringify(q, { relaxed: false }),
            order: JSON.stringify({ b: 1, c: -1 }),
            limit: 3
          })) as { data: { list: string[] } }
          const want = find(
            withIds.filter((d) => new Query(q).test(d)),
            {}
          )
            .sort({ b: 1, c: -1 })
            .limit(3)
            .all() as Array<{ b: number; c: unknown }>
          const have = sorted.data.list.map((t) => EJSON.parse(t) as { b: number; c: unknown })
          const key = (d: { b: number; c: unknown }) => [d.b, d.c ?? null]
          expect({ q, sorted: have.map(key) }).toEqual({ q, sorted: want.map(key) })
        }
      }),
      { numRuns: 60 }
    )
  })
})

describe('a data folder opened with a newer declaration', () => {
  it('builds a newly declared index over the documents already stored (more than one read page)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jdq-db-upgrade-'))
    try {
      const before = { items: { permission: 'ADMINONLY' as const, indexes: [] } }
      const first = new Engine({ dataDir: dir, declaration: before })
      first.log = () => {}
      const docs = Array.from({ length: 4500 }, (_, i) => ({ _id: `d${String(i).padStart(5, '0')}`, n: i % 7, tags: i % 2 ? ['x'] : [] }))
      await first.handle('database.insertDocument', { collectionName: 'items', data: docs.map((d) => EJSON.stringify(d, { relaxed: false })) }, newMeter())
      first.close()

      // A later version of the app declares an index on the same collection: opening the folder builds it.
      const after = {
        items: {
          permission: 'ADMINONLY' as const,
          indexes: [
            {
              name: 'n_tags',
              keys: [
                ['n', 1],
                ['tags', 1]
              ] as const
            }
          ]
        }
      }
      const second = new Engine({ dataDir: dir, declaration: after })
      second.log = () => {}
      const meter = newMeter()
      const res = (await second.handle(
        'database.getDocument',
        { collectionName: 'items', queryType: 'WHERE', query: EJSON.stringify({ n: 3, tags: 'x' }, { relaxed: false }), limit: 1000 },
        meter
      )) as { data: { list: string[] } }
      const want = docs.filter((d) => d.n === 3 && d.tags.includes('x')).length
      expect(res.data.list).toHaveLength(want)
      // Served by the new index: only the matching documents were read.
      expect(meter.docsExamined).toBe(want)
      second.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
