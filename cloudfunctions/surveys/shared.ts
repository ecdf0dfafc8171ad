import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { Survey, SurveyPurpose, SurveySummary } from '@/types/surveys'
import { closesAt, surveyH5Path, tallyIncrements } from '@/types/rules/surveys'
import { randomCode } from '@/types/rules/service'
import { collection, type UserDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import { rows } from '../_lib/query'
import { _ } from '../_lib/cloud'
import { findSurvey, requireReader, statusAt, surveyOrThrow, type AnswerDoc, type SurveyDoc } from '../_lib/surveys'
import { iso } from '../_lib/iso'

export { findSurvey, requireReader, statusAt, surveyOrThrow, type AnswerDoc, type SurveyDoc }

export interface TemplateDoc {
  /** `tpl_${pusherId}_${templateId}` */
  _id: string
  orgId: string
  orgName: string
  orgPath: string[]
  pushedBy: string
  title: string
  titleBo?: string
  intro: string
  introBo?: string
  purpose: SurveyPurpose
  questions: import('@/types/surveys').QuestionFields[]
  createdAt: Date
}

export const newSurveyCode = () => randomCode('s', (n) => randomBytes(n))
export const newSecret = () => randomBytes(18).toString('base64url')
export const residentAnswerId = (secret: string, openid: string) => `a${createHmac('sha256', secret).update(openid).digest('base64url').slice(0, 24)}`
export const paperAnswerId = (ownerId: string, entryId: string) => `p${createHash('sha256').update(`${ownerId}:${entryId}`).digest('base64url').slice(0, 24)}`

export function toSummary(s: SurveyDoc, now: Date): SurveySummary {
  return {
    id: s._id,
    title: s.title,
    purpose: s.purpose,
    status: statusAt(s, now),
    ownerId: s.ownerId,
    ownerName: s.ownerName,
    orgId: s.orgId,
    orgName: s.orgName,
    answers: s.tally?.total ?? 0,
    paper: s.tally?.paper ?? 0,
    createdAt: iso(s.createdAt)!,
    publishedAt: iso(s.publishedAt),
    closedAt: iso(s.closedAt) ?? (statusAt(s, now) === 'closed' && s.status === 'open' ? closesAt(s.closesOn)!.toISOString() : null),
    closesOn: s.closesOn,
    templateId: s.templateId
  }
}

export function toSurvey(s: SurveyDoc, viewer: UserDoc, now: Date): Survey {
  return {
    ...toSummary(s, now),
    ...(s.titleBo ? { titleBo: s.titleBo } : {}),
    intro: s.intro,
    ...(s.introBo ? { introBo: s.introBo } : {}),
    questions: s.questions,
    visitId: s.visitId,
    h5Path: surveyH5Path(s._id),
    mine: s.ownerId === viewer._id
  }
}

/** Writes (edit, publish, QR, paper answers) are the author's alone. */
export function requireAuthor(user: UserDoc, s: SurveyDoc): void {
  if (s.ownerId !== user._id) throw new AppError('FORBIDDEN', '只有问卷的发起人可以做这件事')
}

export async function orgName(orgId: string): Promise<string> {
  const [org] = await rows<{ name: string }>(collection('orgs').where({ _id: orgId }).field({ name: true }).limit(1))
  return org?.name ?? ''
}

export function toTemplate(t: TemplateDoc): import('@/types/surveys').SurveyTemplate {
  return {
    id: t._id,
    source: 'pushed',
    title: t.title,
    ...(t.titleBo ? { titleBo: t.titleBo } : {}),
    purpose: t.purpose,
    intro: t.intro,
    ...(t.introBo ? { introBo: t.introBo } : {}),
    questions: t.questions,
    orgName: t.orgName,
    pushedAt: iso(t.createdAt)
  }
}

/**
 * Inserts an answer and moves the tallies. The insert is the commit point: its _id is the once-only key, so a
 * duplicate (a second answer, a retry) is refused there and nothing is counted twice. The tallies then move in one
 * atomic increment of the survey document — never a transaction around a document every answer touches. Should that
 * increment fail after the answer landed, it is tried again; the answer is never lost. false: the _id was taken.
 */
export async function addAnswer(s: SurveyDoc, doc: AnswerDoc): Promise<boolean> {
  try {
    await collection('surveyAnswers').add({ data: { ...doc } })
  } catch (err) {
    // However the SDK words a duplicate key: the _id is taken if the document is there.
    const [there] = await rows<{ _id: string }>(collection('surveyAnswers').where({ _id: doc._id }).field({ _id: true }).limit(1))
    if (there) return false
    throw err
  }
  const inc = Object.fromEntries(tallyIncrements(s.questions, doc.answers, doc.source).map((p) => [p, _.inc(1)]))
  for (let attempt = 1; ; attempt++) {
    try {
      await collection('surveys').doc(s._id).update({ data: inc })
      return true
    } catch (err) {
      if (attempt >= 3) {
        console.error(`[surveys] answer ${doc._id} landed but its tally did not move`, err)
        return true
      }
    }
  }
}
