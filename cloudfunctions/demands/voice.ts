import { beijingDate } from '@/types/rules/beijing-time'
import { VOICE_UPLOADS_PER_DAY } from '@/types/rules/voice-note'
import { checkVoice, ownsVoice } from '@/types/rules/voice-check'
import { cloud } from '../_lib/cloud'
import type { RequestContext } from '../_lib/context'
import { AppError } from '../_lib/errors'
import { inTransaction } from '../_lib/tx'
import { findUserByOpenid } from '../_lib/users'
import { bumpCounter, hashOpenid, type SceneDoc, type VoiceDoc } from '../_lib/service'
import { byId } from '../_lib/by-id'

/** The folder key of a resident's voice files: their openid hashed, never the openid itself. */
export const residentKey = (openid: string) => hashOpenid(openid)

/** The caller of a voice upload: a resident (staff record problems in their ledger, in words). */
export async function requireResident(ctx: RequestContext): Promise<string> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  if (await findUserByOpenid(ctx.caller.openid)) throw new AppError('FORBIDDEN', '干部和管理员请在台账里直接登记群众反映的问题')
  return ctx.caller.openid
}

/**
 * A resident's voice upload through a scanned code: the code real, and within the day's uploads (counted in a
 * transaction, so parallel calls count once each).
 */
export async function countVoiceUpload(openid: string, scene: string, now: Date): Promise<void> {
  const found = await byId<SceneDoc>('scenes', scene)
  if (!found) throw new AppError('NOT_FOUND', '这个二维码已失效，请联系干部重新出示')
  const n = await inTransaction((tx) => bumpCounter(tx, `voice:${residentKey(openid)}:${beijingDate(now)}`, now))
  if (n > VOICE_UPLOADS_PER_DAY) throw new AppError('RATE_LIMITED', `今天已经发了 ${VOICE_UPLOADS_PER_DAY} 段语音，请明天再来，急事请直接联系干部`)
}

/**
 * The voice message a resident attaches, read back from storage and checked on its bytes: theirs (their folder),
 * really there, an audio format we play, within the size and length limits (an mp3's length measured, not taken
 * from the phone).
 */
export async function readVoice(openid: string, fileID: string, claimedMs: number): Promise<VoiceDoc> {
  if (!ownsVoice(residentKey(openid), fileID)) throw new AppError('FORBIDDEN', '只能附上自己刚录的语音')
  let bytes: Buffer
  try {
    bytes = ((await cloud.downloadFile({ fileID })) as { fileContent: Buffer }).fileContent
  } catch {
    throw new AppError('BAD_REQUEST', '语音没有上传成功，请重新录一段')
  }
  const checked = checkVoice(new Uint8Array(bytes), claimedMs)
  if (!checked.ok) throw new AppError('BAD_REQUEST', checked.message)
  return { fileID, format: checked.format, durationMs: checked.durationMs, bytes: bytes.length }
}
