import { z } from '../zod'
import { InboxItem, ReceivedItem, Review, ReviewSummary, reviewsInput as i } from '../reviews'

/** The `reviews` cloud function: 批阅 of 民情日记 and 调研报告 by the leaders above their authors. */
export const reviewsApi = {
  /** 已阅, 批示 or 采纳 (reports): the author's managers only. */
  mark: { input: i.mark, output: z.object({ review: Review, summary: ReviewSummary }) },
  /** Every review of one entry or report: its author and their managers. */
  list: { input: i.list, output: z.object({ items: z.array(Review), summary: ReviewSummary }) },
  inbox: { input: i.inbox, output: z.object({ items: z.array(InboxItem), nextCursor: z.string().nullable() }) },
  received: { input: i.received, output: z.object({ items: z.array(ReceivedItem), nextCursor: z.string().nullable() }) }
} as const
