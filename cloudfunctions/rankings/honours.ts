/**
 * 表彰 / 通报: monthly lists of a node drawn from its rules and the month's cadreScores, as a
 * draft its manager reviews (an entry may be taken off, with a reason kept on the record) and publishes.
 * Published lists are read by everyone in the node's subtree. Outcomes only: score, satisfaction over enough
 * ratings, demands overdue, 差评 not revisited — never days at the grassroots.
 */
import type { OrgRules } from '@/types/org-rules'
import { honourKindLabels, type CadreScoreDoc, type HonourKind, type HonourList, type HonourListDoc } from '@/types/outcomes'
import { noticeReasons, pickHonours } from '@/types/rules/score'
import { _ } from '../_lib/cloud'
import { collection, type OrgDoc, type UserDoc } from '../_lib/collections'
import { isManagerOf } from '../_lib/auth'
import { rows } from '../_lib/query'
import { levelOfPath } from './shared'
import { iso } from '../_lib/iso'

/** Most documents a draft reads (a province of 10,000 cadres reads the first pages for 表彰 only). */
export const MAX_SCAN = 5000
const PAGE = 500

const pct = (r: number) => `${Math.round(r * 1000) / 10}%`

export function ruleText(kind: HonourKind, r: OrgRules): string {
  if (kind === 'honours')
    return `得分排名前 ${r.honours.topN} 位，满意率不低于 ${pct(r.honours.minSatisfaction)}，且至少有 ${Math.max(1, r.honours.minRatings)} 条群众评价`
  // Outcome failures only: never "behind the days pace" (国办函〔2026〕12号).
  return `超期未办诉求达到 ${r.notices.overdueDemands} 件；或未回访差评达到 ${r.notices.unfollowedBadReviews} 件`
}

/** Walks the node's cadreScores for the month in rank order, page by page, until `enough` says stop. */
async function walk(org: OrgDoc, month: string, visit: (d: CadreScoreDoc) => boolean): Promise<void> {
  const level = levelOfPath(org.path)
  let after: string | null = null
  for (let read = 0; read < MAX_SCAN;) {
    const where: Record<string, unknown> = { period: month, [`scope.${level}`]: org._id, ...(after ? { sortKey: _.gt(after) } : {}) }
    const page: CadreScoreDoc[] = await rows<CadreScoreDoc>(collection('cadreScores').where(where).orderBy('sortKey', 'asc').limit(PAGE))
    read += page.length
    for (const d of page) if (!visit(d)) return
    if (page.length < PAGE) return
    after = page[page.length - 1].sortKey
  }
}

export async function draftEntries(kind: HonourKind, org: OrgDoc, month: string, rules: OrgRules): Promise<HonourListDoc['entries']> {
  const out: HonourListDoc['entries'] = []
  const entry = (d: CadreScoreDoc, reasons: string[]) => ({
    cadreId: d.cadreId,
    cadreName: d.cadreName,
    orgName: d.orgName,
    score: d.score,
    satisfiedShare: d.satisfiedShare,
    ratings: d.figures.ratings.count,
    reasons,
    removed: null
  })
  if (kind === 'honours') {
    await walk(org, month, (d) => {
      const [pick] = pickHonours([{ cadreId: d.cadreId, score: d.score, satisfiedShare: d.satisfiedShare, ratings: d.figures.ratings.count }], rules.honours)
      if (pick) out.push(entry(d, [`得分 ${d.score}，满意率 ${pct(d.satisfiedShare ?? 0)}（${d.figures.ratings.count} 条评价）`]))
      return out.length < rules.honours.topN
    })
    return out
  }
  await walk(org, month, (d) => {
    const reasons = noticeReasons(
      {
        overdue: d.figures.demands.overdue,
        cases: d.figures.ratings.cases,
        revisited: d.figures.ratings.revisitOnTime + d.figures.ratings.revisitLate
      },
      rules.notices
    )
    if (reasons.length)
      out.push(
        entry(
          d,
          reasons.map((r) => r.detail)
        )
      )
    return true
  })
  return out
}

/** What a reader sees: entries taken off stay on the record for managers only. */
export function toHonourList(doc: HonourListDoc, user: UserDoc): HonourList {
  const manager = isManagerOf(user, doc.orgPath)
  return {
    id: doc._id,
    kind: doc.kind,
    orgId: doc.orgId,
    orgName: doc.orgName,
    month: doc.month,
    status: doc.status,
    rule: doc.rule,
    entries: doc.entries
      .filter((e) => manager || !e.removed)
      .map((e) => ({ ...e, removed: e.removed && manager ? { reason: e.removed.reason, byName: e.removed.byName, at: iso(e.removed.at)! } : null })),
    generatedAt: iso(doc.generatedAt)!,
    published: doc.published ? { byName: doc.published.byName, at: iso(doc.published.at)! } : null,
    canEdit: manager && doc.status === 'draft'
  }
}

export const listTitle = (doc: Pick<HonourListDoc, 'orgName' | 'month' | 'kind'>) =>
  `${doc.orgName} ${Number(doc.month.slice(0, 4))} 年 ${Number(doc.month.slice(5, 7))} 月${honourKindLabels[doc.kind]}名单`
