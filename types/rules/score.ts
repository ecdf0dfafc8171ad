/**
 * 成效得分 (issue 5, item 3): a composite 0–100 from a cadre's outcome figures for one period, with each
 * component's points shown so the cadre can check it. Pure: figures in, score out.
 *
 *   component        ratio (0..1)                                                    no data
 *   satisfaction     (非常满意 + 满意) / ratings                                       no ratings → left out
 *   demands          solved on time / (solved + open past the deadline)              none due → left out
 *   badReviews       (回访 on time + 整改 done) / (2 × 差评 cases)                    no 差评 → full (nothing to follow up)
 *   fiveMustVisit    五必访 households visited this year / registered                 none registered → left out
 *   days             min(days, pro-rated target) / pro-rated target                  target 0 → left out
 *
 * points = ratio × effective weight, where the effective weights are the rule's weights of the components that
 * have data, scaled so they add to 100 again ("没有数据的项不计分，其余各项按比例放大"). Each component's points
 * are rounded to one decimal and the score is their sum, so the cadre can add the breakdown up.
 * Days beyond the pace add nothing: more is not better.
 *
 * Ties (same score) are broken by higher satisfaction (no ratings counts lowest), then more demands solved, then
 * the cadre id — `sortKey` encodes exactly this order, ascending = better.
 */
import type { ScoreWeights } from '../org-rules'
import { scoreComponentLabels, scoreComponents, type PeriodFigures, type Score, type ScoreComponent, type ScoreComponentKey } from '../outcomes'

const round1 = (n: number) => Math.round(n * 10) / 10
const pct = (r: number) => `${Math.round(r * 1000) / 10}%`

interface Raw {
  ratio: number | null
  detail: string
}

function raw(f: PeriodFigures): Record<ScoreComponentKey, Raw> {
  const r = f.ratings
  const d = f.demands
  const due = d.solved + d.overdue
  const cases = r.cases
  const followed = Math.min(2 * cases, r.revisitOnTime + r.rectified)
  const h = f.fiveMustVisit
  const target = f.days.target
  return {
    satisfaction:
      r.count > 0
        ? { ratio: r.satisfied / r.count, detail: `${r.count} 条评价中 ${r.satisfied} 条满意或非常满意（${pct(r.satisfied / r.count)}）` }
        : { ratio: null, detail: '本期还没有群众评价，这一项不计分' },
    demands:
      due > 0
        ? { ratio: d.solvedOnTime / due, detail: `应办结 ${due} 件（已办结 ${d.solved} 件，超期未办 ${d.overdue} 件），按时办结 ${d.solvedOnTime} 件` }
        : { ratio: null, detail: '本期没有到期的群众诉求，这一项不计分' },
    badReviews:
      cases > 0
        ? { ratio: followed / (2 * cases), detail: `${cases} 件差评：按时回访 ${r.revisitOnTime} 件，整改完成 ${r.rectified} 件` }
        : { ratio: 1, detail: '本期没有差评，这一项满分' },
    fiveMustVisit:
      h.households > 0
        ? { ratio: Math.min(1, h.visited / h.households), detail: `登记五必访对象 ${h.households} 户，今年已走访 ${h.visited} 户` }
        : { ratio: null, detail: '还没有登记五必访对象，这一项不计分' },
    days:
      target > 0
        ? { ratio: Math.min(1, f.days.count / target), detail: `下沉 ${f.days.count} 天，按进度应有 ${target} 天（超过进度不再加分）` }
        : { ratio: null, detail: '这一期还没开始，这一项不计分' }
  }
}

export function computeScore(f: PeriodFigures, weights: ScoreWeights): Score {
  const parts = raw(f)
  const present = scoreComponents.filter((k) => parts[k].ratio !== null && weights[k] > 0)
  const total = present.reduce((s, k) => s + weights[k], 0)
  const breakdown: ScoreComponent[] = scoreComponents.map((key) => {
    const { ratio, detail } = parts[key]
    const effectiveWeight = ratio === null || total === 0 ? 0 : round1((weights[key] * 100) / total)
    const points = ratio === null || total === 0 ? 0 : round1((weights[key] * 100 * ratio) / total)
    return { key, label: scoreComponentLabels[key], weight: weights[key], effectiveWeight, ratio: ratio === null ? null : Math.round(ratio * 10000) / 10000, points, detail }
  })
  const score = round1(breakdown.reduce((s, c) => s + c.points, 0))
  return { score: Math.min(100, score), breakdown }
}

const pad = (n: number, width: number) => String(Math.max(0, Math.round(n))).padStart(width, '0')

/**
 * Ascending = better: score desc, satisfaction desc (none lowest), demands solved desc, then the cadre id — so
 * the key is unique and a page cursor is just the last key.
 */
export function cadreSortKey(score: number, share: number | null, solved: number, cadreId: string): string {
  return [pad(1000 - score * 10, 4), pad(share === null ? 10001 : 10000 - share * 10000, 5), pad(999999 - Math.min(solved, 999999), 6), cadreId].join('.')
}

/** Ascending = better for units: mean score desc (no cadres last), satisfaction desc, then the org id. */
export function unitSortKey(meanScore: number | null, share: number | null, orgId: string): string {
  return [pad(meanScore === null ? 100001 : 100000 - meanScore * 1000, 6), pad(share === null ? 10001 : 10000 - share * 10000, 5), orgId].join('.')
}

/** Compares two cadres (or units) the way the ranking does. */
export const compareBySortKey = (a: { sortKey: string }, b: { sortKey: string }): number => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)

/**
 * What would raise the score: the components that lost the most points, in plain words, at most three.
 */
export function scoreTips(f: PeriodFigures, s: Score): string[] {
  const lost = s.breakdown
    .map((c) => ({ c, lost: c.ratio === null ? c.weight : c.effectiveWeight - c.points }))
    .filter((x) => x.lost > 0.05)
    .sort((a, b) => b.lost - a.lost)
  const tips: string[] = []
  for (const { c } of lost) {
    const tip = tipFor(c.key, f, c.ratio === null)
    if (tip) tips.push(tip)
    if (tips.length === 3) break
  }
  return tips
}

function tipFor(key: ScoreComponentKey, f: PeriodFigures, noData: boolean): string | null {
  switch (key) {
    case 'satisfaction':
      if (noData) return '走访和办结诉求后，请群众扫您的二维码评价：有评价后满意度才计分'
      return `满意率 ${pct(f.ratings.satisfied / f.ratings.count)}：把群众反映的事办实办好，办结后请群众评价`
    case 'demands':
      if (f.demands.overdue > 0) return `有 ${f.demands.overdue} 件诉求已超过期限，尽快办结或报请协调`
      if (f.demands.finishedLate > 0) return `有 ${f.demands.finishedLate} 件诉求办结晚了，下次在期限内办结`
      return null
    case 'badReviews': {
      const open = Math.max(0, f.ratings.cases - f.ratings.rectified)
      return open > 0 ? `有 ${open} 件差评还没整改完成：及时回访群众，限期整改` : '差评要在 1 个工作日内回访，限期整改'
    }
    case 'fiveMustVisit': {
      if (noData) return null
      const left = f.fiveMustVisit.households - f.fiveMustVisit.visited
      return left > 0 ? `还有 ${left} 户五必访对象今年没有走访` : null
    }
    case 'days': {
      const gap = Math.ceil(f.days.target - f.days.count)
      return gap > 0 ? `按进度还差 ${gap} 天下沉（达到进度即满分，多了不加分）` : null
    }
  }
}

// ---------------------------------------------------------------- 表彰 / 通报

export interface HonourCandidate {
  cadreId: string
  score: number
  satisfiedShare: number | null
  ratings: number
}

/** Whether a cadre may be commended: satisfaction at least the threshold over at least `minRatings` ratings. */
export function honourEligible(c: HonourCandidate, rule: { minSatisfaction: number; minRatings: number }): boolean {
  return c.ratings >= Math.max(1, rule.minRatings) && c.satisfiedShare !== null && c.satisfiedShare >= rule.minSatisfaction
}

/** The top `topN` eligible cadres, in ranking order (the input must already be in ranking order). */
export function pickHonours<T extends HonourCandidate>(ranked: readonly T[], rule: { topN: number; minSatisfaction: number; minRatings: number }): T[] {
  return ranked.filter((c) => honourEligible(c, rule)).slice(0, rule.topN)
}

export type NoticeReason = 'behindPace' | 'overdueDemands' | 'unfollowedBadReviews'
export const noticeReasonLabels: Record<NoticeReason, string> = {
  behindPace: '下沉进度落后',
  overdueDemands: '诉求超期未办',
  unfollowedBadReviews: '差评未回访'
}

/**
 * Why a cadre is named for action this month, outcomes only: behind the year's days pace by more than
 * `behindPaceDays`, at least `overdueDemands` demands open past the deadline, at least `unfollowedBadReviews`
 * 差评 with no 回访 at all. Each reason with the figure in plain words; empty = not named.
 */
export function noticeReasons(
  x: { pace: { expected: number; actual: number }; overdue: number; cases: number; revisited: number },
  rule: { behindPaceDays: number; overdueDemands: number; unfollowedBadReviews: number }
): { reason: NoticeReason; detail: string }[] {
  const out: { reason: NoticeReason; detail: string }[] = []
  const behind = Math.floor(x.pace.expected - x.pace.actual)
  if (behind > rule.behindPaceDays) out.push({ reason: 'behindPace', detail: `今年下沉 ${x.pace.actual} 天，按进度应有 ${Math.floor(x.pace.expected)} 天，落后 ${behind} 天` })
  if (x.overdue >= rule.overdueDemands) out.push({ reason: 'overdueDemands', detail: `${x.overdue} 件诉求超过期限未办结` })
  const unfollowed = Math.max(0, x.cases - x.revisited)
  if (unfollowed >= rule.unfollowedBadReviews) out.push({ reason: 'unfollowedBadReviews', detail: `${unfollowed} 件差评没有回访` })
  return out
}
