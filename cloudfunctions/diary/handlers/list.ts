import type { z } from '@/types/zod'
import type { diaryApi } from '@/types/api/diary'
import type { DiaryEntry } from '@/types/diary'
import { _ } from '../../_lib/cloud'
import { collection, type DiaryEntryDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor, encodeCursor } from '../../_lib/paging'
import { toEntry } from '../shared'

/** A cadre's diary, newest first, by the cadre_time index; each page reads about its own size. */
export async function list(input: z.output<typeof diaryApi.list.input>, ctx: RequestContext): Promise<{ items: DiaryEntry[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const cursor = decodeCursor(input.cursor)
  if (input.cursor && !cursor) throw new AppError('BAD_REQUEST', '翻页参数不对，请从第一页重新加载')
  const where = cursor ? { cadreId: cadre._id, createdAt: _.lte(cursor.at) } : { cadreId: cadre._id }
  const docs = await rows<DiaryEntryDoc>(
    collection('diaryEntries')
      .where(where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
  )
  const after = cursor
    ? docs.filter((d) => {
        const t = new Date(d.createdAt).getTime()
        return t !== cursor.at.getTime() || d._id < cursor.id
      })
    : docs
  const items = after.slice(0, input.limit)
  const last = items[items.length - 1]
  return { items: items.map(toEntry), nextCursor: after.length > input.limit && last ? encodeCursor(last.createdAt, last._id) : null }
}
