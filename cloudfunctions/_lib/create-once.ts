import type { CollectionName } from '@/types/database'
import { byId, txGet } from './by-id'
import { AppError } from './errors'
import { collection } from './collections'
import { inTransaction, isRetryable, type Tx } from './tx'

/**
 * Lands the document `id` once, however often the request comes. The id is made from the phone's submission id,
 * so a retry, a double tap or a concurrent twin finds the first document and gets its reply from `replay` (which
 * also refuses an id reused for something else); never a second document, never a second count. `create` runs in
 * the transaction that re-checks the id, so the document and whatever it counts commit together or not at all.
 */
export async function createOnce<D extends { _id: string }, R>(
  name: CollectionName,
  id: string,
  replay: (found: D) => R,
  create: (tx: Tx) => Promise<R>
): Promise<R> {
  try {
    return await inTransaction(async (tx) => {
      const found = await txGet<D>(tx, name, id)
      return found ? replay({ ...found, _id: id }) : create(tx)
    })
  } catch (err) {
    // Out of retries against a twin that kept committing the same id first: its document is the answer.
    if (!(err instanceof AppError)) {
      const winner = await byId<D>(name, id)
      if (winner) return replay(winner)
    }
    throw err
  }
}

/**
 * Adds the document unless one with its `_id` is already there (the unique `_id` refuses a second): true when this
 * call added it, false when it was there (a retry, a concurrent twin, a random code that collided). Outside a
 * transaction, for writes that stand alone or move counters by atomic increments afterwards.
 */
export async function addIfAbsent<D extends { _id: string }>(name: CollectionName, doc: D): Promise<boolean> {
  const { _id, ...rest } = doc
  try {
    await collection(name).add({ data: { _id, ...rest } as Record<string, unknown> })
    return true
  } catch (err) {
    if (!isRetryable(err)) throw err
    return false
  }
}
