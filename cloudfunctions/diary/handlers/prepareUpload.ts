import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { PrepareUploadInput } from '@/types/diary'
import { allowedExtension, cloudPathFor, extensionHint } from '@/types/rules/diary'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireCadre } from '../../_lib/auth'

/**
 * WeChat: the phone uploads the file itself (Taro.cloud.uploadFile) to the path named here, inside the
 * cadre's own folder; addReport / add then accept only files from that folder.
 */
export async function prepareUpload(input: z.output<typeof PrepareUploadInput>, ctx: RequestContext) {
  const user = await requireCadre(ctx)
  if (!allowedExtension(input.kind, input.name)) throw new AppError('BAD_REQUEST', extensionHint(input.kind))
  return { cloudPath: cloudPathFor(input.kind, user._id, randomUUID(), input.name) }
}
