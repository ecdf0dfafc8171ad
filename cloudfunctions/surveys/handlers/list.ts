import type { z } from '@/types/zod'
import type { surveysInput } from '@/types/surveys'
import type { OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, requireManagerOf, requireSelfOrManager, requireStaff } from '../../_lib/auth'
import { pageByInstant } from '../../_lib/paging'
import { toSummary, type SurveyDoc } from '../shared'
import { byId } from '../../_lib/by-id'

/**
 * Newest first, in index order: the caller's own (owner_time), one author of the caller's subtree (owner_time), or
 * every survey of a unit's subtree (org_time) — a manager sees what their whole subtree asks residents.
 */
export async function list(input: z.output<typeof surveysInput.list>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  let where: Record<string, unknown>
  if (input.orgId) {
    const org = await byId<OrgDoc>('orgs', input.orgId)
    if (!org) throw new AppError('NOT_FOUND', '没有找到这个单位')
    requireManagerOf(user, org.path, '您只能查看自己管理范围内单位的问卷')
    where = { orgPath: org._id }
  } else if (input.cadreId && input.cadreId !== user._id) {
    const author = await findUserById(input.cadreId)
    if (!author) throw new AppError('NOT_FOUND', '没有找到这位干部')
    requireSelfOrManager(user, { cadreId: author._id, orgPath: author.orgPath })
    where = { ownerId: author._id }
  } else where = { ownerId: user._id }
  return pageByInstant('surveys', where, 'createdAt', input, (d: SurveyDoc) => toSummary(d, ctx.now))
}
