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

/** Publishes a draft, recording who and when; publishing a published list again changes nothing. */
export async function publish(input: z.output<typeof rankingsApi.publish.input>, ctx: RequestContext): Promise<HonourList> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const doc = await inTransaction(async (tx) => {
    const found = await txGet<HonourListDoc>(tx, 'honourLists', input.listId)
    if (!found) throw new AppError('NOT_FOUND', '没有找到这份名单')
    requireManagerOf(user, found.orgPath, '只有本单位或上级管理员可以发布这份名单')
    if (found.status === 'published') return { ...found, _id: input.listId }
    const next: HonourListDoc = {
      ...found,
      _id: input.listId,
      status: 'published',
      published: { by: user._id, byName: user.name, at: ctx.now },
      updatedAt: ctx.now
    }
    await put(tx, 'honourLists', next)
    return next
  })
  return toHonourList(doc, user)
}
