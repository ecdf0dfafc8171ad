import type { z } from '@/types/zod'
import type { diaryApi } from '@/types/api/diary'
import type { DiaryEntry } from '@/types/diary'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toEntry } from '../shared'

/** A cadre's diary, newest first, by the cadre_time index; each page reads about its own size. */
export async function list(input: z.output<typeof diaryApi.list.input>, ctx: RequestContext): Promise<{ items: DiaryEntry[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  return pageByInstant('diaryEntries', { cadreId: cadre._id }, 'createdAt', input, toEntry)
}
