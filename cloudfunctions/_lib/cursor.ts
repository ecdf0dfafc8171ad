import { z } from '@/types/zod'
import { AppError } from './errors'

/**
 * The one page cursor every list uses: the last item's sort keys as base64url JSON. Opaque to the phone, and
 * checked against the list's key shape when it comes back, since anyone can send any string.
 */
export const packCursor = (keys: readonly unknown[]): string => Buffer.from(JSON.stringify(keys)).toString('base64url')

/** The keys a cursor carries, or null when it is not one this list made (forged, truncated, from another list). */
function unpackCursor<S extends z.ZodType>(cursor: string, keys: S): z.output<S> | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString())
  } catch {
    return null
  }
  const checked = keys.safeParse(parsed)
  return checked.success ? checked.data : null
}

const BAD_CURSOR = '翻页参数不对，请从第一页重新加载'

/** As unpackCursor, for lists where a bad cursor is an error the person sees (no cursor: the first page). */
export function cursorKeys<S extends z.ZodType>(cursor: string | undefined, keys: S): z.output<S> | null {
  if (!cursor) return null
  const out = unpackCursor(cursor, keys)
  if (out === null) throw new AppError('BAD_REQUEST', BAD_CURSOR)
  return out
}
