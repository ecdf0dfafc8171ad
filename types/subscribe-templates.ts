/**
 * Subscribe-message templates and which kinds of reminder go to whom through which template. Apart from the
 * reminder texts (types/reminders.ts) because the main package's pages ask for consent with templateId /
 * templatesToAsk and must not carry every kind's renderer (docs/mini-program-size.md). No zod here.
 */
declare const JDQ_TEMPLATE_IDS: Record<string, string> | undefined

export interface TemplateSpec {
  /** As titled in WeChat's template library. */
  title: string
  /** Field key (type prefix + number, as WeChat names them) → its label. */
  fields: Record<string, string>
  /** Long-term (长期订阅) templates are only for categories such as 政务民生: consent then does not run out. */
  longTerm: boolean
  /** Placeholder used when the build gives no real id. */
  localId: string
}

export const templates = {
  progress: {
    title: '工作进度提醒',
    fields: { name1: '姓名', thing2: '当前进度', thing3: '温馨提示' },
    longTerm: false,
    localId: 'local-tmpl-progress'
  },
  todo: {
    title: '待办事项提醒',
    fields: { thing1: '事项名称', time2: '截止时间', phrase3: '事项状态', thing4: '备注' },
    longTerm: false,
    localId: 'local-tmpl-todo'
  },
  rateInvite: {
    title: '服务评价邀请',
    fields: { thing1: '服务内容', thing2: '服务人员', date3: '服务日期', thing4: '温馨提示' },
    longTerm: false,
    localId: 'local-tmpl-rate'
  },
  summary: {
    title: '月度工作报告',
    fields: { thing1: '报告名称', thing2: '工作概况', thing3: '备注' },
    longTerm: false,
    localId: 'local-tmpl-summary'
  }
} as const satisfies Record<string, TemplateSpec>

export type TemplateKey = keyof typeof templates
export const templateKeys = Object.keys(templates) as TemplateKey[]

const configuredIds: Record<string, string> = typeof JDQ_TEMPLATE_IDS === 'object' && JDQ_TEMPLATE_IDS ? JDQ_TEMPLATE_IDS : {}

/** The WeChat template id of a template (from the build, else the local placeholder). */
export function templateId(key: TemplateKey): string {
  return configuredIds[key] || templates[key].localId
}

export function templateKeyOf(id: string): TemplateKey | null {
  return templateKeys.find((k) => templateId(k) === id) ?? null
}

export const reminderKinds = [
  'pace',
  'demandDue',
  'demandOverdue',
  'badReviewFollowUp',
  'demandDone',
  'fixDone',
  'rateInvite',
  'monthlySummary',
  'workReviewed'
] as const
export type ReminderKind = (typeof reminderKinds)[number]

export type Audience = 'cadre' | 'manager' | 'resident'

/**
 * Who receives each kind, through which template. `available` is false while no data feeds the kind yet (the
 * sender's registry, cloudfunctions/reminders/sources.ts, has no source for it).
 */
export const kindRouting = {
  pace: { audience: ['cadre'], template: 'progress', available: true },
  demandDue: { audience: ['cadre'], template: 'todo', available: true },
  demandOverdue: { audience: ['cadre', 'manager'], template: 'todo', available: true },
  badReviewFollowUp: { audience: ['manager'], template: 'todo', available: true },
  demandDone: { audience: ['resident'], template: 'rateInvite', available: true },
  fixDone: { audience: ['resident'], template: 'rateInvite', available: true },
  rateInvite: { audience: ['resident'], template: 'rateInvite', available: false },
  monthlySummary: { audience: ['manager'], template: 'summary', available: true },
  workReviewed: { audience: ['cadre'], template: 'progress', available: true }
} as const satisfies Record<ReminderKind, { audience: readonly Audience[]; template: TemplateKey; available: boolean }>

/** Templates to ask consent for, at most 3 per request (WeChat's limit), for the kinds that are fed now. */
export function templatesToAsk(audience: Audience): TemplateKey[] {
  const keys = new Set<TemplateKey>()
  for (const k of reminderKinds) {
    const r = kindRouting[k]
    if (r.available && (r.audience as readonly Audience[]).includes(audience)) keys.add(r.template)
  }
  return [...keys].slice(0, 3)
}
