/**
 * 成效得分: a composite 0–100 from a cadre's outcome figures for one period, with each component's points shown so
 * the cadre can check it. Pure: figures and rules in, score out.
 *
 *   component        ratio (0..1)                                                    no data
 *   satisfaction     by the rule (below)                                             under the rule's minimum → left out
 *   demands          solved on time / (solved + open past the deadline)              none due → left out
 *   badReviews       (回访 on time + 整改 done) / (2 × 差评 cases)                    no 差评 among enough ratings → full;
 *                                                                                    fewer ratings → left out
 *   fiveMustVisit    五必访 households visited this year / registered                 none registered → left out
 *
 * Days at the grassroots are no component: 国办函〔2026〕12号 forbids turning 打卡 counts into assessment, so they
 * stay the cadre's own pace indicator toward the yearly target.
 *
 * points = ratio × effective weight, where the effective weights are the rule's weights of the components that
 * have data, scaled so they add to 100 again ("没有数据的项不计分，其余各项按比例放大"). Each component's points
 * are rounded to one decimal and the score is their sum, so the cadre can add the breakdown up. Nothing to score
 * at all is 0 (no outcomes yet), never a full score for want of a 差评.
 *
 * Satisfaction (rule `satisfactionScoring`): nothing below `minRatings` ratings — a small sample is no verdict, and
 * under 3 it would also tell the rated cadre how one rater voted. From there 'minRatings' scores the plain share of
 * 满意 + 非常满意; 'wilson' scores the lower bound of that share's 95 % Wilson score interval, so few ratings weigh
 * less than many (4 of 4: 51 %, 19 of 20: 76 %, 95 of 100: 89 %).
 *
 * Ties (same score) are broken by higher scored satisfaction (none lowest), then more demands solved, then the
 * cadre id — `cadreSortKey` encodes exactly this order, ascending = better.
 */
import type { SatisfactionScoring, ScoreWeights } from '../org-rules'
import { scoreComponentLabels, scoreComponents, type PeriodFigures, type Score, type ScoreComponent, type ScoreComponentKey } from '../outcomes'
import { satisfactionScoringText } from './org-rules'

const round1 = (n: number) => Math.round(n * 10) / 10
const pct = (r: number) => `${Math.round(r * 1000) / 10}%`

/** Fewer ratings than this are never scored nor shown split by level to the rated cadre. */
export const ANONYMITY_MIN_RATINGS = 3

/** Lower bound of the 95 % Wilson score interval for `k` successes in `n` trials (0 when n = 0). */
export function wilsonLowerBound(k: number, n: number, z = 1.959964): number {
  if (n <= 0) return 0
  const p = k / n
  const z2 = z * z
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n)
}

/** The least number of ratings from which satisfaction is scored under the rule. */
export const satisfactionMinimum = (rule: SatisfactionScoring): number => Math.max(ANONYMITY_MIN_RATINGS, rule.minRatings)

/** The satisfaction ratio a score uses under the rule (4 decimals), or null below its minimum number of ratings. */
export function scoredSatisfaction(satisfied: number, count: number, rule: SatisfactionScoring): number | null {
  if (count < satisfactionMinimum(rule)) return null
  const ratio = rule.method === 'wilson' ? wilsonLowerBound(satisfied, count) : satisfied / count
  return Math.round(ratio * 10000) / 10000
}

/** The parts of 制度 a score reads. */
export interface ScoreRules {
  scoreWeights: ScoreWeights
  satisfactionScoring: SatisfactionScoring
}

/** How satisfaction is scored, in plain words, for every page that shows a score. */
export const satisfactionRuleText = (rules: Pick<ScoreRules, 'satisfactionScoring'>): string => `满意度：${satisfactionScoringText(rules.satisfactionScoring)}`

interface Raw {
  ratio: number | null
  detail: string
}

function raw(f: PeriodFigures, rules: ScoreRules): Record<ScoreComponentKey, Raw> {
  const r = f.ratings
  const d = f.demands
  const due = d.solved + d.overdue
  const cases = r.cases
  const followed = Math.min(2 * cases, r.revisitOnTime + r.rectified)
  const h = f.fiveMustVisit
  const sat = rules.satisfactionScoring
  const satRatio = scoredSatisfaction(r.satisfied, r.count, sat)
  const wilsonNote = satRatio !== null && sat.method === 'wilson' ? `，按置信下限计 ${pct(satRatio)}` : ''
  return {
    satisfaction:
      satRatio !== null
        ? { ratio: satRatio, detail: `${r.count} 条评价中 ${r.satisfied} 条满意或非常满意（${pct(r.satisfied / r.count)}）${wilsonNote}` }
        : {
            ratio: null,
            detail: r.count > 0 ? `本期 ${r.count} 条评价，不足 ${satisfactionMinimum(sat)} 条，这一项暂不计分` : '本期还没有群众评价，这一项不计分'
          },
    demands:
      due > 0
        ? { ratio: d.solvedOnTime / due, detail: `应办结 ${due} 件（已办结 ${d.solved} 件，超期未办 ${d.overdue} 件），按时办结 ${d.solvedOnTime} 件` }
        : { ratio: null, detail: '本期没有到期的群众诉求，这一项不计分' },
    badReviews:
      cases > 0
        ? { ratio: followed / (2 * cases), detail: `${cases} 件差评：按时回访 ${r.revisitOnTime} 件，整改完成 ${r.rectified} 件` }
        : r.count >= satisfactionMinimum(sat)
          ? { ratio: 1, detail: `${r.count} 条评价中没有差评，这一项满分` }
          : { ratio: null, detail: '本期没有差评要跟进，评价也还不多，这一项不计分' },
    fiveMustVisit:
      h.households > 0
        ? { ratio: Math.min(1, h.visited / h.households), detail: `登记五必访对象 ${h.households} 户，今年已走访 ${h.visited} 户` }
        : { ratio: null, detail: '还没有登记五必访对象，这一项不计分' }
  }
}

export function computeScore(f: PeriodFigures, rules: ScoreRules): Score {
  const weights = rules.scoreWeights
  const parts = raw(f, rules)
  const present = scoreComponents.filter((k) => parts[k].ratio !== null && weights[k] > 0)
  const total = present.reduce((s, k) => s + weights[k], 0)
  const breakdown: ScoreComponent[] = scoreComponents.map((key) => {
    const { ratio, detail } = parts[key]
    const effectiveWeight = ratio === null || total === 0 ? 0 : round1((weights[key] * 100) / total)
    const points = ratio === null || total === 0 ? 0 : round1((weights[key] * 100 * ratio) / total)
    return {
      key,
      label: scoreComponentLabels[key],
      weight: weights[key],
      effectiveWeight,
      ratio: ratio === null ? null : Math.round(ratio * 10000) / 10000,
      points,
      detail
    }
  })
  const score = round1(breakdown.reduce((s, c) => s + c.points, 0))
  return { score: Math.min(100, score), breakdown }
}

/** The satisfaction ratio a computed score used (null when left out). */
export const scoredShareOf = (s: Score): number | null => s.breakdown.find((c) => c.key === 'satisfaction')?.ratio ?? null

const pad = (n: number, width: number) => String(Math.max(0, Math.round(n))).padStart(width, '0')

/**
 * Ascending = better: score desc, scored satisfaction desc (none lowest), demands solved desc, then the cadre id —
 * so the key is unique and a page cursor is just the last key.
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
 * What would raise the score: the components that lost the most points, in plain words, at most three. Never
 * "visit more days": days are no part of the score.
 */
export function scoreTips(f: PeriodFigures, s: Score, rules: Pick<ScoreRules, 'satisfactionScoring'>): string[] {
  const lost = s.breakdown
    .map((c) => ({ c, lost: c.ratio === null ? c.weight : c.effectiveWeight - c.points }))
    .filter((x) => x.lost > 0.05)
    .sort((a, b) => b.lost - a.lost)
  const tips: string[] = []
  for (const { c } of lost) {
    const tip = tipFor(c.key, f, c.ratio === null, rules)
    if (tip) tips.push(tip)
    if (tips.length === 3) break
  }
  return tips
}

function tipFor(key: ScoreComponentKey, f: PeriodFigures, noData: boolean, rules: Pick<ScoreRules, 'satisfactionScoring'>): string | null {
  switch (key) {
    case 'satisfaction':
      if (noData) return `走访或办结诉求后，可以出示二维码请群众自愿评价：满 ${satisfactionMinimum(rules.satisfactionScoring)} 条评价后满意度才计分`
      return '把群众反映的事办实办好，办结后请群众自愿评价'
    case 'demands':
      if (f.demands.overdue > 0) return `有 ${f.demands.overdue} 件诉求已超过期限，尽快办结或报请协调`
      if (f.demands.finishedLate > 0) return `有 ${f.demands.finishedLate} 件诉求办结晚了，下次在期限内办结`
      return null
    case 'badReviews': {
      const open = Math.max(0, f.ratings.cases - f.ratings.rectified)
      return open > 0 ? `有 ${open} 件差评还没整改完成：配合管理员回访，限期整改` : '差评要在 1 个工作日内回访，限期整改'
    }
    case 'fiveMustVisit': {
      if (noData) return null
      const left = f.fiveMustVisit.households - f.fiveMustVisit.visited
      return left > 0 ? `还有 ${left} 户五必访对象今年没有走访` : null
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
  return c.ratings >= Math.max(ANONYMITY_MIN_RATINGS, rule.minRatings) && c.satisfiedShare !== null && c.satisfiedShare >= rule.minSatisfaction
}

/** The top `topN` eligible cadres, in ranking order (the input must already be in ranking order). */
export function pickHonours<T extends HonourCandidate>(ranked: readonly T[], rule: { topN: number; minSatisfaction: number; minRatings: number }): T[] {
  return ranked.filter((c) => honourEligible(c, rule)).slice(0, rule.topN)
}

export type NoticeReason = 'overdueDemands' | 'unfollowedBadReviews'
export const noticeReasonLabels: Record<NoticeReason, string> = {
  overdueDemands: '诉求超期未办',
  unfollowedBadReviews: '差评未回访'
}

/**
 * Why a cadre is named for action this month, outcome failures only: at least `overdueDemands` demands open past
 * the deadline, at least `unfollowedBadReviews` 差评 with no 回访 at all. Never "behind the days pace": days are a
 * pace indicator, no reason to name anyone. Each reason with the figure in plain words; empty = not named.
 */
export function noticeReasons(
  x: { overdue: number; cases: number; revisited: number },
  rule: { overdueDemands: number; unfollowedBadReviews: number }
): { reason: NoticeReason; detail: string }[] {
  const out: { reason: NoticeReason; detail: string }[] = []
  if (x.overdue >= rule.overdueDemands) out.push({ reason: 'overdueDemands', detail: `${x.overdue} 件诉求超过期限未办结` })
  const unfollowed = Math.max(0, x.cases - x.revisited)
  if (unfollowed >= rule.unfollowedBadReviews) out.push({ reason: 'unfollowedBadReviews', detail: `${unfollowed} 件差评没有回访` })
  return out
}
