import type { z } from '@/types/zod'
import type { remindersApi } from '@/types/api/reminders'
import type { ReminderPage } from '@/types/reminders'
import type { RequestContext } from '../../_lib/context'
import { pageByInstant } from '../../_lib/paging'
import { requireCaller, toItem, unreadCount } from '../shared'

/** The reminder center: the caller's reminders, newest first, one indexed range read per page. */
export async function list(input: z.output<typeof remindersApi.list.input>, ctx: RequestContext): Promise<ReminderPage> {
  const { openid } = await requireCaller(ctx)
  const [page, unread] = await Promise.all([pageByInstant('reminders', { openid }, 'createdAt', input, toItem), unreadCount(openid)])
  return { ...page, unread }
}
