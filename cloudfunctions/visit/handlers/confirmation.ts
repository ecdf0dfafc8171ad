import type { z } from '@/types/zod'
import type { visitApi } from '@/types/api/visit'
import type { VisitConfirmation } from '@/types/cadre-periods'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { confirmTarget } from '../confirm'

/** Whoever scanned a visit's code: may they confirm the cadre was there, and if not, why. No personal data. */
export async function confirmation(input: z.output<typeof visitApi.confirmation.input>, ctx: RequestContext): Promise<VisitConfirmation> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  return (await confirmTarget(input.scene, ctx.caller.openid, ctx.now)).answer
}
