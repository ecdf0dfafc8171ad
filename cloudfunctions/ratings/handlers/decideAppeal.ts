import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { Rating } from '@/types/service'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { voidedDelta } from '../../_lib/stat-rules'
import { bumpServiceStats, put, toRating, type CaseDoc, type RatingDoc, type StatDelta } from '../../_lib/service'
import { txGet } from '../../_lib/by-id'

/**
 * A manager of the rated cadre voids a mistaken or malicious rating (or keeps it), with the reason
 * recorded. Voiding takes the rating out of the figures of the period it was given in, in the same
 * transaction, and closes its 差评 case (the follow-up work already done stays counted).
 */
export async function decideAppeal(input: z.output<typeof ratingsApi.decideAppeal.input>, ctx: RequestContext): Promise<Rating> {
  const user = await requireStaff(ctx)
  return inTransaction(async (tx) => {
    const r = await txGet<RatingDoc>(tx, 'ratings', input.ratingId)
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条评价')
    requireManagerOf(user, r.orgPath, '只有被评价干部的上级管理员可以处理申诉')
    if (r.voided) throw new AppError('CONFLICT', '这条评价已经撤销了')
    // Only a counted rating is in the figures to be taken out; a held one is accepted or rejected in review.
    if ((r.state ?? 'counted') !== 'counted')
      throw new AppError('CONFLICT', r.state === 'held' ? '这条评价还在待审核，请在审核中处理' : '这条评价审核时已不采纳')
    if (input.decision === 'keep') {
      if (!r.appeal || r.appeal.status !== 'pending') throw new AppError('CONFLICT', '这条评价没有待处理的申诉')
      const kept: RatingDoc = { ...r, _id: input.ratingId, appeal: { ...r.appeal, status: 'rejected' }, appealPending: false }
      await put(tx, 'ratings', kept)
      return toRating(kept)
    }
    const next: RatingDoc = {
      ...r,
      _id: input.ratingId,
      voided: { reason: input.reason, by: user._id, at: ctx.now },
      appeal: r.appeal ? { ...r.appeal, status: 'upheld' } : null,
      appealPending: false
    }
    await put(tx, 'ratings', next)
    let caseWasActive = false
    if (r.caseId) {
      const c = await txGet<CaseDoc>(tx, 'badReviewCases', r.caseId)
      if (c && c.active) {
        await put(tx, 'badReviewCases', { ...c, _id: r.caseId, status: 'voided', active: false })
        caseWasActive = true
      }
    }
    const delta: StatDelta = voidedDelta(r, caseWasActive)
    await bumpServiceStats(tx, r, { month: r.month, year: r.year }, delta, ctx.now)
    return toRating(next)
  })
}
