import type { z } from '@/types/zod'
import type { SurveyResults, surveysInput } from '@/types/surveys'
import { MIN_RESULTS, resultsFrom } from '@/types/rules/surveys'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { requireReader, surveyOrThrow, toSummary } from '../shared'

/**
 * Live figures per question from the tallies on the survey document: two reads (who asks, the survey), however many
 * answered. Below MIN_RESULTS answers only the count shows: one or two answers could point at the person.
 */
export async function results(input: z.output<typeof surveysInput.results>, ctx: RequestContext): Promise<SurveyResults> {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireReader(user, s)
  const t = s.tally
  const shown = (t?.total ?? 0) >= MIN_RESULTS
  return {
    survey: toSummary(s, ctx.now),
    total: t?.total ?? 0,
    resident: t?.resident ?? 0,
    paper: t?.paper ?? 0,
    minToShow: MIN_RESULTS,
    shown,
    questions: resultsFrom(s.questions, shown ? t : undefined)
  }
}
