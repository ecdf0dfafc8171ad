/**
 * The visit page without signal: a check-in still waiting in the outbox is shown from what the phone kept
 * (its point, capture time and the cadre's own words), a visit opened before is shown as it was kept, and one
 * only seen in the recent list is shown from its summary when it had no record yet.
 */
import type { VisitDetail, VisitPage } from '@/types/visits'
import type { Me } from '@/types/models'
import { beijingDate } from '@/types/rules/beijing-time'
import { RECORD_EDIT_MS } from '@/types/rules/check-in'
import { callCloud } from '@/src/services/cloud'
import { isCloudError } from '@/src/services/reply'
import { cacheNames, cached, peek } from '@/src/services/offline-cache'
import { outbox, pendingCheckIn, type OutboxItem, type OutboxState } from '@/src/services/outbox'

export interface LoadedVisit {
  detail: VisitDetail
  /** The check-in is still on the phone. */
  queued: boolean
}

type QueuedCheckIn = Extract<OutboxItem, { kind: 'checkIn' }>

/** What the page shows for a check-in that has not reached the server yet. */
export function detailOfQueued(item: QueuedCheckIn, visitId: string, me: Me | null): VisitDetail {
  const b = item.body
  const at = new Date(b.fix.capturedAt)
  const point = me?.liaisonPoints.find((p) => p.id === b.pointId)
  return {
    id: visitId,
    submissionId: b.submissionId,
    cadreId: me?.id ?? '',
    cadreName: me?.name ?? '',
    pointId: b.pointId,
    pointName: point?.name ?? item.label,
    pointKind: point?.kind ?? 'village',
    visitedAt: at.toISOString(),
    date: beijingDate(at),
    inside: true,
    status: 'pending',
    distanceM: 0,
    accuracyM: Math.round(b.fix.accuracy),
    offline: true,
    flags: [],
    ...(b.reason ? { reason: b.reason } : {}),
    ...(b.note ? { note: b.note } : {}),
    hasRecord: false,
    record: null,
    // The server counts 7 days from when it receives it: from the capture is the earliest it can be.
    recordEditableUntil: new Date(at.getTime() + RECORD_EDIT_MS).toISOString()
  }
}

/** A record of this visit waiting in the outbox, if any. */
export function waitingRecord(state: OutboxState, visitId: string): Extract<OutboxItem, { kind: 'visitRecord' }> | undefined {
  return state.pending.find((q): q is Extract<OutboxItem, { kind: 'visitRecord' }> => q.kind === 'visitRecord' && q.key === `record:${visitId}`)
}

export async function loadVisit(visitId: string): Promise<LoadedVisit> {
  const waiting = pendingCheckIn(outbox().state(), visitId)
  if (waiting) return { detail: detailOfQueued(waiting, visitId, peek<Me>(cacheNames.me)?.data ?? null), queued: true }
  try {
    return { detail: await cached(cacheNames.visit(visitId), () => callCloud('visit', 'get', { visitId })), queued: false }
  } catch (err) {
    const summary = peek<VisitPage>(cacheNames.visits)?.data.items.find((v) => v.id === visitId)
    if (isCloudError(err) && err.code === 'UNAVAILABLE' && summary && !summary.hasRecord) return { detail: { ...summary, record: null }, queued: false }
    throw err
  }
}
