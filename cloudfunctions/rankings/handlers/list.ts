import type { z } from '@/types/zod'
import type { rankingsApi, RankingPage } from '@/types/api/rankings'
import type { CadreScoreDoc, OrgStatsDoc } from '@/types/outcomes'
import { _ } from '../../_lib/cloud'
import { collection, type OrgDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { AppError } from '../../_lib/errors'
import { requireManager, requireManagerOf, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { decodeKey, encodeKey, levelOfPath, resolvePeriod } from '../shared'
import { iso } from '../../_lib/iso'
import { byId } from '../../_lib/by-id'

const NOT_YOURS = '您只能查看本单位及下级单位的排行'

/**
 * A ranking page. The caller (1 operation) and the node (1, by _id) come first: a node outside the caller's subtree
 * is refused before any ranking is read — an empty period, a units view or a node that does not exist answer the
 * same refusal, so nothing about another subtree leaks. Then ONE indexed read in rank order — orgStats on
 * [parentId, period, sortKey, _id] for the units (the default: 国办函〔2026〕12号, units are compared, not people) or
 * cadreScores on [period, scope.<level>, sortKey, _id] for the cadres — of limit + 1 documents after the cursor.
 */
export async function list(input: z.output<typeof rankingsApi.list.input>, ctx: RequestContext): Promise<z.input<typeof RankingPage>> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const period = resolvePeriod(input.kind, input.period, ctx.now)
  const orgId = input.orgId ?? user.orgId
  const after = decodeKey(input.cursor)
  const org = await byId<OrgDoc>('orgs', orgId)
  if (!org) throw new AppError('FORBIDDEN', NOT_YOURS)
  requireManagerOf(user, org.path, NOT_YOURS)
  const level = levelOfPath(org.path)
  const page = { period, kind: input.kind, view: input.view, orgId, level, individuals: [], units: [], nextCursor: null }

  if (input.view === 'individuals') {
    const where: Record<string, unknown> = { period, [`scope.${level}`]: orgId, ...(after ? { sortKey: _.gt(after) } : {}) }
    const docs = await rows<CadreScoreDoc>(
      collection('cadreScores')
        .where(where)
        .field({
          cadreId: true,
          cadreName: true,
          orgId: true,
          orgName: true,
          score: true,
          satisfiedShare: true,
          scoredShare: true,
          ranks: true,
          sortKey: true,
          figures: true,
          computedAt: true,
          satisfactionRule: true
        })
        .orderBy('sortKey', 'asc')
        .limit(input.limit + 1)
    )
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
        scoredShare: d.scoredShare ?? null,
        rank: d.ranks?.[level] ?? null,
        days: d.figures.days.count,
        demandsSolved: d.figures.demands.solved,
        ratings: d.figures.ratings.count
      })),
      nextCursor: docs.length > input.limit ? encodeKey(shown[shown.length - 1].sortKey) : null,
      computedAt: shown.length ? iso(shown.reduce((m, d) => (new Date(d.computedAt) < m ? new Date(d.computedAt) : m), new Date(shown[0].computedAt))) : null,
      satisfactionRule: shown[0]?.satisfactionRule ?? null
    }
  }

  const docs = await rows<OrgStatsDoc>(
    collection('orgStats')
      .where({ parentId: orgId, period, ...(after ? { sortKey: _.gt(after) } : {}) })
      .orderBy('sortKey', 'asc')
      .limit(input.limit + 1)
  )
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
    nextCursor: docs.length > input.limit ? encodeKey(shown[shown.length - 1].sortKey) : null,
    computedAt: shown.length ? iso(shown.reduce((m, d) => (new Date(d.updatedAt) < m ? new Date(d.updatedAt) : m), new Date(shown[0].updatedAt))) : null,
    satisfactionRule: shown[0]?.satisfactionRule ?? null
  }
}
