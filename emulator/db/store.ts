import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { CollectionDeclaration } from '@/types/database'
import { deserializeDoc, serializeDoc, type Doc } from './ejson'
import { describeKey, encodeValue, indexKeys, type IndexSpec } from './keys'
import type { IndexState, KeyRange } from './planner'
import { TcbError } from './types'

/**
 * Code for a duplicate key (unique index or _id). The cloud reports it as a general database failure
 * (DATABASE_REQUEST_FAILED, errCode -502001 in wx-server-sdk) whose message carries MongoDB's E11000
 * text; a code the SDK does not know would surface as -501001 "resource system error".
 */
export const DUPLICATE_KEY_CODE = 'DATABASE_REQUEST_FAILED'

export interface StoredDoc {
  idkey: Buffer
  version: number
  doc: Doc
}

/** A write to apply: the new document, or null to delete. */
export interface Write {
  coll: string
  idkey: Buffer
  doc: Doc | null
}

export interface CollectionState {
  name: string
  indexes: IndexState[]
}

/**
 * The durable store: one SQLite file (WAL, synchronous FULL), documents in `docs`, index entries
 * in `idx` (encoded key + document key), both written in the same SQLite transaction.
 */
export class Store {
  readonly sql: Database.Database
  private readonly collections = new Map<string, CollectionState>()
  /** Versions only need to be unique while the process lives (transactions do not survive a restart). */
  private seq = 0
  private readonly stmt

  constructor(dataDir: string, declaration: Record<string, CollectionDeclaration>) {
    mkdirSync(dataDir, { recursive: true })
    this.sql = new Database(path.join(dataDir, 'cloudbase.sqlite'))
    this.sql.pragma('journal_mode = WAL')
    this.sql.pragma('synchronous = FULL')
    this.sql.pragma('busy_timeout = 5000')
    this.sql.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS indexes (
        coll TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, multikey INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (coll, name)
      );
      CREATE TABLE IF NOT EXISTS docs (
        coll TEXT NOT NULL, idkey BLOB NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,
        PRIMARY KEY (coll, idkey)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS idx (
        coll TEXT NOT NULL, name TEXT NOT NULL, key BLOB NOT NULL, idkey BLOB NOT NULL,
        PRIMARY KEY (coll, name, key, idkey)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS idx_by_doc ON idx (coll, idkey);
    `)
    this.stmt = {
      getDoc: this.sql.prepare<[string, Buffer], { version: number; body: string }>('SELECT version, body FROM docs WHERE coll = ? AND idkey = ?'),
      scan: this.sql.prepare<[string], { idkey: Buffer; version: number; body: string }>('SELECT idkey, version, body FROM docs WHERE coll = ? ORDER BY idkey'),
      scanDesc: this.sql.prepare<[string], { idkey: Buffer; version: number; body: string }>(
        'SELECT idkey, version, body FROM docs WHERE coll = ? ORDER BY idkey DESC'
      ),
      scanRangeAsc: this.sql.prepare<[string, Buffer, Buffer], { idkey: Buffer; version: number; body: string }>(
        'SELECT idkey, version, body FROM docs WHERE coll = ? AND idkey >= ? AND idkey < ? ORDER BY idkey'
      ),
      scanRangeDesc: this.sql.prepare<[string, Buffer, Buffer], { idkey: Buffer; version: number; body: string }>(
        'SELECT idkey, version, body FROM docs WHERE coll = ? AND idkey >= ? AND idkey < ? ORDER BY idkey DESC'
      ),
      putDoc: this.sql.prepare('INSERT OR REPLACE INTO docs (coll, idkey, version, body) VALUES (?, ?, ?, ?)'),
      delDoc: this.sql.prepare('DELETE FROM docs WHERE coll = ? AND idkey = ?'),
      delEntries: this.sql.prepare('DELETE FROM idx WHERE coll = ? AND idkey = ?'),
      putEntry: this.sql.prepare('INSERT OR IGNORE INTO idx (coll, name, key, idkey) VALUES (?, ?, ?, ?)'),
      clash: this.sql.prepare<[string, string, Buffer, Buffer], { idkey: Buffer }>(
        'SELECT idkey FROM idx WHERE coll = ? AND name = ? AND key = ? AND idkey <> ? LIMIT 1'
      ),
      rangeAsc: this.sql.prepare<[string, string, Buffer, Buffer], { idkey: Buffer }>(
        'SELECT idkey FROM idx WHERE coll = ? AND name = ? AND key >= ? AND key < ? ORDER BY key, idkey'
      ),
      rangeDesc: this.sql.prepare<[string, string, Buffer, Buffer], { idkey: Buffer }>(
        'SELECT idkey FROM idx WHERE coll = ? AND name = ? AND key >= ? AND key < ? ORDER BY key DESC, idkey DESC'
      ),
      // multikey: 0 none; 1 some field (which ones unknown: written before fields were tracked); otherwise
      // 1 | (mask << 1) with bit i of mask set when the index's i-th field holds an array in some document.
      setMultikey: this.sql.prepare('UPDATE indexes SET multikey = ? WHERE coll = ? AND name = ?'),
      addCollection: this.sql.prepare('INSERT OR IGNORE INTO collections (name, created) VALUES (?, ?)')
    }
    const maxVersion = this.sql.prepare('SELECT MAX(version) AS v FROM docs').get() as { v: number | null }
    this.seq = maxVersion.v ?? 0
    this.sql.transaction(() => this.sync(declaration))()
  }

  /** Creates declared collections, (re)builds indexes whose declaration changed, drops undeclared ones. */
  private sync(declaration: Record<string, CollectionDeclaration>): void {
    const now = Date.now()
    for (const name of Object.keys(declaration)) this.stmt.addCollection.run(name, now)
    const stored = this.sql.prepare('SELECT coll, name, spec, multikey FROM indexes').all() as Array<{
      coll: string
      name: string
      spec: string
      multikey: number
    }>
    const storedBy = new Map(stored.map((r) => [`${r.coll}\u0000${r.name}`, r]))
    const wanted = new Set<string>()
    for (const [coll, decl] of Object.entries(declaration)) {
      for (const ix of decl.indexes) {
        const spec: IndexSpec = { name: ix.name, keys: ix.keys.map(([f, d]) => [f, d] as const), unique: !!ix.unique }
        const text = JSON.stringify(spec)
        const key = `${coll}\u0000${ix.name}`
        wanted.add(key)
        if (storedBy.get(key)?.spec === text) continue
        this.sql.prepare('DELETE FROM idx WHERE coll = ? AND name = ?').run(coll, ix.name)
        this.sql.prepare('INSERT OR REPLACE INTO indexes (coll, name, spec, multikey) VALUES (?, ?, ?, 0)').run(coll, ix.name, text)
        this.buildIndex(coll, spec)
      }
    }
    for (const r of stored) {
      if (wanted.has(`${r.coll}\u0000${r.name}`)) continue
      this.sql.prepare('DELETE FROM idx WHERE coll = ? AND name = ?').run(r.coll, r.name)
      this.sql.prepare('DELETE FROM indexes WHERE coll = ? AND name = ?').run(r.coll, r.name)
    }
    this.loadCatalog()
  }

  private buildIndex(coll: string, spec: IndexSpec): void {
    let mask = 0
    // SQLite cannot write on a connection while a statement is still stepping through rows (better-sqlite3:
    // "connection is busy"), and a collection may be too large to hold at once: read in pages by idkey.
    const page = this.sql.prepare<[string, Buffer, number], { idkey: Buffer; body: string }>(
      'SELECT idkey, body FROM docs WHERE coll = ? AND idkey > ? ORDER BY idkey LIMIT ?'
    )
    const rows = function* (): Generator<{ idkey: Buffer; body: string }> {
      let after: Buffer = Buffer.alloc(0)
      for (;;) {
        const batch = page.all(coll, after, 2000)
        yield* batch
        if (batch.length < 2000) return
        after = batch[batch.length - 1].idkey
      }
    }
    for (const row of rows()) {
      const doc = deserializeDoc(row.body)
      const { keys, multikeyMask } = indexKeys(doc, spec)
      mask |= multikeyMask
      for (const key of keys) {
        if (spec.unique && this.stmt.clash.get(coll, spec.name, key, row.idkey)) {
          console.warn(`[db] ${coll}: existing documents violate unique index ${spec.name} at ${describeKey(doc, spec)}`)
        }
        this.stmt.putEntry.run(coll, spec.name, key, row.idkey)
      }
    }
    if (mask) this.stmt.setMultikey.run(1 | (mask << 1), coll, spec.name)
  }

  private loadCatalog(): void {
    this.collections.clear()
    for (const { name } of this.sql.prepare('SELECT name FROM collections').all() as Array<{ name: string }>) {
      this.collections.set(name, { name, indexes: [] })
    }
    for (const r of this.sql.prepare('SELECT coll, spec, multikey FROM indexes ORDER BY coll, name').all() as Array<{
      coll: string
      spec: string
      multikey: number
    }>) {
      const c = this.collections.get(r.coll)
      if (c) {
        c.indexes.push({
          ...(JSON.parse(r.spec) as IndexSpec),
          multikey: r.multikey !== 0,
          multikeyMask: r.multikey === 1 ? undefined : r.multikey >> 1
        })
      }
    }
  }

  collection(name: string): CollectionState | undefined {
    return this.collections.get(name)
  }

  collectionNames(): string[] {
    return [...this.collections.keys()]
  }

  addCollection(name: string): boolean {
    if (this.collections.has(name)) return false
    this.stmt.addCollection.run(name, Date.now())
    this.collections.set(name, { name, indexes: [] })
    return true
  }

  static idkey(id: unknown): Buffer {
    return encodeValue(id)
  }

  get(coll: string, idkey: Buffer): StoredDoc | undefined {
    const row = this.stmt.getDoc.get(coll, idkey)
    return row ? { idkey, version: row.version, doc: deserializeDoc(row.body) } : undefined
  }

  version(coll: string, idkey: Buffer): number | null {
    const row = this.stmt.getDoc.get(coll, idkey)
    return row ? row.version : null
  }

  /** Every document in _id order, or those whose _id key falls in `range` (reverse: descending). */
  *scan(coll: string, range?: KeyRange, reverse = false): Generator<StoredDoc> {
    const rows = range
      ? (reverse ? this.stmt.scanRangeDesc : this.stmt.scanRangeAsc).iterate(coll, range.lo, range.hi)
      : (reverse ? this.stmt.scanDesc : this.stmt.scan).iterate(coll)
    for (const row of rows) {
      yield { idkey: row.idkey, version: row.version, doc: deserializeDoc(row.body) }
    }
  }

  /** Document keys from an index range, in index order (or reverse). */
  *range(coll: string, index: string, r: KeyRange, reverse: boolean): Generator<Buffer> {
    const st = reverse ? this.stmt.rangeDesc : this.stmt.rangeAsc
    for (const row of st.iterate(coll, index, r.lo, r.hi)) yield row.idkey
  }

  /**
   * Applies writes atomically: old index entries out, then documents and new entries in, unique
   * indexes checked against the result. Runs inside the caller's SQLite transaction if any.
   */
  apply(writes: Write[]): void {
    this.sql.transaction(() => {
      for (const w of writes) {
        this.stmt.delEntries.run(w.coll, w.idkey)
        if (w.doc === null) this.stmt.delDoc.run(w.coll, w.idkey)
      }
      for (const w of writes) {
        if (w.doc === null) continue
        const coll = this.collections.get(w.coll)
        if (!coll) throw new TcbError('DATABASE_COLLECTION_NOT_EXIST', `集合 ${w.coll} 不存在 (collection ${w.coll} does not exist)`)
        this.stmt.putDoc.run(w.coll, w.idkey, ++this.seq, serializeDoc(w.doc))
        for (const ix of coll.indexes) {
          let result: { keys: Buffer[]; multikey: boolean; multikeyMask: number }
          try {
            result = indexKeys(w.doc, ix)
          } catch (err) {
            throw new TcbError('DATABASE_REQUEST_FAILED', (err as Error).message)
          }
          if (result.multikey && (!ix.multikey || (ix.multikeyMask !== undefined && (result.multikeyMask & ~ix.multikeyMask) !== 0))) {
            const known = ix.multikey ? ix.multikeyMask : 0
            ix.multikey = true
            if (known !== undefined) ix.multikeyMask = known | result.multikeyMask
            this.stmt.setMultikey.run(ix.multikeyMask === undefined ? 1 : 1 | (ix.multikeyMask << 1), w.coll, ix.name)
          }
          for (const key of result.keys) {
            if (ix.unique && this.stmt.clash.get(w.coll, ix.name, key, w.idkey)) {
              throw new TcbError(
                DUPLICATE_KEY_CODE,
                `[FailedOperation] E11000 duplicate key error collection: ${w.coll} index: ${ix.name} dup key: ${describeKey(w.doc, ix)}` +
                  `（唯一索引 ${ix.name} 冲突：已有文档使用该值）`
              )
            }
            this.stmt.putEntry.run(w.coll, ix.name, key, w.idkey)
          }
        }
      }
    })()
  }

  /** Runs fn in one SQLite transaction (nested calls join it). */
  atomically<T>(fn: () => T): T {
    return this.sql.transaction(fn)()
  }

  reset(): void {
    this.sql.transaction(() => {
      this.sql.exec('DELETE FROM docs; DELETE FROM idx; UPDATE indexes SET multikey = 0;')
    })()
    for (const c of this.collections.values()) for (const ix of c.indexes) ix.multikey = false
  }

  close(): void {
    if (this.sql.open) this.sql.close()
  }
}
