import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff, viewerOf } from '../../_lib/auth'
import { orgById } from '../../_lib/orgs'
import { serviceRulesFor } from '../../_lib/org-rules'
import { holidayCalendarAt } from '../../_lib/holidays'
import { maxExtensionDate } from '@/types/rules/ledger'
import { toDemandDetail, type DemandDoc, type DetailExtras } from '../../_lib/service'
import { byId } from '../../_lib/by-id'

/**
 * One demand with its timeline: its cadre or a manager of that cadre. While the cadre handles it, they are also told
 * where they may report it (their unit and those above) and how far a 协调 date may go before it needs approval.
 */
export async function get(input: z.output<typeof demandsApi.get.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const d = await byId<DemandDoc>('demands', input.demandId)
  if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
  requireSelfOrManager(user, d, '您只能查看自己或您管理范围内干部的诉求')
  let extras: DetailExtras = {}
  if (user._id === d.cadreId && (d.status === 'open' || d.status === 'coordinating')) {
    const [org, rules, calendar] = await Promise.all([orgById(d.orgId), serviceRulesFor(d.orgPath, ctx.now), holidayCalendarAt(ctx.now)])
    extras = {
      reportTargets: org ? org.path.map((orgId, i) => ({ orgId, name: org.pathNames[i] ?? orgId })).reverse() : [],
      deadlineBounds: { due: new Date(d.deadlineAt), maxExtension: maxExtensionDate(d.deadlineAt, rules, calendar) }
    }
  }
  return toDemandDetail(d, viewerOf(user), ctx.now, extras)
}
