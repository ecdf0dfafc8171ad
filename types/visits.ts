/**
 * 走访打卡, 走访记录 and the 90 days: the visit schemas the pages and the `visit` function share. Instants travel
 * as ISO strings; Beijing dates as 'YYYY-MM-DD'.
 */
import { z } from './zod'
import { idOf, optionalText, requiredText } from './text-fields'
import { DemandArea, FourInto, WorkMethod } from './enums'
import { demandStatusLabels, ids, problemHandlingLabels, visitStatusLabels } from './labels'
import { CadreRef, Location } from './points'

const isoInstant = (what: string) => z.iso.datetime({ offset: true, error: `${what}应为带时区的时间（ISO 格式）` })

export const Cursor = z.string().max(200).optional()

// ---------------------------------------------------------------- 走访打卡

export const CheckInFlag = z.enum(['clockSkew', 'speed'])
export const VisitStatus = z.enum(ids(visitStatusLabels))
export type VisitStatus = z.infer<typeof VisitStatus>
export { visitStatusLabels }

/**
 * The phone's id for one submission, made before the first attempt and kept with it in the offline queue:
 * every resend carries it, and the server lands the submission once under it.
 */
export const SubmissionId = z.string({ error: '缺少提交编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '提交编号应为 8 到 64 位字母、数字、- 或 _' })

export const CheckInInput = z.object({
  /** Generated on the phone (a uuid) before the first attempt and kept with the queued check-in. */
  submissionId: SubmissionId,
  pointId: idOf('联系点', 100),
  fix: z.object({
    lat: Location.shape.lat,
    lng: Location.shape.lng,
    accuracy: z.number({ error: '定位精度应为数字' }).min(0, { error: '定位精度不对' }).max(100000, { error: '定位精度不对' }),
    capturedAt: isoInstant('定位时间')
  }),
  deviceNow: isoInstant('手机时间'),
  offline: z.boolean({ error: 'offline 应为 true 或 false' }).default(false),
  reason: optionalText(200, '外勤说明'),
  note: optionalText(500, '备注')
})
export type CheckInInput = z.input<typeof CheckInInput>

export const Review = z.object({
  decision: z.enum(['approve', 'reject']),
  note: z.string(),
  byName: z.string(),
  at: z.string()
})

export const VisitSummary = z.object({
  id: z.string(),
  submissionId: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  pointId: z.string(),
  pointName: z.string(),
  pointKind: FourInto,
  /** The record's time (server clock online; capture time offline). */
  visitedAt: z.string(),
  /** Beijing date of visitedAt. */
  date: z.string(),
  inside: z.boolean(),
  status: VisitStatus,
  distanceM: z.number(),
  accuracyM: z.number(),
  /** 离线补传 */
  offline: z.boolean(),
  flags: z.array(CheckInFlag),
  reason: z.string().optional(),
  note: z.string().optional(),
  review: Review.optional(),
  hasRecord: z.boolean(),
  recordEditableUntil: z.string()
})
export type VisitSummary = z.infer<typeof VisitSummary>

export const CheckInResult = z.object({
  visit: VisitSummary,
  /** This check-in added a new day at the grassroots. */
  dayAdded: z.boolean(),
  /** Days this year after this check-in. */
  days: z.number().int(),
  message: z.string()
})
export type CheckInResult = z.infer<typeof CheckInResult>

// ---------------------------------------------------------------- 走访记录

export const ProblemHandling = z.enum(ids(problemHandlingLabels))
export { problemHandlingLabels }

export const ProblemInput = z.object({
  area: DemandArea,
  text: requiredText(500, '问题描述'),
  handling: ProblemHandling,
  /** 紧急 / 一般 / 复杂: sets the ledger entry's deadline. */
  urgency: z.enum(['urgent', 'general', 'complex'], { error: '请选择紧急程度' }).default('general')
})

/**
 * A demand's state in the 办实事 ledger (types/demands.ts re-exports it with its labels): open and coordinating are
 * the cadre's to handle (and can be overdue); reported waits for the receiving unit, answered is its answer (handled);
 * invalid was set aside by staff (spam, a duplicate) and is never overdue nor counted.
 */
export const DemandStatus = z.enum(ids(demandStatusLabels))
export type DemandStatus = z.infer<typeof DemandStatus>

export const RaisedProblem = ProblemInput.extend({
  /** The ledger entry's id, `${visitId}_p${n}`. */
  id: z.string(),
  /** As raised (the ledger entry's state then). */
  status: z.enum(['open']),
  /** Records saved before the ledger have none. */
  urgency: ProblemInput.shape.urgency.removeDefault().optional(),
  /** In a visit's detail only: the ledger entry now (null: not in the ledger, e.g. a record from before it). */
  ledger: z.object({ status: DemandStatus, overdue: z.boolean() }).nullable().optional()
})
export type RaisedProblem = z.infer<typeof RaisedProblem>

export const VisitRecordInput = z.object({
  visitId: idOf('走访', 100),
  category: FourInto,
  method: WorkMethod,
  /** 问政：讲了哪些政策 */
  policy: optionalText(1000, '问政记录'),
  /** 问需：听到哪些需求 */
  needs: optionalText(1000, '问需记录'),
  /** 问计：收到哪些建议 */
  advice: optionalText(1000, '问计记录'),
  peopleMet: z.object({
    count: z.number({ error: '人数应为数字' }).int({ error: '人数应为整数' }).min(0).max(10000, { error: '人数太多了' }),
    text: optionalText(200, '见到的人')
  }),
  householdIds: z.array(idOf('五必访户', 100)).max(20, { error: '一次最多关联 20 户' }).default([]),
  problems: z.array(ProblemInput).max(10, { error: '一次最多记 10 个问题' }).default([])
})

export const VisitRecord = z.object({
  category: FourInto,
  method: WorkMethod,
  policy: z.string().optional(),
  needs: z.string().optional(),
  advice: z.string().optional(),
  peopleMet: z.object({ count: z.number().int(), text: z.string().optional() }),
  householdIds: z.array(z.string()),
  problems: z.array(RaisedProblem),
  savedAt: z.string()
})
export type VisitRecord = z.infer<typeof VisitRecord>

export const VisitDetail = VisitSummary.extend({ record: VisitRecord.nullable() })
export type VisitDetail = z.infer<typeof VisitDetail>

export const VisitPage = z.object({ items: z.array(VisitSummary), nextCursor: z.string().nullable() })
export type VisitPage = z.infer<typeof VisitPage>

// ---------------------------------------------------------------- 90 天

export const Progress = z.object({
  cadre: CadreRef,
  year: z.number().int(),
  /** Distinct Beijing dates with a counted visit this year. */
  days: z.number().int(),
  target: z.number().int(),
  /** min(days, target): the ring fills up to the target and no further. */
  progressDays: z.number().int(),
  reached: z.boolean(),
  /** The pace expected by today (0 for a past or future year's figures is not used: see year). */
  expectedByToday: z.number().int(),
  /**
   * 请假/培训/抽调 pause the pace: the year's target less the paused share (whole days), the paused days of the
   * year and so far, and the span in force today, if any.
   */
  pace: z.object({
    adjustedTarget: z.number().int(),
    pausedDays: z.number().int(),
    pausedSoFar: z.number().int(),
    pausedNow: z.object({ kind: z.enum(['leave', 'training', 'secondment']), to: z.string() }).nullable()
  }),
  thisMonth: z.object({ month: z.string(), visits: z.number().int(), days: z.number().int() }),
  /** The cadre's offline window (制度 offlineHours): how long a check-in may wait on the phone. */
  offlineHours: z.number().int(),
  fieldwork: z.object({ month: z.string(), used: z.number().int(), limit: z.number().int(), pending: z.number().int() })
})
export type Progress = z.infer<typeof Progress>

/** A day at the grassroots: its counted visits, and whether an approved 蹲点 stay covers it. */
export const CalendarDay = z.object({ date: z.string(), visits: z.number().int(), stay: z.boolean() })
export const Calendar = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(CalendarDay),
  /** Approved 请假/培训/抽调 overlapping the range (the pace pauses on those dates). */
  paused: z.array(z.object({ kind: z.enum(['leave', 'training', 'secondment']), from: z.string(), to: z.string() }))
})
export type Calendar = z.infer<typeof Calendar>
