import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { isManagerOf } from '../../_lib/auth'
import type { DemandDoc } from '../../_lib/service'
import { demandInvalidatedDelta } from '../../_lib/stat-rules'
import { invalidKindLabels } from '@/types/demands'
import { transition } from '../shared'
import { byId } from '../../_lib/by-id'

/**
 * Staff (the cadre who has it, or a manager of that cadre) set an entry aside: spam, or a duplicate of another
 * entry they can see. It leaves the counted figures of the period it was raised in, is never overdue, and stays in
 * the managers' list of entries set aside with the reason, where a manager can put it back.
 */
export async function invalidate(input: z.output<typeof demandsApi.invalidate.input>, ctx: RequestContext) {
  if (input.kind === 'duplicate' && !input.duplicateOf) throw new AppError('BAD_REQUEST', '重复反映请选出与哪一条诉求重复')
  const duplicateOf = input.kind === 'duplicate' ? input.duplicateOf! : null
  if (duplicateOf === input.demandId) throw new AppError('BAD_REQUEST', '不能和自己重复')
  return transition(ctx, input.demandId, 'ownerOrManager', ['open', 'coordinating'], async (d, c) => {
    // Read only once the caller's right to this entry is known; one they may not see is as good as missing.
    const original = duplicateOf ? await byId<DemandDoc>('demands', duplicateOf) : null
    if (duplicateOf && (!original || original.status === 'invalid' || (original.cadreId !== c.user._id && !isManagerOf(c.user, original.orgPath)))) {
      throw new AppError('BAD_REQUEST', '没有找到它重复的那条诉求（或那条也已标为无效）')
    }
    const fromStatus = d.status as 'open' | 'coordinating'
    return {
      doc: {
        ...d,
        status: 'invalid',
        invalid: { kind: input.kind, duplicateOf, reason: input.reason, at: c.now, by: c.user._id, byName: c.user.name, fromStatus },
        timeline: [
          ...d.timeline,
          { ...c.step, kind: 'invalidated', note: `${invalidKindLabels[input.kind]}${duplicateOf ? `（与 ${duplicateOf} 重复）` : ''}：${input.reason}` }
        ]
      },
      statEvents: [{ at: new Date(d.createdAt), delta: demandInvalidatedDelta(d.area) }]
    }
  })
}
