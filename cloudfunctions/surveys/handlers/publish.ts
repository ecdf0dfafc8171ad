import type { z } from '@/types/zod'
import type { Survey, surveysInput } from '@/types/surveys'
import { beijingDate } from '@/types/rules/beijing-time'
import { emptyTally } from '@/types/rules/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { updatedCount } from '../../_lib/query'
import { requireAuthor, surveyOrThrow, toSurvey } from '../shared'

/** Draft → 收集中 (the author): from now on the code takes answers and the questions are fixed. Publishing twice is one. */
export async function publish(input: z.output<typeof surveysInput.publish>, ctx: RequestContext): Promise<Survey> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireAuthor(user, s)
  if (s.status !== 'draft') return toSurvey(s, user, ctx.now)
  if (s.closesOn && s.closesOn < beijingDate(ctx.now)) throw new AppError('BAD_REQUEST', '截止日期已经过了，请先改一下截止日期')
  const patch = { status: 'open' as const, publishedAt: ctx.now, updatedAt: ctx.now, tally: emptyTally() }
  const n = await updatedCount(collection('surveys').where({ _id: s._id, status: 'draft' }).update({ data: patch }))
  if (!n) return toSurvey(await surveyOrThrow(s._id), user, ctx.now)
  return toSurvey({ ...s, ...patch }, user, ctx.now)
}
