import type { QuestionKind, Survey, SurveyFieldsInput, SurveyPurpose, SurveyTemplate } from '@/types/surveys'
import { numberQuestions, toQuestionInputs } from '@/types/rules/surveys'

/** What the editor holds: every field as typed (options as lines of text), Tibetan beside the Chinese. */
export interface QuestionDraft {
  kind: QuestionKind
  text: string
  textBo: string
  required: boolean
  options: { label: string; labelBo: string }[]
}

export interface SurveyDraft {
  title: string
  titleBo: string
  intro: string
  introBo: string
  purpose: SurveyPurpose | null
  closesOn: string
  questions: QuestionDraft[]
  /** Show the Tibetan fields. */
  bo: boolean
  templateId: string | null
}

export const blankQuestion = (kind: QuestionKind): QuestionDraft => ({
  kind,
  text: '',
  textBo: '',
  required: kind !== 'text',
  options:
    kind === 'single' || kind === 'multi'
      ? [
          { label: '', labelBo: '' },
          { label: '', labelBo: '' }
        ]
      : []
})

export const blankDraft = (): SurveyDraft => ({
  title: '',
  titleBo: '',
  intro: '',
  introBo: '',
  purpose: null,
  closesOn: '',
  questions: [blankQuestion('single')],
  bo: false,
  templateId: null
})

export function draftOf(
  src: Pick<Survey, 'title' | 'titleBo' | 'intro' | 'introBo' | 'purpose' | 'closesOn' | 'questions' | 'templateId'> | SurveyTemplate
): SurveyDraft {
  const questions = 'source' in src ? src.questions : toQuestionInputs(src.questions)
  const d: SurveyDraft = {
    title: src.title,
    titleBo: src.titleBo ?? '',
    intro: src.intro ?? '',
    introBo: src.introBo ?? '',
    purpose: src.purpose,
    closesOn: 'closesOn' in src ? (src.closesOn ?? '') : '',
    questions: questions.map((q) => ({
      kind: q.kind,
      text: q.text,
      textBo: q.textBo ?? '',
      required: q.required ?? true,
      options: (q.options ?? []).map((o) => ({ label: o.label, labelBo: o.labelBo ?? '' }))
    })),
    bo: false,
    templateId: 'source' in src ? (src.source === 'starter' || src.source === 'pushed' ? src.id : null) : src.templateId
  }
  d.bo = Boolean(d.titleBo || d.introBo || d.questions.some((q) => q.textBo || q.options.some((o) => o.labelBo)))
  return d
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined)

/** The fields to send, or what is missing in words (the server numbers and checks the questions again). */
export function fieldsOf(d: SurveyDraft): { ok: true; fields: SurveyFieldsInput } | { ok: false; message: string } {
  if (!d.title.trim()) return { ok: false, message: '请填写问卷标题' }
  if (!d.purpose) return { ok: false, message: '请选择问卷用途' }
  for (const [i, q] of d.questions.entries()) if (!q.text.trim()) return { ok: false, message: `第 ${i + 1} 题还没有题目` }
  const questions = d.questions.map((q) => ({
    kind: q.kind,
    text: q.text.trim(),
    ...(opt(q.textBo) ? { textBo: opt(q.textBo) } : {}),
    required: q.required,
    options: q.options.filter((o) => o.label.trim()).map((o) => ({ label: o.label.trim(), ...(opt(o.labelBo) ? { labelBo: opt(o.labelBo) } : {}) }))
  }))
  const numbered = numberQuestions(questions)
  if (!numbered.ok) return numbered
  return {
    ok: true,
    fields: {
      title: d.title.trim(),
      ...(opt(d.titleBo) ? { titleBo: opt(d.titleBo) } : {}),
      ...(opt(d.intro) ? { intro: opt(d.intro) } : {}),
      ...(opt(d.introBo) ? { introBo: opt(d.introBo) } : {}),
      purpose: d.purpose,
      questions,
      ...(d.closesOn ? { closesOn: d.closesOn } : {})
    }
  }
}

export function moveQuestion(d: SurveyDraft, i: number, by: -1 | 1): SurveyDraft {
  const j = i + by
  if (j < 0 || j >= d.questions.length) return d
  const questions = [...d.questions]
  ;[questions[i], questions[j]] = [questions[j], questions[i]]
  return { ...d, questions }
}

let chosen: SurveyTemplate | null | undefined
/** The template picked on the list page, handed to the editor it opens (pages pass only strings in a url). */
export function rememberTemplate(t: SurveyTemplate | null): void {
  chosen = t
}
export function takeTemplate(): SurveyTemplate | null | undefined {
  const t = chosen
  chosen = undefined
  return t
}
