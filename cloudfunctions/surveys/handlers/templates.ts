import type { z } from '@/types/zod'
import type { surveysInput } from '@/types/surveys'
import type { SurveyTemplate } from '@/types/surveys'
import { starterTemplates } from '@/types/rules/survey-templates'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { toTemplate, type TemplateDoc } from '../shared'

/** The starter templates and those pushed to the caller's node by the managers above it (index org_time). */
export async function templates(_input: z.output<typeof surveysInput.templates>, ctx: RequestContext): Promise<{ items: SurveyTemplate[] }> {
  const user = await requireStaff(ctx)
  const pushed = await rows<TemplateDoc>(
    collection('surveyTemplates')
      .where({ orgId: _.in(user.orgPath) })
      .orderBy('createdAt', 'desc')
      .limit(30)
  )
  return { items: [...pushed.map(toTemplate), ...starterTemplates] }
}
