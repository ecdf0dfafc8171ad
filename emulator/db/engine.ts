import { randomBytes } from 'node:crypto'
import 'mingo/init/system'
import { Query, aggregate } from 'mingo'
import { update as applyUpdate } from 'mingo/updater'
import { find as mingoFind } from 'mingo'
import type { DatabaseOptions, EmulatorDatabase, Meter } from './types'
import { TcbError, newMeter } from './types'
import { parseEjson, parseObject, toEjson, type Doc } from './ejson'
import { isPlainObject } from './keys'
import { plan as makePlan, type Plan, type SortSpec } from './planner'
import { DUPLICATE_KEY_CODE, Store, type StoredDoc, type Write } from './store'

/** Cloud limits for a server-side get(). */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000
/** Uncommitted transactions expire after this long. */
export const TRANSACTION_TTL_MS = 30_000

const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$currentDate'
])

interface FindSpec {
  filter: Doc
  sort: SortSpec
  skip: number
  /** Infinity for no limit. */
  limit: number
}

interface TxState {
  id: string
  started: number
  /** Versions the transaction saw ("coll\0idhex" -> version or null for absent). */
  reads: Map<string, { coll: string; idkey: Buffer; version: number | null }>
  /** Buffered writes in first-touch order. */
  writes: Map<string, Write>
}

const txKey = (coll: string, idkey: Buffer) => `${coll}\u0000${idkey.toString('hex')}`

/** What a query examined, for the slow-query log. */
interface Cost {
  docsExamined: number
  keysExamined: number
  plan: string
}

export class Engine implements EmulatorDatabase {
  readonly store: Store
  private readonly txs = new Map<string, TxState>()
  private readonly sweeper: NodeJS.Timeout
  /** Where slow/scan lines go (tests may replace). */
  log: (line: string) => void = (line) => console.log(line)

  constructor(opts: DatabaseOptions) {
    this.store = new Store(opts.dataDir, opts.declaration)
    this.sweeper = setInterval(() => this.expire(), 5_000)
    this.sweeper.unref()
  }

  // ---------------------------------------------------------------- interface

  async handle(action: string, body: Record<string, unknown>, meter: Meter): Promise<Record<string, unknown>> {
    meter.dbOps += 1
    try {
      return this.dispatch(action, body ?? {}, meter)
    } catch (err) {
      if (err instanceof TcbError) throw err
      const message = err instanceof Error ? err.message : String(err)
      // mingo reports bad operators and bad update targets as plain errors: those are the caller's.
      if (!(err instanceof Error) || err.constructor.name !== 'MingoError') {
        console.error(`[db] ${action} failed:`, err)
      }
      throw new TcbError('DATABASE_REQUEST_FAILED', message)
    }
  }

  find(collection: string, query: Record<string, unknown>, limit = Infinity): Record<string, unknown>[] {
    if (!this.store.collection(collection)) return []
    const { docs } = this.findDocs(collection, { filter: query, sort: [], skip: 0, limit }, newMeter())
    return docs.map((d) => d.doc)
  }

  reset(): void {
    this.txs.clear()
    this.store.reset()
  }

  close(): void {
    clearInterval(this.sweeper)
    this.store.close()
  }

  // ---------------------------------------------------------------- dispatch

  private dispatch(action: string, body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    switch (action) {
      case 'database.insertDocument':
        return this.insert(body, meter)
      case 'database.getDocument':
        return this.get(body, meter)
      case 'database.calculateDocument':
        return this.count(body, meter)
      case 'database.modifyDocument':
        return this.modify(body, meter, false)
      case 'database.modifyAndReturnDoc':
        return this.modify(body, meter, true)
      case 'database.removeDocument':
        return this.remove(body, meter)
      case 'database.aggregateDocuments':
        return this.aggregate(body, meter)
      case 'database.startTransaction':
        return this.startTransaction()
      case 'database.commitTransaction':
        return this.commitTransaction(body)
      case 'database.abortTransaction':
        return this.abortTransaction(body)
      case 'database.addCollection':
        return this.addCollection(body)
      default:
        throw new TcbError('INVALID_ACTION', `the emulator does not serve ${action}`)
    }
  }

  // ---------------------------------------------------------------- helpers

  private collectionName(body: Record<string, unknown>): string {
    const name = body.collectionName
    if (typeof name !== 'string' || name === '') throw new TcbError('INVALID_PARAM', 'collectionName is required')
    if (!this.store.collection(name)) {
      throw new TcbError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${name} 不存在 (collection ${name} does not exist)`)
    }
    return name
  }

  private queryOf(body: Record<string, unknown>): Doc {
    if (body.query === undefined || body.query === null || body.query === '') return {}
    const q = parseObject(body.query, 'query')
    try {
      new Query(q) // validates operators early with a clear message
    } catch (err) {
      throw new TcbError('INVALID_PARAM', `invalid query: ${(err as Error).message}`)
    }
    return q
  }

  private sortOf(body: Record<string, unknown>): SortSpec {
    if (body.order === undefined || body.order === null || body.order === '') return []
    const raw = parseEjson(body.order, 'order')
    const out: SortSpec = []
    const push = (field: unknown, dir: unknown) => {
      if (typeof field !== 'string' || field === '') throw new TcbError('INVALID_PARAM', 'order field must be a string')
      const d = dir === 'desc' || dir === -1 ? -1 : dir === 'asc' || dir === 1 ? 1 : undefined
      if (d === undefined) throw new TcbError('INVALID_PARAM', `order direction for ${field} must be 1/-1 (asc/desc)`)
      out.push([field, d])
    }
    if (Array.isArray(raw)) {
      for (const o of raw) {
        if (!isPlainObject(o)) throw new TcbError('INVALID_PARAM', 'order must be an object')
        push(o.field, o.direction)
      }
    } else if (isPlainObject(raw)) {
      for (const [f, d] of Object.entries(raw)) push(f, d)
    } else {
      throw new TcbError('INVALID_PARAM', 'order must be an object')
    }
    return out
  }

  private intParam(body: Record<string, unknown>, name: string, dflt: number): number {
    const v = body[name]
    if (v === undefined || v === null) return dflt
    const n = typeof v === 'string' ? Number(v) : v
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new TcbError('INVALID_PARAM', `${name} must be a non-negative integer`)
    }
    return n
  }

  private txOf(body: Record<string, unknown>): TxState | undefined {
    const id = body.transactionId
    if (id === undefined || id === null || id === '') return undefined
    return this.liveTx(String(id))
  }

  private liveTx(id: string): TxState {
    const tx = this.txs.get(id)
    if (!tx) {
      throw new TcbError(
        'DATABASE_REQUEST_FAILED',
        `transaction ${id} does not exist, has finished or has expired (事务不存在、已结束或已超时)`
      )
    }
    if (Date.now() - tx.started > TRANSACTION_TTL_MS) {
      this.txs.delete(id)
      throw new TcbError(
        'DATABASE_REQUEST_FAILED',
        `transaction ${id} expired after ${TRANSACTION_TTL_MS / 1000} s without commit (事务超时)`
      )
    }
    return tx
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, tx] of this.txs) if (now - tx.started > TRANSACTION_TTL_MS) this.txs.delete(id)
  }

  private slowLog(coll: string, what: string, filter: Doc, cost: Cost, returned: number): void {
    if (cost.docsExamined > 10 * Math.max(returned, 1)) {
      let q = toEjsonRelaxed(filter)
      if (q.length > 300) q = `${q.slice(0, 300)}…`
      this.log(
        `[db] ${coll} ${what} ${q} examined ${cost.docsExamined} docs, ${cost.keysExamined} keys for ${returned} (${cost.plan})`
      )
    }
  }

  /**
   * Runs a query against committed data: plans, reads candidates from SQLite, re-checks each with
   * mingo, sorts (unless the index already did), skips and limits.
   */
  private findDocs(coll: string, spec: FindSpec, meter: Meter): { docs: StoredDoc[]; cost: Cost } {
    const state = this.store.collection(coll)!
    const p: Plan = makePlan(spec.filter, spec.sort, state.indexes)
    const cost: Cost = { docsExamined: 0, keysExamined: 0, plan: p.summary }
    const query = new Query(spec.filter)
    const streaming = spec.sort.length === 0 || (p.kind !== 'ids' && p.ordered === true)
    const want = spec.skip + spec.limit
    const matched: StoredDoc[] = []
    const seen = new Set<string>()
    const consider = (d: StoredDoc | undefined): boolean => {
      if (!d) return false
      cost.docsExamined++
      if (query.test(d.doc)) matched.push(d)
      return streaming && matched.length >= want
    }
    if (want > 0) {
      if (p.kind === 'ids') {
        const keys = p.ids.map((id) => Store.idkey(id)).sort(Buffer.compare)
        for (const k of keys) {
          const h = k.toString('hex')
          if (seen.has(h)) continue
          seen.add(h)
          cost.keysExamined++
          if (consider(this.store.get(coll, k))) break
        }
      } else if (p.kind === 'index') {
        outer: for (const r of p.reverse ? [...p.ranges].reverse() : p.ranges) {
          for (const k of this.store.range(coll, p.index.name, r, p.reverse)) {
            cost.keysExamined++
            const h = k.toString('hex')
            if (seen.has(h)) continue
            seen.add(h)
            if (consider(this.store.get(coll, k))) break outer
          }
        }
      } else {
        for (const d of this.store.scan(coll, p.range, p.reverse)) if (consider(d)) break
      }
    }
    meter.docsExamined += cost.docsExamined
    meter.keysExamined += cost.keysExamined
    let result = matched
    if (!streaming && spec.sort.length > 0) result = sortDocs(matched, spec.sort)
    result = result.slice(spec.skip, spec.limit === Infinity ? undefined : spec.skip + spec.limit)
    return { docs: result, cost }
  }

  /**
   * The same query as a transaction sees it: committed data overlaid with the transaction's own
   * buffered writes. Records the versions of what it returns.
   */
  private findInTx(tx: TxState, coll: string, spec: FindSpec, meter: Meter): { docs: StoredDoc[]; cost: Cost } {
    const { docs: committed, cost } = this.findDocs(coll, { ...spec, skip: 0, limit: Infinity }, meter)
    const query = new Query(spec.filter)
    const merged: StoredDoc[] = []
    for (const d of committed) if (!tx.writes.has(txKey(coll, d.idkey))) merged.push(d)
    for (const w of tx.writes.values()) {
      if (w.coll === coll && w.doc && query.test(w.doc)) merged.push({ idkey: w.idkey, version: -1, doc: w.doc })
    }
    let result = spec.sort.length > 0 ? sortDocs(merged, spec.sort) : merged.sort((a, b) => Buffer.compare(a.idkey, b.idkey))
    result = result.slice(spec.skip, spec.limit === Infinity ? undefined : spec.skip + spec.limit)
    for (const d of result) if (d.version >= 0) this.noteRead(tx, coll, d.idkey, d.version)
    return { docs: result, cost }
  }

  private noteRead(tx: TxState, coll: string, idkey: Buffer, version: number | null): void {
    const k = txKey(coll, idkey)
    if (!tx.reads.has(k) && !tx.writes.has(k)) tx.reads.set(k, { coll, idkey, version })
  }

  /** Current state of one document as a transaction sees it (recording what it saw). */
  private txGet(tx: TxState, coll: string, idkey: Buffer): Doc | null {
    const k = txKey(coll, idkey)
    const w = tx.writes.get(k)
    if (w) return w.doc
    const d = this.store.get(coll, idkey)
    this.noteRead(tx, coll, idkey, d ? d.version : null)
    return d ? d.doc : null
  }

  private txWrite(tx: TxState, w: Write): void {
    const k = txKey(w.coll, w.idkey)
    if (!tx.writes.has(k) && !tx.reads.has(k)) tx.reads.set(k, { coll: w.coll, idkey: w.idkey, version: this.store.version(w.coll, w.idkey) })
    tx.writes.set(k, w)
  }

  // ---------------------------------------------------------------- actions

  private insert(body: Record<string, unknown>, _meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txOf(body)
    const data = body.data
    const items = Array.isArray(data) ? data : data === undefined ? [] : [data]
    if (items.length === 0) throw new TcbError('INVALID_PARAM', 'data must be a non-empty array of documents')
    const now = Date.now()
    const writes: Write[] = []
    const seen = new Set<string>()
    const ids: unknown[] = []
    for (const item of items) {
      const doc = parseObject(item, 'data', now)
      checkFieldNames(doc)
      if (doc._id === undefined || doc._id === null) doc._id = newId()
      else if (typeof doc._id !== 'string' && typeof doc._id !== 'number') {
        throw new TcbError('INVALID_PARAM', '_id must be a string or a number')
      }
      const idkey = Store.idkey(doc._id)
      const h = idkey.toString('hex')
      const exists = seen.has(h) || (tx ? this.txGet(tx, coll, idkey) !== null : this.store.version(coll, idkey) !== null)
      if (exists) {
        throw new TcbError(
          DUPLICATE_KEY_CODE,
          `[FailedOperation] E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }（_id 重复）`
        )
      }
      seen.add(h)
      writes.push({ coll, idkey, doc: { _id: doc._id, ...doc } })
      ids.push(doc._id)
    }
    if (tx) for (const w of writes) this.txWrite(tx, w)
    else this.store.apply(writes)
    return { data: { insertedIds: ids } }
  }

  private readSpec(body: Record<string, unknown>): FindSpec {
    const queryType = body.queryType ?? 'WHERE'
    const filter = this.queryOf(body)
    let limit = this.intParam(body, 'limit', DEFAULT_LIMIT)
    if (limit === 0) limit = DEFAULT_LIMIT
    if (limit > MAX_LIMIT) limit = MAX_LIMIT
    const skip = this.intParam(body, 'offset', 0)
    if (queryType === 'DOC') {
      if (filter._id === undefined) throw new TcbError('INVALID_PARAM', 'a DOC query needs _id')
      return { filter, sort: [], skip: 0, limit: 1 }
    }
    if (queryType !== 'WHERE') throw new TcbError('INVALID_PARAM', `unknown queryType ${String(queryType)}`)
    return { filter, sort: this.sortOf(body), skip, limit }
  }

  private get(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txOf(body)
    const spec = this.readSpec(body)
    let projection: Doc | undefined
    if (body.projection !== undefined && body.projection !== null && body.projection !== '') {
      projection = parseObject(body.projection, 'projection')
    }
    let docs: StoredDoc[]
    let cost: Cost
    if (tx && body.queryType === 'DOC') {
      const idkey = Store.idkey(spec.filter._id)
      const doc = this.txGet(tx, coll, idkey)
      meter.keysExamined++
      meter.docsExamined++
      cost = { docsExamined: 1, keysExamined: 1, plan: 'IDHACK' }
      docs = doc && new Query(spec.filter).test(doc) ? [{ idkey, version: -1, doc }] : []
    } else if (tx) {
      ;({ docs, cost } = this.findInTx(tx, coll, spec, meter))
    } else {
      ;({ docs, cost } = this.findDocs(coll, spec, meter))
    }
    let out: unknown[] = docs.map((d) => d.doc)
    if (projection && Object.keys(projection).length > 0) {
      try {
        out = mingoFind(out as Doc[], {}, projection).all()
      } catch (err) {
        throw new TcbError('INVALID_PARAM', `invalid projection: ${(err as Error).message}`)
      }
    }
    meter.docsReturned += out.length
    this.slowLog(coll, 'get', spec.filter, cost, out.length)
    return { data: { list: out.map(toEjson) } }
  }

  private count(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txOf(body)
    const filter = this.queryOf(body)
    const spec = { filter, sort: [], skip: 0, limit: Infinity }
    const { docs, cost } = tx ? this.findInTx(tx, coll, spec, meter) : this.findDocs(coll, spec, meter)
    this.slowLog(coll, 'count', filter, cost, docs.length)
    return { data: { total: docs.length } }
  }

  /** Targets of a write: one document by _id (DOC) or a where query (multi or first match). */
  private writeTargets(body: Record<string, unknown>, coll: string, tx: TxState | undefined, meter: Meter) {
    const queryType = body.queryType ?? 'WHERE'
    if (queryType !== 'DOC' && queryType !== 'WHERE') {
      throw new TcbError('INVALID_PARAM', `unknown queryType ${String(queryType)}`)
    }
    if (body.query === undefined || body.query === null || body.query === '') {
      throw new TcbError(
        'INVALID_PARAM',
        'a write needs a query: use doc(id) or where({...}) (批量更新或删除必须指定查询条件)'
      )
    }
    const filter = this.queryOf(body)
    if (queryType === 'DOC' && filter._id === undefined) throw new TcbError('INVALID_PARAM', 'a DOC write needs _id')
    const multi = queryType === 'WHERE' && body.multi !== false
    const spec: FindSpec = { filter, sort: [], skip: 0, limit: multi ? Infinity : 1 }
    const { docs, cost } = tx ? this.findInTx(tx, coll, spec, meter) : this.findDocs(coll, spec, meter)
    return { filter, docs, cost }
  }

  private modify(body: Record<string, unknown>, meter: Meter, returnDoc: boolean): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txOf(body)
    const now = Date.now()
    const data = parseObject(body.data, 'data', now)
    const merge = body.merge !== false
    const upsert = body.upsert === true
    const keys = Object.keys(data)
    const hasOps = keys.some((k) => k.startsWith('$'))
    if (hasOps && !keys.every((k) => k.startsWith('$'))) {
      throw new TcbError('INVALID_PARAM', 'update data mixes operators and plain fields')
    }
    if (!merge && hasOps) throw new TcbError('INVALID_PARAM', 'set() (merge false) takes a plain document, not update operators')
    const ops: Doc = merge ? (hasOps ? data : { $set: data }) : {}
    for (const [op, arg] of Object.entries(ops)) {
      if (!UPDATE_OPERATORS.has(op)) throw new TcbError('DATABASE_INVALID_OPERRATOR', `unknown update operator ${op}`)
      if (!isPlainObject(arg)) throw new TcbError('INVALID_PARAM', `${op} needs an object`)
      for (const path of Object.keys(arg)) {
        if (path === '_id' || path.startsWith('_id.')) throw new TcbError('INVALID_PARAM', '不能更新_id的值 (_id cannot be updated)')
      }
    }
    if (!merge) {
      checkFieldNames(data)
      if (data._id !== undefined) {
        // allowed only when it equals the target's _id; checked per document below
      }
    }
    const { filter, docs, cost } = this.writeTargets(body, coll, tx, meter)

    const change = (old: Doc): { doc: Doc; modified: boolean } => {
      if (!merge) {
        if (data._id !== undefined && !sameValue(data._id, old._id)) {
          throw new TcbError('INVALID_PARAM', '不能更新_id的值 (_id cannot be updated)')
        }
        const { _id: _given, ...rest } = cloneDoc(data)
        const doc: Doc = { _id: old._id, ...rest }
        return { doc, modified: !sameValue(doc, old) }
      }
      const doc = cloneDoc(old)
      let modified = false
      for (const [op, arg] of Object.entries(ops)) {
        const changed = applyUpdate(doc, { [op]: arg } as never)
        if (changed.length > 0) modified = true
      }
      return { doc, modified }
    }

    const writes: Write[] = []
    let updated = 0
    let last: Doc | undefined
    for (const d of docs) {
      const { doc, modified } = change(d.doc)
      last = doc
      if (!modified) continue
      updated++
      writes.push({ coll, idkey: d.idkey, doc })
    }
    let upsertId: unknown
    if (docs.length === 0 && upsert) {
      let base: Doc = {}
      if (merge) {
        for (const [k, v] of Object.entries(filter)) {
          if (!k.startsWith('$') && !k.includes('.') && !(isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$')))) {
            base[k] = v
          }
        }
        for (const [op, arg] of Object.entries(ops)) applyUpdate(base, { [op]: arg } as never)
      } else {
        base = cloneDoc(data)
      }
      const id = filter._id !== undefined && !isPlainObject(filter._id) ? filter._id : newId()
      if (typeof id !== 'string' && typeof id !== 'number') throw new TcbError('INVALID_PARAM', '_id must be a string or a number')
      const { _id: _given, ...rest } = base
      base = { _id: id, ...rest }
      checkFieldNames(base)
      writes.push({ coll, idkey: Store.idkey(id), doc: base })
      upsertId = id
      last = base
    }
    if (tx) for (const w of writes) this.txWrite(tx, w)
    else if (writes.length > 0) this.store.apply(writes)
    this.slowLog(coll, 'update', filter, cost, docs.length)
    const reply: Record<string, unknown> = { updated }
    if (upsertId !== undefined) reply.upsert_id = upsertId
    if (returnDoc) reply.doc = last ? toEjson(last) : null
    return { data: reply }
  }

  private remove(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txOf(body)
    const { filter, docs, cost } = this.writeTargets(body, coll, tx, meter)
    const writes: Write[] = docs.map((d) => ({ coll, idkey: d.idkey, doc: null }))
    if (tx) for (const w of writes) this.txWrite(tx, w)
    else if (writes.length > 0) this.store.apply(writes)
    this.slowLog(coll, 'remove', filter, cost, docs.length)
    return { data: { deleted: docs.length } }
  }

  private aggregate(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    if (!Array.isArray(body.stages)) throw new TcbError('INVALID_PARAM', 'stages must be an array')
    const pipeline: Doc[] = body.stages.map((s, i) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw new TcbError('INVALID_PARAM', `stage ${i} needs stageKey and stageValue`)
      const key = s.stageKey.startsWith('$') ? s.stageKey : `$${s.stageKey}`
      if (key === '$geoNear') throw new TcbError('DATABASE_INVALID_OPERRATOR', 'the emulator does not support $geoNear')
      return { [key]: typeof s.stageValue === 'string' ? parseEjson(s.stageValue, `stage ${key}`) : s.stageValue }
    })
    // Leading $match / $sort / $skip / $limit run through the planner (indexes, early stop).
    let i = 0
    let filter: Doc = {}
    let sort: SortSpec = []
    let skip = 0
    let limit = Infinity
    if (pipeline[i]?.$match !== undefined) {
      const m = pipeline[i].$match
      if (!isPlainObject(m)) throw new TcbError('INVALID_PARAM', '$match needs an object')
      filter = m
      i++
    }
    if (pipeline[i]?.$sort !== undefined) {
      const s = pipeline[i].$sort
      if (!isPlainObject(s)) throw new TcbError('INVALID_PARAM', '$sort needs an object')
      sort = Object.entries(s).map(([f, d]) => [f, d === -1 ? -1 : 1])
      i++
    }
    while (limit === Infinity && (pipeline[i]?.$skip !== undefined || pipeline[i]?.$limit !== undefined)) {
      const st = pipeline[i]
      if (st.$skip !== undefined) {
        if (typeof st.$skip !== 'number' || st.$skip < 0) throw new TcbError('INVALID_PARAM', '$skip needs a non-negative number')
        skip += st.$skip
      } else {
        if (typeof st.$limit !== 'number' || st.$limit <= 0) throw new TcbError('INVALID_PARAM', '$limit needs a positive number')
        limit = st.$limit
      }
      i++
    }
    const { docs, cost } = this.findDocs(coll, { filter, sort, skip, limit }, meter)
    let lookedUp = 0
    const resolver = (name: string): Doc[] => {
      if (!this.store.collection(name)) return []
      const all: Doc[] = []
      for (const d of this.store.scan(name)) all.push(d.doc)
      lookedUp += all.length
      return all
    }
    const out = aggregate(
      docs.map((d) => d.doc),
      pipeline.slice(i),
      { collectionResolver: resolver }
    ) as unknown[]
    meter.docsExamined += lookedUp
    meter.docsReturned += out.length
    this.slowLog(coll, 'aggregate', filter, { ...cost, docsExamined: cost.docsExamined + lookedUp }, out.length)
    return { data: { list: out.map(toEjson) } }
  }

  private startTransaction(): Record<string, unknown> {
    this.expire()
    const id = randomBytes(16).toString('hex')
    this.txs.set(id, { id, started: Date.now(), reads: new Map(), writes: new Map() })
    return { transactionId: id }
  }

  private commitTransaction(body: Record<string, unknown>): Record<string, unknown> {
    const id = body.transactionId
    if (typeof id !== 'string' || id === '') throw new TcbError('INVALID_PARAM', 'transactionId is required')
    const tx = this.liveTx(id)
    this.txs.delete(id)
    this.store.atomically(() => {
      for (const r of tx.reads.values()) {
        if (this.store.version(r.coll, r.idkey) !== r.version) {
          throw new TcbError(
            'DATABASE_TRANSACTION_CONFLICT',
            `transaction ${id} conflicts with a concurrent write to ${r.coll} (事务冲突，请重试)`
          )
        }
      }
      this.store.apply([...tx.writes.values()])
    })
    return {}
  }

  private abortTransaction(body: Record<string, unknown>): Record<string, unknown> {
    const id = body.transactionId
    if (typeof id !== 'string' || id === '') throw new TcbError('INVALID_PARAM', 'transactionId is required')
    this.liveTx(id)
    this.txs.delete(id)
    return {}
  }

  private addCollection(body: Record<string, unknown>): Record<string, unknown> {
    const name = body.collectionName
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
      throw new TcbError('INVALID_PARAM', 'collectionName must be 1-64 letters, digits, _ or -')
    }
    if (!this.store.addCollection(name)) {
      throw new TcbError('DATABASE_COLLECTION_ALREADY_EXIST', `集合 ${name} 已存在 (collection ${name} already exists)`)
    }
    return {}
  }
}

// ------------------------------------------------------------------ small helpers

export function newId(): string {
  return randomBytes(16).toString('hex')
}

function cloneDoc<T>(v: T): T {
  return structuredClone(v)
}

function sameValue(a: unknown, b: unknown): boolean {
  return toEjson({ v: a }) === toEjson({ v: b })
}

function toEjsonRelaxed(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (x instanceof RegExp ? String(x) : x))
  } catch {
    return '[query]'
  }
}

function sortDocs(docs: StoredDoc[], sort: SortSpec): StoredDoc[] {
  const byDoc = new Map<Doc, StoredDoc>()
  for (const d of docs) byDoc.set(d.doc, d)
  const sorted = mingoFind(
    docs.map((d) => d.doc),
    {}
  )
    .sort(Object.fromEntries(sort))
    .all() as Doc[]
  return sorted.map((doc) => byDoc.get(doc)!)
}

/** Field names the cloud refuses: starting with $ (operators) anywhere in a stored document. */
function checkFieldNames(doc: Doc): void {
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`))
    else if (isPlainObject(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.startsWith('$')) throw new TcbError('INVALID_PARAM', `field name ${path ? `${path}.` : ''}${k} must not start with $`)
        walk(x, path ? `${path}.${k}` : k)
      }
    }
  }
  walk(doc, '')
}
