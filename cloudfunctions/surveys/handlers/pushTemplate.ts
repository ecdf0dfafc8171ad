import type { z } from '@/types/zod'
import type { SurveyTemplate, surveysInput } from '@/types/surveys'
import { numberQuestions, toQuestionInputs } from '@/types/rules/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireStaff } from '../../_lib/auth'
import { orgName, toTemplate, type TemplateDoc } from '../shared'

/**
 * A manager sends a template to everyone below their node: it shows in the template list of every cadre and
 * manager whose path passes through it. The id comes from the phone, so a retry writes the same document.
 */
export async function pushTemplate(input: z.output<typeof surveysInput.pushTemplate>, ctx: RequestContext): Promise<SurveyTemplate> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const numbered = numberQuestions(input.questions)
  if (!numbered.ok) throw new AppError('BAD_REQUEST', numbered.message)
  const doc: TemplateDoc = {
    _id: `tpl_${user._id}_${input.templateId}`,
    orgId: user.orgId,
    orgName: await orgName(user.orgId),
    orgPath: user.orgPath,
    pushedBy: user._id,
    title: input.title,
    ...(input.titleBo ? { titleBo: input.titleBo } : {}),
    intro: input.intro ?? '',
    ...(input.introBo ? { introBo: input.introBo } : {}),
    purpose: input.purpose,
    questions: toQuestionInputs(numbered.questions),
    createdAt: ctx.now
  }
  const { _id, ...rest } = doc
  await collection('surveyTemplates').doc(_id).set({ data: rest })
  return toTemplate(doc)
}
