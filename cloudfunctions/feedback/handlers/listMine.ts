import type { z } from '@/types/zod'
import type { feedbackApi } from '@/types/api/feedback'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { pageByInstant } from '../../_lib/paging'
import { hashOpenid } from '../../_lib/service'
import { toFeedback, type FeedbackDoc } from '../shared'

/** The caller's own submissions with the answers, newest first (sender_time index). */
export async function listMine(input: z.output<typeof feedbackApi.listMine.input>, ctx: RequestContext) {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  return pageByInstant('feedback', { senderHash: hashOpenid(ctx.caller.openid) }, 'createdAt', input, (d: FeedbackDoc) => toFeedback(d, false))
}
