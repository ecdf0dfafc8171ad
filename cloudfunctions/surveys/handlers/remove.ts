import type { z } from '@/types/zod'
import type { surveysInput } from '@/types/surveys'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { requireAuthor, surveyOrThrow } from '../shared'

/** The author's draft (nobody has answered it); a published survey is ended, never deleted. */
export async function remove(input: z.output<typeof surveysInput.remove>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const s = await surveyOrThrow(input.surveyId)
  requireAuthor(user, s)
  if (s.status !== 'draft') throw new AppError('CONFLICT', '已发布的问卷不能删除，可以结束收集')
  const res = (await collection('surveys').where({ _id: s._id, status: 'draft' }).remove()) as { stats?: { removed?: number } }
  return { removed: (res.stats?.removed ?? 0) > 0 }
}
