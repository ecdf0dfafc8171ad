/**
 * 成效: the outcome figures of one cadre or one organisation over one Beijing period (periods.ts, re-exported),
 * and the documents the `rankings` job writes. Shared contract: the rankings job writes `cadreScores` and
 * `orgStats`; dashboards, the nightly reconciliation, the xlsx exports and the reminders read them.
 *
 * Scores rest on outcomes only (residents' satisfaction, demands solved, 差评 followed up, 五必访 coverage) —
 * never on days at the grassroots, check-in counts or time spent in the app (国办函〔2026〕12号). Days are kept
 * beside them as the cadre's pace toward the yearly target (90), capped at it.
 */
import { z } from './zod'
import { DemandArea, FourInto, OrgLevel, RatingLevel, System } from './enums'
import type { PeriodKind } from './periods'

export * from './periods'

// ---------------------------------------------------------------- figures

const Count = z.number().int().min(0)

/** One month of a year's figures (the trend lines). */
export const MonthPoint = z.object({
  visits: Count,
  days: Count,
  demandsRaised: Count,
  demandsSolved: Count,
  ratings: Count,
  satisfied: Count
})
export type MonthPoint = z.infer<typeof MonthPoint>

export const PeriodFigures = z.object({
  /** 1 for a cadre; the cadres under an org (its whole subtree). */
  cadres: Count,
  days: z.object({
    /** Days at the grassroots in the period. */
    count: Count,
    /** Pro-rated target for the period as of the computation (sum over cadres for an org). */
    target: z.number().min(0),
    /** min(count, target) per cadre, summed: days beyond the pace do not count. */
    capped: z.number().min(0),
    /** Cadres whose days this year, up to the end of the period, fall short of the yearly pace then (whole days). */
    behind: Count.optional(),
    /** Days of the period so far paused by an approved 请假/培训/抽调 (summed over cadres for an org). */
    paused: Count.optional()
  }),
  visits: z.object({
    total: Count,
    /** By 四进 kind; kept per year only, so month and quarter figures leave it empty. */
    byKind: z.partialRecord(FourInto, Count)
  }),
  demands: z.object({
    raised: Count,
    solvedByPath: z.object({ immediate: Count, coordinate: Count, report: Count }),
    solved: Count,
    /** Solved by the deadline (solved − finished late). */
    solvedOnTime: Count,
    finishedLate: Count,
    /** Open past the deadline when computed (a current state, not a period count). */
    overdue: Count,
    /** Raised, by area, when the ledger records it. */
    byArea: z.partialRecord(DemandArea, Count)
  }),
  ratings: z.object({
    count: Count,
    byLevel: z.partialRecord(RatingLevel, Count),
    /** 非常满意 + 满意 */
    satisfied: Count,
    /** Sum of 5..1 scores; mean = scoreSum / count. */
    scoreSum: Count,
    meanScore: z.number().nullable(),
    /** 差评 (不满意 + 非常不满意) still standing (voided ones removed). */
    bad: Count,
    /** 差评 cases opened in the period, minus voided. */
    cases: Count,
    revisitOnTime: Count,
    revisitLate: Count,
    rectified: Count,
    rectifiedOnTime: Count
  }),
  fiveMustVisit: z.object({
    /** 五必访 households registered (current). */
    households: Count,
    /** Of them, visited this year. */
    visited: Count
  }),
  /**
   * A year's figures month by month ('YYYY-MM'), from the same counters as the year's totals, so a trend's months
   * add up to its year. Only on year documents.
   */
  months: z.record(z.string(), MonthPoint).optional(),
  /**
   * 四个百家 of the year the period falls in (types/rules/four-hundred.ts): households of the 一户一册 registry with each
   * fact. Shown beside the registry's size (fiveMustVisit.households); never part of a score. Absent on figures
   * computed before it.
   */
  fourHundred: z.object({ entered: Count, known: Count, relieved: Count, warmed: Count }).optional(),
  /** 调查问卷 published in the period, and the answers they have collected so far. Absent on older figures. */
  surveys: z.object({ count: Count, answers: Count }).optional()
})
export type PeriodFigures = z.infer<typeof PeriodFigures>

export function emptyFigures(cadres = 0): PeriodFigures {
  return {
    cadres,
    days: { count: 0, target: 0, capped: 0, behind: 0 },
    visits: { total: 0, byKind: {} },
    demands: { raised: 0, solvedByPath: { immediate: 0, coordinate: 0, report: 0 }, solved: 0, solvedOnTime: 0, finishedLate: 0, overdue: 0, byArea: {} },
    ratings: {
      count: 0,
      byLevel: {},
      satisfied: 0,
      scoreSum: 0,
      meanScore: null,
      bad: 0,
      cases: 0,
      revisitOnTime: 0,
      revisitLate: 0,
      rectified: 0,
      rectifiedOnTime: 0
    },
    fiveMustVisit: { households: 0, visited: 0 },
    fourHundred: { entered: 0, known: 0, relieved: 0, warmed: 0 },
    surveys: { count: 0, answers: 0 }
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100

function addDeep(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a }
  for (const [k, v] of Object.entries(b)) {
    if (typeof v === 'number') out[k] = round2(((out[k] as number | undefined) ?? 0) + v)
    else if (v && typeof v === 'object') out[k] = addDeep((out[k] as Record<string, unknown> | undefined) ?? {}, v as Record<string, unknown>)
  }
  return out
}

/** Sums figures (an org's aggregate from its cadres and child orgs); the mean score is recomputed. */
export function addFigures(a: PeriodFigures, b: PeriodFigures): PeriodFigures {
  const sum = addDeep(a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>) as unknown as PeriodFigures
  sum.ratings.meanScore = sum.ratings.count > 0 ? round2(sum.ratings.scoreSum / sum.ratings.count) : null
  return sum
}

/** 满意率 (非常满意 + 满意 over all ratings), null without ratings. */
export const satisfiedShare = (f: PeriodFigures): number | null =>
  f.ratings.count > 0 ? Math.round((f.ratings.satisfied / f.ratings.count) * 10000) / 10000 : null

// ---------------------------------------------------------------- score

/** What a score is made of: outcomes only. Days at the grassroots are a pace indicator, never scored. */
export const scoreComponents = ['satisfaction', 'demands', 'badReviews', 'fiveMustVisit'] as const
export const ScoreComponentKey = z.enum(scoreComponents)
export type ScoreComponentKey = z.infer<typeof ScoreComponentKey>
export const scoreComponentLabels: Record<ScoreComponentKey, string> = {
  satisfaction: '群众满意度',
  demands: '诉求按时办结',
  badReviews: '差评回访整改',
  fiveMustVisit: '五必访覆盖'
}

export const ScoreComponent = z.object({
  key: ScoreComponentKey,
  label: z.string(),
  /** The rule's weight (0–100, all five add to 100). */
  weight: z.number(),
  /** The weight after leaving out components without data (they add to 100 again). */
  effectiveWeight: z.number(),
  /** 0..1, null = no data this period (left out). */
  ratio: z.number().nullable(),
  points: z.number(),
  /** Plain words: what was counted, e.g. "12 条评价中 11 条满意". */
  detail: z.string()
})
export type ScoreComponent = z.infer<typeof ScoreComponent>

export const Score = z.object({
  /** 0–100, one decimal. */
  score: z.number(),
  breakdown: z.array(ScoreComponent)
})
export type Score = z.infer<typeof Score>

// ---------------------------------------------------------------- stored documents

/** The scopes a cadre is ranked in; the org ids on their path at those levels (null when the cadre sits above). */
export const rankScopes = ['county', 'prefecture', 'province'] as const
export type RankScope = (typeof rankScopes)[number]

/**
 * cadreScores: one per cadre per period, `_id` `${cadreId}_${period}`. Ranking pages walk the indexes
 * [period, scope.<level>, sortKey, _id] in order; no arrays in those indexes.
 */
export interface CadreScoreDoc {
  _id: string
  cadreId: string
  cadreName: string
  orgId: string
  orgName: string
  orgPath: string[]
  system: System
  period: string
  periodKind: PeriodKind
  /** The org at each level on the cadre's path. */
  scope: Record<RankScope, string | null>
  figures: PeriodFigures
  score: number
  /** 满意率 as counted (non-very satisfied share of all ratings), null without ratings. */
  satisfiedShare: number | null
  /** The satisfaction ratio the score used under the rule (null: too few ratings, left out). */
  scoredShare?: number | null
  /** How satisfaction was scored, in plain words (the rule of the cadre's organisation for the year). */
  satisfactionRule?: string
  breakdown: ScoreComponent[]
  /** Unique; ascending = better: score desc, then satisfaction desc, then demands solved desc, then cadre id. */
  sortKey: string
  /** Position in each scope (1 = first), null until the job ranks the period. */
  ranks: Record<RankScope, number | null>
  /** Days this year up to the end of the period (or now) against the pro-rated yearly target (通报 reads it). */
  pace: { expected: number; actual: number }
  /** The job cycle that wrote it (ISO instant). */
  cycle: string
  computedAt: Date
  updatedAt: Date
}

/**
 * orgStats: one per org per period, `_id` `${orgId}_${period}`; the figures of the org's whole subtree, rolled
 * up the tree (own cadres + child orgs). Units pages walk [parentId, period, sortKey, _id].
 */
export interface OrgStatsDoc {
  _id: string
  orgId: string
  orgName: string
  parentId: string | null
  orgPath: string[]
  system: System
  level: OrgLevel
  period: string
  periodKind: PeriodKind
  figures: PeriodFigures
  /** Mean of the cadres' scores in the subtree, null when it has no cadres. */
  meanScore: number | null
  cadres: number
  satisfiedShare: number | null
  /** Unique; ascending = better: mean score desc, then satisfaction desc, then org id. */
  sortKey: string
  /** Position among the siblings (same parentId), null until ranked. */
  rank: number | null
  /** Sum of the cadres' scores (rolls up; meanScore = scoreSum / cadres). */
  scoreSum: number
  /** How satisfaction is scored under the org's own rule for the year, in plain words. */
  satisfactionRule?: string
  cycle: string
  updatedAt: Date
}

export const cadreScoreId = (cadreId: string, period: string) => `${cadreId}_${period}`
export const orgStatsId = (orgId: string, period: string) => `${orgId}_${period}`

// ---------------------------------------------------------------- API shapes

export const RankedCadre = z.object({
  cadreId: z.string(),
  cadreName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  score: z.number(),
  satisfiedShare: z.number().nullable(),
  /** The satisfaction ratio the score used (null: too few ratings, left out of the score). */
  scoredShare: z.number().nullable(),
  rank: z.number().nullable(),
  /** Days at the grassroots in the period: a pace indicator beside the score, never part of it. */
  days: z.number(),
  demandsSolved: z.number(),
  ratings: z.number()
})
export type RankedCadre = z.infer<typeof RankedCadre>

export const RankedUnit = z.object({
  orgId: z.string(),
  orgName: z.string(),
  level: OrgLevel,
  hasChildren: z.boolean(),
  meanScore: z.number().nullable(),
  cadres: z.number(),
  satisfiedShare: z.number().nullable(),
  rank: z.number().nullable(),
  figures: PeriodFigures
})
export type RankedUnit = z.infer<typeof RankedUnit>

export { System }

// ---------------------------------------------------------------- 表彰 / 通报 lists

export const honourKinds = ['honours', 'notices'] as const
export const HonourKind = z.enum(honourKinds)
export type HonourKind = z.infer<typeof HonourKind>
export const honourKindLabels: Record<HonourKind, string> = { honours: '表彰', notices: '通报' }

export const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/
export const MonthId = z.string().regex(MONTH_RE, '月份格式不对，应为 2025-03')

export const HonourEntry = z.object({
  cadreId: z.string(),
  cadreName: z.string(),
  orgName: z.string(),
  score: z.number(),
  satisfiedShare: z.number().nullable(),
  ratings: z.number(),
  /** Why (notices: each reason in plain words; honours: the score and satisfaction). */
  reasons: z.array(z.string()),
  /** Taken off by the reviewing manager, with the reason (kept on the record, not published). */
  removed: z.object({ reason: z.string(), byName: z.string(), at: z.string() }).nullable()
})
export type HonourEntry = z.infer<typeof HonourEntry>

export const HonourList = z.object({
  id: z.string(),
  kind: HonourKind,
  orgId: z.string(),
  orgName: z.string(),
  month: z.string(),
  status: z.enum(['draft', 'published']),
  /** The rule the list was drawn from, in plain words. */
  rule: z.string(),
  entries: z.array(HonourEntry),
  generatedAt: z.string(),
  published: z.object({ byName: z.string(), at: z.string() }).nullable(),
  /** The caller may remove entries and publish. */
  canEdit: z.boolean()
})
export type HonourList = z.infer<typeof HonourList>

export interface HonourListDoc {
  /** `${kind}_${orgId}_${month}` */
  _id: string
  kind: HonourKind
  orgId: string
  orgName: string
  orgPath: string[]
  month: string
  status: 'draft' | 'published'
  rule: string
  entries: {
    cadreId: string
    cadreName: string
    orgName: string
    score: number
    satisfiedShare: number | null
    ratings: number
    reasons: string[]
    removed: { reason: string; by: string; byName: string; at: Date } | null
  }[]
  generatedAt: Date
  published: { by: string; byName: string; at: Date } | null
  updatedAt: Date
}

export const honourListId = (kind: HonourKind, orgId: string, month: string) => `${kind}_${orgId}_${month}`
