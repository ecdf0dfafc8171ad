import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { handledLate } from '@/types/rules/ledger'
import { demandFinishedDelta } from '../../_lib/stat-rules'
import { transition } from '../shared'

/**
 * The receiving unit answers: the demand is handled now (counted as solved by report, late if the cadre reported
 * it after its deadline), and the cadre tells the person. Or it returns it: back to the cadre, whose deadline stands.
 */
export function answerReport(input: z.output<typeof demandsApi.answerReport.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'receiver', ['reported'], (d, c) => {
    const r = d.report!
    const answered = input.outcome === 'answered'
    const report = {
      ...r,
      state: answered ? ('answered' as const) : ('returned' as const),
      receivedAt: r.receivedAt ?? c.now,
      receivedByName: r.receivedByName ?? c.user.name,
      answeredAt: c.now,
      answeredBy: c.user._id,
      answeredByName: c.user.name,
      answer: input.answer
    }
    if (!answered) {
      return {
        doc: {
          ...d,
          status: 'open',
          path: null,
          department: null,
          report,
          timeline: [...d.timeline, { ...c.step, kind: 'returned', note: `${r.toOrgName}退回：${input.answer}` }]
        }
      }
    }
    const doc = {
      ...d,
      status: 'answered' as const,
      finishedAt: c.now,
      report,
      timeline: [...d.timeline, { ...c.step, kind: 'answered' as const, note: `${r.toOrgName}答复：${input.answer}` }]
    }
    return { doc, stats: demandFinishedDelta('report', handledLate(doc)) }
  })
}
