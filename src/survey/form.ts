import type { AnswerValue, Question } from '@/types/surveys'
import { checkAnswers } from '@/types/rules/surveys'

export type Sheet = Record<string, AnswerValue>

/** A choice tapped: single replaces, multi toggles. */
export function pick(sheet: Sheet, q: Question, optionId: string): Sheet {
  if (q.kind === 'multi') {
    const now = Array.isArray(sheet[q.id]) ? (sheet[q.id] as string[]) : []
    const next = now.includes(optionId) ? now.filter((x) => x !== optionId) : [...now, optionId]
    return { ...sheet, [q.id]: next }
  }
  return { ...sheet, [q.id]: optionId }
}

export const score = (sheet: Sheet, q: Question, n: number): Sheet => ({ ...sheet, [q.id]: n })
export const write = (sheet: Sheet, q: Question, text: string): Sheet => ({ ...sheet, [q.id]: text })

/** The sheet to send, or the message saying what is missing (the same rule the server applies). */
export function ready(questions: readonly Question[], sheet: Sheet): { ok: true; answers: Sheet } | { ok: false; message: string } {
  const checked = checkAnswers(questions, sheet)
  if (!checked.ok) return checked
  return { ok: true, answers: checked.answers }
}
