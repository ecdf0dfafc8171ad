/**
 * 导出报表: rankings, the demands ledger and ratings as .xlsx files made by the `exports`
 * cloud function, kept in cloud storage, opened with Taro.openDocument (weapp) or downloaded (h5).
 * An export is a job: started once (the phone's job id), paged through the manager's subtree in index order,
 * progress in the job document, resumable with `continue` when one call runs out of time.
 */
import { z } from './zod'
import { exportKinds, exportStatusLabels, ids } from './labels'

export { exportKinds }
export const ExportKind = z.enum(ids(exportKinds), { error: '请选择要导出的报表' })
export type ExportKind = z.infer<typeof ExportKind>

/** A Beijing year 'YYYY', quarter 'YYYY-Qn' or month 'YYYY-MM'. */
export const ExportPeriod = z
  .string({ error: '请选择时间段' })
  .regex(/^20\d{2}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, { error: '时间段应为年（2026）、季度（2026-Q1）或月份（2026-03）' })
export type ExportPeriod = z.infer<typeof ExportPeriod>

export const ExportJobStatus = z.enum(ids(exportStatusLabels))
export type ExportJobStatus = z.infer<typeof ExportJobStatus>
export { exportStatusLabels }

const jobId = z.string({ error: '缺少导出编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '导出编号应为 8 到 64 位字母、数字、- 或 _' })

export const ExportStartInput = z.object({
  /** Made on the phone before the first attempt: a double tap starts one export. */
  jobId,
  kind: ExportKind,
  /** An organisation in the caller's subtree; their own when absent. */
  orgId: z.string({ error: '单位编号应为文字' }).min(1).max(100).optional(),
  period: ExportPeriod,
  /** pack: one cadre's (the caller's own, or a cadre of their subtree) instead of a unit's. */
  cadreId: z.string({ error: '干部编号应为文字' }).min(1).max(100).optional(),
  /** survey: the survey whose answers to export (its author or a manager above them); period is then ignored. */
  surveyId: z.string({ error: '问卷编号应为文字' }).min(1).max(100).optional(),
  /**
   * How long this call may page before handing back (ms; at least one page is always done). Default and
   * maximum 40 s, so the call ends well inside the function's 60 s; the client then calls `continue`.
   */
  stepMs: z.number().int().min(0).max(40_000).optional()
})
export const ExportContinueInput = z.object({ jobId, stepMs: z.number().int().min(0).max(40_000).optional() })
export const ExportStatusInput = z.object({ jobId })
export const ExportListInput = z.object({ limit: z.number().int().min(1).max(20).default(10) })

export const ExportJob = z.object({
  jobId: z.string(),
  kind: ExportKind,
  orgId: z.string(),
  orgName: z.string(),
  period: z.string(),
  status: ExportJobStatus,
  rowsDone: z.number().int(),
  /** Counted when the job starts (the rows in scope then); rows added meanwhile may make rowsDone larger. */
  estimatedTotal: z.number().int(),
  /** The call ran out of its time: call `continue` with the job id. */
  needsContinue: z.boolean(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  /** A temporary download link (1 hour) once done. */
  url: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable()
})
export type ExportJob = z.infer<typeof ExportJob>
export const ExportJobList = z.object({ items: z.array(ExportJob) })
