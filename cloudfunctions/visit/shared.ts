import type { VisitDetail, VisitSummary } from '@/types/visits'
import type { VisitDoc } from '../_lib/collections'
import { RECORD_EDIT_MS } from '@/types/rules/check-in'
import { iso } from '../_lib/iso'

export { RECORD_EDIT_DAYS, RECORD_EDIT_MS } from '@/types/rules/check-in'

export const visitId = (cadreId: string, submissionId: string) => `${cadreId}_${submissionId}`

export function toSummary(v: VisitDoc): VisitSummary {
  return {
    id: v._id,
    submissionId: v.submissionId,
    cadreId: v.cadreId,
    cadreName: v.cadreName,
    pointId: v.pointId,
    pointName: v.pointName,
    pointKind: v.pointKind,
    visitedAt: iso(v.visitedAt),
    date: v.date,
    inside: v.inside,
    status: v.status,
    distanceM: v.distanceM,
    accuracyM: v.accuracyM,
    offline: v.offline,
    flags: v.flags ?? [],
    reason: v.reason,
    note: v.note,
    review: v.review && { decision: v.review.decision, note: v.review.note, byName: v.review.byName, at: iso(v.review.at) },
    hasRecord: Boolean(v.record),
    recordEditableUntil: iso(new Date(new Date(v.createdAt).getTime() + RECORD_EDIT_MS))
  }
}

export function toDetail(v: VisitDoc): VisitDetail {
  return {
    ...toSummary(v),
    record: v.record
      ? {
          category: v.record.category,
          method: v.record.method,
          policy: v.record.policy,
          needs: v.record.needs,
          advice: v.record.advice,
          peopleMet: v.record.peopleMet,
          householdIds: v.record.householdIds,
          problems: v.record.problems,
          savedAt: iso(v.record.savedAt)
        }
      : null
  }
}
