import { z } from '../zod'
import { OrgLevel } from '../enums'
import { Cursor } from '../cadre-work'
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
  nextCursor: z.string().nullable()
})
export type RankingPage = z.infer<typeof RankingPage>

export const MyScore = z.object({
  cadreId: z.string(),
  cadreName: z.string(),
  orgName: z.string(),
  period: z.string(),
  kind: PeriodKind,
  /** False until the rankings job has computed this period. */
  computed: z.boolean(),
  score: z.number(),
  satisfiedShare: z.number().nullable(),
  breakdown: z.array(ScoreComponent),
  ranks: z.object({ county: RankOf, prefecture: RankOf, province: RankOf }),
  tips: z.array(z.string()),
  figures: PeriodFigures,
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
 * The `rankings` cloud function (issue 5, items 3–4): outcome scores and ranks computed by a timer job, read
 * cheaply in index order; the monthly 表彰 / 通报 lists a manager reviews and publishes.
 */
export const rankingsApi = {
  /**
   * Managers: the cadres of a node (default the caller's own) in rank order, or the node's child units by mean
   * score. `level` is the node's level (the client knows it from the node it drilled into).
   */
  list: {
    input: z.object({
      kind: PeriodKind.default('month'),
      period: Period.optional(),
      view: z.enum(['individuals', 'units']).default('individuals'),
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
