import type { BadReviewCase, CaseStatus } from '@/types/service'
import type { UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManagerOf, requireStaff } from '../../_lib/auth'
import { inTransaction } from '../../_lib/tx'
import { caseStatusLabels } from '@/types/service'
import { bumpServiceStats, put, toCase, type CaseDoc, type StatDelta } from '../../_lib/service'
import { txGet } from '../../_lib/by-id'

/** One step of a 差评 case by a manager of the rated cadre; figures move in the case's period. */
export async function caseStep(
  ctx: RequestContext,
  caseId: string,
  from: CaseStatus,
  apply: (c: CaseDoc, user: UserDoc) => { doc: CaseDoc; stats: StatDelta }
): Promise<BadReviewCase> {
  const user = await requireStaff(ctx)
  return inTransaction(async (tx) => {
    const c = await txGet<CaseDoc>(tx, 'badReviewCases', caseId)
    if (!c) throw new AppError('NOT_FOUND', '没有找到这件差评')
    requireManagerOf(user, c.orgPath, '只有被评价干部的上级管理员可以回访和整改')
    if (c.status !== from) throw new AppError('CONFLICT', `这件差评现在是「${caseStatusLabels[c.status]}」，不能做这一步`)
    const { doc, stats } = apply({ ...c, _id: caseId }, user)
    await put(tx, 'badReviewCases', doc)
    await bumpServiceStats(tx, doc, { month: c.month, year: c.year }, stats, ctx.now)
    return toCase(doc, ctx.now)
  })
}
