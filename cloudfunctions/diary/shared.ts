import type { DiaryEntry, Report } from '@/types/diary'
import { diaryEditableUntil, ownsFile, type UploadKind } from '@/types/rules/diary'
import { cloud } from '../_lib/cloud'
import { type DiaryEntryDoc, type ReportDoc, type UserDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import type { Tx } from '../_lib/tx'
import { readStats, writeStats } from '../_lib/visit-stats'
import { iso } from '../_lib/iso'

export const entryDocId = (cadreId: string, entryId: string) => `${cadreId}_${entryId}`
export const reportDocId = (cadreId: string, reportId: string) => `${cadreId}_${reportId}`

export function toEntry(e: DiaryEntryDoc): DiaryEntry {
  return {
    id: e._id,
    cadreId: e.cadreId,
    cadreName: e.cadreName,
    text: e.text,
    photos: e.photos ?? [],
    date: e.date,
    createdAt: iso(e.createdAt),
    updatedAt: iso(e.updatedAt),
    editableUntil: diaryEditableUntil(e.createdAt).toISOString()
  }
}

export function toReport(r: ReportDoc): Report {
  return { id: r._id, cadreId: r.cadreId, cadreName: r.cadreName, title: r.title, year: r.year, name: r.name, size: r.size, createdAt: iso(r.createdAt) }
}

/**
 * Moves the cadre-year counter of diary entries or reports in the visit statistics document (the one
 * ranking pages read), inside the caller's transaction: with the document written once per id, the
 * count moves exactly once.
 */
export async function bumpStats(tx: Tx, cadre: UserDoc, year: number, field: 'diaryEntries' | 'reports', by: number, now: Date): Promise<void> {
  const { stats, existed } = await readStats(tx, { cadreId: cadre._id, orgId: cadre.orgId, orgPath: cadre.orgPath, year }, now)
  await writeStats(tx, { ...stats, [field]: Math.max(0, (stats[field] ?? 0) + by) }, existed, now)
}

interface TempUrl {
  fileID: string
  tempFileURL: string
  status: number
}

/** Temporary download links, in the order asked; a missing file has status ≠ 0. */
export async function tempUrls(fileIDs: string[], maxAge = 3600): Promise<TempUrl[]> {
  if (fileIDs.length === 0) return []
  const res = (await cloud.getTempFileURL({ fileList: fileIDs.map((fileID) => ({ fileID, maxAge })) })) as { fileList: TempUrl[] }
  return fileIDs.map((id) => res.fileList.find((f) => f.fileID === id) ?? { fileID: id, tempFileURL: '', status: -1 })
}

/** Files a cadre attaches must be theirs (their folder) and really uploaded. */
export async function requireOwnFiles(kind: UploadKind, cadreId: string, fileIDs: string[]): Promise<void> {
  const what = kind === 'report' ? '报告文件' : '照片'
  for (const id of fileIDs) {
    if (!ownsFile(kind, cadreId, id)) throw new AppError('FORBIDDEN', `只能使用自己上传的${what}`)
  }
  const urls = await tempUrls(fileIDs, 60)
  if (urls.some((u) => u.status !== 0 || !u.tempFileURL)) throw new AppError('BAD_REQUEST', `${what}没有上传成功，请重新上传`)
}

/** Deletes files no longer used; a failure is logged, never shown (the record is already saved). */
export async function deleteQuietly(fileIDs: string[]): Promise<void> {
  if (fileIDs.length === 0) return
  try {
    await cloud.deleteFile({ fileList: fileIDs })
  } catch (err) {
    console.warn('[diary] deleteFile failed', err)
  }
}
