import type { z } from '@/types/zod'
import type { AnswerBlock, SurveyOpen, surveysInput } from '@/types/surveys'
import { hasTibetan } from '@/types/rules/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserByOpenid } from '../../_lib/users'
import { rows } from '../../_lib/query'
import { findSurvey, residentAnswerId, statusAt } from '../shared'

/**
 * What a scanned code opens: the questionnaire and whether the caller may answer (not a draft, not ended, not
 * answered before, not a staff account). Three reads; nothing of the results, nothing about anyone.
 */
export async function open(input: z.output<typeof surveysInput.open>, ctx: RequestContext): Promise<SurveyOpen> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const s = await findSurvey(input.scene)
  if (!s || s.status === 'draft') throw new AppError('NOT_FOUND', '没有找到这份问卷，二维码可能还没启用')
  const [me, mine] = await Promise.all([
    findUserByOpenid(ctx.caller.openid),
    rows<{ _id: string }>(
      collection('surveyAnswers')
        .where({ _id: residentAnswerId(s.secret, ctx.caller.openid) })
        .field({ _id: true })
        .limit(1)
    )
  ])
  let blocked: AnswerBlock | null = null
  if (mine.length) blocked = 'answered'
  else if (statusAt(s, ctx.now) !== 'open') blocked = 'closed'
  else if (me) blocked = 'staff'
  return {
    id: s._id,
    title: s.title,
    ...(s.titleBo ? { titleBo: s.titleBo } : {}),
    intro: s.intro,
    ...(s.introBo ? { introBo: s.introBo } : {}),
    orgName: s.orgName,
    questions: s.questions,
    hasBo: hasTibetan(s),
    blocked
  }
}
