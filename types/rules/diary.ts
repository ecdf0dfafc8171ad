/**
 * 民情日记 and 调研报告: the pure rules both ends share (limits, file names, cloud paths, fileIDs).
 * No imports from the platform: the pages pre-check with these, the cloud function decides with them.
 */

export const DIARY_TEXT_MAX = 2000
export const DIARY_PHOTOS_MAX = 9
export const DIARY_EDIT_DAYS = 7
export const DIARY_EDIT_MS = DIARY_EDIT_DAYS * 24 * 60 * 60 * 1000

/** A report sent through the function as base64 (H5 against the emulator): at most 5 MB of bytes. */
export const INLINE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
/** A report uploaded by the WeChat client straight to storage (wx.chooseMessageFile): at most 20 MB. */
export const CLIENT_UPLOAD_MAX_BYTES = 20 * 1024 * 1024
/** A diary photo, either way. */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024

export const REPORT_EXTENSIONS = ['pdf', 'doc', 'docx', 'wps', 'txt', 'xls', 'xlsx', 'ppt', 'pptx'] as const
export const PHOTO_EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'heic'] as const

export type UploadKind = 'report' | 'photo'

/** 'pdf' from '调研报告.PDF'; '' when there is none. */
export function extensionOf(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim())
  return m ? m[1].toLowerCase() : ''
}

export function allowedExtension(kind: UploadKind, name: string): boolean {
  const ext = extensionOf(name)
  return (kind === 'report' ? (REPORT_EXTENSIONS as readonly string[]) : (PHOTO_EXTENSIONS as readonly string[])).includes(ext)
}

/** What a person reads when the file type is not accepted. */
export function extensionHint(kind: UploadKind): string {
  return kind === 'report' ? `请上传 ${REPORT_EXTENSIONS.join('、')} 格式的文件` : '请上传 jpg、png、webp 或 heic 格式的照片'
}

/**
 * A file name safe as the last segment of a cloud path: no slashes, control or URL-special characters,
 * at most 80 characters (the extension kept); Chinese stays as it is.
 */
export function safeFileName(name: string): string {
  const ext = extensionOf(name)
  // eslint-disable-next-line no-control-regex
  let base = name.trim().replace(/[\\/\u0000-\u001f\u007f?#%*:|"<>]+/g, '_')
  if (ext) base = base.slice(0, base.length - ext.length - 1)
  base = base.replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 72) || 'file'
  return ext ? `${base}.${ext}` : base
}

/** Where a cadre's files live: reports/<cadreId>/<uploadId>/<name>, diary/<cadreId>/<uploadId>.<ext>. */
export function folderOf(kind: UploadKind, cadreId: string): string {
  return `${kind === 'report' ? 'reports' : 'diary'}/${cadreId}/`
}

export function cloudPathFor(kind: UploadKind, cadreId: string, uploadId: string, name: string): string {
  const safe = safeFileName(name)
  return kind === 'report' ? `${folderOf(kind, cadreId)}${uploadId}/${safe}` : `${folderOf(kind, cadreId)}${uploadId}.${extensionOf(safe) || 'jpg'}`
}

/** The cloud path inside a fileID (cloud://<env>.<bucket>/<path>), or null when it is not one. */
export function cloudPathOf(fileID: string): string | null {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileID)
  if (!m) return null
  const p = m[1]
  if (p.split('/').some((s) => s === '' || s === '.' || s === '..')) return null
  return p
}

/** A file the cadre may attach: one of theirs, in the right folder (so nobody registers another's file). */
export function ownsFile(kind: UploadKind, cadreId: string, fileID: string): boolean {
  const p = cloudPathOf(fileID)
  return p !== null && p.startsWith(folderOf(kind, cadreId))
}

/** Bytes behind a base64 string (padding counted), without decoding it. */
export function base64Bytes(b64: string): number {
  const s = b64.replace(/\s+/g, '')
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0
  return Math.floor((s.length * 3) / 4) - pad
}

/** "1.2 MB", "830 KB", "12 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`
  if (n >= 1024) return `${Math.round(n / 1024)} KB`
  return `${n} B`
}

/** An entry can be edited by its cadre until 7 days after it was written. */
export function diaryEditableUntil(createdAt: Date | string): Date {
  return new Date(new Date(createdAt).getTime() + DIARY_EDIT_MS)
}
