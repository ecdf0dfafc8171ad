import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { transition } from '../shared'
import { demandSupervisedDelta } from '../../_lib/stat-rules'

/** 督办: a manager of the cadre presses an open or coordinating demand. */
export function supervise(input: z.output<typeof demandsApi.supervise.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'manager', ['open', 'coordinating'], (d, c) => ({
    doc: { ...d, supervised: d.supervised + 1, timeline: [...d.timeline, { ...c.step, kind: 'supervised', note: input.note }] },
    stats: demandSupervisedDelta()
  }))
}
