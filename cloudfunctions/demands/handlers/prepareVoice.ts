import { randomUUID } from 'node:crypto'
import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import { voicePathFor } from '@/types/rules/voice-check'
import type { RequestContext } from '../../_lib/context'
import { countVoiceUpload, requireResident, residentKey } from '../voice'

/**
 * WeChat: the resident's phone uploads its recording itself (Taro.cloud.uploadFile) to the path named here, in
 * their own folder; `create` then attaches only a file from that folder, checked on its bytes.
 */
export async function prepareVoice(input: z.output<typeof demandsApi.prepareVoice.input>, ctx: RequestContext) {
  const openid = await requireResident(ctx)
  await countVoiceUpload(openid, input.scene, ctx.now)
  return { cloudPath: voicePathFor(residentKey(openid), randomUUID(), input.format) }
}
