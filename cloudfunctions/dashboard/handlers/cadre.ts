import type { z } from '../../../types/zod'
import type { dashboardApi } from '../../../types/api/dashboard'
import { cadreScoreId, satisfiedShare, type CadreScoreDoc } from '../../../types/outcomes'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { iso, pickPeriod, trendMonths, trendPoint } from '../shared'

type Input = z.output<typeof dashboardApi.cadre.input>
type Output = z.input<typeof dashboardApi.cadre.output>

/** One cadre's figures for a period and their 12-month trend: the cadre, then one read of 13 computed ids. */
export async function cadre(input: Input, ctx: RequestContext): Promise<Output> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const c = await findUserById(input.cadreId)
  if (!c || c.role !== 'cadre') throw new AppError('NOT_FOUND', '没有找到这位干部')
  requireManagerOf(user, c.orgPath, '您只能查看自己管理范围内干部的数据')
  const { kind, period } = pickPeriod(input.kind, input.period, ctx.now)
  const months = trendMonths(period)
  const ids = [...new Set([cadreScoreId(c._id, period), ...months.map((m) => cadreScoreId(c._id, m))])]
  const docs = await rows<CadreScoreDoc>(collection('cadreScores').where({ _id: _.in(ids) }).limit(ids.length))
  const byId = new Map(docs.map((d) => [d._id, d]))
  const here = byId.get(cadreScoreId(c._id, period))
  let orgName = here?.orgName
  if (!orgName) {
    const [org] = await rows<OrgDoc>(collection('orgs').where({ _id: c.orgId }).limit(1))
    orgName = org?.name ?? ''
  }
  return {
    kind,
    period,
    cadre: { id: c._id, name: c.name, orgId: c.orgId, orgName },
    figures: here?.figures ?? null,
    satisfiedShare: here ? satisfiedShare(here.figures) : null,
    score: here ? here.score : null,
    computedAt: iso(here?.computedAt),
    trend: months.map((m) => trendPoint(m, byId.get(cadreScoreId(c._id, m))?.figures))
  }
}
