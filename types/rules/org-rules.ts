/**
 * 制度 per organisation and year: the pure merge of the rule documents on an org path.
 * Documents are walked from the province down; a document's value for a field replaces the inherited one
 * unless a strict ancestor locked that field (a lock at a node fixes that node's value for its whole subtree,
 * the node's own manager included — only the province admin sets and lifts locks). A year without documents
 * uses the defaults. Fields are the top-level keys of OrgRules: a nested object (deadlines, weights …) is
 * overridden as a whole, so the score weights always add up to 100.
 */
import { OrgRules, adminOnlyRuleFields, defaultOrgRules, type RuleField } from '../org-rules'
import type { ServiceRules } from './service'

export const ruleFields = Object.keys(defaultOrgRules) as RuleField[]

/** What one `orgRules` document holds (its _id is `${orgId}_${year}`). */
export interface RuleDocLike {
  orgId: string
  values: Partial<OrgRules>
  locked: readonly RuleField[]
}

export interface MergedRules {
  rules: OrgRules
  /** The org whose document gave each value; null = the default. */
  source: Record<RuleField, string | null>
  /** The org that locked each locked field. */
  lockedBy: Partial<Record<RuleField, string>>
}

export const ruleDocId = (orgId: string, year: number) => `${orgId}_${year}`

/** Merges the documents found for the nodes of `orgPath` (province first); documents of other nodes are ignored. */
export function mergeRules(orgPath: readonly string[], docs: readonly RuleDocLike[]): MergedRules {
  const byOrg = new Map(docs.map((d) => [d.orgId, d]))
  const rules: Record<string, unknown> = { ...defaultOrgRules }
  const source = Object.fromEntries(ruleFields.map((f) => [f, null])) as Record<RuleField, string | null>
  const lockedBy: Partial<Record<RuleField, string>> = {}
  for (const orgId of orgPath) {
    const doc = byOrg.get(orgId)
    if (!doc) continue
    for (const field of ruleFields) {
      if (lockedBy[field] !== undefined) continue
      const value = (doc.values as Record<string, unknown>)[field]
      if (value === undefined) continue
      rules[field] = value
      source[field] = orgId
    }
    for (const field of doc.locked) if (lockedBy[field] === undefined && ruleFields.includes(field)) lockedBy[field] = orgId
  }
  return { rules: rules as OrgRules, source, lockedBy }
}

/** The part the ledger and the ratings read. */
export function toServiceRules(r: OrgRules): ServiceRules {
  return {
    demandDays: { ...r.demandDays },
    revisitDays: r.revisitDays,
    rectifyDays: r.rectifyDays,
    ratingWindowDays: r.ratingWindowDays,
    ratingGuard: { ...r.ratingGuard }
  }
}

/**
 * Who may change `field` at `orgId` (whose path is `orgPath`, ending with orgId), given the merge of the
 * ancestors' and the node's own documents: null when allowed, else the reason.
 */
export function editBlock(field: RuleField, orgPath: readonly string[], merged: MergedRules, asAdmin: boolean): string | null {
  if (!asAdmin && adminOnlyRuleFields.includes(field)) return 'adminOnly'
  const at = merged.lockedBy[field]
  if (at === undefined) return null
  const own = orgPath[orgPath.length - 1]
  if (at !== own) return 'ancestorLocked'
  return asAdmin ? null : 'ownLocked'
}

/** Checks one field's value against the contract; returns the parsed value or a message. */
export function parseRuleValue(field: RuleField, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const schema = OrgRules.shape[field]
  const parsed = schema.safeParse(value)
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, message: parsed.error.issues[0]?.message ?? '格式不对' }
}

/** The offline window every org may use; longer ones are the province admin's to grant. */
export const STANDARD_OFFLINE_HOURS = 72

/**
 * A value only the province admin may set, with the reason (null: any manager allowed to edit the field may).
 * A longer offline window weakens the fix-age check, so a county cannot grant it to itself.
 */
export function adminOnlyValue(field: RuleField, value: unknown): string | null {
  if (field === 'offlineHours' && typeof value === 'number' && value > STANDARD_OFFLINE_HOURS) {
    return `离线补传期限超过 ${STANDARD_OFFLINE_HOURS} 小时（最多 7 天，用于牧区等信号很差的地方）只能由省活动办设置`
  }
  return null
}

/** Chinese names of the fields, for the 制度设置 page and the history. */
export const ruleFieldLabels: Record<RuleField, string> = {
  daysTarget: '每年下基层天数目标',
  checkInRadiusM: '打卡范围（米）',
  photoPolicy: '照片要求',
  offlineHours: '离线打卡补传期限（小时）',
  ratingWindowDays: '群众评价期限（天）',
  demandDays: '诉求办理时限（工作日）',
  revisitDays: '差评回访时限（工作日）',
  rectifyDays: '差评整改时限（工作日）',
  scoreWeights: '综合评分权重',
  satisfactionScoring: '满意度怎样计分',
  ratingGuard: '群众评价待审核条件',
  honours: '表彰条件',
  notices: '通报条件',
  ownRankVisible: '干部本人能否看到自己的排名',
  absenceApproval: '干部登记请假/培训/抽调',
  fourHundredTargets: '四个百家年度目标（占名册户数）'
}

/** Plain words for a value (history and the rules page). */
export function describeRuleValue(field: RuleField, value: unknown): string {
  if (value === undefined || value === null) return '（沿用上级）'
  const v = value as Record<string, number>
  switch (field) {
    case 'photoPolicy':
      return value === 'off' ? '不用拍照' : '拍照可选'
    case 'offlineHours':
      return Number(value) % 24 === 0 ? `${value} 小时（${Number(value) / 24} 天）` : `${value} 小时`
    case 'demandDays':
      return `紧急 ${v.urgent === 0 ? '当天' : `${v.urgent} 天`}，一般 ${v.general} 天，复杂 ${v.complex} 天`
    case 'scoreWeights':
      return `满意度 ${v.satisfaction}，办实事 ${v.demands}，差评整改 ${v.badReviews}，五必访 ${v.fiveMustVisit}（下基层天数只看进度，不计分）`
    case 'satisfactionScoring':
      return satisfactionScoringText(value as { method: 'minRatings' | 'wilson'; minRatings: number })
    case 'honours':
      return `前 ${v.topN} 名，满意率不低于 ${Math.round(v.minSatisfaction * 100)}%，至少 ${v.minRatings} 条评价`
    case 'fourHundredTargets':
      return `进百家门 ${v.entered}%，知百家情 ${v.known}%，解百家忧 ${v.relieved}%，暖百家心 ${v.warmed}%`
    case 'ratingGuard':
      return `座谈会等按记录人数（至多 ${v.gatheringMax} 人），上门走访至多 ${v.homeVisit} 人，未填记录 ${v.withoutRecord} 人；${v.windowMinutes} 分钟内新用户超过 ${v.freshPerWindow} 人或同一网络超过 ${v.ipPerWindow} 条、同一人本月第 ${v.repeatPerCadreMonth} 次评价同一干部、当天超过 ${v.perDay} 次，待管理员审核`
    case 'notices':
      return `超期诉求 ${v.overdueDemands} 件，差评未跟进 ${v.unfollowedBadReviews} 条`
    case 'ownRankVisible':
      return value ? '干部能看到自己的排名' : '排名只给管理员看'
    case 'absenceApproval':
      return value === 'self' ? '干部登记后即生效（管理员可见）' : '干部登记后由管理员审批'
    default:
      return String(value)
  }
}

/** The satisfaction rule in plain words (the rules page and 我的成效 say which method scores). */
export function satisfactionScoringText(r: { method: 'minRatings' | 'wilson'; minRatings: number }): string {
  return r.method === 'wilson' ? `满 ${r.minRatings} 条评价才计分，按置信下限（Wilson）计：评价越少，算得越保守` : `满 ${r.minRatings} 条评价才计分，按满意率计`
}
