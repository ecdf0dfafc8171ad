/**
 * 办实事 ledger and 群众点评: the pure rules both ends share — deadlines by urgency (per organisation),
 * overdue, the rating window, 差评 follow-up deadlines, scene codes for QR codes, tags by level and
 * the satisfaction figures. No I/O here; instants in, instants out; days are Beijing days.
 */
import type { RatingLevel } from '../enums'
import { beijingDate } from './beijing-time'
import { addCalendarDays, endOfBeijingDay, workingDeadline, type HolidayCalendar } from './working-days'
import { defaultRatingGuard, type RatingGuardRules } from './rating-guard'

// ---------------------------------------------------------------- deadlines per organisation

export type Urgency = 'urgent' | 'general' | 'complex'

export interface ServiceRules {
  /** Working days to finish a demand, by urgency; 0 = the end of the same Beijing day. */
  demandDays: Record<Urgency, number>
  /** 回访 after a 差评, in working days. */
  revisitDays: number
  /** 整改 after a 差评, in working days (localities use 5 to 15). */
  rectifyDays: number
  /** How long after the visit (or the closing of a demand, or a fix) a resident may rate, in calendar days. */
  ratingWindowDays: number
  /** When a rating waits for a manager's review instead of counting at once. */
  ratingGuard: RatingGuardRules
}

export const defaultServiceRules: ServiceRules = {
  demandDays: { urgent: 0, general: 7, complex: 15 },
  revisitDays: 1,
  rectifyDays: 15,
  ratingWindowDays: 7,
  ratingGuard: defaultRatingGuard
}

/**
 * Per-organisation overrides (制度创新: a county may set tighter limits). Keyed by org id; the nearest
 * ancestor on the org path with an override wins. Empty by default: every org uses the defaults.
 */
export const orgRuleOverrides: Record<string, Partial<ServiceRules>> = {}

export function rulesFor(orgPath: readonly string[], overrides: Record<string, Partial<ServiceRules>> = orgRuleOverrides): ServiceRules {
  let rules = defaultServiceRules
  for (const id of orgPath) {
    const o = overrides[id]
    if (o)
      rules = { ...rules, ...o, demandDays: { ...rules.demandDays, ...(o.demandDays ?? {}) }, ratingGuard: { ...rules.ratingGuard, ...(o.ratingGuard ?? {}) } }
  }
  return rules
}

/** A demand's deadline: urgent → the end of the same Beijing day; others → end of the n-th working day after. */
export function demandDeadline(createdAt: Date, urgency: Urgency, rules: ServiceRules, calendar: HolidayCalendar): Date {
  const days = rules.demandDays[urgency]
  if (days <= 0) return endOfBeijingDay(beijingDate(createdAt))
  return workingDeadline(createdAt, days, calendar)
}

/** Past its deadline and not yet finished. */
export function isOverdue(d: { deadlineAt: Date | string | null; finishedAt?: Date | string | null }, now: Date): boolean {
  if (!d.deadlineAt) return false
  const end = new Date(d.deadlineAt).getTime()
  if (d.finishedAt) return new Date(d.finishedAt).getTime() > end
  return now.getTime() > end
}

/** 差评 follow-up: 回访 within 1 working day, 整改 within 15 working days (per rules). */
export function caseDeadlines(ratedAt: Date, rules: ServiceRules, calendar: HolidayCalendar): { revisitDueAt: Date; rectifyDueAt: Date } {
  return { revisitDueAt: workingDeadline(ratedAt, rules.revisitDays, calendar), rectifyDueAt: workingDeadline(ratedAt, rules.rectifyDays, calendar) }
}

// ---------------------------------------------------------------- rating window

/** The window closes at the end of the Beijing day `ratingWindowDays` after the event's Beijing date. */
export function ratingWindowEnd(eventAt: Date | string, rules: ServiceRules = defaultServiceRules): Date {
  return endOfBeijingDay(addCalendarDays(beijingDate(eventAt), rules.ratingWindowDays))
}

export function withinRatingWindow(eventAt: Date | string, now: Date, rules: ServiceRules = defaultServiceRules): boolean {
  return now.getTime() >= new Date(eventAt).getTime() - 5 * 60 * 1000 && now.getTime() <= ratingWindowEnd(eventAt, rules).getTime()
}

// ---------------------------------------------------------------- levels, tags, figures

export { levelScores, isBadLevel, tagsByLevel, checkTags } from './rating-levels'

export interface RatingCounts {
  ratings: number
  levels: Partial<Record<RatingLevel, number>>
  scoreSum: number
}

/** 满意率 = (非常满意 + 满意) / all; mean score on 5..1; null when there are no ratings. */
export function satisfaction(c: RatingCounts): { satisfiedShare: number | null; meanScore: number | null; bad: number } {
  const good = (c.levels.verySatisfied ?? 0) + (c.levels.satisfied ?? 0)
  const bad = (c.levels.dissatisfied ?? 0) + (c.levels.veryDissatisfied ?? 0)
  if (c.ratings <= 0) return { satisfiedShare: null, meanScore: null, bad }
  return { satisfiedShare: Math.round((good / c.ratings) * 10000) / 10000, meanScore: Math.round((c.scoreSum / c.ratings) * 100) / 100, bad }
}

// ---------------------------------------------------------------- scene codes

/** WeChat's scene alphabet for wxacode.getUnlimited; at most 32 characters. */
export const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/
export type SceneKind = 'visit' | 'demand' | 'point'
export const scenePrefix: Record<SceneKind, string> = { visit: 'v', demand: 'd', point: 'p' }
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz' // no I, O, l: readable aloud
export const SCENE_RANDOM_LENGTH = 10

/**
 * A scene code: one letter for the kind, then 10 random characters (58^10 ≈ 4e17: guessing one is
 * hopeless, and a collision is caught by the unique _id anyway). 11 characters, within WeChat's 32.
 */
export function makeSceneCode(kind: SceneKind, random: (n: number) => Uint8Array): string {
  return randomCode(scenePrefix[kind], random)
}

/** A prefix and 10 characters of the readable alphabet, without modulo bias (232 = 4 × 58). */
export function randomCode(prefix: string, random: (n: number) => Uint8Array): string {
  const bytes = random(SCENE_RANDOM_LENGTH * 2)
  let out = prefix
  for (let i = 0; out.length < prefix.length + SCENE_RANDOM_LENGTH; i++) {
    const b = bytes[i % bytes.length] ^ (i >= bytes.length ? 0x5a : 0)
    if (b < 232) out += ALPHABET[b % ALPHABET.length]
  }
  return out
}

export function sceneKindOf(scene: string): SceneKind | null {
  if (!SCENE_RE.test(scene) || scene.length !== 1 + SCENE_RANDOM_LENGTH) return null
  const kind = (Object.keys(scenePrefix) as SceneKind[]).find((k) => scenePrefix[k] === scene[0])
  return kind ?? null
}

/** The resident page scanning opens (main package, no leading '/', no query), as getUnlimited wants it. */
export const RESIDENT_PAGE = 'pages/rate/index'

/** What a QR code encodes on h5: the same scene in the hash route. */
export const h5SceneUrl = (scene: string) => `/#/${RESIDENT_PAGE}?scene=${encodeURIComponent(scene)}`

// ---------------------------------------------------------------- anti-abuse

/** Per openid per Beijing day (ratings are held for review instead: types/rules/rating-guard.ts). */
export const RATE_LIMITS = { reports: 5 } as const
