import type { z } from '@/types/zod'
import type { ExemplarCandidate, ExemplarCandidatesInput } from '@/types/exemplars'
import { demandAreas, fourInto } from '@/types/enums'
import { beijingDate } from '@/types/rules/beijing-time'
import { requireManager, requireStaff } from '../../_lib/auth'
import { _ } from '../../_lib/cloud'
import { collection, type DiaryEntryDoc, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { pageByInstant } from '../../_lib/paging'
import { rows } from '../../_lib/query'
import type { DemandDoc } from '../../_lib/service'
import { exemplarId } from '../shared'

type Candidate = Omit<ExemplarCandidate, 'marked'>

const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s)

/**
 * Recent records of the manager's subtree that may be marked: counted visits, 民情日记 entries, demands solved
 * on the spot or by coordination. Newest first, paged by the orgPath indexes.
 */
export async function candidates(input: z.output<typeof ExemplarCandidatesInput>, ctx: RequestContext) {
  const user = await requireStaff(ctx)
  requireManager(user)
  let page: { items: Candidate[]; nextCursor: string | null }
  if (input.kind === 'visit') {
    page = await pageByInstant('visits', { orgPath: user.orgId, status: 'counted' }, 'visitedAt', input, (v: VisitDoc) => ({
      kind: 'visit' as const,
      sourceId: v._id,
      cadreName: v.cadreName,
      date: v.date,
      label: `${v.pointName}（${fourInto.labels[v.pointKind] ?? ''}）`
    }))
  } else if (input.kind === 'diary') {
    page = await pageByInstant('diaryEntries', { orgPath: user.orgId }, 'createdAt', input, (e: DiaryEntryDoc) => ({
      kind: 'diary' as const,
      sourceId: e._id,
      cadreName: e.cadreName,
      date: e.date,
      label: short(e.text)
    }))
  } else {
    const solved = { orgPath: user.orgId, status: _.in(['solved', 'closed']), path: _.in(['immediate', 'coordinate']) }
    page = await pageByInstant('demands', solved, 'createdAt', input, (d: DemandDoc) => ({
      kind: 'demand' as const,
      sourceId: d._id,
      cadreName: d.cadreName,
      date: beijingDate(d.finishedAt ?? d.createdAt),
      label: `${demandAreas.labels[d.area] ?? ''}：${short(d.text)}`
    }))
  }
  const ids = page.items.map((c) => exemplarId(c.kind, c.sourceId))
  const marked = ids.length
    ? new Set(
        (
          await rows<{ _id: string }>(
            collection('exemplars')
              .where({ _id: _.in(ids) })
              .field({ _id: true })
              .limit(ids.length)
          )
        ).map((d) => d._id)
      )
    : new Set<string>()
  return { items: page.items.map((c) => ({ ...c, marked: marked.has(exemplarId(c.kind, c.sourceId)) })), nextCursor: page.nextCursor }
}
