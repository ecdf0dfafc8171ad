import type { z } from '@/types/zod'
import type { feedbackApi, Feedback } from '@/types/api/feedback'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { inTransaction } from '../../_lib/tx'
import { toFeedback, type FeedbackDoc } from '../shared'
import { requireProvinceAdmin } from './list'
import { txGet } from '../../_lib/by-id'

/** The province admin answers once; one addressed to 'all' is answered by whichever office takes it first. */
export async function answer(input: z.output<typeof feedbackApi.answer.input>, ctx: RequestContext): Promise<Feedback> {
  const { user, system } = await requireProvinceAdmin(ctx)
  return inTransaction(async (tx) => {
    const ref = tx.collection('feedback').doc(input.feedbackId)
    const found = await txGet<FeedbackDoc>(tx, 'feedback', input.feedbackId)
    if (!found || (found.to !== system && found.to !== 'all')) throw new AppError('NOT_FOUND', '没有找到这条投诉建议')
    if (found.answered) {
      if (found.answer?.byId === user._id && found.answer.text === input.text) return toFeedback({ ...found, _id: input.feedbackId }, true)
      throw new AppError('CONFLICT', '这条已经答复过了')
    }
    const a = { text: input.text, byId: user._id, byName: user.name, system, at: ctx.now }
    await ref.update({ data: { answered: true, answer: a } })
    return toFeedback({ ...found, _id: input.feedbackId, answered: true, answer: a }, true)
  })
}
