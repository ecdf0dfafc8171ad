import type { DemandDetail, DemandStatus } from '@/types/demands'
import type { ServiceRules } from '@/types/rules/service'
import type { HolidayCalendar } from '@/types/rules/working-days'
import type { UserDoc } from '../_lib/collections'
import type { RequestContext } from '../_lib/context'
import { AppError } from '../_lib/errors'
import { isManagerOf, requireStaff, viewerOf } from '../_lib/auth'
import { inTransaction } from '../_lib/tx'
import { serviceRulesFor } from '../_lib/org-rules'
import { holidayCalendarAt } from '../_lib/holidays'
import { bumpServiceStatsAt, put, toDemandDetail, type DemandDoc, type StatDelta, type TimelineDoc } from '../_lib/service'
import { demandStatusLabels } from '@/types/demands'
import { txGet } from '../_lib/by-id'

/**
 * Who may take a step: the cadre who owns the demand, a manager of that cadre, either of them, or a manager of the
 * unit a report was sent to (or above it).
 */
export type Actor = 'owner' | 'manager' | 'ownerOrManager' | 'receiver'

const refusals: Record<Actor, string> = {
  owner: '只有负责这件事的干部本人可以办理',
  manager: '只有这位干部的上级管理员可以做这一步',
  ownerOrManager: '只有负责这件事的干部本人或其上级管理员可以做这一步',
  receiver: '只有接收上报的单位的管理员可以签收和答复'
}

function allowed(who: Actor, user: UserDoc, d: DemandDoc): boolean {
  const owner = user._id === d.cadreId
  const manager = isManagerOf(user, d.orgPath)
  if (who === 'owner') return owner
  if (who === 'manager') return manager
  if (who === 'ownerOrManager') return owner || manager
  return !!d.report && isManagerOf(user, d.report.toOrgPath)
}

export interface StepContext {
  user: UserDoc
  /** The caller's part of a timeline step. */
  step: Omit<TimelineDoc, 'kind' | 'note'>
  now: Date
  isOwner: boolean
  /** The 制度 of the demand's organisation for the Beijing year of `at` (default: now). */
  rules(at?: Date): Promise<ServiceRules>
  calendar(): Promise<HolidayCalendar>
}

export interface StepResult {
  doc: DemandDoc
  /** Counted now. */
  stats?: StatDelta
  /** Counted in the periods of other instants (what a step takes back where it was counted). */
  statEvents?: { at: Date; delta: StatDelta }[]
}

/**
 * The index fields that follow from the state: active (overdue indexes) while open or coordinating; a pending
 * extension lapses once the demand leaves the cadre's hands; a report is in its unit's queue while it waits.
 */
export function withDerived(d: DemandDoc, now: Date): DemandDoc {
  const active = d.status === 'open' || d.status === 'coordinating'
  let extensions = d.extensions ?? []
  if (!active && d.extensionPending) {
    extensions = extensions.map((e) => (e.status === 'pending' ? { ...e, status: 'lapsed' as const, decidedAt: now } : e))
  }
  const waiting = d.status === 'reported' && !!d.report && (d.report.state === 'sent' || d.report.state === 'received')
  const pending = active && extensions.some((e) => e.status === 'pending')
  return {
    ...d,
    active,
    extensions,
    extensionPending: pending,
    extensionRequestedAt: pending ? extensions.find((e) => e.status === 'pending')!.requestedAt : null,
    reportWaiting: waiting,
    reportTo: waiting ? d.report!.toOrgId : null,
    reportedAt: waiting ? d.report!.at : null,
    updatedAt: now
  }
}

/**
 * One state change of a demand, in one transaction: the caller's right, the states it may come from, the new
 * document with its timeline step, and the statistics moved in the same transaction. The demand and the stats of
 * the periods touched are read (plus the rules and calendar when a step needs them): O(1) whatever the history.
 */
export async function transition(
  ctx: RequestContext,
  demandId: string,
  who: Actor,
  from: readonly DemandStatus[],
  apply: (d: DemandDoc, c: StepContext) => StepResult | Promise<StepResult>
): Promise<DemandDetail> {
  const user = await requireStaff(ctx)
  return inTransaction(async (tx) => {
    const d = await txGet<DemandDoc>(tx, 'demands', demandId)
    if (!d) throw new AppError('NOT_FOUND', '没有找到这条诉求')
    if (!allowed(who, user, d)) throw new AppError('FORBIDDEN', refusals[who])
    if (!from.includes(d.status)) {
      throw new AppError('CONFLICT', `这条诉求现在是「${demandStatusLabels[d.status]}」，不能做这一步`)
    }
    const role = user.role === 'cadre' ? 'cadre' : user.role
    const c: StepContext = {
      user,
      step: { at: ctx.now, by: user._id, byName: user.name, byRole: role },
      now: ctx.now,
      isOwner: user._id === d.cadreId,
      rules: (at = ctx.now) => serviceRulesFor(d.orgPath, at),
      calendar: () => holidayCalendarAt(ctx.now)
    }
    const { doc, stats, statEvents } = await apply({ ...d, _id: demandId }, c)
    if (doc.timeline.length > 200) throw new AppError('BAD_REQUEST', '这条诉求的记录太多了，请先办结')
    const next = withDerived(doc, ctx.now)
    await put(tx, 'demands', next)
    const events = [...(statEvents ?? []), ...(stats ? [{ at: ctx.now, delta: stats }] : [])]
    if (events.length) await bumpServiceStatsAt(tx, next, events, ctx.now)
    return toDemandDetail(next, viewerOf(user), ctx.now)
  })
}
