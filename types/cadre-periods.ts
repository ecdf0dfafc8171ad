/**
 * 请假/培训/抽调 and 蹲点: spans of days a cadre (or their manager) records. The first three pause the cadre's pace
 * toward the yearly days target and the pace reminders; an approved multi-day 蹲点 stay counts each of its days as a
 * day at the grassroots where no fence fits. Shapes the pages and the `visit` function share.
 */
import { z } from './zod'
import { Cursor, SubmissionId } from './visits'

export const cadrePeriodKinds = ['leave', 'training', 'secondment', 'stay'] as const
export const CadrePeriodKind = z.enum(cadrePeriodKinds, { error: '请选择请假、培训、抽调或蹲点' })
export type CadrePeriodKind = z.infer<typeof CadrePeriodKind>
export const cadrePeriodKindLabels: Record<CadrePeriodKind, string> = { leave: '请假', training: '培训', secondment: '抽调', stay: '蹲点' }

/** The kinds that pause the pace (the rest — 蹲点 — count days). */
export const pauseKinds: readonly CadrePeriodKind[] = ['leave', 'training', 'secondment']
export const isPauseKind = (k: CadrePeriodKind) => pauseKinds.includes(k)

export const cadrePeriodStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const
export type CadrePeriodStatus = (typeof cadrePeriodStatuses)[number]
export const cadrePeriodStatusLabels: Record<CadrePeriodStatus, string> = { pending: '待审批', approved: '已生效', rejected: '未通过', cancelled: '已撤销' }

/** 'YYYY-MM-DD' naming a real day (not 02-30). */
const isCalendarDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`)
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d
}

const date = (what: string) =>
  z
    .string({ error: `请选择${what}` })
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: `${what}应为 YYYY-MM-DD` })
    // zod runs this check even when the pattern failed: an unparsable string must answer false, not throw.
    .refine((d) => isCalendarDate(d), { error: `${what}不是日历上的日子` })

export const RecordPeriodInput = z.object({
  /** The phone's id for this submission: the same one again lands once. */
  submissionId: SubmissionId,
  /** A manager records for a cadre of their subtree; a cadre for themself (leave it out). */
  cadreId: z.string().min(1).max(100).optional(),
  kind: CadrePeriodKind,
  from: date('开始日期'),
  to: date('结束日期'),
  /** Where the 蹲点 stay was (required for a stay). */
  place: z.string().trim().max(50, { error: '地点最多 50 个字' }).default(''),
  note: z.string().trim().max(200, { error: '说明最多 200 个字' }).default('')
})

export const CadrePeriod = z.object({
  id: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  kind: CadrePeriodKind,
  from: z.string(),
  to: z.string(),
  /** Calendar days from `from` to `to`. */
  days: z.number().int(),
  place: z.string(),
  note: z.string(),
  status: z.enum(cadrePeriodStatuses),
  recordedBy: z.object({ name: z.string(), byManager: z.boolean() }),
  review: z.object({ decision: z.enum(['approve', 'reject', 'cancel']), note: z.string(), byName: z.string(), at: z.string() }).nullable(),
  /** A 蹲点 stay: the days it added to the days at the grassroots (dates already counted by a visit add none). */
  countedDays: z.number().int().nullable(),
  createdAt: z.string()
})
export type CadrePeriod = z.infer<typeof CadrePeriod>

export const CadrePeriodPage = z.object({ items: z.array(CadrePeriod), nextCursor: z.string().nullable() })

export const ReviewPeriodInput = z.object({
  periodId: z.string().min(1).max(200),
  decision: z.enum(['approve', 'reject'], { error: '请选择通过或不通过' }),
  note: z.string().trim().max(200, { error: '审批意见最多 200 字' }).default('')
})

export const CancelPeriodInput = z.object({
  periodId: z.string().min(1).max(200),
  note: z.string().trim().max(200, { error: '说明最多 200 字' }).default('')
})

export const PeriodsInput = z.object({
  cadreId: z.string().min(1).max(100).optional(),
  cursor: Cursor,
  limit: z.number().int().min(1).max(50).default(20)
})

export const PendingPeriodsInput = z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) })

/** What a resident sees after scanning a visit's code: may they confirm the cadre was there? */
export const VisitConfirmation = z.object({
  cadreName: z.string(),
  pointName: z.string(),
  date: z.string(),
  state: z.enum(['open', 'confirmed', 'notNeeded', 'closed']),
  /** Why not, in plain words (null when open). */
  message: z.string().nullable()
})
export type VisitConfirmation = z.infer<typeof VisitConfirmation>

export const SceneInput = z.object({ scene: z.string().min(1).max(32) })
