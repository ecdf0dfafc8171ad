import type { ReminderOverview } from '@/types/reminders'
import type { RequestContext } from '../../_lib/context'
import { overviewOf, requireCaller } from '../shared'

/** What the user gets, quota per template, the ids to ask consent for, and the unread count. */
export async function overview(_input: Record<string, never>, ctx: RequestContext): Promise<ReminderOverview> {
  const { openid, audience } = await requireCaller(ctx)
  return overviewOf(openid, audience)
}
