import { z } from '@/types/zod'
import { _ } from './cloud'
import { cursorKeys, packCursor } from './cursor'
import { collection } from './collections'
import { rows } from './query'
import type { CollectionName } from '@/types/database'

/** Where a page stopped in an order by group keys (ascending), then an instant and _id (both descending). */
export interface GroupCursor {
  keys: string[]
  at: Date
  id: string
}

export const encodeGroupCursor = (c: GroupCursor): string => packCursor([c.keys, new Date(c.at).getTime(), c.id])

export function decodeGroupCursor(s: string | undefined, groups: number): GroupCursor | null {
  const keys = cursorKeys(s, z.tuple([z.array(z.string()).length(groups), z.number().int(), z.string()]))
  return keys && { keys: keys[0], at: new Date(keys[1]), id: keys[2] }
}

/**
 * The documents after `cursor` in the order (g1, …, gk ascending, `time` and _id descending), exactly, each query
 * walking an index whose keys are the base's equality fields followed by that order: first the rest of the cursor's
 * group (same instant with a smaller _id, then older), then the later groups level by level, from the innermost out.
 * At most k + 2 reads, each stopping at the page size.
 */
export async function groupedPage<D extends { _id: string }>(
  name: CollectionName,
  base: Record<string, unknown>,
  groupKeys: readonly string[],
  time: string,
  cursor: GroupCursor | null,
  limit: number
): Promise<D[]> {
  const ordered = (where: Record<string, unknown>, from: number, n: number) => {
    let q = collection(name).where(where) as unknown as { orderBy(f: string, d: 'asc' | 'desc'): typeof q; limit(n: number): unknown }
    for (const g of groupKeys.slice(from)) q = q.orderBy(g, 'asc')
    q = q.orderBy(time, 'desc').orderBy('_id', 'desc')
    return rows<D>(q.limit(n) as { get(): unknown })
  }
  if (!cursor) return ordered(base, 0, limit)
  const out: D[] = []
  const same = Object.fromEntries(groupKeys.map((g, i) => [g, cursor.keys[i]]))
  out.push(...(await ordered({ ...base, ...same, [time]: cursor.at, _id: _.lt(cursor.id) }, groupKeys.length, limit)))
  if (out.length < limit) out.push(...(await ordered({ ...base, ...same, [time]: _.lt(cursor.at) }, groupKeys.length, limit - out.length)))
  for (let j = groupKeys.length - 1; j >= 0 && out.length < limit; j--) {
    const prefix = Object.fromEntries(groupKeys.slice(0, j).map((g, i) => [g, cursor.keys[i]]))
    out.push(...(await ordered({ ...base, ...prefix, [groupKeys[j]]: _.gt(cursor.keys[j]) }, j, limit - out.length)))
  }
  return out
}
