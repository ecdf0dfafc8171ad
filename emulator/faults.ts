import { createHash, randomUUID } from 'node:crypto'
import type { EmulatorServer } from './server'
import type { FunctionPool } from './runtime/pool'
import { readBody, sendJson } from './http'
import { TcbError } from './db/types'

/**
 * Fault injection for tests: make a chosen database action fail, answer late, or kill the
 * function instance that sent it, and a read-only digest of the whole database to prove that nothing
 * changed (or that nothing half-written remains).
 *
 *   POST   /__/faults   { failDbAction?, dbAction?, fn?, afterN?, count?, delayMs?, killInstanceOf?, killWhen?, errorCode? }
 *                       → { id }   (or { faults: [...] } → { ids })
 *   GET    /__/faults   → { faults: [{ id, spec, seen, fired }] }
 *   DELETE /__/faults   → { cleared }
 *   GET    /__/db/digest → { collections: { name: { count, hash } }, hash }
 *   GET    /__/db/writes → { writes }  (database requests served that may have changed something)
 *
 * A fault matches database requests whose action starts with `failDbAction ?? dbAction ?? 'database.'`,
 * sent by an instance of `killInstanceOf ?? fn` (any function when absent; outside SDK clients such as
 * tests and the seed never match). The first `afterN` matches pass, the next `count` (default 1; 0 = every
 * one from then on) fire: wait `delayMs`, then either kill the instance (`killWhen` 'before': the request
 * is never served, as if the process died just before sending it; 'after': served, then the process dies
 * before it hears the answer), or fail with `errorCode` (default SYS_ERR) when failDbAction is set.
 */
export interface FaultSpec {
  failDbAction?: string
  dbAction?: string
  fn?: string
  afterN?: number
  count?: number
  delayMs?: number
  killInstanceOf?: string
  killWhen?: 'before' | 'after'
  errorCode?: string
}

interface Fault {
  id: string
  spec: FaultSpec
  seen: number
  fired: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function validSpec(raw: unknown): FaultSpec {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('a fault is an object')
  const s = raw as Record<string, unknown>
  const str = (k: string) => {
    if (s[k] !== undefined && typeof s[k] !== 'string') throw new Error(`${k} must be a string`)
  }
  const nat = (k: string) => {
    if (s[k] !== undefined && !(typeof s[k] === 'number' && Number.isInteger(s[k]) && (s[k] as number) >= 0)) throw new Error(`${k} must be a whole number ≥ 0`)
  }
  ;['failDbAction', 'dbAction', 'fn', 'killInstanceOf', 'errorCode'].forEach(str)
  ;['afterN', 'count', 'delayMs'].forEach(nat)
  if (s.killWhen !== undefined && s.killWhen !== 'before' && s.killWhen !== 'after') throw new Error("killWhen is 'before' or 'after'")
  if (!s.failDbAction && !s.killInstanceOf && !s.delayMs) throw new Error('say what to do: failDbAction, killInstanceOf or delayMs')
  return s as FaultSpec
}

export function installFaults(server: EmulatorServer, pool: FunctionPool): void {
  const faults: Fault[] = []
  const db = server.db

  // Wraps the database dispatch the server registered for 'database.' (same key: replaced in place).
  server.onAdmin('database.', async (action, body, meter, caller) => {
    const current = caller.instanceId ? pool.currentOf(caller.instanceId) : null
    const fn = current?.record.fn ?? null
    let fire: Fault | null = null
    for (const f of faults) {
      const prefix = f.spec.failDbAction ?? f.spec.dbAction ?? 'database.'
      const wantFn = f.spec.killInstanceOf ?? f.spec.fn
      if (!caller.instanceId || !action.startsWith(prefix) || (wantFn && wantFn !== fn)) continue
      f.seen += 1
      const count = f.spec.count ?? 1
      if (f.seen <= (f.spec.afterN ?? 0) || (count > 0 && f.fired >= count)) continue
      f.fired += 1
      fire = f
      break
    }
    if (!fire) return counted(action, body, db.handle(action, body, meter))
    const spec = fire.spec
    if (spec.delayMs) await sleep(spec.delayMs)
    if (spec.killInstanceOf && caller.instanceId) {
      if ((spec.killWhen ?? 'before') === 'before') {
        await pool.killInstance(caller.instanceId)
        throw new TcbError('SYS_ERR', `injected fault: instance killed before ${action}`)
      }
      const reply = await counted(action, body, db.handle(action, body, meter))
      await pool.killInstance(caller.instanceId)
      return reply
    }
    if (spec.failDbAction) throw new TcbError(spec.errorCode ?? 'SYS_ERR', `injected fault: ${action} failed`)
    return counted(action, body, db.handle(action, body, meter))
  })

  /**
   * Database requests that may have changed something (a write outside a transaction, a commit), served
   * without error: a cheap way for a test to see whether a call wrote anything (GET /__/db/writes).
   */
  let writes = 0
  const writeActions = new Set([
    'database.insertDocument',
    'database.modifyDocument',
    'database.modifyAndReturnDoc',
    'database.removeDocument',
    'database.addCollection'
  ])
  async function counted(action: string, body: Record<string, unknown>, reply: Promise<Record<string, unknown>>) {
    const r = await reply
    if (action === 'database.commitTransaction' || (writeActions.has(action) && !body.transactionId)) writes += 1
    return r
  }
  server.route('GET', '/__/db/writes', (_req, res) => sendJson(res, 200, { writes }))

  server.route('POST', '/__/faults', async (req, res) => {
    try {
      const body = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8')) as unknown
      const specs = body && typeof body === 'object' && Array.isArray((body as { faults?: unknown }).faults) ? (body as { faults: unknown[] }).faults : [body]
      const added = specs.map((s) => ({ id: randomUUID(), spec: validSpec(s), seen: 0, fired: 0 }))
      faults.push(...added)
      sendJson(res, 200, added.length === 1 && specs[0] === body ? { id: added[0].id } : { ids: added.map((f) => f.id) })
    } catch (err) {
      sendJson(res, 400, { code: 'BAD_REQUEST', message: err instanceof Error ? err.message : String(err) })
    }
  })
  server.route('GET', '/__/faults', (_req, res) => sendJson(res, 200, { faults }))
  server.route('DELETE', '/__/faults', (_req, res) => {
    const cleared = faults.splice(0, faults.length).length
    sendJson(res, 200, { cleared })
  })

  // Read-only: per collection, how many documents and a hash of their content in _id order.
  server.route('GET', '/__/db/digest', (_req, res) => {
    const store = (db as unknown as { store?: { collectionNames(): string[] } }).store
    const names = (store?.collectionNames() ?? []).slice().sort()
    const collections: Record<string, { count: number; hash: string }> = {}
    const all = createHash('sha256')
    for (const name of names) {
      const docs = db.find(name, {})
      const keyed = docs.map((d) => [JSON.stringify(d._id), JSON.stringify(d)] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      const h = createHash('sha256')
      for (const [, text] of keyed) h.update(text).update('\n')
      const hash = h.digest('hex').slice(0, 16)
      collections[name] = { count: docs.length, hash }
      all.update(`${name}:${docs.length}:${hash}\n`)
    }
    sendJson(res, 200, { collections, hash: all.digest('hex').slice(0, 16) })
  })
}
