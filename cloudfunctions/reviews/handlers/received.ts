import type { z } from '@/types/zod'
import type { reviewsInput } from '@/types/reviews'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toReview, type ReviewDoc } from '../shared'

/** The reviews of the caller's own diary and reports, newest first (index author_time). */
export async function received(input: z.output<typeof reviewsInput.received>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  return pageByInstant('workReviews', { authorId: user._id }, 'createdAt', input, (d: ReviewDoc) => ({
    ...toReview(d),
    title: d.title
  }))
}
