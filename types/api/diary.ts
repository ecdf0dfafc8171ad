import { z } from '../zod'
import { Cursor } from '../visits'
import {
  DiaryAddInput,
  DiaryDetail,
  DiaryEntry,
  DiaryPage,
  DiaryUpdateInput,
  InlineUploadInput,
  PrepareUploadInput,
  PrepareUploadResult,
  Report,
  ReportAddInput,
  ReportList,
  ReportUrl,
  UploadedFile
} from '../diary'

const cadreId = z.string().min(1).max(100).optional()
const id = z.string().min(1).max(200)

/**
 * The `diary` cloud function: 民情日记 and 调研报告. Private to the cadre and their managers; only the
 * cadre writes. Its own function because it handles files (bigger payloads, a longer timeout).
 */
export const diaryApi = {
  add: { input: DiaryAddInput, output: DiaryEntry },
  /** The cadre's own entry, within 7 days of writing it. */
  update: { input: DiaryUpdateInput, output: DiaryEntry },
  get: { input: z.object({ entryId: id }), output: DiaryDetail },
  /** Newest first; a cadre's own (no cadreId) or, for a manager, a cadre of their subtree. */
  list: { input: z.object({ cadreId, cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }), output: DiaryPage },
  prepareUpload: { input: PrepareUploadInput, output: PrepareUploadResult },
  upload: { input: InlineUploadInput, output: UploadedFile },
  addReport: { input: ReportAddInput, output: Report },
  listReports: { input: z.object({ cadreId, year: z.number().int().min(2020).max(2100).optional() }), output: ReportList },
  /** A temporary download link (1 hour). */
  reportUrl: { input: z.object({ reportId: id }), output: ReportUrl },
  /** The cadre's own report: the file is deleted too. */
  removeReport: { input: z.object({ reportId: id }), output: z.object({ removed: z.boolean() }) }
} as const
