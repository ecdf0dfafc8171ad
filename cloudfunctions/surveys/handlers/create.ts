import type { z } from '@/types/zod'
import { addIfAbsent } from '../../_lib/create-once'
import type { Survey, surveysInput } from '@/types/surveys'
import { numberQuestions } from '@/types/rules/surveys'
import { starterTemplates } from '@/types/rules/survey-templates'
import { beijingDate } from '@/types/rules/beijing-time'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { emptyTally } from '@/types/rules/surveys'
import { newSecret, newSurveyCode, orgName, toSurvey, type SurveyDoc, type TemplateDoc } from '../shared'
import { byId } from '../../_lib/by-id'

type Input = z.output<typeof surveysInput.create>

/** A draft of the caller's own (any cadre or manager). A template or a visit it refers to must be the caller's to use. */
export async function create(input: Input, ctx: RequestContext): Promise<Survey> {
  const user = await requireStaff(ctx)
  const fields = checkFields(input, ctx.now)
  if (input.templateId && !starterTemplates.some((t) => t.id === input.templateId)) {
    const t = await byId<TemplateDoc>('surveyTemplates', input.templateId)
    if (!t || !user.orgPath.includes(t.orgId)) throw new AppError('NOT_FOUND', '没有找到这个模板')
  }
  if (input.visitId) {
    const [v] = await rows<VisitDoc>(collection('visits').where({ _id: input.visitId }).field({ cadreId: true }).limit(1))
    if (!v || v.cadreId !== user._id) throw new AppError('NOT_FOUND', '没有找到您的这次走访')
  }
  const base = {
    ownerId: user._id,
    ownerName: user.name,
    orgId: user.orgId,
    orgName: await orgName(user.orgId),
    orgPath: user.orgPath,
    ...fields,
    status: 'draft' as const,
    secret: newSecret(),
    templateId: input.templateId ?? null,
    visitId: input.visitId ?? null,
    tally: emptyTally(),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    publishedAt: null,
    closedAt: null
  }
  // A new random code; add() refuses a taken _id (a 1-in-4e17 collision), so try another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc: SurveyDoc = { _id: newSurveyCode(), ...base }
    if (await addIfAbsent('surveys', doc)) return toSurvey(doc, user, ctx.now)
  }
  throw new AppError('CONFLICT', '生成问卷编号时冲突了，请再试一次')
}

/** The editable fields, numbered and checked (a closing day in the past is refused). */
export function checkFields(input: Omit<Input, 'templateId' | 'visitId'>, now: Date) {
  const numbered = numberQuestions(input.questions)
  if (!numbered.ok) throw new AppError('BAD_REQUEST', numbered.message)
  if (input.closesOn && input.closesOn < beijingDate(now)) throw new AppError('BAD_REQUEST', '截止日期不能早于今天')
  return {
    title: input.title,
    ...(input.titleBo ? { titleBo: input.titleBo } : {}),
    intro: input.intro ?? '',
    ...(input.introBo ? { introBo: input.introBo } : {}),
    purpose: input.purpose,
    questions: numbered.questions,
    closesOn: input.closesOn ?? null
  }
}
