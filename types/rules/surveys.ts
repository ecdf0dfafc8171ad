/**
 * 调查问卷: the pure rules both ends share — questions checked and numbered, answers checked against them, the tally
 * increments an answer makes, results from the tallies, and the text scrub. No I/O.
 */
import type { AnswerValue, Answers, Question, QuestionFields, QuestionInput, QuestionResult } from '../surveys'
import { maskPhone } from './privacy'
import { ID_LIKE, PHONE_LIKE } from './personal-numbers'

/** Figures appear from this many answers on: below it, a count could point at one person (as for ratings). */
export const MIN_RESULTS = 3
/** The page a survey's QR code opens (a subpackage page; WeChat codes may open any published page). */
export const SURVEY_PAGE = 'survey/pages/answer/index'
export const surveyH5Path = (code: string) => `/#/${SURVEY_PAGE}?scene=${encodeURIComponent(code)}`
/** The 1–5 scale's option ids in the tally. */
export const scaleKeys = ['v1', 'v2', 'v3', 'v4', 'v5'] as const
export const defaultScaleWords = { low: '很不满意', high: '很满意' }

/** Numbers the questions (q1…) and options (o1…) and checks each kind's options; a message when something is wrong. */
export function numberQuestions(inputs: readonly QuestionInput[]): { ok: true; questions: Question[] } | { ok: false; message: string } {
  const questions: Question[] = []
  for (const [i, q] of inputs.entries()) {
    const n = i + 1
    const kind = q.kind
    const options = (q.options ?? []).map((o, j) => ({ id: `o${j + 1}`, label: o.label.trim(), ...(o.labelBo?.trim() ? { labelBo: o.labelBo.trim() } : {}) }))
    if (kind === 'single' || kind === 'multi') {
      if (options.length < 2) return { ok: false, message: `第 ${n} 题至少要有 2 个选项` }
      const labels = options.map((o) => o.label)
      if (new Set(labels).size !== labels.length) return { ok: false, message: `第 ${n} 题有重复的选项` }
    } else if (options.length) {
      return { ok: false, message: `第 ${n} 题是${kind === 'scale' ? '打分题' : '简答题'}，不需要选项` }
    }
    questions.push({
      id: `q${n}`,
      kind,
      text: q.text.trim(),
      ...(q.textBo?.trim() ? { textBo: q.textBo.trim() } : {}),
      required: q.required ?? true,
      options: kind === 'single' || kind === 'multi' ? options : [],
      ...(kind === 'scale' && q.lowLabel?.trim() ? { lowLabel: q.lowLabel.trim() } : {}),
      ...(kind === 'scale' && q.highLabel?.trim() ? { highLabel: q.highLabel.trim() } : {})
    })
  }
  return { ok: true, questions }
}

/** Back to the editable shape (a draft opened again, a template from a survey). */
export function toQuestionInputs(questions: readonly Question[]): QuestionFields[] {
  return questions.map((q) => ({
    kind: q.kind,
    text: q.text,
    ...(q.textBo ? { textBo: q.textBo } : {}),
    required: q.required,
    options: q.options.map((o) => ({ label: o.label, ...(o.labelBo ? { labelBo: o.labelBo } : {}) })),
    ...(q.lowLabel ? { lowLabel: q.lowLabel } : {}),
    ...(q.highLabel ? { highLabel: q.highLabel } : {})
  }))
}

/**
 * A text answer as kept: phone and ID-card numbers a resident may have written are masked, so results never carry
 * them (an answer is anonymous; a number would name its writer).
 */
export function scrubText(s: string): string {
  return s
    .replace(ID_LIKE, (m) => `${m.slice(0, 3)}***********${m.slice(-4)}`)
    .replace(PHONE_LIKE, (m) => maskPhone(m))
    .trim()
}

export type Checked = { ok: true; answers: Record<string, string | string[] | number>; texts: string[] } | { ok: false; message: string }

/**
 * An answer sheet checked against the questions: every required question answered, every value of its question's
 * kind, no unknown question. Texts are scrubbed; empty texts and empty choices count as not answered.
 */
export function checkAnswers(questions: readonly Question[], given: Answers): Checked {
  const byId = new Map(questions.map((q) => [q.id, q]))
  for (const id of Object.keys(given)) if (!byId.has(id)) return { ok: false, message: `没有第 ${id.slice(1)} 题，请刷新后再填` }
  const answers: Record<string, string | string[] | number> = {}
  const texts: string[] = []
  for (const [i, q] of questions.entries()) {
    const v: AnswerValue | undefined = given[q.id]
    const n = i + 1
    const wrong = { ok: false as const, message: `第 ${n} 题的答案不对，请重新选择` }
    const empty = v === undefined || v === null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && v.length === 0)
    if (empty) {
      if (q.required) return { ok: false, message: `第 ${n} 题还没有回答` }
      continue
    }
    const optionIds = new Set(q.options.map((o) => o.id))
    if (q.kind === 'single') {
      if (typeof v !== 'string' || !optionIds.has(v)) return wrong
      answers[q.id] = v
    } else if (q.kind === 'multi') {
      if (!Array.isArray(v) || v.some((x) => !optionIds.has(x)) || new Set(v).size !== v.length) return wrong
      answers[q.id] = q.options.map((o) => o.id).filter((id) => v.includes(id))
    } else if (q.kind === 'scale') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 5) return wrong
      answers[q.id] = v
    } else {
      if (typeof v !== 'string') return wrong
      const text = scrubText(v)
      if (!text) {
        if (q.required) return { ok: false, message: `第 ${n} 题还没有回答` }
        continue
      }
      answers[q.id] = text
      texts.push(q.id)
    }
  }
  if (Object.keys(answers).length === 0) return { ok: false, message: '还没有回答任何一道题' }
  return { ok: true, answers, texts }
}

/**
 * The tally paths one answer moves, each by 1: the totals, each answered question's count and the chosen options
 * (scale: v1…v5). Applied with one atomic increment of the survey document, outside any transaction.
 */
export function tallyIncrements(questions: readonly Question[], answers: Record<string, string | string[] | number>, source: 'resident' | 'paper'): string[] {
  const paths = ['tally.total', `tally.${source}`]
  for (const q of questions) {
    const v = answers[q.id]
    if (v === undefined) continue
    paths.push(`tally.q.${q.id}.n`)
    if (q.kind === 'single' && typeof v === 'string') paths.push(`tally.q.${q.id}.o.${v}`)
    if (q.kind === 'multi' && Array.isArray(v)) for (const o of v) paths.push(`tally.q.${q.id}.o.${o}`)
    if (q.kind === 'scale' && typeof v === 'number') paths.push(`tally.q.${q.id}.o.${scaleKeys[v - 1]}`)
  }
  return paths
}

export interface Tally {
  total: number
  resident: number
  paper: number
  q: Record<string, { n?: number; o?: Record<string, number> }>
}

export const emptyTally = (): Tally => ({ total: 0, resident: 0, paper: 0, q: {} })

const share = (n: number, of: number) => (of > 0 ? Math.round((n / of) * 1000) / 1000 : null)

/** Per question: counts and shares of the options, the scale's mean, how many texts — from the tally alone. */
export function resultsFrom(questions: readonly Question[], tally: Tally | undefined): QuestionResult[] {
  const t = tally ?? emptyTally()
  return questions.map((q) => {
    const c = t.q?.[q.id] ?? {}
    const answered = c.n ?? 0
    const counts = c.o ?? {}
    if (q.kind === 'scale') {
      const options = scaleKeys.map((k, i) => ({ id: k, label: String(i + 1), count: counts[k] ?? 0, share: share(counts[k] ?? 0, answered) }))
      const sum = options.reduce((s, o, i) => s + o.count * (i + 1), 0)
      return { id: q.id, kind: q.kind, text: q.text, answered, options, mean: answered > 0 ? Math.round((sum / answered) * 100) / 100 : null, texts: 0 }
    }
    return {
      id: q.id,
      kind: q.kind,
      text: q.text,
      answered,
      options: q.options.map((o) => ({ id: o.id, label: o.label, count: counts[o.id] ?? 0, share: share(counts[o.id] ?? 0, answered) })),
      mean: null,
      texts: q.kind === 'text' ? answered : 0
    }
  })
}

/** Any text of the questionnaire in Tibetan. */
export function hasTibetan(s: { titleBo?: string; introBo?: string; questions: readonly Question[] }): boolean {
  return Boolean(s.titleBo || s.introBo || s.questions.some((q) => q.textBo || q.options.some((o) => o.labelBo)))
}

/** Answers close at the end of `closesOn` (Beijing); a date in the past cannot be chosen when publishing. */
export function closesAt(closesOn: string | null | undefined): Date | null {
  return closesOn ? new Date(`${closesOn}T23:59:59.999+08:00`) : null
}
