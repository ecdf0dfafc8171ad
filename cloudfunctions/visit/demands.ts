import type { ProblemInput, RaisedProblem } from '@/types/visits'
import type { z } from '@/types/zod'
import type { VisitDoc } from '../_lib/collections'
import type { Tx } from '../_lib/tx'
import { demandAreaChangedDelta, demandRaisedDelta } from '../_lib/stat-rules'
import { bumpServiceStats, newDemand, put, type DemandDoc } from '../_lib/service'
import { serviceRulesFor } from '../_lib/org-rules'
import type { ServiceRules } from '@/types/rules/service'
import type { HolidayCalendar } from '@/types/rules/working-days'
import { holidayCalendarAt } from '../_lib/holidays'
import type { DemandArea } from '@/types/enums'
import { txGet } from '../_lib/by-id'

/**
 * The seam to the 办实事 demands ledger: inside the record's transaction, each problem raised on the
 * visit becomes (or updates) a ledger entry with a stable id `${visitId}_p${n}`, so editing a record
 * keeps its entries. An entry still 待办理 follows the edit; one already being handled keeps its own
 * text (the ledger is the record of what was done). Entries taken off a record are not deleted: a
 * problem once raised stays in the ledger until it is handled. O(problems) reads and writes, plus the
 * cadre's figures once.
 */
export async function raiseDemandsFromVisit(
  tx: Tx,
  visit: VisitDoc,
  problems: z.output<typeof ProblemInput>[],
  cadre: { _id: string; name: string; orgId: string; orgPath: string[] },
  now: Date
): Promise<RaisedProblem[]> {
  const raised: DemandArea[] = []
  let rules: ServiceRules | undefined
  let calendar: HolidayCalendar | undefined
  const out: RaisedProblem[] = []
  for (const [i, p] of problems.entries()) {
    const id = `${visit._id}_p${i + 1}`
    const found = await txGet<DemandDoc>(tx, 'demands', id)
    if (!found) {
      rules ??= await serviceRulesFor(cadre.orgPath, now)
      calendar ??= await holidayCalendarAt(now)
      const doc = newDemand(
        {
          _id: id,
          source: 'visit',
          visitId: visit._id,
          cadre,
          area: p.area,
          urgency: p.urgency,
          triaged: true,
          text: p.text,
          plannedPath: p.handling,
          by: { id: cadre._id, name: cadre.name, role: 'cadre' },
          rules,
          calendar
        },
        now
      )
      await tx.collection('demands').add({ data: { ...doc } as unknown as Record<string, unknown> })
      raised.push(p.area)
    } else if (found.status === 'open' && (found.text !== p.text || found.area !== p.area || found.plannedPath !== p.handling)) {
      await put(tx, 'demands', { ...found, _id: id, area: p.area, text: p.text, plannedPath: p.handling, updatedAt: now })
      await bumpServiceStats(tx, found, new Date(found.createdAt), demandAreaChangedDelta(found.area, p.area), now)
    }
    out.push({ id, area: p.area, text: p.text, handling: p.handling, urgency: p.urgency, status: 'open' as const })
  }
  if (raised.length > 0) await bumpServiceStats(tx, { cadreId: cadre._id, orgId: cadre.orgId, orgPath: cadre.orgPath }, now, demandRaisedDelta(raised), now)
  return out
}
