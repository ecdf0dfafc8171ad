import type { z } from '@/types/zod'
import type { feedbackApi } from '@/types/api/feedback'
import type { System } from '@/types/enums'
import { _ } from '../../_lib/cloud'
import type { OrgDoc, UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toFeedback, type FeedbackDoc } from '../shared'
import { byId } from '../../_lib/by-id'

/** The province admin and their system (the root of their org path: org-union, org-league, org-women). */
export async function requireProvinceAdmin(ctx: RequestContext): Promise<{ user: UserDoc; system: System }> {
  const user = await requireStaff(ctx)
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', '投诉建议由省活动办处理')
  const org = await byId<OrgDoc>('orgs', user.orgId)
  if (!org) throw new AppError('FORBIDDEN', '投诉建议由省活动办处理')
  return { user, system: org.system }
}

/**
 * What the admin answers: addressed to their system or to all. Unanswered oldest first (the longest waiting
 * on top), answered newest first — the page shows 待回复 first.
 */
export async function list(input: z.output<typeof feedbackApi.list.input>, ctx: RequestContext) {
  const { system } = await requireProvinceAdmin(ctx)
  const unanswered = input.status === 'unanswered'
  return pageByInstant('feedback', { to: _.in([system, 'all']), answered: !unanswered }, 'createdAt', input, (d: FeedbackDoc) => toFeedback(d, true), {
    order: unanswered ? 'asc' : 'desc'
  })
}
