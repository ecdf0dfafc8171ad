import { z } from '../zod'
import { System } from '../enums'
import { Cursor } from '../visits'
import { Phone } from '../points'

/** Addressed to one system's campaign office, or to 'all' (a resident who does not know, or the app itself): all three see it. */
export const FeedbackTo = z.enum(['union', 'league', 'women', 'all'], { error: '请选择反映给哪个单位' })
export const FeedbackKind = z.enum(['complaint', 'suggestion'], { error: '请选择投诉还是建议' })

export const Feedback = z.object({
  id: z.string(),
  kind: FeedbackKind,
  to: FeedbackTo,
  text: z.string(),
  /** Masked (138****1234) for everyone but the province admin. */
  contact: z.object({ name: z.string().optional(), phone: z.string().optional(), masked: z.boolean() }).nullable(),
  /** Who sent it, in plain words: "群众", or the role and unit of a cadre. Never an openid. */
  from: z.string(),
  createdAt: z.string(),
  answer: z.object({ text: z.string(), byName: z.string(), system: System, at: z.string() }).nullable()
})
export type Feedback = z.infer<typeof Feedback>

const page = z.object({ items: z.array(Feedback), nextCursor: z.string().nullable() })

/** The `feedback` cloud function: 投诉建议 to the province admin. */
export const feedbackApi = {
  submit: {
    input: z.object({
      /** The phone's id for this submission: a retried tap lands once. */
      submissionId: z.string().min(8).max(64),
      kind: FeedbackKind,
      /** Staff: ignored (their own system). Residents: a system or 'all'. */
      to: FeedbackTo.default('all'),
      text: z.string({ error: '请写下您的意见' }).trim().min(5, { error: '请至少写 5 个字' }).max(500, { error: '最多 500 字' }),
      contactName: z.string().trim().max(20, { error: '称呼最多 20 个字' }).optional(),
      contactPhone: Phone.optional()
    }),
    output: Feedback
  },
  listMine: { input: z.object({ cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }), output: page },
  /** Province admin: addressed to their system or to all; unanswered (oldest first) or answered (newest first). */
  list: {
    input: z.object({ status: z.enum(['unanswered', 'answered']).default('unanswered'), cursor: Cursor, limit: z.number().int().min(1).max(50).default(20) }),
    output: page
  },
  answer: {
    input: z.object({
      feedbackId: z.string().min(1).max(120),
      text: z.string({ error: '请写下答复' }).trim().min(2, { error: '请写下答复' }).max(500, { error: '最多 500 字' })
    }),
    output: Feedback
  }
} as const
