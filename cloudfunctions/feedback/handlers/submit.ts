import type { z } from '@/types/zod'
import type { feedbackApi, Feedback } from '@/types/api/feedback'
import { roles } from '@/types/enums'
import { beijingDate } from '@/types/rules/beijing-time'
import type { OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserByOpenid } from '../../_lib/users'
import { inTransaction } from '../../_lib/tx'
import { bumpCounter, hashOpenid } from '../../_lib/service'
import { toFeedback, type FeedbackDoc } from '../shared'
import { byId, txGet } from '../../_lib/by-id'

/** Submissions per WeChat account per Beijing day. */
export const FEEDBACK_PER_DAY = 5

/**
 * 投诉建议 from anyone with a WeChat identity. Staff write to their own system's campaign office; a resident
 * picks 工会 / 共青团 / 妇联 or 'all' (不清楚 / about the app itself), which all three offices see. One
 * transaction: the day's counter and the document, whose _id comes from the phone's submissionId, so a
 * retried tap answers the same without counting twice.
 */
export async function submit(input: z.output<typeof feedbackApi.submit.input>, ctx: RequestContext): Promise<Feedback> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const senderHash = hashOpenid(ctx.caller.openid)
  const id = `fb_${senderHash}_${input.submissionId}`
  const user = await findUserByOpenid(ctx.caller.openid)
  let to = input.to
  let from = '群众'
  if (user) {
    const org = await byId<OrgDoc>('orgs', user.orgId)
    to = org?.system ?? to
    from = `${org?.name ?? ''} ${roles.labels[user.role]}`.trim()
  }
  const contact =
    input.contactName || input.contactPhone
      ? { ...(input.contactName ? { name: input.contactName } : {}), ...(input.contactPhone ? { phone: input.contactPhone } : {}) }
      : null
  return inTransaction(async (tx) => {
    const found = await txGet<FeedbackDoc>(tx, 'feedback', id)
    if (found) return toFeedback({ ...found, _id: id }, false)
    const n = await bumpCounter(tx, `feedback:${senderHash}:${beijingDate(ctx.now)}`, ctx.now)
    if (n > FEEDBACK_PER_DAY) throw new AppError('RATE_LIMITED', `每天最多提交 ${FEEDBACK_PER_DAY} 条，请明天再来`)
    const doc: FeedbackDoc = { _id: id, senderHash, kind: input.kind, to, text: input.text, contact, from, answered: false, answer: null, createdAt: ctx.now }
    await tx.collection('feedback').add({ data: doc as unknown as Record<string, unknown> })
    return toFeedback(doc, false)
  })
}
