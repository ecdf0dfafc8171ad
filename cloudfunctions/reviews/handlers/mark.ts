import type { z } from '@/types/zod'
import type { Review, ReviewSummary, reviewsInput } from '@/types/reviews'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { inTransaction } from '../../_lib/tx'
import { collectionOf, readId, summaryOf, targetOf, titleOf, toReview, type ReviewDoc, type Target } from '../shared'
import { txGet } from '../../_lib/by-id'

/**
 * 已阅, 批示 or 采纳 by a leader above the author. In one transaction: the review (its _id makes a retry — and a second
 * 已阅 by the same leader — land once) and the item's review counts. The author hears of it from the reminder sender,
 * which walks new reviews in the order they were written.
 */
export async function mark(input: z.output<typeof reviewsInput.mark>, ctx: RequestContext): Promise<{ review: Review; summary: ReviewSummary }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const t = await targetOf(input.targetKind, input.targetId)
  requireManagerOf(user, t.orgPath, '只有作者的上级管理员可以批阅')
  if (input.kind === 'adopt' && input.targetKind !== 'report') throw new AppError('BAD_REQUEST', '采纳用于调研报告里的建议')
  if (input.kind === 'comment' && !input.comment) throw new AppError('BAD_REQUEST', '请写批示内容')
  if (input.kind === 'adopt' && !input.suggestion) throw new AppError('BAD_REQUEST', '请写明采纳了哪条建议')
  const [org] = await rows<{ name: string }>(collection('orgs').where({ _id: user.orgId }).field({ name: true }).limit(1))
  const id = input.kind === 'read' ? readId(input.targetKind, t._id, user._id) : `${user._id}_${input.reviewId}`
  const doc: ReviewDoc = {
    _id: id,
    targetKind: input.targetKind,
    targetId: t._id,
    title: titleOf(input.targetKind, t),
    authorId: t.cadreId,
    orgPath: t.orgPath,
    kind: input.kind,
    comment: input.kind === 'read' ? null : (input.comment ?? null),
    suggestion: input.kind === 'adopt' ? (input.suggestion ?? null) : null,
    by: user._id,
    byName: user.name,
    byOrgName: org?.name ?? '',
    createdAt: ctx.now
  }
  return inTransaction(async (tx) => {
    const there = await txGet<ReviewDoc>(tx, 'workReviews', id)
    const ref = tx.collection(collectionOf(input.targetKind)).doc(t._id)
    const cur = (await ref.get()).data as unknown as Target | null
    if (!cur) throw new AppError('NOT_FOUND', '这篇内容已被删除')
    if (there) return { review: toReview({ ...there, _id: id }), summary: summaryOf(cur) }
    const s = summaryOf(cur)
    const summary = {
      reads: s.reads + (doc.kind === 'read' ? 1 : 0),
      comments: s.comments + (doc.kind === 'comment' ? 1 : 0),
      adopted: s.adopted + (doc.kind === 'adopt' ? 1 : 0)
    }
    await ref.update({ data: { review: summary } })
    const { _id, ...rest } = doc
    await tx.collection('workReviews').add({ data: { _id, ...rest } })
    return { review: toReview(doc), summary }
  })
}
