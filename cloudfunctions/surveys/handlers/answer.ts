import type { z } from '@/types/zod'
import type { surveysInput } from '@/types/surveys'
import { checkAnswers } from '@/types/rules/surveys'
import { beijingDate } from '@/types/rules/beijing-time'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserByOpenid } from '../../_lib/users'
import { addAnswer, findSurvey, residentAnswerId, statusAt } from '../shared'

/**
 * A resident's answer, once per resident per survey, anonymous. Four database operations whatever the survey's
 * size: the survey and the caller's account (read together), the answer inserted under its keyed _id (a second
 * answer from the same person is refused by the unique _id, even concurrently), and one atomic increment of the
 * survey's tallies — outside any transaction, so 200 people at a 座谈会 answering at once all land.
 */
export async function answer(input: z.output<typeof surveysInput.answer>, ctx: RequestContext): Promise<{ done: true }> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const [s, me] = await Promise.all([findSurvey(input.scene), findUserByOpenid(ctx.caller.openid)])
  if (!s || s.status === 'draft') throw new AppError('NOT_FOUND', '没有找到这份问卷，二维码可能还没启用')
  if (statusAt(s, ctx.now) !== 'open') throw new AppError('CONFLICT', '这份问卷已经结束收集了，谢谢您的关心')
  if (me) throw new AppError('FORBIDDEN', '工作人员不能以群众身份填写问卷；纸质问卷请由发起人录入')
  const checked = checkAnswers(s.questions, input.answers)
  if (!checked.ok) throw new AppError('BAD_REQUEST', checked.message)
  const added = await addAnswer(s, {
    _id: residentAnswerId(s.secret, ctx.caller.openid),
    surveyId: s._id,
    source: 'resident',
    date: beijingDate(ctx.now),
    answers: checked.answers,
    texts: checked.texts
  })
  if (!added) throw new AppError('CONFLICT', '您已经填过这份问卷了，每人填一次，谢谢！')
  return { done: true }
}
