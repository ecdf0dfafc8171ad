/**
 * The bench's questionnaire: one published survey of the veteran cadre (the 问需 starter) with `answers` resident
 * answer sheets already in, and its tally as the answers imply — the documents the surveys function writes, so the
 * measured answer (its once-only insert and the tally's increment) and results (the tally alone) face a long history.
 */
import { beijingDate } from '@/types/rules/beijing-time'
import { emptyTally, numberQuestions, tallyIncrements, type Tally } from '@/types/rules/surveys'
import { starterTemplates } from '@/types/rules/survey-templates'
import type { AnswerDoc, SurveyDoc } from '@/cloudfunctions/_lib/surveys'
import type { UserDoc } from '@/cloudfunctions/_lib/collections'
import { rng } from './rng'

export const BENCH_SURVEY = 'sBenchSurvy'

export function benchSurvey(owner: UserDoc, orgName: string, answers: number, now: Date, seed = 20121231): { survey: SurveyDoc; answers: AnswerDoc[] } {
  const random = rng(seed + 13)
  const template = starterTemplates[0]
  const numbered = numberQuestions(template.questions)
  if (!numbered.ok) throw new Error(numbered.message)
  const questions = numbered.questions
  const tally: Tally = emptyTally()
  const bump = (path: string) => {
    // 'tally.q.q1.o.o3' → tally.q.q1.o.o3 += 1, creating the levels on the way.
    const keys = path.split('.').slice(1)
    let at = tally as unknown as Record<string, unknown>
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>
    const last = keys[keys.length - 1]
    at[last] = ((at[last] as number | undefined) ?? 0) + 1
  }
  const docs: AnswerDoc[] = []
  const date = beijingDate(now)
  for (let i = 0; i < answers; i++) {
    const [q1, q2, q3] = questions
    const chosen = q1.options.filter(() => random() < 0.3).map((o) => o.id)
    const sheet: AnswerDoc['answers'] = { q1: chosen.length ? chosen : [q1.options[0].id], q2: q2.options[Math.floor(random() * q2.options.length)].id }
    if (random() < 0.2) sheet[q3.id] = `基准测试的文字回答 ${i}`
    for (const p of tallyIncrements(questions, sheet, 'resident')) bump(p)
    docs.push({
      _id: `abench${String(i).padStart(8, '0')}`,
      surveyId: BENCH_SURVEY,
      source: 'resident',
      date,
      answers: sheet,
      texts: typeof sheet.q3 === 'string' ? ['q3'] : []
    })
  }
  const survey: SurveyDoc = {
    _id: BENCH_SURVEY,
    ownerId: owner._id,
    ownerName: owner.name,
    orgId: owner.orgId,
    orgName,
    orgPath: owner.orgPath,
    title: template.title,
    intro: template.intro,
    purpose: template.purpose,
    questions,
    status: 'open',
    secret: 'bench-secret',
    templateId: template.id,
    visitId: null,
    tally,
    closesOn: null,
    createdAt: now,
    updatedAt: now,
    publishedAt: now,
    closedAt: null
  }
  return { survey, answers: docs }
}
