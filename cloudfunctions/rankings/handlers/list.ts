import type { z } from '../../../types/zod'
import type { rankingsApi, RankingPage } from '../../../types/api/rankings'
import type { CadreScoreDoc, OrgStatsDoc } from '../../../types/outcomes'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { isManagerOf, requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { decodeKey, encodeKey, levelOfPath, resolvePeriod } from '../shared'

/**
 * A ranking page: the caller read by openid (1 operation), then ONE indexed read in rank order — cadreScores on
 * [period, scope.<level>, sortKey, _id] or orgStats on [parentId, period, sortKey, _id] — of limit + 1 documents
 * after the cursor. The node's own document is not read: every row carries its orgPath, and a row outside the
 * caller's subtree refuses the whole page.
 */
export async function list(input: z.output<typeof rankingsApi.list.input>, ctx: RequestContext): Promise<z.input<typeof RankingPage>> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const period = resolvePeriod(input.kind, input.period, ctx.now)
  const orgId = input.orgId ?? user.orgId
  if (orgId !== user.orgId && !input.level) throw new AppError('BAD_REQUEST', '请选择单位')
  if (orgId !== user.orgId && user.orgPath.includes(orgId)) throw new AppError('FORBIDDEN', '您只能查看本单位及下级单位的排行')
  const level = orgId === user.orgId ? levelOfPath(user.orgPath) : input.level!
  const after = decodeKey(input.cursor)
  const page = { period, kind: input.kind, view: input.view, orgId, level, individuals: [], units: [], nextCursor: null }

  if (input.view === 'individuals') {
    const where: Record<string, unknown> = { period, [`scope.${level}`]: orgId, ...(after ? { sortKey: _.gt(after) } : {}) }
    const docs = await rows<CadreScoreDoc>(
      collection('cadreScores')
        .where(where)
        .field({ cadreId: true, cadreName: true, orgId: true, orgName: true, orgPath: true, score: true, satisfiedShare: true, ranks: true, sortKey: true, figures: true })
        .orderBy('sortKey', 'asc')
        .limit(input.limit + 1)
    )
    if (docs.some((d) => !isManagerOf(user, d.orgPath))) throw new AppError('FORBIDDEN', '您只能查看本单位及下级单位的排行')
    const shown = docs.slice(0, input.limit)
    return {
      ...page,
      individuals: shown.map((d) => ({
        cadreId: d.cadreId,
        cadreName: d.cadreName,
        orgId: d.orgId,
        orgName: d.orgName,
        score: d.score,
        satisfiedShare: d.satisfiedShare,
        rank: d.ranks?.[level] ?? null,
        days: d.figures.days.count,
        demandsSolved: d.figures.demands.solved,
        ratings: d.figures.ratings.count
      })),
      nextCursor: docs.length > input.limit ? encodeKey(shown[shown.length - 1].sortKey) : null
    }
  }

  const docs = await rows<OrgStatsDoc>(
    collection('orgStats')
      .where({ parentId: orgId, period, ...(after ? { sortKey: _.gt(after) } : {}) })
      .orderBy('sortKey', 'asc')
      .limit(input.limit + 1)
  )
  if (docs.some((d) => !isManagerOf(user, d.orgPath))) throw new AppError('FORBIDDEN', '您只能查看本单位及下级单位的排行')
  const shown = docs.slice(0, input.limit)
  return {
    ...page,
    units: shown.map((d) => ({
      orgId: d.orgId,
      orgName: d.orgName,
      level: d.level,
      hasChildren: d.level !== 'county',
      meanScore: d.meanScore,
      cadres: d.cadres,
      satisfiedShare: d.satisfiedShare,
      rank: d.rank,
      figures: d.figures
    })),
    nextCursor: docs.length > input.limit ? encodeKey(shown[shown.length - 1].sortKey) : null
  }
}
