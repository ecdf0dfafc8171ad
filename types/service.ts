/**
 * 办实事 ledger and 群众点评: shapes the pages and the cloud functions share. Instants travel
 * as ISO strings. A resident never sees personal data; a cadre never sees who rated them.
 */
import { z } from './zod'
import { idOf, optionalText, requiredText } from './text-fields'
import { DemandArea, RatingLevel } from './enums'
import { Cursor, DemandStatus, Phone, SubmissionId } from './cadre-work'
import { MIN_RATINGS_SHOWN, holdReasons, type HoldReason as HoldReasonId } from './rules/rating-guard'
import { caseStatusLabels, demandStatusLabels, extensionStatusLabels, ids, invalidKindLabels, reportStateLabels, timelineLabels, urgencies } from './labels'
import { VOICE_FORMATS, VOICE_MAX_BYTES, VOICE_MAX_SECONDS } from './rules/voice-note'

export const SceneCode = z
  .string({ error: '缺少二维码编号' })
  .regex(/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/, { error: '二维码编号不对，请重新扫码' })

export { urgencies }
export const Urgency = z.enum(ids(urgencies), { error: '请选择紧急程度' })

// ---------------------------------------------------------------- demands

export { DemandStatus }
export { demandStatusLabels }
export const DemandPath = z.enum(['immediate', 'coordinate', 'report'])
export type DemandPath = z.infer<typeof DemandPath>

export const TimelineKind = z.enum(ids(timelineLabels))
export { timelineLabels }

export const TimelineStep = z.object({
  kind: TimelineKind,
  at: z.string(),
  byName: z.string(),
  byRole: z.enum(['cadre', 'manager', 'admin', 'resident']),
  note: z.string().optional()
})
export type TimelineStep = z.infer<typeof TimelineStep>

export const InvalidKind = z.enum(ids(invalidKindLabels), { error: '请选择无效的原因：无效信息或重复反映' })
export { invalidKindLabels }
export const ExtensionStatus = z.enum(ids(extensionStatusLabels))
export { extensionStatusLabels }
export const ReportState = z.enum(ids(reportStateLabels))
export { reportStateLabels }

export const Extension = z.object({
  /** The Beijing date asked for. */
  until: z.string(),
  reason: z.string(),
  status: ExtensionStatus,
  requestedAt: z.string(),
  requestedByName: z.string(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable()
})
export type Extension = z.infer<typeof Extension>

export const DemandReport = z.object({
  toOrgId: z.string(),
  toOrgName: z.string(),
  reason: z.string(),
  explanation: z.string(),
  at: z.string(),
  state: ReportState,
  /** The receiving unit's answer is due then (working days by the rules); its own queue shows it. */
  answerDueAt: z.string(),
  receivedAt: z.string().nullable(),
  receivedByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answer: z.string().nullable()
})
export type DemandReport = z.infer<typeof DemandReport>

export const Demand = z.object({
  id: z.string(),
  source: z.enum(['visit', 'resident', 'cadre']),
  visitId: z.string().nullable(),
  cadreId: z.string(),
  cadreName: z.string(),
  orgId: z.string(),
  area: DemandArea,
  /** Set by staff; a resident's report is 一般 until triaged. */
  urgency: Urgency,
  /** The resident said it is urgent (急): a hint for triage, never a deadline. */
  urgentHint: z.boolean(),
  /** Staff have settled the urgency (a cadre's own entry: when recorded). */
  triaged: z.boolean(),
  text: z.string(),
  /** In clear for the cadre and their managers, masked for anyone else. */
  contact: z.object({ name: z.string().optional(), phone: z.string().optional(), phoneMasked: z.boolean() }).nullable(),
  status: DemandStatus,
  path: DemandPath.nullable(),
  /** The path the cadre planned when raising it on a visit. */
  plannedPath: DemandPath.nullable(),
  department: z.string().nullable(),
  /** The deadline lateness is measured against: the rules' first deadline, moved only by approved extensions. */
  deadlineAt: z.string(),
  /** The rules' deadline for this round, before any extension. */
  firstDeadlineAt: z.string(),
  /** The date agreed with the department when coordinating (within the deadline). */
  departmentDueAt: z.string().nullable(),
  /** Past its deadline and not handled, or handled after it. Never for an invalid entry. */
  overdue: z.boolean(),
  /** A request to extend, waiting for a manager. */
  pendingExtension: z.object({ until: z.string(), reason: z.string(), requestedByName: z.string(), requestedAt: z.string() }).nullable(),
  finishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reply: z.string().nullable(),
  supervised: z.number().int(),
  createdAt: z.string(),
  sceneCode: z.string().nullable(),
  rating: z.object({ level: RatingLevel }).nullable(),
  /** The resident's voice message (语音留言): how long it is; those who may see the demand get a link with `voiceUrl`. */
  voice: z.object({ durationMs: z.number().int() }).nullable(),
  report: DemandReport.nullable(),
  invalid: z.object({ kind: InvalidKind, duplicateOf: z.string().nullable(), reason: z.string(), at: z.string(), byName: z.string() }).nullable(),
  /** 1, or more after 重办. */
  round: z.number().int()
})
export type Demand = z.infer<typeof Demand>
/** What the viewer may do next (types/rules/ledger.ts nextSteps): the page offers exactly these. */
export const LedgerStep = z.enum([
  'triage',
  'resolve',
  'coordinate',
  'progress',
  'finish',
  'requestExtension',
  'report',
  'invalidate',
  'close',
  'supervise',
  'decideExtension',
  'receiveReport',
  'answerReport',
  'reinstate',
  'reopen'
])
export type LedgerStep = z.infer<typeof LedgerStep>

export const DemandDetail = Demand.extend({
  timeline: z.array(TimelineStep),
  nextSteps: z.array(LedgerStep),
  extensions: z.array(Extension),
  /** For the cadre while they handle it: the units they may report to (their own and those above). */
  reportTargets: z.array(z.object({ orgId: z.string(), name: z.string() })),
  /** For the cadre while they handle it: the latest date a 协调 deadline may have before it needs a manager's approval, and the latest one they may ask for. */
  deadlineBounds: z.object({ due: z.string(), maxExtension: z.string() }).nullable()
})
export type DemandDetail = z.infer<typeof DemandDetail>
export const DemandPage = z.object({ items: z.array(Demand), nextCursor: z.string().nullable() })

export const DemandFields = z.object({
  area: DemandArea,
  /** Staff only: a resident's report is triaged by staff (a resident's 'urgent' is read as the 急 hint). */
  urgency: Urgency.optional(),
  /** A resident's 急. */
  urgentHint: z.boolean({ error: '「急」应为是或否' }).optional(),
  text: requiredText(500, '问题描述'),
  contactName: optionalText(20, '联系人称呼'),
  contactPhone: Phone.optional()
})

export const DemandFilter = z.enum(['all', 'active', 'overdue', 'open', 'coordinating', 'solved', 'reported', 'answered', 'closed', 'invalid']).default('all')
export type DemandFilter = z.infer<typeof DemandFilter>

const BeijingDateInput = (what: string) => z.string({ error: `请填写${what}` }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${what}应为 YYYY-MM-DD` })
const page = { cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }

/** A voice message a resident recorded and put in their own folder of storage (prepareVoice / uploadVoice). */
export const VoiceAttachment = z.object({
  fileID: z.string({ error: '缺少语音文件' }).min(1, { error: '缺少语音文件' }).max(300, { error: '语音文件编号不对' }),
  /** What the recorder said; an mp3's own length is measured on the server. */
  durationMs: z.number({ error: '缺少语音长度' }).int({ error: '语音长度应为整数毫秒' }).min(0).max(VOICE_MAX_SECONDS * 1000 + 5000, { error: `语音最长 ${VOICE_MAX_SECONDS} 秒` })
})
export const VoiceFormatInput = z.enum(VOICE_FORMATS, { error: '语音格式不对' })

export const demandsInput = {
  /**
   * `submissionId`: the phone's id for this report (a retry or an offline resend lands once). A resident's report
   * may carry a voice message, and then needs no words (the text is optional only with a voice).
   */
  create: DemandFields.extend({
    submissionId: SubmissionId,
    scene: SceneCode.optional(),
    text: z.string({ error: '问题描述应为文字' }).trim().max(500, { error: '问题描述最多 500 个字' }).default(''),
    voice: VoiceAttachment.optional()
  }),
  /** WeChat: where the resident's phone puts the recording (Taro.cloud.uploadFile), inside their own folder. */
  prepareVoice: z.object({ scene: SceneCode, format: VoiceFormatInput }),
  /** A browser (the emulator has no client-side upload): the recording as base64, kept by the function. */
  uploadVoice: z.object({
    scene: SceneCode,
    format: VoiceFormatInput,
    contentBase64: z.string({ error: '缺少语音内容' }).min(1, { error: '缺少语音内容' }).max(Math.ceil((VOICE_MAX_BYTES * 4) / 3) + 8, { error: '语音太大了，请录短一些' })
  }),
  /** Those who may see the demand: a short-lived link to play its voice message. */
  voiceUrl: z.object({ demandId: idOf('诉求') }),
  resolve: z.object({ demandId: idOf('诉求'), done: requiredText(500, '办理情况') }),
  coordinate: z.object({
    demandId: idOf('诉求'),
    department: requiredText(50, '承办部门'),
    /** A Beijing date agreed with the department; past the deadline it is an extension request and needs `reason`. */
    deadline: BeijingDateInput('办结期限').optional(),
    reason: optionalText(300, '延期理由')
  }),
  progress: z.object({ demandId: idOf('诉求'), note: requiredText(500, '进展') }),
  supervise: z.object({ demandId: idOf('诉求'), note: requiredText(300, '督办意见') }),
  finish: z.object({ demandId: idOf('诉求'), result: requiredText(500, '办理结果') }),
  report: z.object({ demandId: idOf('诉求'), toOrgId: idOf('上报单位'), reason: requiredText(300, '上报原因'), explanation: requiredText(300, '向群众的解释') }),
  close: z.object({ demandId: idOf('诉求'), reply: requiredText(300, '答复群众的话') }),
  get: z.object({ demandId: idOf('诉求') }),
  list: z.object({ cadreId: z.string().min(1).max(100).optional(), filter: DemandFilter, ...page }),
  /** Managers: overdue demands in their subtree, most overdue first. */
  listOverdue: z.object(page),
  triage: z.object({ demandId: idOf('诉求'), urgency: Urgency, note: optionalText(300, '说明') }),
  requestExtension: z.object({ demandId: idOf('诉求'), until: BeijingDateInput('延期到的日期'), reason: requiredText(300, '延期理由') }),
  decideExtension: z.object({ demandId: idOf('诉求'), decision: z.enum(['approve', 'refuse'], { error: '请选择同意或不同意' }), reason: requiredText(300, '审批意见') }),
  listExtensions: z.object(page),
  receiveReport: z.object({ demandId: idOf('诉求') }),
  answerReport: z.object({
    demandId: idOf('诉求'),
    answer: requiredText(500, '答复内容'),
    /** returned: back to the cadre to handle (the deadline stands). */
    outcome: z.enum(['answered', 'returned'], { error: '请选择答复或退回' }).default('answered')
  }),
  listReports: z.object(page),
  /** A duplicate names the entry it repeats (`duplicateOf`). */
  invalidate: z.object({ demandId: idOf('诉求'), kind: InvalidKind, duplicateOf: idOf('重复的那条诉求').optional(), reason: requiredText(300, '理由') }),
  reinstate: z.object({ demandId: idOf('诉求'), reason: requiredText(300, '理由') }),
  listInvalid: z.object(page),
  reopen: z.object({ demandId: idOf('诉求'), reason: requiredText(300, '重办的理由') })
}

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
  myDemands: z.array(z.object({ id: z.string(), area: DemandArea, status: DemandStatus, reply: z.string().nullable(), canRate: z.boolean(), rated: z.boolean() })),
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
  followUp: z.object({ scene: SceneCode, about: z.enum(['service', 'demand', 'fix']).default('service'), demandId: idOf('诉求').optional(), comment: requiredText(300, '追评') }),
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
