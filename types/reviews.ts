/**
 * 批阅: leaders read the 民情日记 and 调研报告 of the cadres below them — mark read (已阅), comment (批示), and 采纳 a
 * report's suggestion. The author sees every review on their work and is told in the reminder center (and by a
 * WeChat message when they consented). Instants travel as ISO strings.
 */
import { z } from './zod'
import { Cursor } from './visits'
import { clientId, idOf, optionalText } from './text-fields'

export const reviewTargets = { diary: '民情日记', report: '调研报告' } as const
export const ReviewTarget = z.enum(['diary', 'report'], { error: '请说明批阅的是民情日记还是调研报告' })
export type ReviewTarget = z.infer<typeof ReviewTarget>

export const reviewKinds = { read: '已阅', comment: '批示', adopt: '采纳' } as const
export const ReviewKind = z.enum(['read', 'comment', 'adopt'], { error: '请选择已阅、批示或采纳' })
export type ReviewKind = z.infer<typeof ReviewKind>

export const Review = z.object({
  id: z.string(),
  targetKind: ReviewTarget,
  targetId: z.string(),
  kind: ReviewKind,
  comment: z.string().nullable(),
  /** 采纳: the suggestion taken up, in the leader's words. */
  suggestion: z.string().nullable(),
  byName: z.string(),
  byOrgName: z.string(),
  at: z.string()
})
export type Review = z.infer<typeof Review>

export const ReviewSummary = z.object({ reads: z.number().int(), comments: z.number().int(), adopted: z.number().int() })
export type ReviewSummary = z.infer<typeof ReviewSummary>

export const InboxItem = z.object({
  targetKind: ReviewTarget,
  id: z.string(),
  cadreId: z.string(),
  cadreName: z.string(),
  /** A report's title, or the first words of a diary entry. */
  title: z.string(),
  date: z.string(),
  createdAt: z.string(),
  readByMe: z.boolean(),
  reviews: ReviewSummary
})
export type InboxItem = z.infer<typeof InboxItem>

export const ReceivedItem = Review.extend({ title: z.string() })
export type ReceivedItem = z.infer<typeof ReceivedItem>

export const reviewsInput = {
  mark: z.object({
    targetKind: ReviewTarget,
    targetId: idOf('日记或报告'),
    kind: ReviewKind,
    /** Made on the phone (a comment or 采纳 lands once); a 已阅 is once per leader whatever the id. */
    reviewId: clientId('批阅'),
    comment: optionalText(300, '批示'),
    suggestion: optionalText(200, '采纳的建议')
  }),
  list: z.object({ targetKind: ReviewTarget, targetId: idOf('日记或报告') }),
  /** Leaders: the newest entries or reports of a unit of their subtree (default their own), with what they marked. */
  inbox: z.object({ targetKind: ReviewTarget, orgId: idOf('单位').optional(), cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
  /** Authors: reviews of their work, newest first. */
  received: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) })
}
