import { z } from '@/types/zod'
import type { CollectionName } from '@/types/database'
import { _ } from './cloud'
import { collection } from './collections'
import { cursorKeys, packCursor } from './cursor'
import { rows } from './query'

/** Cursors for lists ordered by (instant, _id): the last item's instant and id. */
export const encodeCursor = (at: Date | string, id: string): string => packCursor([new Date(at).getTime(), id])

export interface InstantCursor {
  at: Date
  id: string
}

const instantKeys = z.tuple([z.number().int(), z.string()])

/** The cursor a list of this kind made, or null (the first page) for none; a forged one is refused in words. */
export function decodeCursor(cursor: string | undefined): InstantCursor | null {
  const keys = cursorKeys(cursor, instantKeys)
  return keys && { at: new Date(keys[0]), id: keys[1] }
}

/** Documents a page may read beyond its size, to step over items sharing the cursor's instant. */
export const TIE_SLACK = 3

/**
 * The page after the cursor from documents read in index order (instant then _id, both desc or both
 * asc), with the cursor's instant included in the query (lte / gte).
 */
export function pageAfter<D extends { _id: string }, T>(
  docs: D[],
  at: (d: D) => Date | string,
  cursor: InstantCursor | null,
  limit: number,
  desc: boolean,
  map: (d: D) => T
): { items: T[]; nextCursor: string | null } {
  const after = cursor
    ? docs.filter((d) => {
        const t = new Date(at(d)).getTime()
        const c = cursor.at.getTime()
        if (t !== c) return desc ? t < c : t > c
        return desc ? d._id < cursor.id : d._id > cursor.id
      })
    : docs
  const items = after.slice(0, limit)
  const last = items[items.length - 1]
  return { items: items.map(map), nextCursor: after.length > limit && last ? encodeCursor(at(last), last._id) : null }
}

/** A document field holding an instant (a Date as stored). */
type InstantField<D> = { [K in keyof D]-?: D[K] extends Date | null | undefined ? K : never }[keyof D] & string

/**
 * One page of a list walked along an index ending in (instant field, _id): newest first by default, oldest first
 * with `order: 'asc'`. The cursor's instant bounds the query and the few items sharing it are stepped over, so a
 * page reads about its own size however long the list; `until` ends the walk before an instant (exclusive).
 */
export async function pageByInstant<D extends { _id: string }, T>(
  name: CollectionName,
  where: Record<string, unknown>,
  by: InstantField<D>,
  input: { cursor?: string; limit: number },
  map: (d: D) => T,
  opts: { order?: 'desc' | 'asc'; until?: Date } = {}
): Promise<{ items: T[]; nextCursor: string | null }> {
  const cursor = decodeCursor(input.cursor)
  const desc = (opts.order ?? 'desc') === 'desc'
  const from = cursor ? (desc ? _.lte(cursor.at) : _.gte(cursor.at)) : undefined
  const to = opts.until ? _.lt(opts.until) : undefined
  const bound = from && to ? _.and(from, to) : (from ?? to)
  const order = desc ? 'desc' : 'asc'
  const docs = await rows<D>(
    collection(name)
      .where(bound ? { ...where, [by]: bound } : where)
      .orderBy(by, order)
      .orderBy('_id', order)
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  return pageAfter(docs, (d) => d[by] as Date, cursor, input.limit, desc, map)
}
