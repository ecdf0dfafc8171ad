import type { z } from '@/types/zod'
import type { HouseholdBook, householdBookInput } from '@/types/household-book'
import { beijingYear } from '@/types/rules/beijing-time'
import { flagsOf } from '@/types/rules/four-hundred'
import { isOverdue } from '@/types/rules/service'
import { _ } from '../../_lib/cloud'
import { collection, type VisitDoc } from '../../_lib/collections'
import type { RequestContext } from '../../_lib/context'
import { requireStaff } from '../../_lib/auth'
import { rows } from '../../_lib/query'
import type { DemandDoc } from '../../_lib/service'
import { householdFor, toHelp, toHousehold, toProfile, type HelpDoc } from '../shared'

/**
 * 一户一册: the household, its record, the help given (newest first), the visits whose record names it (index
 * household_time) and the ledger entries linked by hand or raised on those visits, as they stand now. Four reads
 * and one more for the entries: a fixed handful whatever the history.
 */
export async function book(input: z.output<typeof householdBookInput.book>, ctx: RequestContext): Promise<HouseholdBook> {
  const user = await requireStaff(ctx)
  const h = await householdFor(user, input.householdId)
  const year = beijingYear(ctx.now)
  const [help, visits] = await Promise.all([
    rows<HelpDoc>(collection('householdHelp').where({ householdId: h._id }).orderBy('date', 'desc').orderBy('_id', 'desc').limit(50)),
    rows<VisitDoc>(
      collection('visits')
        .where({ 'record.householdIds': h._id })
        .orderBy('visitedAt', 'desc')
        .field({ date: true, pointName: true, cadreId: true, 'record.needs': true, 'record.problems': true })
        .limit(10)
    )
  ])
  const linked = new Set(h.demandIds ?? [])
  const raised = visits.filter((v) => v.cadreId === h.cadreId).flatMap((v) => (v.record?.problems ?? []).map((p) => p.id))
  const ids = [...new Set([...linked, ...raised])]
  const demands = ids.length
    ? await rows<DemandDoc>(
        collection('demands')
          .where({ _id: _.in(ids) })
          .limit(ids.length)
      )
    : []
  return {
    household: toHousehold(h, year),
    profile: h.profile ? toProfile(h.profile) : null,
    year,
    fourHundred: flagsOf(h, year),
    help: help.map((d) => toHelp(d, user._id, ctx.now)),
    visits: visits.map((v) => ({ id: v._id, date: v.date, pointName: v.pointName, needs: v.record?.needs ?? null, problems: v.record?.problems?.length ?? 0 })),
    demands: demands
      .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
      .map((d) => ({ id: d._id, text: d.text, area: d.area, status: d.status, overdue: isOverdue(d, ctx.now), linked: linked.has(d._id) }))
  }
}
