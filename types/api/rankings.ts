import { z } from '../zod'
import { OrgLevel } from '../enums'
import { Cursor } from '../visits'
import { HonourKind, HonourList, MonthId, Period, PeriodFigures, PeriodKind, RankedCadre, RankedUnit, ScoreComponent } from '../outcomes'

const orgId = z.string().min(1).max(100)
const limit = z.number().int().min(1).max(50).default(20)

const RankOf = z.object({ rank: z.number().nullable(), of: z.number(), orgName: z.string() }).nullable()

export const RankingPage = z.object({
  period: z.string(),
  kind: PeriodKind,
  view: z.enum(['individuals', 'units']),
  orgId: z.string(),
  level: OrgLevel,
  individuals: z.array(RankedCadre),
  units: z.array(RankedUnit),
  nextCursor: z.string().nullable(),
  /** When the rankings job computed these rows (its cycle's clock); null when it has not computed the period. */
  computedAt: z.string().nullable(),
  /** How satisfaction entered the scores, in plain words (the page says which). */
  satisfactionRule: z.string().nullable()
})
export type RankingPage = z.infer<typeof RankingPage>

export const MyScore = z.object({
  cadreId: z.string(),
  cadreName: z.string(),
  orgName: z.string(),
  period: z.string(),
  kind: PeriodKind,
  /** Always true: the figures and score are computed at the call from the kept statistics (kept for old clients). */
  computed: z.boolean(),
  score: z.number(),
  /** 满意率; null without ratings — and, for the rated cadre themself, under 3 ratings (raters stay anonymous). */
  satisfiedShare: z.number().nullable(),
  breakdown: z.array(ScoreComponent),
  /** How satisfaction entered the score, in plain words. */
  satisfactionRule: z.string(),
  /**
   * Ranks from the rankings job (as of `ranksAt`). For the cadre themself only where the province admin switched
   * `ownRankVisible` on; otherwise all null and `rankVisible` false.
   */
  ranks: z.object({ county: RankOf, prefecture: RankOf, province: RankOf }),
  rankVisible: z.boolean(),
  ranksAt: z.string().nullable(),
  tips: z.array(z.string()),
  figures: PeriodFigures,
  /** When the figures were read: now, for a live view. */
  computedAt: z.string().nullable()
})
export type MyScore = z.infer<typeof MyScore>

export const RunReport = z.object({
  runId: z.string(),
  cycle: z.string(),
  phase: z.string(),
  done: z.boolean(),
  stoppedEarly: z.boolean(),
  batches: z.number(),
  cadres: z.number(),
  orgs: z.number(),
  ms: z.number()
})
export type RunReport = z.infer<typeof RunReport>

/**
 * The `rankings` cloud function: outcome scores and ranks computed by a timer job, read
 * cheaply in index order; the monthly 表彰 / 通报 lists a manager reviews and publishes.
 */
export const rankingsApi = {
  /**
   * Managers of the node: its child units by mean score (the default), or its cadres in rank order. The node (default
   * the caller's own) is read and checked against the caller's subtree before any ranking is; `level` is taken
   * from the node (the input is accepted from older clients and ignored).
   */
  list: {
    input: z.object({
      kind: PeriodKind.default('month'),
      period: Period.optional(),
      view: z.enum(['individuals', 'units']).default('units'),
      orgId: orgId.optional(),
      level: OrgLevel.optional(),
      cursor: Cursor,
      limit
    }),
    output: RankingPage
  },
  /** A cadre's own score, breakdown, ranks and what would raise it; a manager may ask for one of their cadres. */
  mine: {
    input: z.object({ kind: PeriodKind.default('month'), period: Period.optional(), cadreId: z.string().min(1).max(100).optional() }),
    output: MyScore
  },
  /** Province admin: run the job now (the timer runs it anyway). */
  runNow: { input: z.object({}), output: RunReport },
  /** Managers: the month's 表彰 or 通报 list of a node (default their own), drafted from the rules when first opened. */
  getList: {
    input: z.object({ kind: HonourKind, month: MonthId.optional(), orgId: orgId.optional(), refresh: z.boolean().default(false) }),
    output: HonourList
  },
  /** Managers: take an entry off a draft (with a reason) or put it back. */
  editEntry: {
    input: z.object({
      listId: z.string().min(1).max(200),
      cadreId: z.string().min(1).max(100),
      remove: z.boolean(),
      reason: z.string().trim().max(200).optional()
    }),
    output: HonourList
  },
  /** Managers: publish a draft; publishing again changes nothing. */
  publish: { input: z.object({ listId: z.string().min(1).max(200) }), output: HonourList },
  /** Everyone: published lists of the caller's own node and the nodes above it, newest first. */
  published: {
    input: z.object({ kind: HonourKind.optional(), limit }),
    output: z.object({ items: z.array(HonourList) })
  }
} as const
