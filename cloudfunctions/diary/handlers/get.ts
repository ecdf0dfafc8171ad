import type { z } from '@/types/zod'
import type { diaryApi } from '@/types/api/diary'
import type { DiaryDetail } from '@/types/diary'
import type { DiaryEntryDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import { tempUrls, toEntry } from '../shared'
import { byId } from '../../_lib/by-id'

/** One entry, for its cadre or their managers, with temporary links to its photos. */
export async function get(input: z.output<typeof diaryApi.get.input>, ctx: RequestContext): Promise<DiaryDetail> {
  const user = await requireStaff(ctx)
  const e = await byId<DiaryEntryDoc>('diaryEntries', input.entryId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这篇日记')
  requireSelfOrManager(user, e, '民情日记只有干部本人和他的管理员可以看')
  const urls = await tempUrls(e.photos)
  return { ...toEntry(e), photoUrls: urls.map((u) => u.tempFileURL) }
}
