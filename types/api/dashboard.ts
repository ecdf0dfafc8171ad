import { z } from '../zod'
import { OrgLevel } from '../enums'
import { Period, PeriodFigures, PeriodKind } from '../outcomes'

/** One month of a trend line (from the month's orgStats / cadreScores document; zeros when there is none). */
export const TrendPoint = z.object({
  month: z.string(),
  visits: z.number(),
  days: z.number(),
  demandsRaised: z.number(),
  demandsSolved: z.number(),
  ratings: z.number(),
  /** 满意率 0..1, null without ratings. */
  satisfiedShare: z.number().nullable()
})
export type TrendPoint = z.infer<typeof TrendPoint>

/** A child unit or a cadre directly under the node, for drill-down. */
export const DashboardChild = z.object({
  kind: z.enum(['unit', 'cadre']),
  id: z.string(),
  name: z.string(),
  level: OrgLevel.nullable(),
  cadres: z.number(),
  visits: z.number(),
  days: z.number(),
  demandsRaised: z.number(),
  demandsSolved: z.number(),
  ratings: z.number(),
  satisfiedShare: z.number().nullable(),
  score: z.number().nullable()
})
export type DashboardChild = z.infer<typeof DashboardChild>

export const DashboardNode = z.object({
  kind: PeriodKind,
  period: z.string(),
  org: z.object({ id: z.string(), name: z.string(), level: OrgLevel }),
  /** From the caller's own node down to this one (for the back trail). */
  trail: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Null until the rankings job has computed the period for this node. */
  figures: PeriodFigures.nullable(),
  satisfiedShare: z.number().nullable(),
  computedAt: z.string().nullable(),
  /** The 12 months up to the period's last month. */
  trend: z.array(TrendPoint),
  children: z.array(DashboardChild)
})
export type DashboardNode = z.infer<typeof DashboardNode>

export const DashboardCadre = z.object({
  kind: PeriodKind,
  period: z.string(),
  cadre: z.object({ id: z.string(), name: z.string(), orgId: z.string(), orgName: z.string() }),
  figures: PeriodFigures.nullable(),
  satisfiedShare: z.number().nullable(),
  score: z.number().nullable(),
  computedAt: z.string().nullable(),
  trend: z.array(TrendPoint)
})
export type DashboardCadre = z.infer<typeof DashboardCadre>

/**
 * The `dashboard` function: a manager's 数据看板 read from the figures the rankings job keeps
 * (orgStats per org per period, cadreScores per cadre per period): a few indexed reads whatever the data size.
 */
export const dashboardApi = {
  /** A node of the caller's subtree (default their own): its figures, 12-month trend, child units and cadres. */
  node: {
    input: z.object({ kind: PeriodKind.default('month'), period: Period.optional(), orgId: z.string().min(1).max(100).optional() }),
    output: DashboardNode
  },
  /** One cadre of the caller's subtree: figures and 12-month trend. */
  cadre: {
    input: z.object({ cadreId: z.string().min(1).max(100), kind: PeriodKind.default('month'), period: Period.optional() }),
    output: DashboardCadre
  }
} as const
