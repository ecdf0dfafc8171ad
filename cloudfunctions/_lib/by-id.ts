import type { CollectionName } from '@/types/database'
import { collection } from './collections'
import { rows } from './query'
import type { Tx } from './tx'

/**
 * The document with this _id, or null. A query on _id (one index entry, one document examined) rather than
 * doc(id).get(), which wx-server-sdk makes throw for a missing document.
 */
export async function byId<D>(name: CollectionName, id: string): Promise<D | null> {
  const [doc] = await rows<D>(collection(name).where({ _id: id }).limit(1))
  return doc ?? null
}

/** The same inside a transaction, where the real cloud allows only reads by doc(id) (null when missing). */
export async function txGet<D>(tx: Tx, name: CollectionName, id: string): Promise<D | null> {
  const { data } = await tx.collection(name).doc(id).get()
  return (data as D | null) ?? null
}
