/**
 * Month-end and year-end packs (月度、年度工作汇总): per cadre and per unit, a printable page and an .xlsx with the same
 * figures — visits and days, the 四进 mix, 五必访 and 四个百家, demands by path and outcome, residents' ratings, surveys —
 * read from the statistics the dashboards read (cadreScores and orgStats, kept by the rankings job), so every view
 * tells the same numbers; plus the 三问 digest (what residents said) and the surveys run.
 */
import { z } from './zod'
import { OrgLevel } from './enums'
import { PeriodFigures } from './outcomes'
import { FourHundredTargets } from './household-book'
import { SurveyPurpose, SurveyStatus } from './surveys'
import { Voice } from './voices'
import { idOf } from './text-fields'

/** A Beijing month 'YYYY-MM' (月度) or year 'YYYY' (年度). */
export const PackPeriod = z.string({ error: '请选择月份或年份' }).regex(/^20\d{2}(-(0[1-9]|1[0-2]))?$/, { error: '时间应为月份（2026-03）或年份（2026）' })

export const PackInput = z.object({
  /** A cadre's pack: the caller's own (absent) or a cadre of their subtree. */
  cadreId: idOf('干部').optional(),
  /** A unit's pack (managers): a unit of their subtree. */
  orgId: idOf('单位').optional(),
  period: PackPeriod
})

export const PackRow = z.object({
  kind: z.enum(['unit', 'cadre']),
  id: z.string(),
  name: z.string(),
  level: OrgLevel.nullable(),
  figures: PeriodFigures,
  satisfiedShare: z.number().nullable()
})
export type PackRow = z.infer<typeof PackRow>

export const Pack = z.object({
  scope: z.enum(['cadre', 'unit']),
  period: z.string(),
  /** 2026年3月 / 2026年 */
  periodLabel: z.string(),
  subject: z.object({ id: z.string(), name: z.string(), orgName: z.string(), level: OrgLevel.nullable() }),
  /** Null until the rankings job has computed the period (the page says so). */
  figures: PeriodFigures.nullable(),
  satisfiedShare: z.number().nullable(),
  /** When the figures were computed: a figure from a periodic job says when. */
  computedAt: z.string().nullable(),
  /** The 制度 of the period's year: the days target and the 四个百家 shares. */
  daysTarget: z.number().int(),
  fourHundredTargets: FourHundredTargets,
  /** Unit packs: the child units and the cadres directly under it. */
  rows: z.array(PackRow),
  /** 三问 digest: the newest entries of the period, and whether there are more (the 三问 page has them all). */
  voices: z.object({ items: z.array(Voice), more: z.boolean() }),
  /** Surveys published in the period. */
  surveys: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      purpose: SurveyPurpose,
      status: SurveyStatus,
      ownerName: z.string(),
      answers: z.number().int(),
      publishedAt: z.string()
    })
  )
})
export type Pack = z.infer<typeof Pack>

export const packPeriodLabel = (period: string) => (period.length === 4 ? `${period}年` : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`)
