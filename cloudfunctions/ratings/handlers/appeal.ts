import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { Rating } from '@/types/service'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { put, toRating, type RatingDoc } from '../../_lib/service'
import { txGet } from '../../_lib/by-id'

/** 申诉: the rated cadre asks their manager to void a mistaken or malicious rating. Once per rating. */
export async function appeal(input: z.output<typeof ratingsApi.appeal.input>, ctx: RequestContext): Promise<Rating> {
  const user = await requireCadre(ctx)
  return inTransaction(async (tx) => {
    const r = await txGet<RatingDoc>(tx, 'ratings', input.ratingId)
    if (!r) throw new AppError('NOT_FOUND', '没有找到这条评价')
    if (r.cadreId !== user._id) throw new AppError('FORBIDDEN', '只能对评价自己的内容申诉')
    if (r.voided) throw new AppError('CONFLICT', '这条评价已经撤销了')
    if ((r.state ?? 'counted') !== 'counted') throw new AppError('CONFLICT', '这条评价不计入成效，无需申诉')
    if (r.appeal) throw new AppError('CONFLICT', '这条评价已经申诉过了')
    const next: RatingDoc = { ...r, _id: input.ratingId, appeal: { reason: input.reason, at: ctx.now, status: 'pending' }, appealPending: true }
    await put(tx, 'ratings', next)
    return toRating(next)
  })
}
