import { z } from '@/types/zod'
import { cursorKeys, packCursor } from '../../_lib/cursor'
import type { surveysInput } from '@/types/surveys'
import { MIN_RESULTS } from '@/types/rules/surveys'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { requireReader, surveyOrThrow, type AnswerDoc } from '../shared'

const encode = (id: string) => packCursor([id])
const answerId = z.tuple([z.string().regex(/^[ap][A-Za-z0-9_-]{1,40}$/)])

/** The written answers to one question, in _id order (random: no order of arrival), from index survey_texts. */
export async function texts(input: z.output<typeof surveysInput.texts>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireReader(user, s)
  const q = s.questions.find((x) => x.id === input.questionId)
  if (!q || q.kind !== 'text') throw new AppError('BAD_REQUEST', '这道题不是简答题')
  if ((s.tally?.total ?? 0) < MIN_RESULTS) return { items: [], nextCursor: null }
  const after = cursorKeys(input.cursor, answerId)?.[0] ?? null
  const docs = await rows<AnswerDoc>(
    collection('surveyAnswers')
      .where({ surveyId: s._id, texts: q.id, ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .field({ answers: true, source: true })
      .limit(input.limit + 1)
  )
  const page = docs.slice(0, input.limit)
  return {
    items: page.map((d) => ({ text: String(d.answers[q.id] ?? ''), paper: d.source === 'paper' })),
    nextCursor: docs.length > input.limit ? encode(page[page.length - 1]._id) : null
  }
}
