import { beijingDate } from '@/types/rules/beijing-time'
import { classifyDeadline, type DeadlineAsk } from '@/types/rules/ledger'
import { AppError } from '../_lib/errors'
import type { DemandDoc, ExtensionDoc } from '../_lib/service'
import type { StepContext } from './shared'

/** A date the cadre gives, against the demand's deadline and the rules' limit for an extension. */
export async function judgeDate(date: string, d: DemandDoc, c: StepContext): Promise<Exclude<DeadlineAsk, { kind: 'past' } | { kind: 'tooLate' }>> {
  const ask = classifyDeadline(date, d.deadlineAt, c.now, await c.rules(), await c.calendar())
  if (ask.kind === 'past') throw new AppError('BAD_REQUEST', '日期不能早于今天')
  if (ask.kind === 'tooLate') {
    throw new AppError('BAD_REQUEST', `最晚只能申请延期到 ${ask.max}（现在的期限 ${beijingDate(d.deadlineAt)} 再加制度规定的复杂诉求办理时限）`)
  }
  return ask
}

/** The demand with a new extension request (one at a time) and its timeline step. */
export function withRequest(d: DemandDoc, c: StepContext, until: string, untilAt: Date, reason: string | undefined): DemandDoc {
  if (!reason) throw new AppError('BAD_REQUEST', `${until} 晚于规定的期限 ${beijingDate(d.deadlineAt)}，需要上级同意延期：请写明延期理由`)
  if ((d.extensions ?? []).some((e) => e.status === 'pending')) throw new AppError('CONFLICT', '已经有一个延期申请在等上级审批')
  const request: ExtensionDoc = {
    until,
    untilAt,
    reason,
    status: 'pending',
    requestedAt: c.now,
    by: c.user._id,
    byName: c.user.name,
    decidedAt: null,
    decidedBy: null,
    decidedByName: null,
    decisionReason: null
  }
  return {
    ...d,
    extensions: [...(d.extensions ?? []), request],
    timeline: [...d.timeline, { ...c.step, kind: 'extensionRequested', note: `申请延期到 ${until}：${reason}` }]
  }
}
