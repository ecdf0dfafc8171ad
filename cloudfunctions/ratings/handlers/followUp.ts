import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserByOpenid } from '../../_lib/users'
import { inTransaction } from '../../_lib/tx'
import { put, ratingIdFor, type RatingDoc } from '../../_lib/service'
import { STAFF_CANNOT_RATE, resolveTarget, sceneOf } from '../shared'
import { txGet } from '../../_lib/by-id'

/** 追评: once, by the resident who rated, on their own rating (not on a voided one). */
export async function followUp(input: z.output<typeof ratingsApi.followUp.input>, ctx: RequestContext): Promise<{ message: string }> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const openid = ctx.caller.openid
  const scene = await sceneOf(input.scene)
  const target = await resolveTarget(scene, input.about, input.demandId, openid)
  // As for rating: residents only (a rater may since have become staff).
  if (await findUserByOpenid(openid)) throw new AppError('FORBIDDEN', STAFF_CANNOT_RATE)
  const id = ratingIdFor(target.kind, target.id, openid, target.round)
  return inTransaction(async (tx) => {
    const r = await txGet<RatingDoc>(tx, 'ratings', id)
    if (!r) throw new AppError('NOT_FOUND', '您还没有评价，请先评价')
    if (r.voided) throw new AppError('CONFLICT', '这条评价已被撤销，不能追评')
    if (r.followUp) throw new AppError('CONFLICT', '每条评价只能追评一次')
    await put(tx, 'ratings', { ...r, _id: id, followUp: { comment: input.comment, at: ctx.now } })
    return { message: '追评已收到，谢谢！' }
  })
}
