import type { Feedback } from '@/types/api/feedback'
import type { System } from '@/types/enums'
import { maskPhone } from '@/types/rules/privacy'

export interface FeedbackDoc {
  /** `fb_${hash(openid)}_${submissionId}` */
  _id: string
  /** hashOpenid(openid): the sender's own list; the openid itself is never stored here. */
  senderHash: string
  kind: Feedback['kind']
  to: Feedback['to']
  text: string
  contact: { name?: string; phone?: string } | null
  /** "群众", or "西宁市城东区妇联 干部" — what the admin sees about the sender. */
  from: string
  answered: boolean
  answer: { text: string; byId: string; byName: string; system: System; at: Date } | null
  createdAt: Date
}

/** The province admin reads the contact in clear; everyone else (the sender included) sees it masked. */
export function toFeedback(d: FeedbackDoc, clear: boolean): Feedback {
  const c = d.contact
  return {
    id: d._id,
    kind: d.kind,
    to: d.to,
    text: d.text,
    contact: c ? { ...(c.name ? { name: c.name } : {}), ...(c.phone ? { phone: clear ? c.phone : maskPhone(c.phone) } : {}), masked: !clear } : null,
    from: d.from,
    createdAt: new Date(d.createdAt).toISOString(),
    answer: d.answer ? { text: d.answer.text, byName: d.answer.byName, system: d.answer.system, at: new Date(d.answer.at).toISOString() } : null
  }
}
