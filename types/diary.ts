/**
 * 民情日记 and 调研报告: shapes the pages and the `diary` cloud function share.
 * Instants travel as ISO strings; Beijing dates as 'YYYY-MM-DD'.
 */
import { z } from './zod'
import { DIARY_PHOTOS_MAX, DIARY_TEXT_MAX, INLINE_UPLOAD_MAX_BYTES } from './rules/diary'

const clientId = (what: string) =>
  z.string({ error: `缺少${what}编号` }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: `${what}编号应为 8 到 64 位字母、数字、- 或 _` })
const fileID = z.string({ error: '文件编号应为文字' }).min(1, { error: '缺少文件编号' }).max(1000, { error: '文件编号太长' })
const year = z.number({ error: '年份应为数字' }).int({ error: '年份应为整数' }).min(2020, { error: '年份不对' }).max(2100, { error: '年份不对' })
const fileName = z.string({ error: '请填写文件名' }).trim().min(1, { error: '请填写文件名' }).max(200, { error: '文件名最多 200 个字' })

export const DiaryText = z
  .string({ error: '请写日记内容' })
  .trim()
  .min(1, { error: '请写日记内容' })
  .max(DIARY_TEXT_MAX, { error: `日记最多 ${DIARY_TEXT_MAX} 个字` })
export const DiaryPhotos = z.array(fileID).max(DIARY_PHOTOS_MAX, { error: `照片最多 ${DIARY_PHOTOS_MAX} 张` })

export const DiaryAddInput = z.object({
  /** Made on the phone before the first attempt: a retry lands once. */
  entryId: clientId('日记'),
  text: DiaryText,
  /** Off unless the cadre adds them: cloud fileIDs under diary/<cadreId>/. */
  photos: DiaryPhotos.default([])
})
export const DiaryUpdateInput = z.object({ entryId: z.string().min(1).max(200), text: DiaryText, photos: DiaryPhotos.optional() })

export const DiaryEntry = z.object({
  id: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  text: z.string(),
  photos: z.array(z.string()),
  /** Beijing date the entry was written. */
  date: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  editableUntil: z.string()
})
export type DiaryEntry = z.infer<typeof DiaryEntry>

/** One entry with temporary download links for its photos (get only). */
export const DiaryDetail = DiaryEntry.extend({ photoUrls: z.array(z.string()) })
export type DiaryDetail = z.infer<typeof DiaryDetail>

export const DiaryPage = z.object({ items: z.array(DiaryEntry), nextCursor: z.string().nullable() })

export const UploadKindSchema = z.enum(['report', 'photo'], { error: '上传类型应为 report 或 photo' })

/** WeChat: where the client uploads (Taro.cloud.uploadFile) — named by the server, inside the cadre's folder. */
export const PrepareUploadInput = z.object({ kind: UploadKindSchema, name: fileName })
export const PrepareUploadResult = z.object({ cloudPath: z.string() })

/** H5 (the emulator, which has no client-side upload): the bytes as base64, uploaded by the function. */
export const InlineUploadInput = z.object({
  kind: UploadKindSchema,
  name: fileName,
  contentBase64: z
    .string({ error: '文件内容应为 base64 文字' })
    .min(1, { error: '文件是空的' })
    .max(Math.ceil(INLINE_UPLOAD_MAX_BYTES / 3) * 4 + 8, { error: '文件太大了（最多 5 MB）' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不是 base64' })
})
export const UploadedFile = z.object({ fileID: z.string(), name: z.string(), size: z.number().int() })
export type UploadedFile = z.infer<typeof UploadedFile>

export const ReportAddInput = z.object({
  reportId: clientId('报告'),
  title: z.string({ error: '请填写报告标题' }).trim().min(1, { error: '请填写报告标题' }).max(100, { error: '报告标题最多 100 个字' }),
  /** The year the report is filed under (default: this year in Beijing). */
  year: year.optional(),
  fileID,
  name: fileName,
  size: z
    .number({ error: '文件大小应为数字' })
    .int({ error: '文件大小不对' })
    .min(1, { error: '文件是空的' })
    .max(100 * 1024 * 1024, { error: '文件太大了' })
})

export const Report = z.object({
  id: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  title: z.string(),
  year: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  createdAt: z.string()
})
export type Report = z.infer<typeof Report>

export const ReportList = z.object({ year: z.number().int(), items: z.array(Report) })
export const ReportUrl = z.object({ url: z.string(), name: z.string(), expiresAt: z.string() })
