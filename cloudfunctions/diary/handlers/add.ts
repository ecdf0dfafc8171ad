import type { z } from '@/types/zod'
import type { DiaryAddInput, DiaryEntry } from '@/types/diary'
import { beijingDate, beijingYear } from '@/types/rules/beijing-time'
import type { DiaryEntryDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { bumpStats, entryDocId, requireOwnFiles, toEntry } from '../shared'
import { byId } from '../../_lib/by-id'
import { createOnce } from '../../_lib/create-once'

type Input = z.output<typeof DiaryAddInput>

/**
 * 写民情日记. The entry's _id is `${cadreId}_${entryId}` (the phone's id), created in the transaction that
 * counts it in the cadre-year statistics: a retry or a double tap gets the first entry back, counted once.
 */
export async function add(input: Input, ctx: RequestContext): Promise<DiaryEntry> {
  const user = await requireCadre(ctx)
  const id = entryDocId(user._id, input.entryId)
  const existing = await byId<DiaryEntryDoc>('diaryEntries', id)
  if (existing) return replay(existing, input)
  const photos = [...new Set(input.photos)]
  await requireOwnFiles('photo', user._id, photos)

  return createOnce<DiaryEntryDoc, DiaryEntry>(
    'diaryEntries',
    id,
    (found) => replay(found, input),
    async (tx) => {
      const entry: DiaryEntryDoc = {
        _id: id,
        entryId: input.entryId,
        cadreId: user._id,
        cadreName: user.name,
        orgId: user.orgId,
        orgPath: user.orgPath,
        text: input.text,
        photos,
        date: beijingDate(ctx.now),
        year: beijingYear(ctx.now),
        createdAt: ctx.now,
        updatedAt: ctx.now
      }
      await bumpStats(tx, user, entry.year, 'diaryEntries', 1, ctx.now)
      const { _id, ...doc } = entry
      await tx.collection('diaryEntries').add({ data: { _id, ...doc } })
      return toEntry(entry)
    }
  )
}

function replay(e: DiaryEntryDoc, input: Input): DiaryEntry {
  if (e.text !== input.text) throw new AppError('CONFLICT', '这个日记编号已经用过了，请重新打开页面再写')
  return toEntry(e)
}
