import type { z } from '@/types/zod'
import type { remindersApi } from '@/types/api/reminders'
import type { ReminderPage } from '@/types/reminders'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { rows } from '../../_lib/query'
import { TIE_SLACK, decodeCursor, pageAfter } from '../../_lib/paging'
import { requireCaller, toItem, unreadCount, type ReminderDoc } from '../shared'

/** The reminder center: the caller's reminders, newest first, one indexed range read per page. */
export async function list(input: z.output<typeof remindersApi.list.input>, ctx: RequestContext): Promise<ReminderPage> {
  const { openid } = await requireCaller(ctx)
  const cursor = decodeCursor(input.cursor)
  const where = cursor ? { openid, createdAt: _.lte(cursor.at) } : { openid }
  const [docs, unread] = await Promise.all([
    rows<ReminderDoc>(
      collection('reminders')
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))
    ),
    unreadCount(openid)
  ])
  return { ...pageAfter(docs, (d) => d.createdAt, cursor, input.limit, true, toItem), unread }
}
