import type { z } from '@/types/zod'
import type { remindersApi } from '@/types/api/reminders'
import { kinds, kindsFor, templateId, templateKeyOf, templates, type ReminderOverview, type TemplateKey } from '@/types/reminders'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { inTransaction } from '../../_lib/tx'
import { overviewOf, requireCaller, subscriptionId, type SubscriptionDoc } from '../shared'

/** A generous cap: WeChat keeps its own count, and nobody should pile up more consents than that. */
export const MAX_QUOTA = 50

/**
 * After Taro.requestSubscribeMessage, the ids the user accepted: each adds one message of quota for that template
 * (a long-term template is marked as such and does not run out). Only templates of kinds this user can receive.
 */
export async function consent(input: z.output<typeof remindersApi.consent.input>, ctx: RequestContext): Promise<ReminderOverview> {
  const { openid, audience } = await requireCaller(ctx)
  const allowed = new Set(kindsFor(audience).map((k) => kinds[k].template))
  const keys = [...new Set(input.templateIds)].map((id) => {
    const key = templateKeyOf(id)
    if (!key || !allowed.has(key)) throw new AppError('BAD_REQUEST', '这不是您可以订阅的消息，请刷新后再试')
    return key
  })
  for (const key of keys) await addQuota(openid, key, ctx.now)
  return overviewOf(openid, audience)
}

async function addQuota(openid: string, key: TemplateKey, now: Date): Promise<void> {
  const id = subscriptionId(openid, key)
  await inTransaction(async (tx) => {
    const ref = tx.collection('subscriptions').doc(id)
    const { data } = await ref.get()
    const s = data as unknown as SubscriptionDoc | null
    const longTerm = templates[key].longTerm
    if (s) {
      await ref.update({ data: { quota: Math.min(MAX_QUOTA, s.quota + 1), longTerm, accepted: s.accepted + 1, templateId: templateId(key), updatedAt: now } })
    } else {
      const doc: SubscriptionDoc = { _id: id, openid, template: key, templateId: templateId(key), quota: 1, longTerm, accepted: 1, used: 0, updatedAt: now }
      await tx.collection('subscriptions').add({ data: { ...doc } })
    }
  })
}
