import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { orgById } from '../../_lib/orgs'
import { answerDeadline } from '@/types/rules/ledger'
import type { ReportDoc } from '../../_lib/service'
import { transition } from '../shared'

/**
 * 上报反映: it cannot be solved at this level; reported to the cadre's own unit or one above, with the reason and
 * what the person was told. It waits in that unit's queue (签收, answer) and counts as handled only once answered;
 * the cadre's lateness is measured now, when their part ends.
 */
export function report(input: z.output<typeof demandsApi.report.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['open', 'coordinating'], async (d, c) => {
    if (!d.orgPath.includes(input.toOrgId)) throw new AppError('BAD_REQUEST', '只能上报到本单位或上级单位')
    const org = await orgById(input.toOrgId)
    if (!org) throw new AppError('NOT_FOUND', '没有找到这个上报单位')
    const sent: ReportDoc = {
      toOrgId: org._id,
      toOrgName: org.name,
      toOrgPath: org.path,
      reason: input.reason,
      explanation: input.explanation,
      at: c.now,
      by: c.user._id,
      byName: c.user.name,
      state: 'sent',
      answerDueAt: answerDeadline(c.now, await c.rules(), await c.calendar()),
      receivedAt: null,
      receivedByName: null,
      answeredAt: null,
      answeredBy: null,
      answeredByName: null,
      answer: null
    }
    return {
      doc: {
        ...d,
        status: 'reported',
        path: 'report',
        department: org.name,
        report: sent,
        timeline: [...d.timeline, { ...c.step, kind: 'reported', note: `上报${org.name}：${input.reason}；向群众解释：${input.explanation}` }]
      }
    }
  })
}
