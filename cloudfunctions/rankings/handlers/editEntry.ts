import type { z } from '@/types/zod'
import type { rankingsApi } from '@/types/api/rankings'
import type { HonourList, HonourListDoc } from '@/types/outcomes'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { put } from '../../_lib/service'
import { toHonourList } from '../honours'
import { txGet } from '../../_lib/by-id'

/** Takes an entry off a draft (a reason is required and kept) or puts it back. */
export async function editEntry(input: z.output<typeof rankingsApi.editEntry.input>, ctx: RequestContext): Promise<HonourList> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const reason = input.reason?.trim() ?? ''
  if (input.remove && reason.length < 2) throw new AppError('BAD_REQUEST', '请写明拿掉的理由（至少 2 个字）')
  const doc = await inTransaction(async (tx) => {
    const found = await txGet<HonourListDoc>(tx, 'honourLists', input.listId)
    if (!found) throw new AppError('NOT_FOUND', '没有找到这份名单')
    requireManagerOf(user, found.orgPath, '只有本单位或上级管理员可以审核这份名单')
    if (found.status !== 'draft') throw new AppError('CONFLICT', '名单已经发布，不能再改')
    const i = found.entries.findIndex((e) => e.cadreId === input.cadreId)
    if (i < 0) throw new AppError('NOT_FOUND', '名单里没有这位干部')
    const entries = found.entries.slice()
    entries[i] = { ...entries[i], removed: input.remove ? { reason, by: user._id, byName: user.name, at: ctx.now } : null }
    const next: HonourListDoc = { ...found, _id: input.listId, entries, updatedAt: ctx.now }
    await put(tx, 'honourLists', next)
    return next
  })
  return toHonourList(doc, user)
}
