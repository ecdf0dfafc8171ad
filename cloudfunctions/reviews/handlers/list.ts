import type { z } from '@/types/zod'
import type { reviewsInput } from '@/types/reviews'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { summaryOf, targetOf, toReview, type ReviewDoc } from '../shared'

/** Every review of one entry or report, newest first (index target_time): its author and their managers. */
export async function list(input: z.output<typeof reviewsInput.list>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const t = await targetOf(input.targetKind, input.targetId)
  requireSelfOrManager(user, t, '您只能查看自己或您管理范围内干部的批阅')
  const docs = await rows<ReviewDoc>(collection('workReviews').where({ targetKind: input.targetKind, targetId: t._id }).orderBy('createdAt', 'desc').limit(50))
  return { items: docs.map(toReview), summary: summaryOf(t) }
}
