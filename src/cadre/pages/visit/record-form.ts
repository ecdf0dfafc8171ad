import type { FourInto, WorkMethod, DemandArea } from '@/types/enums'
import type { VisitDetail } from '@/types/visits'
import type { ActionInput } from '@/types/api'

export type Handling = 'immediate' | 'coordinate' | 'report'

export interface ProblemDraft {
  area: DemandArea
  text: string
  handling: Handling
}

/** The record form as the cadre edits it (numbers as typed text). */
export interface RecordForm {
  category: FourInto
  method: WorkMethod | null
  policy: string
  needs: string
  advice: string
  peopleCount: string
  peopleText: string
  householdIds: string[]
  problems: ProblemDraft[]
}

export type RecordInput = ActionInput<'visit', 'saveRecord'>

/** The form for a visit: its saved record, or a blank one with the point's 四进 category. */
export function formFromDetail(v: VisitDetail): RecordForm {
  const r = v.record
  if (!r) {
    return { category: v.pointKind, method: null, policy: '', needs: '', advice: '', peopleCount: '', peopleText: '', householdIds: [], problems: [] }
  }
  return formFromInput({ ...r, visitId: v.id })
}

/** Still editable (7 days after the check-in, by the server's date). */
export function isEditable(v: Pick<VisitDetail, 'recordEditableUntil'>, now: Date = new Date()): boolean {
  return now.getTime() < new Date(v.recordEditableUntil).getTime()
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined)

/** What is wrong with the form, field by field (shown at each field, all at once). */
export interface RecordErrors {
  method?: string
  peopleCount?: string
  /** By problem index. */
  problems?: Record<number, string>
}

export const errorCount = (e: RecordErrors) => (e.method ? 1 : 0) + (e.peopleCount ? 1 : 0) + Object.keys(e.problems ?? {}).length

/** What to send, or every field to fix (with a one-line summary for the bottom of the form). */
export function toRecordInput(visitId: string, f: RecordForm): { ok: true; input: RecordInput } | { ok: false; errors: RecordErrors; message: string } {
  const errors: RecordErrors = {}
  if (!f.method) errors.method = '请选择工作方式'
  const countText = f.peopleCount.trim()
  const count = countText === '' ? 0 : Number(countText)
  if (!Number.isInteger(count) || count < 0) errors.peopleCount = '见到的人数请填整数'
  f.problems.forEach((p, i) => {
    if (!p.text.trim()) errors.problems = { ...errors.problems, [i]: `第 ${i + 1} 个问题还没有写内容` }
  })
  const n = errorCount(errors)
  if (n > 0 || !f.method)
    return {
      ok: false,
      errors,
      message: n === 1 ? (errors.method ?? errors.peopleCount ?? Object.values(errors.problems ?? {})[0]) : `还有 ${n} 处要填写，已在上面用红字标出`
    }
  const input: RecordInput = {
    visitId,
    category: f.category,
    method: f.method,
    peopleMet: { count, ...(opt(f.peopleText) ? { text: opt(f.peopleText) } : {}) },
    householdIds: f.householdIds,
    problems: f.problems.map((p) => ({ area: p.area, text: p.text.trim(), handling: p.handling }))
  }
  if (opt(f.policy)) input.policy = opt(f.policy)
  if (opt(f.needs)) input.needs = opt(f.needs)
  if (opt(f.advice)) input.advice = opt(f.advice)
  return { ok: true, input }
}

/** A record waiting on the phone, back into the form (to go on editing it offline). */
export function formFromInput(r: RecordInput): RecordForm {
  return {
    category: r.category,
    method: r.method,
    policy: r.policy ?? '',
    needs: r.needs ?? '',
    advice: r.advice ?? '',
    peopleCount: String(r.peopleMet.count),
    peopleText: r.peopleMet.text ?? '',
    householdIds: [...(r.householdIds ?? [])],
    problems: (r.problems ?? []).map((p) => ({ area: p.area, text: p.text, handling: p.handling }))
  }
}
