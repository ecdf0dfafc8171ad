import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { ServiceFigures } from '@/types/service'
import { _ } from '../../_lib/cloud'
import { collection } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff, resolveCadre } from '../../_lib/auth'
import { countOf, rows } from '../../_lib/query'
import { beijingMonth } from '@/types/rules/beijing-time'
import { satisfaction } from '@/types/rules/service'
import { ratingLevels } from '@/types/enums'
import { statsDocId, type ServiceStatsDoc } from '../../_lib/service'
import { flatCounts } from '../../_lib/stat-rules'
import { MIN_RATINGS_SHOWN } from '@/types/service'

/**
 * A cadre's figures for a Beijing month or year: one document read (kept as ratings and demands are
 * written) plus one index count of demands open past their deadline now. Held ratings are in no figure but
 * `held`. The rated cadre asking about fewer than MIN_RATINGS_SHOWN ratings gets no levels, share or mean.
 */
export async function stats(input: z.output<typeof ratingsApi.stats.input>, ctx: RequestContext): Promise<ServiceFigures> {
  const user = await requireStaff(ctx)
  const cadre = await resolveCadre(user, input.cadreId)
  const period = input.period ?? beijingMonth(ctx.now)
  const [[doc], overdueNow] = await Promise.all([
    rows<ServiceStatsDoc>(
      collection('serviceStats')
        .where({ _id: statsDocId(cadre._id, period) })
        .field({ counts: true })
        .limit(1)
    ),
    countOf(collection('demands').where({ cadreId: cadre._id, active: true, deadlineAt: _.lt(ctx.now) }))
  ])
  const c = flatCounts(doc?.counts)
  const n = (k: string) => c[k] ?? 0
  const withheld = cadre._id === user._id && n('ratings') < MIN_RATINGS_SHOWN
  const levels = withheld ? {} : Object.fromEntries(ratingLevels.ids.map((l) => [l, n(`level.${l}`)]))
  const fig = withheld ? { satisfiedShare: null, meanScore: null } : satisfaction({ ratings: n('ratings'), levels, scoreSum: n('scoreSum') })
  return {
    cadreId: cadre._id,
    period,
    ratings: n('ratings'),
    levels,
    satisfiedShare: fig.satisfiedShare,
    meanScore: fig.meanScore,
    bad: n('bad'),
    voided: n('voided'),
    cases: n('cases'),
    revisitOnTime: n('revisitOnTime'),
    revisitLate: n('revisitLate'),
    rectified: n('rectified'),
    flagged: n('flagged'),
    held: n('held'),
    rejected: n('rejected'),
    withheld,
    demandsRaised: n('demandsRaised'),
    solvedByPath: { immediate: n('solved.immediate'), coordinate: n('solved.coordinate'), report: n('solved.report') },
    closed: n('closed'),
    finishedLate: n('finishedLate'),
    invalid: n('invalid'),
    reopened: n('reopened'),
    overdueNow
  }
}
