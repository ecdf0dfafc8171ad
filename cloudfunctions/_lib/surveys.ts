import type { Question, SurveyPurpose, SurveyStatus } from '@/types/surveys'
import { closesAt, type Tally } from '@/types/rules/surveys'
import { managesPath } from '@/types/rules/privacy'
import { type UserDoc } from './collections'
import { AppError } from './errors'
import { viewerOf } from './auth'
import { byId } from './by-id'

// A survey's documents and who may read one: the surveys function writes them, the packs and exports read them.

export interface SurveyDoc {
  /** The survey's code: what its QR code and link carry ('s' + 10 characters). */
  _id: string
  ownerId: string
  ownerName: string
  orgId: string
  orgName: string
  orgPath: string[]
  title: string
  titleBo?: string
  intro: string
  introBo?: string
  purpose: SurveyPurpose
  questions: Question[]
  status: SurveyStatus
  /**
   * Never leaves the function: keys a resident's answer (HMAC of their openid), so one answer per resident is
   * enforced by the answer's _id while nobody reading results — who never sees ids anyway — can tell whose it is.
   */
  secret: string
  templateId: string | null
  visitId: string | null
  /** Moved by atomic increments as answers land (types/rules/surveys.ts tallyIncrements). */
  tally: Tally
  closesOn: string | null
  qrFileID?: string
  createdAt: Date
  updatedAt: Date
  publishedAt: Date | null
  closedAt: Date | null
}

/**
 * One answer sheet. No openid and no time finer than the Beijing day: texts are listed in _id order, which is
 * random, so neither an id nor an order ties an answer to whoever handed it in.
 */
export interface AnswerDoc {
  /** Residents: 'a' + HMAC(survey secret, openid). Paper: 'p' + hash(author, the phone's entry id). */
  _id: string
  surveyId: string
  source: 'resident' | 'paper'
  date: string
  answers: Record<string, string | string[] | number>
  /** Questions answered in words (index survey_texts lists them). */
  texts: string[]
}

/** Open until ended by hand or until its last day has passed (Beijing). */
export function statusAt(s: Pick<SurveyDoc, 'status' | 'closesOn'>, now: Date): SurveyStatus {
  if (s.status !== 'open') return s.status
  const end = closesAt(s.closesOn)
  return end && now.getTime() > end.getTime() ? 'closed' : 'open'
}

export async function findSurvey(id: string): Promise<SurveyDoc | null> {
  const s = await byId<SurveyDoc>('surveys', id)
  return s ?? null
}

export async function surveyOrThrow(id: string): Promise<SurveyDoc> {
  const s = await findSurvey(id)
  if (!s) throw new AppError('NOT_FOUND', '没有找到这份问卷')
  return s
}

/** Its author, or a manager above the author: reads the survey and its results. */
export function requireReader(user: UserDoc, s: SurveyDoc): void {
  if (s.ownerId === user._id || managesPath(viewerOf(user), s.orgPath)) return
  throw new AppError('FORBIDDEN', '您只能查看自己或您管理范围内的问卷')
}
