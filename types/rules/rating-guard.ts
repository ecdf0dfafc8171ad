/**
 * 群众点评 from residents only, and only as many as a service event plausibly had: the pure rule that decides
 * whether a new rating counts at once or is HELD for a manager's review (held ratings stay out of every figure
 * until a manager accepts them). No I/O: the ratings function reads the facts and calls `decideHold`.
 *
 * The facts are read AFTER the rating itself is written (insert, then read the event's and the rater's other
 * ratings), so concurrent ratings cannot all slip under a limit: the j-th rating written sees at least the j−1
 * written before it. Under a burst a rating may see a few written just after it too, and be held where a
 * quieter moment would have counted it — the rule errs towards holding, never towards counting.
 *
 * The limits are 制度 (`OrgRules.ratingGuard`), sized for a 座谈会: a visit whose record says it was a
 * gathering (座谈会, 蹲点调研, 问卷调查) takes as many ratings as people were recorded (up to `gatheringMax`),
 * and that many may be first-time raters; a home visit takes a handful, few of them brand new.
 */
import type { WorkMethod } from '../enums'

export interface RatingGuardRules {
  /** A visit whose record is not saved yet. */
  withoutRecord: number
  /** Per work method, when the record gives no head count; for a non-gathering, also the most whatever the count. */
  homeVisit: number
  inspection: number
  other: number
  forum: number
  fieldResearch: number
  survey: number
  /** A gathering never takes more than this, whatever its record says. */
  gatheringMax: number
  /** A closed demand's code (the person, their family). */
  perDemand: number
  /** The burst window, minutes. */
  windowMinutes: number
  /** First-time raters on one event within the window (a gathering with a head count: up to that count). */
  freshPerWindow: number
  /** Ratings from one client IP on one event within the window. */
  ipPerWindow: number
  /** From this many ratings by one person of one cadre in a Beijing month, each further one is held. */
  repeatPerCadreMonth: number
  /** Ratings by one person in a Beijing day beyond which each further one is held. */
  perDay: number
}

export const defaultRatingGuard: RatingGuardRules = {
  withoutRecord: 5,
  homeVisit: 8,
  inspection: 10,
  other: 10,
  forum: 30,
  fieldResearch: 30,
  survey: 50,
  gatheringMax: 300,
  perDemand: 3,
  windowMinutes: 10,
  freshPerWindow: 3,
  ipPerWindow: 10,
  repeatPerCadreMonth: 3,
  perDay: 20
}

/** Methods that gather people: their record's head count is the plausible number of raters. */
export const gatheringMethods: readonly WorkMethod[] = ['forum', 'fieldResearch', 'survey']

/** A home visit's count leaves out the family at home: this many more may rate. */
export const HOUSEHOLD_SLACK = 2

/** A rater is new when none of their ratings is older than this (an identity made for the occasion). */
export const FRESH_MS = 24 * 60 * 60 * 1000

/** Fewer ratings than this in a period and the rated cadre sees no levels, shares or comments of it: one or two
 * ratings would tell them who rated how. */
export const MIN_RATINGS_SHOWN = 3

export const holdReasons = {
  overCap: '超过这次活动合理的评价人数',
  freshBurst: '短时间内大量首次评价的用户',
  ipBurst: '短时间内同一网络大量评价',
  repeatRater: '同一人本月多次评价同一干部',
  dailyLimit: '同一人当天评价次数过多'
} as const
export type HoldReason = keyof typeof holdReasons

export interface EventSize {
  /** How many ratings the event plausibly takes. */
  cap: number
  /** How many first-time raters within the window. */
  freshLimit: number
  /** What the size rests on, in words (shown to the manager reviewing held ratings). */
  basis: string
}

/** The plausible size of a visit from its record (method and head count), or of a closed demand. */
export function eventSize(
  target: { kind: 'visit'; record: { method: WorkMethod; peopleMet: { count: number } } | null } | { kind: 'demand' } | { kind: 'fix' },
  g: RatingGuardRules
): EventSize {
  if (target.kind === 'fix') return { cap: 1, freshLimit: 1, basis: '整改结果（只由原评价人评价）' }
  if (target.kind === 'demand') return { cap: g.perDemand, freshLimit: Math.min(g.perDemand, g.freshPerWindow), basis: `办结的诉求（至多 ${g.perDemand} 人）` }
  const r = target.record
  if (!r) return { cap: g.withoutRecord, freshLimit: Math.min(g.withoutRecord, g.freshPerWindow), basis: `走访记录未填（至多 ${g.withoutRecord} 人）` }
  const byMethod = g[r.method]
  const count = Math.max(0, Math.floor(r.peopleMet.count))
  if (gatheringMethods.includes(r.method)) {
    if (count <= 0)
      return {
        cap: Math.min(byMethod, g.gatheringMax),
        freshLimit: Math.min(byMethod, g.gatheringMax),
        basis: `未记人数（至多 ${Math.min(byMethod, g.gatheringMax)} 人）`
      }
    const cap = Math.min(count, g.gatheringMax)
    return { cap, freshLimit: cap, basis: `记录 ${count} 人参加${count > g.gatheringMax ? `（至多 ${g.gatheringMax} 人）` : ''}` }
  }
  const cap = count > 0 ? Math.min(count + HOUSEHOLD_SLACK, byMethod) : byMethod
  return { cap, freshLimit: Math.min(cap, g.freshPerWindow), basis: count > 0 ? `记录见到 ${count} 人（至多 ${cap} 人评价）` : `未记人数（至多 ${cap} 人）` }
}

/** One other rating as the guard sees it (only what the rule needs: never who). */
export interface GuardFact {
  id: string
  createdAt: Date
  /** Same event as the new rating. */
  sameEvent: boolean
  /** By the same rater (their ratings of this and last Beijing month). */
  sameRater: boolean
  /** The event's rating came from the same client IP (compared as a hash per event). */
  sameIp: boolean
  fresh: boolean
  cadreId: string
  targetKind: 'visit' | 'demand' | 'fix'
  month: string
  date: string
}

export interface GuardInput {
  now: Date
  month: string
  date: string
  cadreId: string
  targetKind: 'visit' | 'demand' | 'fix'
  size: EventSize
  rules: RatingGuardRules
  /** The other ratings read after this one was written (itself excluded). */
  others: readonly GuardFact[]
  /** The read came back full: there may be more than it shows. */
  truncated: boolean
}

/** Whether the new rating's rater is a first-time one: none of their other ratings is older than FRESH_MS. */
export function isFresh(now: Date, others: readonly Pick<GuardFact, 'sameRater' | 'createdAt'>[]): boolean {
  return !others.some((o) => o.sameRater && now.getTime() - o.createdAt.getTime() > FRESH_MS)
}

/** The reasons to hold the new rating (empty: it counts). A fix is rated by its one rater: never held. */
export function decideHold(f: GuardInput & { fresh: boolean }): HoldReason[] {
  if (f.targetKind === 'fix') return []
  const reasons: HoldReason[] = []
  const since = f.now.getTime() - f.rules.windowMinutes * 60_000
  const event = f.others.filter((o) => o.sameEvent)
  const recent = event.filter((o) => o.createdAt.getTime() >= since)
  const mine = f.others.filter((o) => o.sameRater && o.targetKind !== 'fix')
  if (event.length >= f.size.cap || f.truncated) reasons.push('overCap')
  if (f.fresh && recent.filter((o) => o.fresh).length >= f.size.freshLimit) reasons.push('freshBurst')
  if (recent.filter((o) => o.sameIp).length >= f.rules.ipPerWindow) reasons.push('ipBurst')
  if (mine.filter((o) => o.cadreId === f.cadreId && o.month === f.month).length >= f.rules.repeatPerCadreMonth - 1) reasons.push('repeatRater')
  if (mine.filter((o) => o.date === f.date).length >= f.rules.perDay) reasons.push('dailyLimit')
  return reasons
}

/**
 * The keys a rating is found by in the guard's one read (a multikey index): its event, and its rater's month.
 * `raterKey` is a hash of the openid, never the openid.
 */
export const eventGuardKey = (targetKind: string, targetId: string) => `e|${targetKind}|${targetId}`
export const raterGuardKey = (raterKey: string, month: string) => `r|${raterKey}|${month}`

/** How many other ratings the guard reads at most: the event's cap and one, and the rater's two months. */
export const guardReadLimit = (cap: number) => Math.min(1000, cap + 1 + 200)
