import type { z } from '@/types/zod'
import type { remindersApi } from '@/types/api/reminders'
import type { ReminderOverview } from '@/types/reminders'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { overviewOf, requireCaller } from '../shared'

/** Kinds turned off are never pushed; they still appear in the reminder center. */
export async function settings(input: z.output<typeof remindersApi.settings.input>, ctx: RequestContext): Promise<ReminderOverview> {
  const { openid, audience } = await requireCaller(ctx)
  await collection('reminderPrefs')
    .doc(openid)
    .set({ data: { off: [...new Set(input.off)], updatedAt: ctx.now } })
  return overviewOf(openid, audience)
}
