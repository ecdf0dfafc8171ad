import type { ActionName } from '@/types/api'
import type { DemandDetail, LedgerStep } from '@/types/demands'
import { invalidKindLabels, urgencies } from '@/types/labels'
import { dateText } from '../../format'
import type { ChipOption } from '@/src/components/Chips'

type Option = ChipOption<string>

/** A button on the demand page. Most are one ledger step; a manager's decision and a unit's answer come in two. */
export type DemandAction = Exclude<LedgerStep, 'decideExtension' | 'answerReport'> | 'approveExtension' | 'refuseExtension' | 'answerReport' | 'returnReport'

/** Other entries of the same ledger, for「重复反映」. */
export interface FormContext {
  candidates: Option[]
}

export interface FieldSpec {
  key: string
  label: string
  hint?: (d: DemandDetail) => string | undefined
  optional?: boolean
  /** text: several lines; line: one line (a date); choice: tap one. */
  kind?: 'text' | 'line' | 'choice'
  options?: (d: DemandDetail, c: FormContext) => Option[]
  /** Asked only when the form's other answers call for it. */
  when?: (values: Record<string, string>) => boolean
}

export interface ActionSpec {
  label: string
  fields: FieldSpec[]
  /** A plain button (the quiet ones: report upward, set aside, refuse, return). */
  plain?: boolean
}

const dateHint = (d: DemandDetail) =>
  d.deadlineBounds ? `办结期限 ${d.deadlineBounds.due}；晚于它要写延期理由，由上级审批；最晚 ${d.deadlineBounds.maxExtension}` : undefined

/** Each step a small form. */
export const actionSpecs: Record<DemandAction, ActionSpec> = {
  triage: {
    label: '确定紧急程度',
    fields: [
      {
        key: 'urgency',
        label: '紧急程度',
        kind: 'choice',
        options: () => Object.entries(urgencies).map(([value, label]) => ({ value, label })),
        hint: (d) => `${d.urgentHint ? '群众说很急，' : ''}紧急的当天办结，一般的和复杂的按制度规定的工作日办结`
      },
      { key: 'note', label: '说明', optional: true }
    ]
  },
  resolve: { label: '立即解决', fields: [{ key: 'done', label: '做了什么' }] },
  coordinate: {
    label: '协调解决',
    fields: [
      { key: 'department', label: '承办部门', kind: 'line' },
      { key: 'deadline', label: '与承办部门约定的日期（YYYY-MM-DD）', kind: 'line', optional: true, hint: dateHint },
      { key: 'reason', label: '延期理由', optional: true, hint: () => '约定的日期晚于办结期限时必填' }
    ]
  },
  progress: { label: '记录进展', fields: [{ key: 'note', label: '进展情况' }] },
  finish: { label: '协调办结', fields: [{ key: 'result', label: '办理结果' }] },
  requestExtension: {
    label: '申请延期',
    plain: true,
    fields: [
      { key: 'until', label: '延期到（YYYY-MM-DD）', kind: 'line', hint: dateHint },
      { key: 'reason', label: '延期理由', hint: () => '上级同意后办结期限才会改变' }
    ]
  },
  report: {
    label: '上报反映',
    plain: true,
    fields: [
      {
        key: 'toOrgId',
        label: '上报到',
        kind: 'choice',
        options: (d) => d.reportTargets.map((t) => ({ value: t.orgId, label: t.name })),
        hint: () => '上级签收并答复后，这件事才算办结'
      },
      { key: 'reason', label: '上报原因' },
      { key: 'explanation', label: '向群众的解释' }
    ]
  },
  invalidate: {
    label: '标为无效',
    plain: true,
    fields: [
      { key: 'kind', label: '原因', kind: 'choice', options: () => Object.entries(invalidKindLabels).map(([value, label]) => ({ value, label })) },
      { key: 'duplicateOf', label: '与哪一条重复', kind: 'choice', options: (_d, c) => c.candidates, when: (v) => v.kind === 'duplicate' },
      { key: 'reason', label: '理由', hint: () => '上级管理员能看到，不属实的会恢复办理' }
    ]
  },
  close: { label: '答复群众', fields: [{ key: 'reply', label: '告诉群众的话', hint: () => '答复后会生成二维码，请群众确认并评价' }] },
  supervise: { label: '督办', fields: [{ key: 'note', label: '督办意见', hint: () => '干部会在这条诉求的办理过程里看到' }] },
  approveExtension: {
    label: '同意延期',
    fields: [
      {
        key: 'reason',
        label: '审批意见',
        hint: (d) => (d.pendingExtension ? `申请延期到 ${d.pendingExtension.until}：${d.pendingExtension.reason}` : undefined)
      }
    ]
  },
  refuseExtension: { label: '不同意延期', plain: true, fields: [{ key: 'reason', label: '不同意的理由', hint: () => `办结期限不变` }] },
  receiveReport: { label: '签收', fields: [] },
  answerReport: { label: '答复上报', fields: [{ key: 'answer', label: '答复内容', hint: () => '答复后这件事算办结，干部会告诉群众' }] },
  returnReport: { label: '退回给干部', plain: true, fields: [{ key: 'answer', label: '退回的理由', hint: () => '退回后由干部继续办理，办结期限不变' }] },
  reinstate: { label: '恢复办理', fields: [{ key: 'reason', label: '理由', hint: (d) => `原办结期限 ${dateText(d.deadlineAt)}` }] },
  reopen: { label: '重办', fields: [{ key: 'reason', label: '重办的理由', hint: () => '群众不满意：重新办理，按制度规定的期限重新计时' }] }
}

/** The buttons for what the viewer may do next (the server says which steps). */
export function buttonsFor(steps: readonly LedgerStep[]): DemandAction[] {
  return steps.flatMap((s): DemandAction[] =>
    s === 'decideExtension' ? ['approveExtension', 'refuseExtension'] : s === 'answerReport' ? ['answerReport', 'returnReport'] : [s]
  )
}

/** The fields a form asks now. */
export const fieldsOf = (action: DemandAction, values: Record<string, string>) => actionSpecs[action].fields.filter((f) => !f.when || f.when(values))

/** The call for an action from its form, or the first missing field. */
export function actionPayload(
  action: DemandAction,
  demandId: string,
  values: Record<string, string>
): { ok: true; call: ActionName<'demands'>; input: Record<string, string> } | { ok: false; message: string } {
  const input: Record<string, string> = { demandId }
  for (const f of fieldsOf(action, values)) {
    const v = (values[f.key] ?? '').trim()
    if (!v && !f.optional) return { ok: false, message: f.kind === 'choice' ? `请选择${f.label}` : `请填写${f.label}` }
    if (v) input[f.key] = v
  }
  if (action === 'approveExtension' || action === 'refuseExtension')
    return { ok: true, call: 'decideExtension', input: { ...input, decision: action === 'approveExtension' ? 'approve' : 'refuse' } }
  if (action === 'answerReport' || action === 'returnReport')
    return { ok: true, call: 'answerReport', input: { ...input, outcome: action === 'answerReport' ? 'answered' : 'returned' } }
  return { ok: true, call: action, input }
}
