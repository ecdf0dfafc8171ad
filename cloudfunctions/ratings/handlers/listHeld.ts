import type { z } from '@/types/zod'
import type { ratingsApi } from '@/types/api/ratings'
import type { HeldRating } from '@/types/service'
import { demandAreas, workMethods } from '@/types/enums'
import { eventGuardKey } from '@/types/rules/rating-guard'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireManager, requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import { pageByInstant } from '../../_lib/paging'
import { toRating, type DemandDoc, type RatingDoc } from '../../_lib/service'

/** How many ratings of one page's events are read to count them (counted / held); a flood beyond shows as this many. */
const EVENT_READ = 1000

/**
 * Managers: ratings of their subtree held for review, oldest first (org_state_time), each with its event — the
 * visit's date, place and recorded size, or the demand — and how many of that event's ratings count and wait, so
 * a 座谈会 on one Wi-Fi network can be judged at a glance. Never who rated.
 */
export async function listHeld(
  input: z.output<typeof ratingsApi.listHeld.input>,
  ctx: RequestContext
): Promise<{ items: HeldRating[]; nextCursor: string | null }> {
  const user = await requireStaff(ctx)
  requireManager(user)
  const page = await pageByInstant('ratings', { orgPath: user.orgId, state: 'held' }, 'createdAt', input, (r: RatingDoc) => r, { order: 'asc' })
  if (!page.items.length) return { items: [], nextCursor: null }

  const ids = (kind: string) => [...new Set(page.items.filter((r) => r.targetKind === kind).map((r) => r.targetId))]
  const visitIds = ids('visit')
  const demandIds = ids('demand')
  const eventKeys = [...new Set(page.items.map((r) => eventGuardKey(r.targetKind, r.targetId)))]
  const [visits, demands, events] = await Promise.all([
    visitIds.length
      ? rows<Pick<VisitDoc, '_id' | 'date' | 'pointName' | 'record'>>(
          collection('visits')
            .where({ _id: _.in(visitIds) })
            .field({ date: true, pointName: true, record: true })
            .limit(visitIds.length)
        )
      : [],
    demandIds.length
      ? rows<Pick<DemandDoc, '_id' | 'area'>>(
          collection('demands')
            .where({ _id: _.in(demandIds) })
            .field({ area: true })
            .limit(demandIds.length)
        )
      : [],
    rows<Pick<RatingDoc, '_id' | 'guard' | 'state'>>(
      collection('ratings')
        .where({ guard: _.in(eventKeys) })
        .field({ guard: true, state: true })
        .limit(EVENT_READ)
    )
  ])
  const visitBy = new Map(visits.map((v) => [v._id, v]))
  const demandBy = new Map(demands.map((d) => [d._id, d]))
  const counts = new Map<string, { counted: number; held: number }>()
  for (const e of events) {
    const key = (e.guard ?? []).find((k) => eventKeys.includes(k))
    if (!key) continue
    const c = counts.get(key) ?? { counted: 0, held: 0 }
    if (e.state === 'held') c.held += 1
    else if ((e.state ?? 'counted') === 'counted') c.counted += 1
    counts.set(key, c)
  }
  const label = (r: RatingDoc): string => {
    if (r.targetKind === 'visit') {
      const v = visitBy.get(r.targetId)
      if (!v) return '走访'
      const rec = v.record ? ` · ${workMethods.labels[v.record.method]} · 记录 ${v.record.peopleMet.count} 人` : ' · 走访记录未填'
      return `${v.date} ${v.pointName}${rec}`
    }
    const d = demandBy.get(r.targetId)
    return `办结的诉求${d ? ` · ${demandAreas.labels[d.area]}` : ''}`
  }
  return {
    items: page.items.map((r) => ({
      ...toRating(r),
      event: { kind: r.targetKind === 'demand' ? 'demand' : 'visit', id: r.targetId, label: label(r) },
      eventCounts: counts.get(eventGuardKey(r.targetKind, r.targetId)) ?? { counted: 0, held: 0 }
    })),
    nextCursor: page.nextCursor
  }
}
