import type { z } from '@/types/zod'
import type { dashboardApi } from '@/types/api/dashboard'
import { periodYear, satisfiedShare } from '@/types/outcomes'
import { computeScore } from '@/types/rules/score'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, isManagerOf, requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { effectiveRules } from '../../_lib/org-rules'
import { cadreFigures } from '../../_lib/cadre-figures'
import { inputsFor, readInputs } from '../../_lib/outcome-inputs'
import { pickPeriod, trendMonths, trendPoint, trendYears } from '../shared'
import { iso } from '../../_lib/iso'

type Input = z.output<typeof dashboardApi.cadre.input>
type Output = z.input<typeof dashboardApi.cadre.output>

/**
 * One cadre's figures for a period and their 12-month trend, computed now from the kept statistics with the
 * rankings job's rules (the numbers 我的成效 shows the cadre): the cadre (checked against the caller's subtree
 * before anything of theirs is read), then a fixed handful of indexed reads for the trend's one or two years.
 */
export async function cadre(input: Input, ctx: RequestContext): Promise<Output> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const c = await findUserById(input.cadreId)
  if (!c || c.role !== 'cadre' || !isManagerOf(user, c.orgPath)) throw new AppError('FORBIDDEN', '您只能查看自己管理范围内干部的数据')
  const { kind, period } = pickPeriod(input.kind, input.period, ctx.now)
  const months = trendMonths(period)
  const years = [...new Set([...trendYears(months).map(Number), periodYear(period)])]
  const [inputs, [org], ...rules] = await Promise.all([
    readInputs([c], years, ctx.now),
    rows<OrgDoc>(collection('orgs').where({ _id: c.orgId }).field({ name: true }).limit(1)),
    ...years.map((y) => effectiveRules(c.orgPath, y))
  ])
  const rulesOf = (y: number) => rules[years.indexOf(y)].rules
  const figuresOf = (p: string) => cadreFigures(p, ctx.now, inputsFor(inputs, c._id, periodYear(p), rulesOf(periodYear(p)).daysTarget))
  const figures = figuresOf(period)
  const yearFigures = new Map(trendYears(months).map((y) => [y, figuresOf(y)]))
  return {
    kind,
    period,
    cadre: { id: c._id, name: c.name, orgId: c.orgId, orgName: org?.name ?? '' },
    figures,
    satisfiedShare: satisfiedShare(figures),
    score: computeScore(figures, rulesOf(periodYear(period))).score,
    computedAt: iso(ctx.now),
    trend: months.map((m) => trendPoint(m, yearFigures.get(m.slice(0, 4))))
  }
}
