import type { z } from '@/types/zod'
import type { Survey, surveysInput } from '@/types/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { updatedCount } from '../../_lib/query'
import { requireReader, surveyOrThrow, toSurvey } from '../shared'

/** 收集中 → 已结束: the author, or a manager above them (a survey that should not go on). Ending twice is one. */
export async function close(input: z.output<typeof surveysInput.close>, ctx: RequestContext): Promise<Survey> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireReader(user, s)
  if (s.status === 'draft') throw new AppError('CONFLICT', '问卷还没有发布，不用结束；不要了可以删除')
  if (s.status === 'closed') return toSurvey(s, user, ctx.now)
  const patch = { status: 'closed' as const, closedAt: ctx.now, updatedAt: ctx.now }
  const n = await updatedCount(collection('surveys').where({ _id: s._id, status: 'open' }).update({ data: patch }))
  return toSurvey(n ? { ...s, ...patch } : await surveyOrThrow(s._id), user, ctx.now)
}
