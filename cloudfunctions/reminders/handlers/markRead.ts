import type { z } from '@/types/zod'
import type { remindersApi } from '@/types/api/reminders'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCaller, unreadCount } from '../shared'

/** Marks the caller's own reminders read: some by id, or all. Nobody else's are touched (openid in the filter). */
export async function markRead(input: z.output<typeof remindersApi.markRead.input>, ctx: RequestContext): Promise<{ unread: number }> {
  const { openid } = await requireCaller(ctx)
  if (!input.all && !input.ids?.length) throw new AppError('BAD_REQUEST', '请选择要标为已读的提醒')
  const where = input.all ? { openid, read: false } : { openid, read: false, _id: _.in(input.ids ?? []) }
  await collection('reminders')
    .where(where)
    .update({ data: { read: true, readAt: ctx.now } })
  return { unread: await unreadCount(openid) }
}
