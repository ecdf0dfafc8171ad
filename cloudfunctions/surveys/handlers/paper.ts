import type { z } from '@/types/zod'
import type { surveysInput } from '@/types/surveys'
import { checkAnswers } from '@/types/rules/surveys'
import { beijingDate } from '@/types/rules/beijing-time'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { addAnswer, paperAnswerId, requireAuthor, surveyOrThrow } from '../shared'

/**
 * A paper answer keyed in by the author (marked 纸质 in the results and the export), also after the survey ended —
 * sheets handed in at a 座谈会 are typed up later. The phone's entry id makes a retry land once.
 */
export async function paper(input: z.output<typeof surveysInput.paper>, ctx: RequestContext): Promise<{ total: number }> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireAuthor(user, s)
  if (s.status === 'draft') throw new AppError('CONFLICT', '请先发布问卷，再录入纸质问卷')
  const checked = checkAnswers(s.questions, input.answers)
  if (!checked.ok) throw new AppError('BAD_REQUEST', checked.message)
  const added = await addAnswer(s, {
    _id: paperAnswerId(user._id, input.entryId),
    surveyId: s._id,
    source: 'paper',
    date: beijingDate(ctx.now),
    answers: checked.answers,
    texts: checked.texts
  })
  // A retry of an entry that landed: the same outcome, as far as this call can tell.
  if (!added) return { total: (await surveyOrThrow(s._id)).tally?.total ?? 0 }
  return { total: (s.tally?.total ?? 0) + 1 }
}
