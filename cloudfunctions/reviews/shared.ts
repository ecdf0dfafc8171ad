import { createHash } from 'node:crypto'
import type { Review, ReviewSummary, ReviewTarget } from '@/types/reviews'
import { type DiaryEntryDoc, type ReportDoc } from '../_lib/collections'
import { AppError } from '../_lib/errors'
import type { ReviewDoc } from '../_lib/reviews'
import { byId } from '../_lib/by-id'

export type { ReviewDoc }

export type Target = (DiaryEntryDoc | ReportDoc) & { _id: string }
export const collectionOf = (kind: ReviewTarget) => (kind === 'diary' ? 'diaryEntries' : 'reports') as 'diaryEntries' | 'reports'
export const readId = (kind: ReviewTarget, targetId: string, reviewerId: string) =>
  `rd_${createHash('sha256').update(`${kind}:${targetId}:${reviewerId}`).digest('base64url').slice(0, 24)}`

export const titleOf = (kind: ReviewTarget, t: Target) => (kind === 'report' ? (t as ReportDoc).title : [...(t as DiaryEntryDoc).text].slice(0, 30).join(''))

export const summaryOf = (t: { review?: ReviewSummary }): ReviewSummary => ({
  reads: t.review?.reads ?? 0,
  comments: t.review?.comments ?? 0,
  adopted: t.review?.adopted ?? 0
})

export function toReview(d: ReviewDoc): Review {
  return {
    id: d._id,
    targetKind: d.targetKind,
    targetId: d.targetId,
    kind: d.kind,
    comment: d.comment,
    suggestion: d.suggestion,
    byName: d.byName,
    byOrgName: d.byOrgName,
    at: new Date(d.createdAt).toISOString()
  }
}

export async function targetOf(kind: ReviewTarget, id: string): Promise<Target> {
  const t = await byId<Target>(collectionOf(kind), id)
  if (!t) throw new AppError('NOT_FOUND', kind === 'diary' ? '没有找到这篇民情日记' : '没有找到这份调研报告')
  return t
}
