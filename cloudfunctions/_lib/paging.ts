import { z } from '@/types/zod'
import { packCursor, unpackCursor } from './cursor'

/** Cursors for lists ordered by (instant, _id): the last item's instant and id. */
export const encodeCursor = (at: Date | string, id: string): string => packCursor([new Date(at).getTime(), id])

const instantKeys = z.tuple([z.number().int(), z.string()])

/** A cursor this kind of list made, or null (first page) for none or one that is not. */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const keys = cursor ? unpackCursor(cursor, instantKeys) : null
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
  cursor: { at: Date; id: string } | null,
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
