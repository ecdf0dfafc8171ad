import type { DemandStatus } from '../../../../types/service'

export type DemandAction = 'resolve' | 'coordinate' | 'progress' | 'finish' | 'report' | 'close' | 'supervise'

export interface ActionSpec {
  label: string
  fields: { key: string; label: string; hint?: string; optional?: boolean }[]
}

/** The three paths and the steps after them; each a small form. */
export const actionSpecs: Record<DemandAction, ActionSpec> = {
  resolve: { label: '立即解决', fields: [{ key: 'done', label: '做了什么' }] },
  coordinate: {
    label: '协调解决',
    fields: [
      { key: 'department', label: '承办部门' },
      { key: 'deadline', label: '办结期限（YYYY-MM-DD）', hint: '不填按紧急程度的规定期限', optional: true }
    ]
  },
  progress: { label: '记录进展', fields: [{ key: 'note', label: '进展情况' }] },
  finish: { label: '协调办结', fields: [{ key: 'result', label: '办理结果' }] },
  report: {
    label: '上报反映',
    fields: [
      { key: 'reportedTo', label: '上报单位' },
      { key: 'reason', label: '上报原因' },
      { key: 'explanation', label: '向群众的解释' }
    ]
  },
  close: { label: '答复群众', fields: [{ key: 'reply', label: '告诉群众的话', hint: '答复后会生成二维码，请群众确认并评价' }] },
  /** The manager's step: presses the cadre on a demand not yet handled. */
  supervise: { label: '督办', fields: [{ key: 'note', label: '督办意见', hint: '干部会在这条诉求的办理过程里看到' }] }
}

/** The cadre's next steps by state. */
export const actionsFor: Record<DemandStatus, DemandAction[]> = {
  open: ['resolve', 'coordinate', 'report'],
  coordinating: ['progress', 'finish', 'report'],
  solved: ['close'],
  reported: ['close'],
  closed: []
}

/** A manager of the cadre: 督办 while the demand is still being handled. */
export const managerActionsFor: Record<DemandStatus, DemandAction[]> = {
  open: ['supervise'],
  coordinating: ['supervise'],
  solved: [],
  reported: [],
  closed: []
}

/** The payload of an action from its form, or the first missing field. */
export function actionPayload(action: DemandAction, demandId: string, values: Record<string, string>): { ok: true; input: Record<string, string> } | { ok: false; message: string } {
  const input: Record<string, string> = { demandId }
  for (const f of actionSpecs[action].fields) {
    const v = (values[f.key] ?? '').trim()
    if (!v && !f.optional) return { ok: false, message: `请填写${f.label}` }
    if (v) input[f.key] = v
  }
  return { ok: true, input }
}
