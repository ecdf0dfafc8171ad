import { z } from '../zod'
import { idOf } from '../text-fields'
import { Calendar, CheckInInput, CheckInResult, Cursor, Progress, VisitDetail, VisitPage, VisitRecordInput } from '../visits'
import {
  CadrePeriod,
  CadrePeriodPage,
  CancelPeriodInput,
  PendingPeriodsInput,
  PeriodsInput,
  RecordPeriodInput,
  ReviewPeriodInput,
  SceneInput,
  VisitConfirmation
} from '../cadre-periods'

const cadreId = z.string().min(1).max(100).optional()
const limit = z.number().int().min(1).max(50).default(20)

/** The `visit` cloud function: 走访打卡, 走访记录, 外勤 approval and the 90-day figures. */
export const visitApi = {
  checkIn: { input: CheckInInput, output: CheckInResult },
  /** Write or edit the record of a visit (its cadre, within 7 days of the check-in). */
  saveRecord: { input: VisitRecordInput, output: VisitDetail },
  get: { input: z.object({ visitId: idOf('走访记录') }), output: VisitDetail },
  /** Newest first; a cadre's own (no cadreId) or, for a manager, a cadre of their subtree. */
  list: { input: z.object({ cadreId, cursor: Cursor, limit }), output: VisitPage },
  progress: { input: z.object({ cadreId, year: z.number().int().min(2020).max(2100).optional() }), output: Progress },
  /** Dates with counted visits, for one month ('YYYY-MM') or a whole year. */
  calendar: {
    input: z.object({
      cadreId,
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份应为 YYYY-MM' })
        .optional(),
      year: z.number().int().min(2020).max(2100).optional()
    }),
    output: Calendar
  },
  /** Managers: 外勤 waiting for approval in their subtree, oldest first. */
  listPending: { input: z.object({ cursor: Cursor, limit }), output: VisitPage },
  review: {
    input: z.object({
      visitId: idOf('走访记录'),
      decision: z.enum(['approve', 'reject'], { error: '请选择通过或不通过' }),
      note: z.string().trim().max(200, { error: '审核意见最多 200 字' }).default('')
    }),
    output: z.object({ visit: VisitDetail, dayAdded: z.boolean() })
  },
  /**
   * 请假/培训/抽调 (pause the pace) or a 蹲点 stay (its days count): a cadre for themself, or a manager for a cadre of
   * their subtree (in force at once). A cadre's pause waits for a manager unless the rules say otherwise; a stay
   * always does.
   */
  recordPeriod: { input: RecordPeriodInput, output: CadrePeriod },
  /** A manager of the cadre approves (a stay's days are counted then) or turns down a pending span. */
  reviewPeriod: { input: ReviewPeriodInput, output: CadrePeriod },
  /** Withdraws a pending span (the cadre or a manager), or ends an approved pause (a manager). */
  cancelPeriod: { input: CancelPeriodInput, output: CadrePeriod },
  /** A cadre's spans, newest first: their own, or for a manager a cadre of their subtree. */
  periods: { input: PeriodsInput, output: CadrePeriodPage },
  /** Managers: spans waiting for approval in their subtree, oldest first. */
  pendingPeriods: { input: PendingPeriodsInput, output: CadrePeriodPage },
  /** A resident who scanned a visit's code: may they confirm the cadre was there (a 外勤 no fence fits)? */
  confirmation: { input: SceneInput, output: VisitConfirmation },
  /** The resident confirms: the 外勤 counts as evidenced, like an approval. */
  confirm: { input: SceneInput, output: VisitConfirmation }
} as const
