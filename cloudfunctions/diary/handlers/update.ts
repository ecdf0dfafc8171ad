import type { z } from '@/types/zod'
import type { DiaryEntry, DiaryUpdateInput } from '@/types/diary'
import { DIARY_EDIT_DAYS, diaryEditableUntil } from '@/types/rules/diary'
import { collection, type DiaryEntryDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { deleteQuietly, requireOwnFiles, toEntry } from '../shared'
import { byId } from '../../_lib/by-id'

/** The cadre edits their own entry within 7 days of writing it; photos taken off are deleted from storage. */
export async function update(input: z.output<typeof DiaryUpdateInput>, ctx: RequestContext): Promise<DiaryEntry> {
  const user = await requireCadre(ctx)
  const e = await byId<DiaryEntryDoc>('diaryEntries', input.entryId)
  if (!e) throw new AppError('NOT_FOUND', '没有找到这篇日记')
  if (e.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能修改自己的日记')
  if (ctx.now.getTime() > diaryEditableUntil(e.createdAt).getTime()) {
    throw new AppError('BAD_REQUEST', `日记只能在写好后 ${DIARY_EDIT_DAYS} 天内修改，这篇已经超过了`)
  }
  const photos = input.photos ? [...new Set(input.photos)] : e.photos
  const added = photos.filter((p) => !e.photos.includes(p))
  const removed = e.photos.filter((p) => !photos.includes(p))
  await requireOwnFiles('photo', user._id, added)
  const updated: DiaryEntryDoc = { ...e, text: input.text, photos, updatedAt: ctx.now }
  await collection('diaryEntries')
    .doc(e._id)
    .update({ data: { text: updated.text, photos: updated.photos, updatedAt: updated.updatedAt } })
  await deleteQuietly(removed)
  return toEntry(updated)
}
