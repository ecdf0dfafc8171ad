import type { z } from '../../../types/zod'
import type { MyScore, rankingsApi } from '../../../types/api/rankings'
import { cadreScoreId, emptyFigures, orgStatsId, rankScopes, type CadreScoreDoc, type OrgStatsDoc, type RankScope } from '../../../types/outcomes'
import { scoreTips } from '../../../types/rules/score'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { isManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { iso, levelOfDepth, resolvePeriod } from '../shared'

/**
 * A cadre's own score (or, for their managers, one of their cadres'): the caller (1 operation), the score
 * document by _id (1), the orgStats of the three scopes for "rank N of M" (1) — three reads, the last two in
 * parallel when the cadre asks for themself.
 */
export async function mine(input: z.output<typeof rankingsApi.mine.input>, ctx: RequestContext): Promise<z.input<typeof MyScore>> {
  const user = await requireStaff(ctx)
  const cadreId = input.cadreId ?? user._id
  if (cadreId === user._id && user.role !== 'cadre') throw new AppError('BAD_REQUEST', '请选择要查看的干部')
  const period = resolvePeriod(input.kind, input.period, ctx.now)
  const scopeIds = (path: readonly string[]) => path.slice(0, 3).map((id) => orgStatsId(id, period))
  const readScopes = (path: readonly string[]) =>
    rows<OrgStatsDoc>(collection('orgStats').where({ _id: _.in(scopeIds(path)) }).field({ orgId: true, orgName: true, cadres: true, level: true }).limit(3))
  const readDoc = () => rows<CadreScoreDoc>(collection('cadreScores').where({ _id: cadreScoreId(cadreId, period) }).limit(1))

  let doc: CadreScoreDoc | undefined
  let scopes: OrgStatsDoc[]
  if (cadreId === user._id) {
    ;[[doc], scopes] = await Promise.all([readDoc(), readScopes(user.orgPath)])
  } else {
    ;[doc] = await readDoc()
    if (!doc) throw new AppError('NOT_FOUND', '还没有这位干部这一期的成效数据')
    if (!isManagerOf(user, doc.orgPath)) throw new AppError('FORBIDDEN', '您只能查看自己或您管理范围内干部的成效')
    scopes = await readScopes(doc.orgPath)
  }
  const bySize = new Map(scopes.map((s) => [s.orgId, s]))
  const path = doc?.orgPath ?? user.orgPath
  const ranks = Object.fromEntries(
    rankScopes.map((scope: RankScope) => {
      const id = path[levelOfDepth.indexOf(scope)]
      const s = id ? bySize.get(id) : undefined
      return [scope, s ? { rank: doc?.ranks?.[scope] ?? null, of: s.cadres, orgName: s.orgName } : null]
    })
  ) as Record<RankScope, { rank: number | null; of: number; orgName: string } | null>
  if (!doc) {
    return {
      cadreId,
      cadreName: user.name,
      orgName: '',
      period,
      kind: input.kind,
      computed: false,
      score: 0,
      satisfiedShare: null,
      breakdown: [],
      ranks,
      tips: ['成效得分每小时计算一次，请稍后再来看'],
      figures: emptyFigures(1),
      computedAt: null
    }
  }
  return {
    cadreId,
    cadreName: doc.cadreName,
    orgName: doc.orgName,
    period,
    kind: input.kind,
    computed: true,
    score: doc.score,
    satisfiedShare: doc.satisfiedShare,
    breakdown: doc.breakdown,
    ranks,
    tips: scoreTips(doc.figures, { score: doc.score, breakdown: doc.breakdown }),
    figures: doc.figures,
    computedAt: iso(doc.computedAt)
  }
}
