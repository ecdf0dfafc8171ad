import type { z } from '@/types/zod'
import type { MyScore, rankingsApi } from '@/types/api/rankings'
import {
  cadreScoreId,
  orgStatsId,
  periodYear,
  rankScopes,
  satisfiedShare,
  type CadreScoreDoc,
  type OrgStatsDoc,
  type PeriodFigures,
  type RankScope
} from '@/types/outcomes'
import { ANONYMITY_MIN_RATINGS, computeScore, satisfactionRuleText, scoreTips } from '@/types/rules/score'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc, type UserDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { findUserById, isManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { effectiveRules } from '../../_lib/org-rules'
import { cadreFigures } from '../../_lib/cadre-figures'
import { inputsFor, readInputs } from '../../_lib/outcome-inputs'
import { levelOfDepth, resolvePeriod } from '../shared'
import { iso } from '../../_lib/iso'

type Ranks = z.input<typeof MyScore>['ranks']

/**
 * 我的成效: a cadre's own figures and score for a period (or, for their managers, one of their cadres'), computed
 * now from the kept statistics with the rankings job's own rules (_lib/cadre-figures.ts) — so a check-in shows at
 * once, and the figures are the ones the job will rank. The rank is the job's, as of its cycle, and the cadre sees
 * it only where the province admin switched `ownRankVisible` on (国办函〔2026〕12号: no 积分排名 as assessment).
 * The person is checked against the caller's scope before anything of theirs is read. A fixed number of indexed
 * reads (about ten) whatever the history.
 */
export async function mine(input: z.output<typeof rankingsApi.mine.input>, ctx: RequestContext): Promise<z.input<typeof MyScore>> {
  const user = await requireStaff(ctx)
  const cadreId = input.cadreId ?? user._id
  if (cadreId === user._id && user.role !== 'cadre') throw new AppError('BAD_REQUEST', '请选择要查看的干部')
  const own = cadreId === user._id
  let cadre: UserDoc = user
  if (!own) {
    const found = await findUserById(cadreId)
    if (!found || found.role !== 'cadre' || !isManagerOf(user, found.orgPath)) throw new AppError('FORBIDDEN', '您只能查看自己或您管理范围内干部的成效')
    cadre = found
  }
  const period = resolvePeriod(input.kind, input.period, ctx.now)
  const year = periodYear(period)
  const [inputs, merged, [org], [ranked], scopes] = await Promise.all([
    readInputs([cadre], [year], ctx.now),
    effectiveRules(cadre.orgPath, year),
    rows<OrgDoc>(collection('orgs').where({ _id: cadre.orgId }).field({ name: true }).limit(1)),
    rows<CadreScoreDoc>(
      collection('cadreScores')
        .where({ _id: cadreScoreId(cadre._id, period) })
        .field({ ranks: true, computedAt: true })
        .limit(1)
    ),
    rows<OrgStatsDoc>(
      collection('orgStats')
        .where({ _id: _.in(cadre.orgPath.slice(0, 3).map((id) => orgStatsId(id, period))) })
        .field({ orgId: true, orgName: true, cadres: true })
        .limit(3)
    )
  ])
  const rules = merged.rules
  const figures = cadreFigures(period, ctx.now, inputsFor(inputs, cadre._id, year, rules.daysTarget))
  const score = computeScore(figures, rules)
  const rankVisible = !own || rules.ownRankVisible
  const bySize = new Map(scopes.map((s) => [s.orgId, s]))
  const ranks = Object.fromEntries(
    rankScopes.map((scope: RankScope) => {
      const id = cadre.orgPath[levelOfDepth.indexOf(scope)]
      const s = id ? bySize.get(id) : undefined
      return [scope, rankVisible && s ? { rank: ranked?.ranks?.[scope] ?? null, of: s.cadres, orgName: s.orgName } : null]
    })
  ) as Ranks
  const shown = own ? anonymous(figures) : figures
  return {
    cadreId: cadre._id,
    cadreName: cadre.name,
    orgName: org?.name ?? '',
    period,
    kind: input.kind,
    computed: true,
    score: score.score,
    satisfiedShare: own && figures.ratings.count < ANONYMITY_MIN_RATINGS ? null : satisfiedShare(figures),
    breakdown: score.breakdown,
    satisfactionRule: satisfactionRuleText(rules),
    ranks,
    rankVisible,
    ranksAt: rankVisible && ranked ? iso(ranked.computedAt) : null,
    tips: scoreTips(figures, score, rules),
    figures: shown,
    computedAt: iso(ctx.now)
  }
}

/**
 * What the rated cadre may see of their ratings: under 3 of them, the count only — a level split (or a share, or a
 * mean) of one or two ratings would tell them how a rater they know voted. The month-by-month series goes too (a
 * month may hold a single rating).
 */
function anonymous(f: PeriodFigures): PeriodFigures {
  const { months: _months, ...rest } = f
  if (f.ratings.count >= ANONYMITY_MIN_RATINGS) return rest
  return { ...rest, ratings: { ...f.ratings, byLevel: {}, satisfied: 0, scoreSum: 0, meanScore: null } }
}
