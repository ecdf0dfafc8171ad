import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import { MIN_RATINGS_SHOWN, type RatingSummary } from '@/types/service'
import { ratingLevels } from '@/types/enums'
import { periodRange } from '@/types/outcomes'
import { beijingMonth } from '@/types/rules/beijing-time'
import { satisfaction } from '@/types/rules/service'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { flatCounts } from '../../_lib/stat-rules'
import { statsDocId, type RatingDoc, type ServiceStatsDoc } from '../../_lib/service'

/** The tags and comments come from the period's latest ratings, this many at most. */
export const SUMMARY_SAMPLE = 100

/**
 * 群众评价 as the rated cadre sees it: a period's counted ratings as aggregates — levels, 满意率, mean, tags and
 * comments — and nothing at all below MIN_RATINGS_SHOWN ratings. No single rating, no date, no visit or demand:
 * a level must never be tied to the person the cadre just visited. Managers see the same view of their cadres.
 * Two indexed reads: the period's counters and its latest ratings.
 */
export async function summary(input: z.output<typeof ratingsApi.summary.input>, ctx: RequestContext): Promise<RatingSummary> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const period = input.period ?? beijingMonth(ctx.now)
  const { start, end } = periodRange(period)
  const [[doc], recent] = await Promise.all([
    rows<ServiceStatsDoc>(
      collection('serviceStats')
        .where({ _id: statsDocId(cadre._id, period) })
        .field({ counts: true })
        .limit(1)
    ),
    rows<Pick<RatingDoc, '_id' | 'state' | 'voided' | 'targetKind' | 'tags' | 'comment'>>(
      collection('ratings')
        .where({ cadreId: cadre._id, createdAt: _.gte(start).and(_.lt(end)) })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .field({ state: true, voided: true, targetKind: true, tags: true, comment: true })
        .limit(SUMMARY_SAMPLE)
    )
  ])
  const c = flatCounts(doc?.counts)
  const n = (k: string) => c[k] ?? 0
  const ratings = n('ratings')
  const empty: RatingSummary = {
    cadreId: cadre._id,
    period,
    ratings,
    shown: false,
    levels: null,
    satisfiedShare: null,
    meanScore: null,
    tags: [],
    comments: []
  }
  if (ratings < MIN_RATINGS_SHOWN) return empty
  const levels = Object.fromEntries(ratingLevels.ids.map((l) => [l, n(`level.${l}`)]))
  const fig = satisfaction({ ratings, levels, scoreSum: n('scoreSum') })
  const sample = recent.filter((r) => (r.state ?? 'counted') === 'counted' && !r.voided && r.targetKind !== 'fix')
  const tags = new Map<string, number>()
  for (const r of sample) for (const t of r.tags) tags.set(t, (tags.get(t) ?? 0) + 1)
  const enough = sample.length >= MIN_RATINGS_SHOWN
  return {
    ...empty,
    shown: true,
    levels,
    satisfiedShare: fig.satisfiedShare,
    meanScore: fig.meanScore,
    tags: enough ? [...tags].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag)) : [],
    comments: enough
      ? sample
          .map((r) => r.comment)
          .filter((x): x is string => Boolean(x))
          .sort((a, b) => a.localeCompare(b))
      : []
  }
}
