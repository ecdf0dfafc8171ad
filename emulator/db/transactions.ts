import { randomBytes } from 'node:crypto'
import { TcbError } from './types'
import type { Doc } from './ejson'
import type { Store, Write } from './store'

/** Uncommitted transactions expire after this long. */
export const TRANSACTION_TTL_MS = 30_000

/** One open transaction: the versions it saw, for the commit's conflict check, and its buffered writes. */
export interface TxState {
  id: string
  started: number
  /** Versions the transaction saw ("coll\0idhex" -> version or null for absent). */
  reads: Map<string, { coll: string; idkey: Buffer; version: number | null }>
  /** Buffered writes in first-touch order. */
  writes: Map<string, Write>
}

export const txKey = (coll: string, idkey: Buffer) => `${coll}\u0000${idkey.toString('hex')}`

/**
 * The transactions of the emulated database, as CloudBase's behave: optimistic (every version a transaction read
 * is checked when it commits, and any concurrent write to one of them fails the commit with a conflict), writes
 * buffered until the commit applies them at once, and a transaction left open past its time limit gone.
 */
export class Transactions {
  private readonly open = new Map<string, TxState>()
  private readonly sweeper: NodeJS.Timeout

  constructor(private readonly store: Store) {
    this.sweeper = setInterval(() => this.expire(), 5_000)
    this.sweeper.unref()
  }

  /** The live transaction a request names, if it names one. */
  of(body: Record<string, unknown>): TxState | undefined {
    const id = body.transactionId
    if (id === undefined || id === null || id === '') return undefined
    return this.live(String(id))
  }

  start(): string {
    this.expire()
    const id = randomBytes(16).toString('hex')
    this.open.set(id, { id, started: Date.now(), reads: new Map(), writes: new Map() })
    return id
  }

  commit(id: string): void {
    const tx = this.live(id)
    this.open.delete(id)
    this.store.atomically(() => {
      for (const r of tx.reads.values()) {
        if (this.store.version(r.coll, r.idkey) !== r.version) {
          throw new TcbError('DATABASE_TRANSACTION_CONFLICT', `transaction ${id} conflicts with a concurrent write to ${r.coll} (事务冲突，请重试)`)
        }
      }
      this.store.apply([...tx.writes.values()])
    })
  }

  abort(id: string): void {
    this.live(id)
    this.open.delete(id)
  }

  /** Records the version a transaction saw of a document it had not read or written before. */
  noteRead(tx: TxState, coll: string, idkey: Buffer, version: number | null): void {
    const k = txKey(coll, idkey)
    if (!tx.reads.has(k) && !tx.writes.has(k)) tx.reads.set(k, { coll, idkey, version })
  }

  /** Current state of one document as a transaction sees it (recording what it saw). */
  get(tx: TxState, coll: string, idkey: Buffer): Doc | null {
    const w = tx.writes.get(txKey(coll, idkey))
    if (w) return w.doc
    const d = this.store.get(coll, idkey)
    this.noteRead(tx, coll, idkey, d ? d.version : null)
    return d ? d.doc : null
  }

  /** Buffers a write; a document written blind is checked at commit as if read (it must not move meanwhile). */
  write(tx: TxState, w: Write): void {
    const k = txKey(w.coll, w.idkey)
    if (!tx.writes.has(k) && !tx.reads.has(k)) tx.reads.set(k, { coll: w.coll, idkey: w.idkey, version: this.store.version(w.coll, w.idkey) })
    tx.writes.set(k, w)
  }

  clear(): void {
    this.open.clear()
  }

  close(): void {
    clearInterval(this.sweeper)
  }

  private live(id: string): TxState {
    const tx = this.open.get(id)
    if (!tx) {
      throw new TcbError('DATABASE_REQUEST_FAILED', `transaction ${id} does not exist, has finished or has expired (事务不存在、已结束或已超时)`)
    }
    if (Date.now() - tx.started > TRANSACTION_TTL_MS) {
      this.open.delete(id)
      throw new TcbError('DATABASE_REQUEST_FAILED', `transaction ${id} expired after ${TRANSACTION_TTL_MS / 1000} s without commit (事务超时)`)
    }
    return tx
  }

  private expire(): void {
    const now = Date.now()
    for (const [id, tx] of this.open) if (now - tx.started > TRANSACTION_TTL_MS) this.open.delete(id)
  }
}
