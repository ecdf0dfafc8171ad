import type { z } from '@/types/zod'
import type { demandsApi } from '@/types/api/demands'
import type { RequestContext } from '../../_lib/context'
import { beijingDate } from '@/types/rules/beijing-time'
import { endOfBeijingDay } from '@/types/rules/working-days'
import { transition } from '../shared'
import { judgeDate, withRequest } from '../extensions'

/**
 * 协调解决: handed to a named department. A date agreed with the department is recorded; the deadline stays the
 * rules' — a date past it becomes an extension request for a manager (with the reason), and a date past what the
 * rules let anyone ask for is refused.
 */
export function coordinate(input: z.output<typeof demandsApi.coordinate.input>, ctx: RequestContext) {
  return transition(ctx, input.demandId, 'owner', ['open'], async (d, c) => {
    const ask = input.deadline ? await judgeDate(input.deadline, d, c) : null
    const agreed = input.deadline ? `，与承办部门约定 ${input.deadline} 前办结` : ''
    const doc = {
      ...d,
      status: 'coordinating' as const,
      path: 'coordinate' as const,
      department: input.department,
      departmentDueAt: input.deadline ? endOfBeijingDay(input.deadline) : null,
      timeline: [...d.timeline, { ...c.step, kind: 'assigned' as const, note: `转${input.department}协调办理${agreed}；办结期限 ${beijingDate(d.deadlineAt)}` }]
    }
    return { doc: ask?.kind === 'extension' ? withRequest(doc, c, input.deadline!, ask.untilAt, input.reason) : doc }
  })
}
