import { z } from '../zod'
import { Cursor } from '../visits'
import { ids, pushStatusLabels } from '../labels'
import { reminderKinds } from '../reminders'

export const ReminderKind = z.enum(reminderKinds)
export const PushStatus = z.enum(ids(pushStatusLabels))

export const ReminderItem = z.object({
  id: z.string(),
  kind: ReminderKind,
  title: z.string(),
  body: z.string(),
  page: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  push: PushStatus
})
export type ReminderItem = z.infer<typeof ReminderItem>

export const ReminderPage = z.object({ items: z.array(ReminderItem), nextCursor: z.string().nullable(), unread: z.number().int() })
export type ReminderPage = z.infer<typeof ReminderPage>

export const ReminderOverview = z.object({
  kinds: z.array(z.object({ kind: ReminderKind, label: z.string(), description: z.string(), on: z.boolean(), available: z.boolean(), template: z.string() })),
  templates: z.array(z.object({ key: z.string(), id: z.string(), title: z.string(), quota: z.number().int(), longTerm: z.boolean() })),
  /** Template ids to pass to requestSubscribeMessage (at most 3). */
  ask: z.array(z.string()).max(3),
  unread: z.number().int()
})
export type ReminderOverview = z.infer<typeof ReminderOverview>

const templateIdList = z
  .array(z.string().min(1).max(128), { error: '请告诉我们您同意了哪些消息' })
  .min(1, { error: '您没有同意任何消息' })
  .max(3, { error: '一次最多订阅 3 种消息' })

/**
 * The `reminders` function: consent, settings and the in-app reminder center. Its timer trigger
 * (cloudfunctions/reminders/config.json) runs the sender, which no client can call.
 */
export const remindersApi = {
  /** What the user gets, the quota left per template, and which template ids to ask consent for. */
  overview: { input: z.object({}), output: ReminderOverview },
  /** After Taro.requestSubscribeMessage: the ids the user accepted. Each adds one message of quota. */
  consent: { input: z.object({ templateIds: templateIdList }), output: ReminderOverview },
  /** Kinds the user turned off: they still appear in the app, never as a WeChat message. */
  settings: { input: z.object({ off: z.array(ReminderKind).max(20) }), output: ReminderOverview },
  /** The reminder center, newest first, with the unread count. */
  list: { input: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }), output: ReminderPage },
  /** Just the unread count (the badge on the home page). */
  getBadge: { input: z.object({}), output: z.object({ unread: z.number().int() }) },
  /** Marks some (ids) or all reminders read. */
  markRead: {
    input: z.object({ ids: z.array(z.string().min(1).max(300)).max(50).optional(), all: z.boolean().optional() }),
    output: z.object({ unread: z.number().int() })
  }
} as const
