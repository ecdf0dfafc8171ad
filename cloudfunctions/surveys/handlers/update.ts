import type { z } from '@/types/zod'
import type { Survey, surveysInput } from '@/types/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { updatedCount } from '../../_lib/query'
import { requireAuthor, surveyOrThrow, toSurvey } from '../shared'
import { checkFields } from './create'

/** The author's draft, replaced as a whole; once published the questions stay as residents saw them. */
export async function update(input: z.output<typeof surveysInput.update>, ctx: RequestContext): Promise<Survey> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireAuthor(user, s)
  if (s.status !== 'draft') throw new AppError('CONFLICT', '问卷已经发布，题目不能再改了')
  const { titleBo, introBo, ...fields } = checkFields(input, ctx.now)
  // Only while still a draft: a publish that got there first wins.
  const n = await updatedCount(
    collection('surveys')
      .where({ _id: s._id, status: 'draft' })
      .update({ data: { ...fields, titleBo: titleBo ?? null, introBo: introBo ?? null, updatedAt: ctx.now } })
  )
  if (!n) throw new AppError('CONFLICT', '问卷已经发布，题目不能再改了')
  const { titleBo: _t, introBo: _i, ...rest } = s
  return toSurvey({ ...rest, ...fields, ...(titleBo ? { titleBo } : {}), ...(introBo ? { introBo } : {}), updatedAt: ctx.now }, user, ctx.now)
}
