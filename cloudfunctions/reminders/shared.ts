import {
  kinds,
  kindsFor,
  reminderKinds,
  templateId,
  templateKeys,
  templates,
  templatesToAsk,
  type Audience,
  type PushStatus,
  type ReminderItem,
  type ReminderKind,
  type ReminderOverview,
  type TemplateKey
} from '@/types/reminders'
import { collection } from '../_lib/collections'
import type { RequestContext } from '../_lib/context'
import { AppError } from '../_lib/errors'
import { countOf, rows } from '../_lib/query'
import { findUserByOpenid } from '../_lib/users'
import type { UserDoc } from '../_lib/collections'
import { byId } from '../_lib/by-id'

/** One reminder: an entry in the reminder center and, when there was quota, the claim of one WeChat message. */
export interface ReminderDoc {
  /** reminderKey(openid, kind, subject, period) */
  _id: string
  openid: string
  userId: string | null
  kind: ReminderKind
  subject: string
  period: string
  title: string
  body: string
  page: string
  data: Record<string, { value: string }>
  read: boolean
  readAt: Date | null
  createdAt: Date
  push: {
    status: PushStatus
    template: TemplateKey
    templateId: string | null
    /** Why it was not pushed (rejected, failed). */
    reason?: string
    attempts: { at: Date; errcode: number; errmsg: string }[]
    sentAt?: Date
    /** The run that claimed it. */
    runId: string
  }
}

/** Quota of one user for one template: _id `${openid}:${template}`. */
export interface SubscriptionDoc {
  _id: string
  openid: string
  template: TemplateKey
  templateId: string
  /** Messages left: one per accepted consent of a one-time template. */
  quota: number
  longTerm: boolean
  accepted: number
  used: number
  /** Set when WeChat answered 43101 (no quota left). */
  exhaustedAt?: Date
  updatedAt: Date
}

export interface ReminderPrefsDoc {
  _id: string
  off: ReminderKind[]
  updatedAt: Date
}

export const subscriptionId = (openid: string, template: TemplateKey) => `${openid}:${template}`

export function audienceOf(user: UserDoc | null): Audience {
  if (!user) return 'resident'
  return user.role === 'cadre' ? 'cadre' : 'manager'
}

export async function requireCaller(ctx: RequestContext): Promise<{ openid: string; user: UserDoc | null; audience: Audience }> {
  if (!ctx.caller) throw new AppError('UNAUTHENTICATED')
  const user = await findUserByOpenid(ctx.caller.openid)
  return { openid: ctx.caller.openid, user, audience: audienceOf(user) }
}

export const unreadCount = (openid: string) => countOf(collection('reminders').where({ openid, read: false }))

export async function readPrefs(openid: string): Promise<ReminderKind[]> {
  const p = await byId<ReminderPrefsDoc>('reminderPrefs', openid)
  return p?.off ?? []
}

export async function overviewOf(openid: string, audience: Audience): Promise<ReminderOverview> {
  const [off, subs, unread] = await Promise.all([
    readPrefs(openid),
    rows<SubscriptionDoc>(collection('subscriptions').where({ openid }).limit(20)),
    unreadCount(openid)
  ])
  const mine = kindsFor(audience)
  const used = new Set(mine.map((k) => kinds[k].template))
  return {
    kinds: mine.map((k) => ({
      kind: k,
      label: kinds[k].label,
      description: kinds[k].description,
      on: !off.includes(k),
      available: kinds[k].available,
      template: kinds[k].template
    })),
    templates: templateKeys
      .filter((t) => used.has(t))
      .map((t) => {
        const s = subs.find((x) => x.template === t)
        return { key: t, id: templateId(t), title: templates[t].title, quota: s?.quota ?? 0, longTerm: Boolean(s?.longTerm) }
      }),
    ask: templatesToAsk(audience).map(templateId),
    unread
  }
}

export function toItem(d: ReminderDoc): ReminderItem {
  return {
    id: d._id,
    kind: d.kind,
    title: d.title,
    body: d.body,
    page: d.page,
    createdAt: new Date(d.createdAt).toISOString(),
    read: d.read,
    push: d.push.status
  }
}

export const isKind = (k: string): k is ReminderKind => (reminderKinds as readonly string[]).includes(k)
