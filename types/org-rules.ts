/**
 * 制度: the rules of one organisation for one Beijing year, set by the province admin and inherited down the
 * tree. The nearest ancestor with a rule document for the year wins, field by field; a child may only
 * override the fields its parent left open (`locked` lists the ones it may not).
 *
 * This file is the shared contract: the `orgs` function stores and serves these rules, the `rankings` function
 * reads the score weights and 表彰/通报 thresholds, the ledger and ratings read the deadlines and the window.
 */
import { z } from './zod'
import { defaultRatingGuard } from './rules/rating-guard'
import { DEFAULT_RADIUS_M, MAX_RADIUS_M, MIN_RADIUS_M } from './rules/check-in'

export const ScoreWeights = z
  .object({
    /** Residents' satisfaction: share of 满意 + 非常满意 among the period's ratings. */
    satisfaction: z.number().int().min(0).max(100),
    /** Demands solved (any path), on time. */
    demands: z.number().int().min(0).max(100),
    /** 差评 followed up (回访 on time) and rectified. */
    badReviews: z.number().int().min(0).max(100),
    /** 五必访 households visited this year. */
    fiveMustVisit: z.number().int().min(0).max(100)
  })
  // Days at the grassroots are no part of any score (国办函〔2026〕12号: no 打卡 counts as assessment): they are the
  // cadre's own pace indicator toward the yearly target.
  .refine((w) => w.satisfaction + w.demands + w.badReviews + w.fiveMustVisit === 100, {
    message: '各项权重加起来要等于 100'
  })
export type ScoreWeights = z.infer<typeof ScoreWeights>

/**
 * How residents' satisfaction enters a score. Either way nothing below `minRatings` ratings (never fewer than 3:
 * fewer would let the rated cadre tell a single rater's verdict): 'minRatings' scores the plain share of 满意 +
 * 非常满意 from there; 'wilson' scores the lower bound of its 95 % Wilson interval, so 4 of 4 counts as about 51 %
 * and 95 of 100 as about 89 % — few ratings weigh less than many.
 */
export const SatisfactionScoring = z.object({
  method: z.enum(['minRatings', 'wilson']),
  minRatings: z.number().int().min(3).max(100)
})
export type SatisfactionScoring = z.infer<typeof SatisfactionScoring>

const count = (min: number, max: number) => z.number().int().min(min).max(max)
export const RatingGuard = z.object({
  withoutRecord: count(1, 50),
  homeVisit: count(1, 50),
  inspection: count(1, 100),
  other: count(1, 100),
  forum: count(1, 1000),
  fieldResearch: count(1, 1000),
  survey: count(1, 1000),
  gatheringMax: count(10, 1000),
  perDemand: count(1, 20),
  windowMinutes: count(1, 120),
  freshPerWindow: count(1, 100),
  ipPerWindow: count(1, 1000),
  repeatPerCadreMonth: count(2, 31),
  perDay: count(1, 100)
})

export const OrgRules = z.object({
  /** Days at the grassroots a year (the campaign asks at least 90). */
  daysTarget: z.number().int().min(1).max(366),
  /** Default fence radius for new liaison points, metres: within the limits any one point's fence keeps. */
  checkInRadiusM: z.number().int().min(MIN_RADIUS_M).max(MAX_RADIUS_M),
  /** Photos stay optional by default (2024 rules against 指尖上的形式主义); 'off' hides the photo step. */
  photoPolicy: z.enum(['optional', 'off']),
  /**
   * Hours a check-in made without signal may wait on the phone before it is sent (the server refuses older
   * ones). 72 is the standard; only the province admin may allow more, up to 7 days, e.g. for pastoral
   * counties where a cadre is days away from signal (types/rules/org-rules.ts: adminOnlyValue).
   */
  offlineHours: z.number().int().min(24).max(168),
  /** Calendar days after the visit / the end of a demand / a fix during which a resident may rate. */
  ratingWindowDays: z.number().int().min(1).max(30),
  /** Working days to finish a demand, by urgency; 0 = the end of the same Beijing day. */
  demandDays: z.object({
    urgent: z.number().int().min(0).max(5),
    general: z.number().int().min(1).max(30),
    complex: z.number().int().min(1).max(60)
  }),
  /** 回访 and 整改 after a 差评, in working days. */
  revisitDays: z.number().int().min(1).max(5),
  rectifyDays: z.number().int().min(5).max(30),
  scoreWeights: ScoreWeights,
  satisfactionScoring: SatisfactionScoring,
  /** 群众点评 held for review beyond what a service event plausibly takes (types/rules/rating-guard.ts). */
  ratingGuard: RatingGuard,
  /** 表彰: the top `topN` by score whose satisfaction is at least `minSatisfaction` over at least `minRatings` ratings. */
  honours: z.object({
    topN: z.number().int().min(1).max(100),
    minSatisfaction: z.number().min(0).max(1),
    minRatings: z.number().int().min(0).max(100)
  }),
  /**
   * 四个百家 (types/rules/four-hundred.ts): the share of a cadre's 一户一册 registry, in percent, each count should
   * reach in the year. Not part of any score: shown to the cadre and their managers, and in the packs.
   */
  fourHundredTargets: z.object({
    entered: z.number().int().min(0).max(100),
    known: z.number().int().min(0).max(100),
    relieved: z.number().int().min(0).max(100),
    warmed: z.number().int().min(0).max(100)
  }),
  /** 通报: named for outcome failures only — demands overdue, 差评 not followed up (never "behind the days pace"). */
  notices: z.object({
    overdueDemands: z.number().int().min(1).max(50),
    unfollowedBadReviews: z.number().int().min(1).max(50)
  }),
  /**
   * Whether a cadre sees their own rank (国办函〔2026〕12号: no 积分排名 as assessment). Off by default: rankings
   * are for the managers of a subtree; only the province admin may switch this on.
   */
  ownRankVisible: z.boolean(),
  /** 请假/培训/抽调 a cadre records: approved by a manager ('manager') or in force at once ('self'). */
  absenceApproval: z.enum(['manager', 'self'])
})
export type OrgRules = z.infer<typeof OrgRules>
export type RuleField = keyof OrgRules

export const defaultOrgRules: OrgRules = {
  daysTarget: 90,
  checkInRadiusM: DEFAULT_RADIUS_M,
  photoPolicy: 'optional',
  offlineHours: 72,
  ratingWindowDays: 7,
  demandDays: { urgent: 0, general: 7, complex: 15 },
  revisitDays: 1,
  rectifyDays: 15,
  scoreWeights: { satisfaction: 40, demands: 30, badReviews: 20, fiveMustVisit: 10 },
  satisfactionScoring: { method: 'minRatings', minRatings: 5 },
  ratingGuard: defaultRatingGuard,
  honours: { topN: 10, minSatisfaction: 0.9, minRatings: 5 },
  notices: { overdueDemands: 1, unfollowedBadReviews: 1 },
  ownRankVisible: false,
  absenceApproval: 'manager',
  // Every registered household entered, known and warmed in the year; half of them relieved of a worry.
  fourHundredTargets: { entered: 100, known: 100, relieved: 50, warmed: 100 }
}

/** Fields only the province admin sets (at any node of their system). */
export const adminOnlyRuleFields: readonly RuleField[] = ['ownRankVisible']
