import type { RequestContext } from '../../_lib/context'
import { requireCaller, unreadCount } from '../shared'

/** The unread count for the badge on the home page: one indexed count. */
export async function getBadge(_input: Record<string, never>, ctx: RequestContext): Promise<{ unread: number }> {
  const { openid } = await requireCaller(ctx)
  return { unread: await unreadCount(openid) }
}
