import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { handledLate } from '@/types/rules/ledger'
import { transition } from '../shared'
import { demandFinishedDelta } from '../../_lib/stat-rules'

/** 协调办结: the department's result recorded by the cadre; late against the deadline the rules and approvals set. */
export function finish(input: z.output<typeof demandsApi.finish.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['coordinating'], (d, c) => {
    const doc = { ...d, status: 'solved' as const, finishedAt: c.now, timeline: [...d.timeline, { ...c.step, kind: 'finished' as const, note: input.result }] }
    return { doc, stats: demandFinishedDelta('coordinate', handledLate(doc)) }
  })
}
