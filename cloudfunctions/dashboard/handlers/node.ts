import type { z } from '@/types/zod'
import type { dashboardApi } from '@/types/api/dashboard'
import { orgStatsId, satisfiedShare, type CadreScoreDoc, type OrgStatsDoc } from '@/types/outcomes'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { childOf, pickPeriod, trendMonths, trendPoint, trendYears } from '../shared'
import { iso } from '../../_lib/iso'
import { byId } from '../../_lib/by-id'

type Input = z.output<typeof dashboardApi.node.input>
type Output = z.input<typeof dashboardApi.node.output>

const NOT_YOURS = '您只能查看自己管理范围内单位的数据'

/**
 * A node's 数据看板: four indexed reads whatever the size of the tree — the org (checked against the caller's
 * subtree before anything else is read), its orgStats for the period and the year(s) of the 12 trend months (by
 * computed _id: a year's document carries its months, so the trend adds up to the year), its child units' orgStats
 * for the period (index parent_period_rank, in rank order) and the cadres directly under it (cadreScores, index
 * org_period). Figures are the rankings job's, as of `computedAt`.
 */
export async function node(input: Input, ctx: RequestContext): Promise<Output> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const orgId = input.orgId ?? user.orgId
  const org = await byId<OrgDoc>('orgs', orgId)
  if (!org) throw new AppError('FORBIDDEN', NOT_YOURS)
  requireManagerOf(user, org.path, NOT_YOURS)
  const { kind, period } = pickPeriod(input.kind, input.period, ctx.now)
  const months = trendMonths(period)
  const years = trendYears(months)
  const ids = [...new Set([orgStatsId(orgId, period), ...years.map((y) => orgStatsId(orgId, y))])]

  const [mine, units, cadres] = await Promise.all([
    rows<OrgStatsDoc>(
      collection('orgStats')
        .where({ _id: _.in(ids) })
        .limit(ids.length)
    ),
    rows<OrgStatsDoc>(collection('orgStats').where({ parentId: orgId, period }).orderBy('sortKey', 'asc').limit(100)),
    rows<CadreScoreDoc>(collection('cadreScores').where({ orgId, period }).limit(100))
  ])
  const statsById = new Map(mine.map((d) => [d._id, d]))
  const here = statsById.get(orgStatsId(orgId, period))
  const from = Math.max(0, org.path.indexOf(user.orgId))
  return {
    kind,
    period,
    org: { id: org._id, name: org.name, level: org.level },
    trail: org.path.slice(from).map((id, i) => ({ id, name: org.pathNames[from + i] ?? id })),
    figures: here?.figures ?? null,
    satisfiedShare: here ? satisfiedShare(here.figures) : null,
    computedAt: iso(here?.updatedAt),
    trend: months.map((m) => trendPoint(m, statsById.get(orgStatsId(orgId, m.slice(0, 4)))?.figures)),
    children: [
      ...units.map((u) => childOf('unit', { id: u.orgId, name: u.orgName, level: u.level, figures: u.figures, score: u.meanScore })),
      ...cadres
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
        .map((c) => childOf('cadre', { id: c.cadreId, name: c.cadreName, level: null, figures: c.figures, score: c.score }))
    ]
  }
}
