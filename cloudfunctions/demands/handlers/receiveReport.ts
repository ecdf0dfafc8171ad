import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { transition } from '../shared'

/** 签收: a manager of the receiving unit (or above it) takes the report in; once. */
export function receiveReport(input: z.output<typeof demandsApi.receiveReport.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'receiver', ['reported'], (d, c) => {
    if (d.report!.state !== 'sent') throw new AppError('CONFLICT', '这条上报已经签收过了')
    return {
      doc: {
        ...d,
        report: { ...d.report!, state: 'received', receivedAt: c.now, receivedByName: c.user.name },
        timeline: [...d.timeline, { ...c.step, kind: 'received', note: `${d.report!.toOrgName}签收` }]
      }
    }
  })
}
