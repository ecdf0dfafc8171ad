/**
 * Reminders: the kinds of reminder as configuration (the templates they go through and who gets each kind are in
 * subscribe-templates.ts).
 *
 * A *template* is what WeChat knows (an id chosen in the console, its fields, one consent = one message for
 * one-time templates). A *kind* is what we remind about; several kinds may share one template, so one consent
 * covers them. Every kind says who gets it, how often at most (its period), the page it opens and how its facts
 * map to the template's fields. test/unit/reminders.test.ts checks every kind, with ordinary and with over-long
 * user text, against WeChat's field rules (types/rules/subscribe-fields.ts); the sender checks again before
 * anything reaches WeChat.
 *
 * Template ids come from the build: `JDQ_TEMPLATE_IDS='{"progress":"…","todo":"…"}'` (scripts/build-functions.ts
 * and config/index.ts define it for both ends). Without it the placeholder ids below are used (emulator, tests).
 */
// No zod here: the mini-program's main package asks for consent with templateId / templatesToAsk. The shapes the
// app sees (ReminderItem, ReminderPage, ReminderOverview) are schemas of the api: types/api/reminders.ts.
import { pushStatusLabels } from './labels'
import {
  kindRouting,
  reminderKinds,
  templateId,
  templateKeyOf,
  templateKeys,
  templates,
  templatesToAsk,
  type Audience,
  type ReminderKind,
  type TemplateKey,
  type TemplateSpec
} from './subscribe-templates'
import { checkMessageData, fieldKind, fitThing } from './rules/subscribe-fields'
import { beijing, beijingDate, beijingMonth } from './rules/beijing-time'

// ---------------------------------------------------------------- templates

export { templates, templateKeys, templateId, templateKeyOf, templatesToAsk, reminderKinds }
export type { TemplateSpec, TemplateKey, ReminderKind, Audience }

// ---------------------------------------------------------------- kinds

/** How often at most one subject is reminded: the period is part of the unique key. */
export type Period = 'week' | 'month' | 'day' | 'once'

export interface Rendered {
  title: string
  body: string
  /** Page path without a leading slash, query allowed: what the message and the in-app entry open. */
  page: string
  data: Record<string, { value: string }>
}

export interface KindSpec<F> {
  label: string
  /** Shown in the settings next to the switch. */
  description: string
  audience: readonly Audience[]
  template: TemplateKey
  period: Period
  /**
   * False while no data feeds it yet: the 办实事 ledger (demands) and 群众点评 (ratings) issues add their sources
   * to the sender's registry (cloudfunctions/reminders/sources.ts) and flip this.
   */
  available: boolean
  render: (facts: F) => Rendered
}

export interface PaceFacts {
  cadreName: string
  days: number
  expected: number
  target: number
}
export interface DemandFacts {
  demandId: string
  title: string
  deadline: string
  overdue: boolean
  cadreName: string
  /** The message goes to a manager of the cadre (opens the managers' overdue list, where 督办 is). */
  forManager?: boolean
}
export interface BadReviewFacts {
  caseId: string
  cadreName: string
  at: string
}
/** A resident's reported problem was answered (答复群众): the page is the resident page of the code they used. */
export interface DemandDoneFacts {
  demandId: string
  /** The scene the resident reported through: their landing lists the demand with its answer and a rating button. */
  scene: string
  text: string
  cadreName: string
  at: string
}
/** The 整改 after a resident's 差评 was recorded: the resident may rate the fix on the page of the code they rated through. */
export interface FixDoneFacts {
  caseId: string
  scene: string
  result: string
  cadreName: string
  at: string
}
export interface RateInviteFacts {
  /** The visit's scene code: the resident page opens on it. */
  scene: string
  serviceName: string
  cadreName: string
  at: string
}
export interface SummaryFacts {
  orgName: string
  month: string
  cadres: number
  behind: number
  visits: number
}

/** A leader read, commented on or 采纳 a cadre's 民情日记 or 调研报告 (批阅). */
export interface WorkReviewedFacts {
  reviewId: string
  cadreName: string
  reviewerName: string
  action: 'read' | 'comment' | 'adopt'
  targetKind: 'diary' | 'report'
  title: string
  comment: string | null
}

const value = (v: string) => ({ value: v })
const reviewVerb = { read: '已阅', comment: '批示了', adopt: '采纳了' } as const
const reviewTarget = { diary: '民情日记', report: '调研报告' } as const

/** 'YYYY年M月D日 HH:mm', Beijing time, as the `time` field wants it. */
export function wxTime(instant: Date | string | number): string {
  return beijing(instant).format('YYYY年M月D日 HH:mm')
}
export function wxDate(instant: Date | string | number): string {
  return beijing(instant).format('YYYY年M月D日')
}

/**
 * A person's name for a `name` field: spaces dropped, a pure-Chinese name cut to 10 characters. WeChat counts a
 * name mixing Chinese with letters or the middle dot (阿依古丽·买买提) as a Chinese name of at most 10 characters;
 * a longer one (阿依古丽·买买提·艾力) is never cut (a cut name is a wrong name): the sender's check refuses it before
 * WeChat and the reminder stays in the app. Such names are rare, so the `name` field stays (see the unit test).
 */
export function fitName(name: string): string {
  const n = name.replace(/\s+/g, '')
  return /^[\u3400-\u9fff]+$/.test(n) ? [...n].slice(0, 10).join('') : n
}

const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`
/** Pages the messages open (registered in src/app.config.ts; the unit test checks they exist). */
const demandPage = (id: string) => `cadre/pages/demand/index?id=${encodeURIComponent(id)}`
const residentPage = (scene: string) => `pages/rate/index?scene=${encodeURIComponent(scene)}`

const kindSpecs = {
  pace: {
    label: '下基层进度',
    description: '今年下基层天数落后于进度时（每周最多一次）',
    ...kindRouting.pace,
    period: 'week',
    render: (f: PaceFacts) => ({
      title: '下基层进度落后了',
      body: `今年已下基层 ${f.days} 天，按进度今天应有 ${f.expected} 天（全年目标 ${f.target} 天）。`,
      page: 'pages/index/index',
      data: {
        name1: value(fitName(f.cadreName)),
        thing2: value(fitThing(`已${f.days}天，按进度应有${f.expected}天`)),
        thing3: value('抽空去联系点走走，听听群众的声音')
      }
    })
  } satisfies KindSpec<PaceFacts>,
  demandDue: {
    label: '诉求快到期',
    description: '您承办的群众诉求快到办理期限时',
    ...kindRouting.demandDue,
    period: 'once',
    render: (f: DemandFacts) => ({
      title: '群众诉求快到期了',
      body: `「${f.title}」将于 ${wxTime(f.deadline)} 到期，请及时办理并回复群众。`,
      page: demandPage(f.demandId),
      data: { thing1: value(fitThing(f.title)), time2: value(wxTime(f.deadline)), phrase3: value('即将到期'), thing4: value('请及时办理并回复群众') }
    })
  } satisfies KindSpec<DemandFacts>,
  demandOverdue: {
    label: '诉求已超期',
    description: '群众诉求超过办理期限时（承办干部和管理员）',
    ...kindRouting.demandOverdue,
    period: 'once',
    render: (f: DemandFacts) => ({
      title: '群众诉求已超期',
      body: f.forManager
        ? `${f.cadreName}承办的「${f.title}」已于 ${wxTime(f.deadline)} 超期，请督办。`
        : `您承办的「${f.title}」已于 ${wxTime(f.deadline)} 超期，请尽快办理并回复群众。`,
      page: f.forManager ? 'manager/pages/cases/index?tab=overdue' : demandPage(f.demandId),
      data: { thing1: value(fitThing(f.title)), time2: value(wxTime(f.deadline)), phrase3: value('已超期'), thing4: value(fitThing(`承办：${f.cadreName}`)) }
    })
  } satisfies KindSpec<DemandFacts>,
  badReviewFollowUp: {
    label: '差评待回访',
    description: '群众给出差评、需要在 1 个工作日内回访时',
    ...kindRouting.badReviewFollowUp,
    period: 'once',
    render: (f: BadReviewFacts) => ({
      title: '有差评需要回访',
      body: `群众对${f.cadreName}的服务给出差评（${wxTime(f.at)}），请在 1 个工作日内回访。`,
      page: 'manager/pages/cases/index?tab=cases',
      data: {
        thing1: value(fitThing(`差评回访：${f.cadreName}`)),
        time2: value(wxTime(f.at)),
        phrase3: value('待回访'),
        thing4: value('请在1个工作日内联系群众')
      }
    })
  } satisfies KindSpec<BadReviewFacts>,
  demandDone: {
    label: '反映的问题办好了',
    description: '您扫码反映的问题有了办理结果时，请您确认并评价（只在您同意后发送）',
    ...kindRouting.demandDone,
    period: 'once',
    render: (f: DemandDoneFacts) => ({
      title: '您反映的问题有结果了',
      body: `您反映的「${f.text}」，${f.cadreName}已于 ${wxDate(f.at)} 答复办理结果，请确认并评价。`,
      page: residentPage(f.scene),
      data: { thing1: value(fitThing(f.text)), thing2: value(fitThing(f.cadreName)), date3: value(wxDate(f.at)), thing4: value('已有办理结果，请确认并评价') }
    })
  } satisfies KindSpec<DemandDoneFacts>,
  fixDone: {
    label: '差评整改有结果了',
    description: '您给出差评后，整改有了结果时请您评价整改（只在您同意后发送）',
    ...kindRouting.fixDone,
    period: 'once',
    render: (f: FixDoneFacts) => ({
      title: '您反映的问题整改好了',
      body: `针对您的评价，${f.cadreName}所在单位已于 ${wxDate(f.at)} 整改：${f.result}。欢迎您评价整改结果。`,
      page: residentPage(f.scene),
      data: {
        thing1: value(fitThing(`整改：${f.result}`)),
        thing2: value(fitThing(f.cadreName)),
        date3: value(wxDate(f.at)),
        thing4: value('整改有结果了，请您评价')
      }
    })
  } satisfies KindSpec<FixDoneFacts>,
  rateInvite: {
    label: '评价邀请',
    description: '干部走访后邀请您评价（只在您同意后发送）',
    ...kindRouting.rateInvite,
    period: 'once',
    render: (f: RateInviteFacts) => ({
      title: '请为这次走访服务评价',
      body: `${f.cadreName}在 ${wxDate(f.at)} 的走访服务（${f.serviceName}），欢迎您如实评价。`,
      page: residentPage(f.scene),
      data: {
        thing1: value(fitThing(f.serviceName)),
        thing2: value(fitThing(f.cadreName)),
        date3: value(wxDate(f.at)),
        thing4: value('您的评价只有管理员能看到')
      }
    })
  } satisfies KindSpec<RateInviteFacts>,
  monthlySummary: {
    label: '月度小结',
    description: '每月初，您管理范围内上个月的下基层情况（管理员）',
    ...kindRouting.monthlySummary,
    period: 'month',
    render: (f: SummaryFacts) => ({
      title: `${monthLabel(f.month)}下基层小结`,
      body: `${f.orgName}：${f.cadres} 名干部，${monthLabel(f.month)}共走访 ${f.visits} 次，${f.behind} 人下基层天数落后于进度。`,
      page: 'manager/pages/index/index',
      data: {
        thing1: value(fitThing(`${f.orgName}${monthLabel(f.month)}小结`)),
        thing2: value(fitThing(`走访${f.visits}次，${f.behind}人进度落后`)),
        thing3: value('点开查看各位干部的进度')
      }
    })
  } satisfies KindSpec<SummaryFacts>,
  workReviewed: {
    label: '领导批阅',
    description: '上级领导阅读、批示或采纳您的民情日记、调研报告时',
    ...kindRouting.workReviewed,
    period: 'once',
    render: (f: WorkReviewedFacts) => ({
      title: `${f.reviewerName}${reviewVerb[f.action]}您的${reviewTarget[f.targetKind]}`,
      body: `「${f.title}」：${f.reviewerName}${reviewVerb[f.action]}${f.action === 'read' ? '。' : `：${f.comment ?? ''}`}`,
      page: 'work/pages/reviews/index?tab=received',
      data: {
        name1: value(fitName(f.cadreName)),
        thing2: value(fitThing(`${reviewTarget[f.targetKind]}${reviewVerb[f.action]}：${f.title}`)),
        thing3: value(fitThing(f.comment ? `${f.reviewerName}：${f.comment}` : `${f.reviewerName}已阅，点开查看`))
      }
    })
  } satisfies KindSpec<WorkReviewedFacts>
}

export type KindFacts = {
  pace: PaceFacts
  demandDue: DemandFacts
  demandOverdue: DemandFacts
  badReviewFollowUp: BadReviewFacts
  demandDone: DemandDoneFacts
  fixDone: FixDoneFacts
  rateInvite: RateInviteFacts
  monthlySummary: SummaryFacts
  workReviewed: WorkReviewedFacts
}

export const kinds: { [K in ReminderKind]: KindSpec<KindFacts[K]> } = kindSpecs

export function render<K extends ReminderKind>(kind: K, facts: KindFacts[K]): Rendered {
  return (kinds[kind] as KindSpec<KindFacts[K]>).render(facts)
}

/** Why a rendered message would not fit its template (wrong fields or WeChat's field rules), or null. */
export function checkRendered(kind: ReminderKind, r: Rendered): string | null {
  const expected = Object.keys(templates[kinds[kind].template].fields).sort()
  const got = Object.keys(r.data).sort()
  if (expected.join() !== got.join()) return `字段与模板不一致：应为 ${expected.join('、')}`
  for (const k of got) if (!fieldKind(k)) return `未知的字段类型：${k}`
  return checkMessageData(r.data)
}

/** The kinds a role may receive (for settings and the templates to ask consent for). */
export function kindsFor(audience: Audience): ReminderKind[] {
  return reminderKinds.filter((k) => (kinds[k].audience as readonly Audience[]).includes(audience))
}

// ---------------------------------------------------------------- periods, quiet hours, keys

/** ISO week of the Beijing date, e.g. '2026-W09' (a week runs Monday to Sunday, Beijing time). */
export function isoWeek(instant: Date | string | number): string {
  const [y, m, d] = beijingDate(instant).split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  const weekday = date.getUTCDay() || 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday) // the Thursday of this week decides the year
  const year = date.getUTCFullYear()
  const week = Math.ceil(((date.getTime() - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7)
  return `${year}-W${String(week).padStart(2, '0')}`
}

export function periodKey(period: Period, instant: Date | string | number): string {
  switch (period) {
    case 'week':
      return isoWeek(instant)
    case 'month':
      return beijingMonth(instant)
    case 'day':
      return beijingDate(instant)
    case 'once':
      return 'once'
  }
}

export const QUIET_FROM_HOUR = 22
export const QUIET_TO_HOUR = 8

/** No subscribe message is sent 22:00–08:00 Beijing time. */
export function isQuietHour(instant: Date | string | number): boolean {
  const h = beijing(instant).hour()
  return h >= QUIET_FROM_HOUR || h < QUIET_TO_HOUR
}

/** When quiet hours end: the next 08:00 Beijing time (now, when not in quiet hours). */
export function quietUntil(instant: Date | string | number): Date {
  if (!isQuietHour(instant)) return new Date(instant)
  const b = beijing(instant)
  const day = b.hour() >= QUIET_FROM_HOUR ? b.add(1, 'day') : b
  return new Date(`${day.format('YYYY-MM-DD')}T0${QUIET_TO_HOUR}:00:00+08:00`)
}

/**
 * The unique key of a reminder: one per (user, kind, subject, period). It is the reminder document's _id, and
 * the same four fields carry a unique index, so the key is claimed in the database before anything is sent.
 */
export function reminderKey(openid: string, kind: ReminderKind, subject: string, period: string): string {
  return `${kind}:${openid}:${subject}:${period}`
}

// ---------------------------------------------------------------- what the app sees

export { pushStatusLabels }
export type PushStatus = keyof typeof pushStatusLabels
export type { ReminderItem, ReminderPage, ReminderOverview } from './api/reminders'
