import type { z } from '@/types/zod'
import type { ExemplarFeedInput } from '@/types/exemplars'
import { isManagerOf, requireStaff } from '../../_lib/auth'
import type { RequestContext } from '../../_lib/context'
import { pageByInstant } from '../../_lib/paging'
import { toExemplar, type ExemplarDoc } from '../shared'

/**
 * Everyone of the caller's system (工会, 共青团 or 妇联: the root of their org path) reads the same feed, newest
 * first, in index order (orgPath + markedAt + _id). Sibling counties learn from each other; another system's
 * cases are not shown.
 */
export async function feed(input: z.output<typeof ExemplarFeedInput>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const root = user.orgPath[0]
  return pageByInstant('exemplars', { orgPath: root }, 'markedAt', input, (d: ExemplarDoc) => toExemplar(d, isManagerOf(user, d.orgPath)))
}
