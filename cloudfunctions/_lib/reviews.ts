import type { ReviewKind, ReviewTarget } from '@/types/reviews'

// A 已阅, 批示 or 采纳: written by the reviews function, read by the reminders' sources.
export interface ReviewDoc {
  /** 已阅: one per leader per item (readId); 批示 and 采纳: `${reviewerId}_${reviewId}` (the phone's id). */
  _id: string
  targetKind: ReviewTarget
  targetId: string
  /** A report's title or a diary entry's first words, for the author's list and the reminder. */
  title: string
  authorId: string
  orgPath: string[]
  kind: ReviewKind
  comment: string | null
  suggestion: string | null
  by: string
  byName: string
  byOrgName: string
  createdAt: Date
}
