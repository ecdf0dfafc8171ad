import 'mingo/init/system'
import { Query, aggregate } from 'mingo'
import { update as applyUpdate } from 'mingo/updater'
import { find as mingoFind } from 'mingo'
import type { DatabaseOptions, EmulatorDatabase, Meter } from './types'
import { TcbError, newMeter } from './types'
import { parseObject, toEjson, type Doc } from './ejson'
import { isPlainObject } from './keys'
import { DUPLICATE_KEY_CODE, Store, type StoredDoc, type Write } from './store'
import { aggregateSpec, queryOf, readSpec, type FindSpec } from './request'
import { findDocs, slowLog, sortDocs, type Cost } from './find'
import { Transactions, txKey, type TxState } from './transactions'
import { checkFieldNames, cloneDoc, newId, sameValue } from './documents'

export { DEFAULT_LIMIT, MAX_LIMIT } from './request'
export { TRANSACTION_TTL_MS } from './transactions'

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

export class Engine implements EmulatorDatabase {
  readonly store: Store
  private readonly txs: Transactions
  /** Where slow/scan lines go (tests may replace). */
  log: (line: string) => void = (line) => console.log(line)

  constructor(opts: DatabaseOptions) {
    this.store = new Store(opts.dataDir, opts.declaration)
    this.txs = new Transactions(this.store)
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
    const { docs } = findDocs(this.store, collection, { filter: query, sort: [], skip: 0, limit }, newMeter())
    return docs.map((d) => d.doc)
  }

  reset(): void {
    this.txs.clear()
    this.store.reset()
  }

  close(): void {
    this.txs.close()
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

  /**
   * The same query as a transaction sees it: committed data overlaid with the transaction's own
   * buffered writes. Records the versions of what it returns.
   */
  private findInTx(tx: TxState, coll: string, spec: FindSpec, meter: Meter): { docs: StoredDoc[]; cost: Cost } {
    const { docs: committed, cost } = findDocs(this.store, coll, { ...spec, skip: 0, limit: Infinity }, meter)
    const query = new Query(spec.filter)
    const merged: StoredDoc[] = []
    for (const d of committed) if (!tx.writes.has(txKey(coll, d.idkey))) merged.push(d)
    for (const w of tx.writes.values()) {
      if (w.coll === coll && w.doc && query.test(w.doc)) merged.push({ idkey: w.idkey, version: -1, doc: w.doc })
    }
    let result = spec.sort.length > 0 ? sortDocs(merged, spec.sort) : merged.sort((a, b) => Buffer.compare(a.idkey, b.idkey))
    result = result.slice(spec.skip, spec.limit === Infinity ? undefined : spec.skip + spec.limit)
    for (const d of result) if (d.version >= 0) this.txs.noteRead(tx, coll, d.idkey, d.version)
    return { docs: result, cost }
  }

  // ---------------------------------------------------------------- actions

  private insert(body: Record<string, unknown>, _meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txs.of(body)
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
      const exists = seen.has(h) || (tx ? this.txs.get(tx, coll, idkey) !== null : this.store.version(coll, idkey) !== null)
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
    if (tx) for (const w of writes) this.txs.write(tx, w)
    else this.store.apply(writes)
    return { data: { insertedIds: ids } }
  }

  private get(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txs.of(body)
    const spec = readSpec(body)
    let projection: Doc | undefined
    if (body.projection !== undefined && body.projection !== null && body.projection !== '') {
      projection = parseObject(body.projection, 'projection')
    }
    let docs: StoredDoc[]
    let cost: Cost
    if (tx && body.queryType === 'DOC') {
      const idkey = Store.idkey(spec.filter._id)
      const doc = this.txs.get(tx, coll, idkey)
      meter.keysExamined++
      meter.docsExamined++
      cost = { docsExamined: 1, keysExamined: 1, plan: 'IDHACK' }
      docs = doc && new Query(spec.filter).test(doc) ? [{ idkey, version: -1, doc }] : []
    } else if (tx) {
      ;({ docs, cost } = this.findInTx(tx, coll, spec, meter))
    } else {
      ;({ docs, cost } = findDocs(this.store, coll, spec, meter))
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
    slowLog(this.log, coll, 'get', spec.filter, cost, out.length)
    return { data: { list: out.map(toEjson) } }
  }

  private count(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txs.of(body)
    const filter = queryOf(body)
    const spec = { filter, sort: [], skip: 0, limit: Infinity }
    const { docs, cost } = tx ? this.findInTx(tx, coll, spec, meter) : findDocs(this.store, coll, spec, meter)
    slowLog(this.log, coll, 'count', filter, cost, docs.length)
    return { data: { total: docs.length } }
  }

  /** Targets of a write: one document by _id (DOC) or a where query (multi or first match). */
  private writeTargets(body: Record<string, unknown>, coll: string, tx: TxState | undefined, meter: Meter) {
    const queryType = body.queryType ?? 'WHERE'
    if (queryType !== 'DOC' && queryType !== 'WHERE') {
      throw new TcbError('INVALID_PARAM', `unknown queryType ${String(queryType)}`)
    }
    if (body.query === undefined || body.query === null || body.query === '') {
      throw new TcbError('INVALID_PARAM', 'a write needs a query: use doc(id) or where({...}) (批量更新或删除必须指定查询条件)')
    }
    const filter = queryOf(body)
    if (queryType === 'DOC' && filter._id === undefined) throw new TcbError('INVALID_PARAM', 'a DOC write needs _id')
    const multi = queryType === 'WHERE' && body.multi !== false
    const spec: FindSpec = { filter, sort: [], skip: 0, limit: multi ? Infinity : 1 }
    const { docs, cost } = tx ? this.findInTx(tx, coll, spec, meter) : findDocs(this.store, coll, spec, meter)
    return { filter, docs, cost }
  }

  private modify(body: Record<string, unknown>, meter: Meter, returnDoc: boolean): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txs.of(body)
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
    if (tx) for (const w of writes) this.txs.write(tx, w)
    else if (writes.length > 0) this.store.apply(writes)
    slowLog(this.log, coll, 'update', filter, cost, docs.length)
    const reply: Record<string, unknown> = { updated }
    if (upsertId !== undefined) reply.upsert_id = upsertId
    if (returnDoc) reply.doc = last ? toEjson(last) : null
    return { data: reply }
  }

  private remove(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const tx = this.txs.of(body)
    const { filter, docs, cost } = this.writeTargets(body, coll, tx, meter)
    const writes: Write[] = docs.map((d) => ({ coll, idkey: d.idkey, doc: null }))
    if (tx) for (const w of writes) this.txs.write(tx, w)
    else if (writes.length > 0) this.store.apply(writes)
    slowLog(this.log, coll, 'remove', filter, cost, docs.length)
    return { data: { deleted: docs.length } }
  }

  private aggregate(body: Record<string, unknown>, meter: Meter): Record<string, unknown> {
    const coll = this.collectionName(body)
    const { spec, rest } = aggregateSpec(body)
    const { docs, cost } = findDocs(this.store, coll, spec, meter)
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
      rest,
      { collectionResolver: resolver }
    ) as unknown[]
    meter.docsExamined += lookedUp
    meter.docsReturned += out.length
    slowLog(this.log, coll, 'aggregate', spec.filter, { ...cost, docsExamined: cost.docsExamined + lookedUp }, out.length)
    return { data: { list: out.map(toEjson) } }
  }

  private startTransaction(): Record<string, unknown> {
    return { transactionId: this.txs.start() }
  }

  private commitTransaction(body: Record<string, unknown>): Record<string, unknown> {
    this.txs.commit(transactionIdOf(body))
    return {}
  }

  private abortTransaction(body: Record<string, unknown>): Record<string, unknown> {
    this.txs.abort(transactionIdOf(body))
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

function transactionIdOf(body: Record<string, unknown>): string {
  const id = body.transactionId
  if (typeof id !== 'string' || id === '') throw new TcbError('INVALID_PARAM', 'transactionId is required')
  return id
}
