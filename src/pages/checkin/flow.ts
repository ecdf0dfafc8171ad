/**
 * The 打卡 page as a pure state machine: the page feeds it events (points loaded, fix taken, the cadre's
 * choices, the server's answer) and renders what it says. The server decides; the phone only shows distances
 * and asks for a 外勤说明 when it is told one is needed (or when its own estimate says the point is far).
 */
import type { CheckInResult } from '@/types/visits'
import type { LiaisonPointSummary } from '@/types/models'
import type { ErrorCode } from '@/types/errors'
import { ACCURACY_ALLOWANCE_CAP_M } from '@/types/rules/check-in'
import { distanceM } from '@/types/rules/geo'
import type { LocateErrorKind, PositionFix } from '../../services/location'

export interface PointDistance {
  point: LiaisonPointSummary
  distanceM: number
  /** By the phone's own estimate (the same rule as the server's: radius + accuracy, capped). */
  inside: boolean
}

export type Phase =
  | { kind: 'loading' }
  | { kind: 'loadFailed'; message: string }
  | { kind: 'locateFailed'; reason: LocateErrorKind; message: string }
  | { kind: 'ready' }
  | { kind: 'submitting' }
  | { kind: 'done'; result: CheckInResult }
  /** Kept on the phone: `visitId` is the id it will have (a record can be written for it at once), `hours` the offline window. */
  | { kind: 'queued'; visitId: string | null; hours: number }

export interface CheckInState {
  phase: Phase
  points: LiaisonPointSummary[] | null
  fix: PositionFix | null
  /** Sorted nearest first (empty until both points and a fix are there). */
  distances: PointDistance[]
  selectedId: string | null
  note: string
  reason: string
  /** Show the 外勤说明 field. */
  needReason: boolean
  /** The server's last refusal, in its own words. */
  error: string | null
  /** The refusal means: take a new fix and try again (accuracy, stale fix). */
  relocateHint: boolean
}

export type CheckInEvent =
  | { type: 'pointsLoaded'; points: LiaisonPointSummary[] }
  | { type: 'pointsFailed'; message: string }
  | { type: 'locating' }
  | { type: 'located'; fix: PositionFix }
  | { type: 'locateFailed'; reason: LocateErrorKind; message: string }
  | { type: 'select'; pointId: string }
  | { type: 'note'; text: string }
  | { type: 'reason'; text: string }
  | { type: 'submit' }
  | { type: 'succeeded'; result: CheckInResult }
  | { type: 'refused'; code: ErrorCode; message: string }
  | { type: 'queued'; visitId: string | null; hours: number }

export const initialCheckIn: CheckInState = {
  phase: { kind: 'loading' },
  points: null,
  fix: null,
  distances: [],
  selectedId: null,
  note: '',
  reason: '',
  needReason: false,
  error: null,
  relocateHint: false
}

export function rankPoints(points: LiaisonPointSummary[], fix: Pick<PositionFix, 'lat' | 'lng' | 'accuracy'>): PointDistance[] {
  const allowance = Math.min(fix.accuracy, ACCURACY_ALLOWANCE_CAP_M)
  return points
    .map((point) => {
      const d = distanceM(fix, point.location)
      return { point, distanceM: d, inside: d <= point.radiusM + allowance }
    })
    .sort((a, b) => a.distanceM - b.distanceM)
}

/** Once both the points and a fix are known: distances, and the nearest preselected only if it is inside. */
function withDistances(s: CheckInState): CheckInState {
  if (!s.points || !s.fix) return s
  const distances = rankPoints(s.points, s.fix)
  const stillThere = s.selectedId && distances.some((d) => d.point.id === s.selectedId) ? s.selectedId : null
  const selectedId = stillThere ?? (distances[0]?.inside ? distances[0].point.id : null)
  return { ...s, distances, selectedId, phase: { kind: 'ready' }, needReason: s.needReason || isFar(distances, selectedId) }
}

function isFar(distances: PointDistance[], selectedId: string | null): boolean {
  const d = distances.find((x) => x.point.id === selectedId)
  return Boolean(d && !d.inside)
}

/** The server's refusal asks for a 外勤说明 (types/rules/check-in.ts: reasonRequired). */
export function asksForReason(message: string): boolean {
  return message.includes('外勤说明')
}

/** The refusal is about the fix itself: a new one may succeed. */
export function asksToRelocate(message: string): boolean {
  return /重新定位/.test(message)
}

export function checkInReducer(s: CheckInState, e: CheckInEvent): CheckInState {
  switch (e.type) {
    case 'pointsLoaded':
      return withDistances({ ...s, points: e.points })
    case 'pointsFailed':
      return { ...s, phase: { kind: 'loadFailed', message: e.message } }
    case 'locating':
      return { ...s, phase: { kind: 'loading' }, error: null, relocateHint: false }
    case 'located':
      return withDistances({ ...s, fix: e.fix, phase: s.points ? s.phase : { kind: 'loading' } })
    case 'locateFailed':
      return { ...s, phase: { kind: 'locateFailed', reason: e.reason, message: e.message } }
    case 'select':
      return { ...s, selectedId: e.pointId, needReason: s.needReason || isFar(s.distances, e.pointId), error: null }
    case 'note':
      return { ...s, note: e.text }
    case 'reason':
      return { ...s, reason: e.text }
    case 'submit':
      return { ...s, phase: { kind: 'submitting' }, error: null, relocateHint: false }
    case 'succeeded':
      return { ...s, phase: { kind: 'done', result: e.result } }
    case 'refused':
      return {
        ...s,
        phase: { kind: 'ready' },
        error: e.message,
        needReason: s.needReason || (e.code === 'BAD_REQUEST' && asksForReason(e.message)),
        relocateHint: e.code === 'BAD_REQUEST' && asksToRelocate(e.message)
      }
    case 'queued':
      return { ...s, phase: { kind: 'queued', visitId: e.visitId, hours: e.hours } }
  }
}

/** Why the 提交 button cannot be pressed yet, in words (null: it can). */
export function submitBlocker(s: CheckInState): string | null {
  if (!s.selectedId) return '请先选择您所在的联系点'
  if (s.needReason && !s.reason.trim()) return '不在联系点附近，请先填写外勤说明'
  return null
}
