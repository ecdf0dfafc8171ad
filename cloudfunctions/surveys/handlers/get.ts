import type { z } from '@/types/zod'
import type { Survey, surveysInput } from '@/types/surveys'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { requireReader, surveyOrThrow, toSurvey } from '../shared'

export async function get(input: z.output<typeof surveysInput.get>, ctx: RequestContext): Promise<Survey> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireReader(user, s)
  return toSurvey(s, user, ctx.now)
}
