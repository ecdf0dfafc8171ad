import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import { VOICE_URL_SECONDS } from '@/types/rules/voice-note'
import { cloud } from '../../_lib/cloud'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireSelfOrManager, requireStaff } from '../../_lib/auth'
import type { DemandDoc } from '../../_lib/service'
import { byId } from '../../_lib/by-id'

/** A short-lived link to a demand's voice message, for whoever may see the demand (its cadre, their managers). */
export async function voiceUrl(input: z.output<typeof demandsApi.voiceUrl.input>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  const d = await byId<DemandDoc>('demands', input.demandId)
  if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
  requireSelfOrManager(user, d, '您只能查看自己或您管理范围内干部的诉求')
  if (!d.voice) throw new AppError('NOT_FOUND', '这条诉求没有语音留言')
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID: d.voice.fileID, maxAge: VOICE_URL_SECONDS }] })) as {
    fileList: { tempFileURL?: string; status?: number }[]
  }
  const url = res.fileList[0]?.tempFileURL
  if (!url) throw new AppError('NOT_FOUND', '语音文件找不到了')
  return { url, durationMs: d.voice.durationMs, format: d.voice.format, expiresAt: new Date(ctx.now.getTime() + VOICE_URL_SECONDS * 1000).toISOString() }
}
