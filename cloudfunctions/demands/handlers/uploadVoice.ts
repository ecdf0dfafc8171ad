import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import { base64Bytes } from '@/types/rules/diary'
import { VOICE_MAX_BYTES } from '@/types/rules/voice-note'
import { sniffVoiceFormat, voicePathFor } from '@/types/rules/voice-check'
import { cloud } from '../../_lib/cloud'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { countVoiceUpload, requireResident, residentKey } from '../voice'

/**
 * A browser (the emulator has no client-side upload): the recording arrives as base64 and is put in the resident's
 * folder. Only audio within the size limit is kept; its length is checked when `create` attaches it.
 */
export async function uploadVoice(input: z.output<typeof demandsApi.uploadVoice.input>, ctx: RequestContext) {
  const openid = await requireResident(ctx)
  if (base64Bytes(input.contentBase64) > VOICE_MAX_BYTES)
    throw new AppError('BAD_REQUEST', `语音太大了（最多 ${Math.round(VOICE_MAX_BYTES / 1024)} KB），请录短一些`)
  const bytes = Buffer.from(input.contentBase64, 'base64')
  const format = sniffVoiceFormat(new Uint8Array(bytes))
  if (!format) throw new AppError('BAD_REQUEST', '这不是一段能播放的语音，请重新录')
  if (format !== input.format) throw new AppError('BAD_REQUEST', '语音格式和内容对不上，请重新录')
  await countVoiceUpload(openid, input.scene, ctx.now)
  const cloudPath = voicePathFor(residentKey(openid), randomUUID(), format)
  const res = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as { fileID: string }
  return { fileID: res.fileID, bytes: bytes.length }
}
