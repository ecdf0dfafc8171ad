import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { InlineUploadInput, UploadedFile } from '@/types/diary'
import {
  INLINE_UPLOAD_MAX_BYTES,
  PHOTO_MAX_BYTES,
  allowedExtension,
  base64Bytes,
  cloudPathFor,
  extensionHint,
  formatBytes,
  safeFileName
} from '@/types/rules/diary'
import { cloud } from '../../_lib/cloud'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'

/**
 * H5 (the emulator has no client-side upload): the browser sends the bytes as base64 and the function
 * puts them in the cadre's folder with cloud.uploadFile. At most 5 MB. Nothing is recorded yet: the
 * page then calls addReport (or add / update for a diary photo) with the fileID.
 */
export async function upload(input: z.output<typeof InlineUploadInput>, ctx: RequestContext): Promise<UploadedFile> {
  const user = await requireCadre(ctx)
  if (!allowedExtension(input.kind, input.name)) throw new AppError('BAD_REQUEST', extensionHint(input.kind))
  const limit = input.kind === 'photo' ? PHOTO_MAX_BYTES : INLINE_UPLOAD_MAX_BYTES
  if (base64Bytes(input.contentBase64) > limit) throw new AppError('BAD_REQUEST', `文件太大了（最多 ${formatBytes(limit)}）`)
  const bytes = Buffer.from(input.contentBase64, 'base64')
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', '文件是空的')
  const cloudPath = cloudPathFor(input.kind, user._id, randomUUID(), input.name)
  const res = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  return { fileID: res.fileID, name: safeFileName(input.name), size: bytes.length }
}
