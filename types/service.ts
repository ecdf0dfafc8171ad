/**
 * 群众点评: shapes the pages and the cloud functions share (the ledger's are in types/demands.ts). Instants travel
 * as ISO strings. A resident never sees personal data; a cadre never sees who rated them.
 */
import { z } from './zod'
import { idOf, optionalText, requiredText } from './text-fields'
import { DemandArea, RatingLevel } from './enums'
import { Cursor, DemandStatus } from './visits'
import { Phone } from './points'
import { MIN_RATINGS_SHOWN, holdReasons, type HoldReason as HoldReasonId } from './rules/rating-guard'
import { caseStatusLabels, ids } from './labels'

export const SceneCode = z.string({ error: '缺少二维码编号' }).regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/, { error: '二维码编号不对，请重新扫码' })

// ---------------------------------------------------------------- ratings

export const RatingTarget = z.enum(['visit', 'demand', 'fix'])
export type RatingTarget = z.infer<typeof RatingTarget>

/** Counted in the figures; held for a manager's review (out of every figure until accepted); rejected on review. */
export const RatingState = z.enum(['counted', 'held', 'rejected'])
export type RatingState = z.infer<typeof RatingState>
export const ratingStateLabels: Record<RatingState, string> = { counted: '已计入', held: '待审核', rejected: '未采纳' }

export const HoldReason = z.enum(Object.keys(holdReasons) as [HoldReasonId, ...HoldReasonId[]])
export type HoldReason = HoldReasonId
export { holdReasons }

/** What managers see of a rating: never who rated (no openid, no phone, no IP). */
export const Rating = z.object({
  id: z.string(),
  cadreName: z.string(),
  targetKind: RatingTarget,
  targetId: z.string(),
  level: RatingLevel,
  tags: z.array(z.string()),
  comment: z.string().nullable(),
  followUp: z.object({ comment: z.string(), at: z.string() }).nullable(),
  at: z.string(),
  date: z.string(),
  /** Counted after a manager accepted it from the held queue (or, before holds existed, flagged as a repeat rater). */
  flagged: z.boolean(),
  state: RatingState,
  /** Why it was held, and what the event's plausible size rests on. */
  hold: z.object({ reasons: z.array(HoldReason), basis: z.string() }).nullable(),
  review: z.object({ decision: z.enum(['accept', 'reject']), note: z.string().nullable(), at: z.string(), byName: z.string() }).nullable(),
  voided: z.object({ reason: z.string(), at: z.string() }).nullable(),
  appeal: z.object({ reason: z.string(), at: z.string(), status: z.enum(['pending', 'upheld', 'rejected']) }).nullable()
})
export type Rating = z.infer<typeof Rating>
export const RatingPage = z.object({ items: z.array(Rating), nextCursor: z.string().nullable() })

/** A held rating with its event, for the manager who reviews it. */
export const HeldRating = Rating.extend({
  /** The visit's date and place, or the demand's area: what the manager needs to judge the event's size. */
  event: z.object({ kind: z.enum(['visit', 'demand']), id: z.string(), label: z.string() }),
  /** How many ratings of the same event are counted and held now. */
  eventCounts: z.object({ counted: z.number().int(), held: z.number().int() })
})
export type HeldRating = z.infer<typeof HeldRating>
export const HeldPage = z.object({ items: z.array(HeldRating), nextCursor: z.string().nullable() })

export { MIN_RATINGS_SHOWN }

/**
 * What the rated cadre sees of the ratings of a period: aggregates only, and only over at least
 * MIN_RATINGS_SHOWN counted ratings (no single rating, no date, no visit or demand it was about).
 */
export const RatingSummary = z.object({
  cadreId: z.string(),
  period: z.string(),
  ratings: z.number().int(),
  /** false: fewer than MIN_RATINGS_SHOWN, nothing below is filled in. */
  shown: z.boolean(),
  levels: z.record(z.string(), z.number().int()).nullable(),
  satisfiedShare: z.number().nullable(),
  meanScore: z.number().nullable(),
  tags: z.array(z.object({ tag: z.string(), count: z.number().int() })),
  /** Comments in an order that says nothing about when or on what (sorted by their text). */
  comments: z.array(z.string())
})
export type RatingSummary = z.infer<typeof RatingSummary>

export const CaseStatus = z.enum(ids(caseStatusLabels))
export type CaseStatus = z.infer<typeof CaseStatus>
export { caseStatusLabels }

export const BadReviewCase = z.object({
  id: z.string(),
  ratingId: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  level: RatingLevel,
  tags: z.array(z.string()),
  comment: z.string().nullable(),
  /** Only for the managers who call back; the cadre never sees the case's contact. */
  contactPhone: z.string().nullable(),
  status: CaseStatus,
  ratedAt: z.string(),
  revisitDueAt: z.string(),
  rectifyDueAt: z.string(),
  revisit: z.object({ at: z.string(), note: z.string(), onTime: z.boolean(), byName: z.string() }).nullable(),
  rectification: z.object({ at: z.string(), result: z.string(), onTime: z.boolean(), byName: z.string() }).nullable(),
  revisitOverdue: z.boolean(),
  rectifyOverdue: z.boolean(),
  fixRating: z.object({ level: RatingLevel }).nullable()
})
export type BadReviewCase = z.infer<typeof BadReviewCase>
export const CasePage = z.object({ items: z.array(BadReviewCase), nextCursor: z.string().nullable() })

/**
 * A 整改 request as the rated cadre sees it: what to put right, by when, and where it stands — never who asked,
 * what visit or demand it was about, or when exactly it was given (the month only). 回访 is the manager's.
 */
export const ImprovementRequest = z.object({
  /** The rating's id, for an appeal (申诉). */
  ratingId: z.string(),
  month: z.string(),
  tags: z.array(z.string()),
  comment: z.string().nullable(),
  status: CaseStatus,
  /** The Beijing date the 整改 is due (a date, not the instant the case opened). */
  rectifyDue: z.string(),
  rectifyOverdue: z.boolean(),
  rectification: z.object({ at: z.string(), result: z.string() }).nullable(),
  appeal: z.object({ status: z.enum(['pending', 'upheld', 'rejected']) }).nullable()
})
export type ImprovementRequest = z.infer<typeof ImprovementRequest>
export const RequestPage = z.object({ items: z.array(ImprovementRequest), nextCursor: z.string().nullable() })

export const Landing = z.object({
  scene: z.string(),
  kind: z.enum(['visit', 'demand', 'point']),
  cadreName: z.string(),
  orgName: z.string(),
  /** Beijing date of the visit (or of the answer to a demand); null for a plate code. */
  date: z.string().nullable(),
  pointName: z.string().nullable(),
  canRate: z.boolean(),
  /** Why not, in words (already rated, window closed, own work, plate code). */
  rateBlocked: z.string().nullable(),
  windowEndsAt: z.string().nullable(),
  myRating: z.object({ level: RatingLevel, canFollowUp: z.boolean() }).nullable(),
  /** A 差评 of mine was rectified: I may rate the fix. */
  fix: z.object({ result: z.string(), canRate: z.boolean(), rated: z.boolean() }).nullable(),
  /** Problems I reported through this code, with where they stand. */
  myDemands: z.array(
    z.object({ id: z.string(), area: DemandArea, status: DemandStatus, reply: z.string().nullable(), canRate: z.boolean(), rated: z.boolean() })
  ),
  canReport: z.boolean()
})
export type Landing = z.infer<typeof Landing>

export const ServiceFigures = z.object({
  cadreId: z.string(),
  period: z.string(),
  ratings: z.number().int(),
  levels: z.record(z.string(), z.number().int()),
  satisfiedShare: z.number().nullable(),
  meanScore: z.number().nullable(),
  bad: z.number().int(),
  voided: z.number().int(),
  cases: z.number().int(),
  revisitOnTime: z.number().int(),
  revisitLate: z.number().int(),
  rectified: z.number().int(),
  flagged: z.number().int(),
  /** Ratings of the period waiting for a manager's review (in no other figure), and those rejected on review. */
  held: z.number().int(),
  rejected: z.number().int(),
  /**
   * The rated cadre asking about fewer than MIN_RATINGS_SHOWN ratings: levels, shares and the mean are withheld
   * (a single rating's level must not be tied to the person the cadre just visited).
   */
  withheld: z.boolean(),
  demandsRaised: z.number().int(),
  solvedByPath: z.object({ immediate: z.number().int(), coordinate: z.number().int(), report: z.number().int() }),
  closed: z.number().int(),
  /** Handled after the deadline (the first deadline plus approved extensions; a report: when it was sent up). */
  finishedLate: z.number().int(),
  /** Set aside by staff as spam or duplicates: out of demandsRaised, counted apart. */
  invalid: z.number().int(),
  /** Reopened (重办) after a 不满意 answer. */
  reopened: z.number().int(),
  /** Demands open past their deadline right now (an index count, not a scan). */
  overdueNow: z.number().int()
})
export type ServiceFigures = z.infer<typeof ServiceFigures>

export const QrCode = z.object({
  scene: z.string(),
  page: z.string(),
  /** Temporary URL of the PNG in cloud storage (generated once per scene, then reused). */
  imageUrl: z.string(),
  /** The same link on h5. */
  h5Path: z.string(),
  /** A liaison point's name, printed on its plate card above the code. */
  label: z.string().optional()
})
export type QrCode = z.infer<typeof QrCode>

/** A Beijing month 'YYYY-MM' or year 'YYYY' of the kept figures. */
const StatsPeriod = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, { error: '期间应为 YYYY 或 YYYY-MM' })

export const ratingsInput = {
  landing: z.object({ scene: SceneCode }),
  rate: z.object({
    scene: SceneCode,
    /** What is rated: the scene's visit or demand (default), one of my demands reported through it, or the fix of my 差评. */
    about: z.enum(['service', 'demand', 'fix']).default('service'),
    demandId: idOf('诉求').optional(),
    level: RatingLevel.optional(),
    tags: z.array(z.string().max(20)).max(5, { error: '最多选 5 个标签' }).default([]),
    comment: optionalText(300, '评价内容'),
    /** Optional, for a 差评: so the manager can call back. */
    contactPhone: Phone.optional()
  }),
  followUp: z.object({
    scene: SceneCode,
    about: z.enum(['service', 'demand', 'fix']).default('service'),
    demandId: idOf('诉求').optional(),
    comment: requiredText(300, '追评')
  }),
  listMine: z.object({ cadreId: z.string().min(1).max(100).optional(), cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  summary: z.object({ cadreId: z.string().min(1).max(100).optional(), period: StatsPeriod.optional() }),
  listRequests: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  listHeld: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  reviewHeld: z.object({
    ratingIds: z.array(idOf('评价')).min(1, { error: '请选择要审核的评价' }).max(50, { error: '一次最多审核 50 条' }),
    decision: z.enum(['accept', 'reject'], { error: '请选择采纳或不采纳' }),
    note: optionalText(300, '审核说明')
  }),
  appeal: z.object({ ratingId: idOf('评价'), reason: requiredText(300, '申诉理由') }),
  decideAppeal: z.object({ ratingId: idOf('评价'), decision: z.enum(['void', 'keep'], { error: '请选择撤销或维持' }), reason: requiredText(300, '处理理由') }),
  listAppeals: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  listCases: z.object({ status: z.enum(['active', 'all']).default('active'), cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  revisit: z.object({ caseId: idOf('差评件'), note: requiredText(300, '回访情况') }),
  rectify: z.object({ caseId: idOf('差评件'), result: requiredText(500, '整改结果') }),
  stats: z.object({ cadreId: z.string().min(1).max(100).optional(), period: StatsPeriod.optional() }),
  qr: z.object({ kind: z.enum(['visit', 'demand', 'point']), targetId: idOf('对象') })
}
