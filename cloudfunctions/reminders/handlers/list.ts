import type { z } from '../../../types/zod'
import type { remindersApi } from '../../../types/api/reminders'
import type { ReminderPage } from '../../../types/reminders'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { rows } from '../../_lib/query'
import { decodeCursor, encodeCursor, requireCaller, toItem, unreadCount, type ReminderDoc } from '../shared'

const TIE_SLACK = 3

/** The reminder center: the caller's reminders, newest first, one indexed range read per page. */
export async function list(input: z.output<typeof remindersApi.list.input>, ctx: RequestContext): Promise<ReminderPage> {
  const { openid } = await requireCaller(ctx)
  const cursor = decodeCursor(input.cursor)
  const where = cursor ? { openid, createdAt: _.lte(cursor.at) } : { openid }
  const [docs, unread] = await Promise.all([
    rows<ReminderDoc>(collection('reminders').where(where).orderBy('createdAt', 'desc').orderBy('_id', 'desc').limit(input.limit + 1 + (cursor ? TIE_SLACK : 0))),
    unreadCount(openid)
  ])
  const after = cursor
    ? docs.filter((d) => new Date(d.createdAt).getTime() < cursor.at.getTime() || d._id < cursor.id)
    : docs
  const items = after.slice(0, input.limit)
  const last = items[items.length - 1]
  return { items: items.map(toItem), nextCursor: after.length > input.limit && last ? encodeCursor(last.createdAt, last._id) : null, unread }
}
