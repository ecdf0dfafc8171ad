import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { transition } from '../shared'

/** A progress note while a department works on it. */
export function progress(input: z.output<typeof demandsApi.progress.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['coordinating'], (d, c) => ({
    doc: { ...d, timeline: [...d.timeline, { ...c.step, kind: 'progress', note: input.note }] }
  }))
}
