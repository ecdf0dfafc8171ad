/**
 * The check-in rule (走访打卡), as one pure function the cloud function calls and the unit tests pin
 * down. The server evaluates every submission itself; nothing the phone concludes is trusted.
 *
 * The rules, in the order they are applied:
 *  1. Accuracy: a fix whose reported accuracy is worse than 200 m is refused (ask to retry in the open).
 *  2. Fix age, measured on the phone's own clock (deviceNow − capturedAt), so a phone whose clock is
 *     wrong is not locked out (its wrong clock is flagged instead, rule 4):
 *       online  — at most 2 minutes old (and not more than 30 s "in the future");
 *       offline — at most the org's offline window old (制度 offlineHours: 72 hours unless the province
 *                 admin allows up to 7 days), the record is marked 离线补传.
 *  3. Fence: distance (haversine, GCJ-02) ≤ radius + min(accuracy, 100 m) is inside and counted at once.
 *     Outside is 外勤: allowed only with a written reason, pending until a manager approves it, and at
 *     most 4 外勤 submissions per cadre per Beijing month.
 *  4. Device clock: |deviceNow − server now| > 5 minutes is flagged for the manager, never refused.
 *  5. Speed: against the cadre's neighbouring check-ins (the one just before and just after in time),
 *     speed = max(0, distance − both accuracies) / max(Δt, 1 s); above 300 km/h is flagged, never refused.
 *  The record's time: online, the server's clock; offline, the capture time (shifted by the measured
 *  clock error when the phone's clock was more than 5 minutes off).
 */
import { beijingDate, beijingMonth, beijingYear } from './beijing-time'
import { distanceM, formatDistance } from './geo'

export const MAX_ACCURACY_M = 200
export const ACCURACY_ALLOWANCE_CAP_M = 100
export const ONLINE_MAX_AGE_MS = 2 * 60 * 1000
export const FUTURE_TOLERANCE_MS = 30 * 1000
export const OFFLINE_MAX_AGE_MS = 72 * 60 * 60 * 1000
/** The shortest offline window an org may set: a younger offline check-in needs no look at the rules. */
export const MIN_OFFLINE_MAX_AGE_MS = 24 * 60 * 60 * 1000
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000
export const MAX_SPEED_KMH = 300
export const FIELDWORK_PER_MONTH = 4
/** A visit's record may be written or edited this long after the check-in reached the server. */
export const RECORD_EDIT_DAYS = 7
export const RECORD_EDIT_MS = RECORD_EDIT_DAYS * 24 * 60 * 60 * 1000
/** A liaison point's check-in fence, metres: the national default for new points (a unit may set its own in 制度) and the limits any fence keeps. */
export const DEFAULT_RADIUS_M = 500
export const MIN_RADIUS_M = 50
export const MAX_RADIUS_M = 5000

export interface Fix {
  lat: number
  lng: number
  /** metres, as wx.getLocation reports it */
  accuracy: number
  capturedAt: Date
}

export interface NeighbourFix {
  lat: number
  lng: number
  accuracy: number
  at: Date
}

export interface CheckInFacts {
  fix: Fix
  deviceNow: Date
  serverNow: Date
  offline: boolean
  /** The org's offline window (制度 offlineHours); 72 hours when absent. */
  offlineMaxAgeMs?: number
  point: { lat: number; lng: number; radiusM: number }
  /** The cadre's check-ins just before and just after this one in time (either may be absent). */
  neighbours: NeighbourFix[]
  /** 外勤 already submitted this Beijing month (of the record's time). */
  fieldworkThisMonth: number
  reason?: string
}

export type CheckInFlag = 'clockSkew' | 'speed'

export type CheckInVerdict =
  | { ok: false; code: 'BAD_REQUEST'; message: string; rule: 'accuracy' | 'stale' | 'future' | 'offlineTooOld' | 'reasonRequired' | 'fieldworkLimit' }
  | {
      ok: true
      inside: boolean
      /** counted at once (inside), or pending a manager's approval (外勤) */
      status: 'counted' | 'pending'
      distanceM: number
      allowanceM: number
      /** The record's time. */
      visitedAt: Date
      date: string
      month: string
      year: number
      flags: CheckInFlag[]
      clockSkewMs: number
      maxSpeedKmh: number | null
    }

const minutes = (ms: number) => Math.round(ms / 60000)

/** Hours as people say them: "75 小时". */
const hours = (ms: number) => Math.floor(ms / 3600000)

export function impliedSpeedKmh(a: NeighbourFix, b: NeighbourFix): number {
  const d = Math.max(0, distanceM(a, b) - a.accuracy - b.accuracy)
  const dt = Math.max(Math.abs(a.at.getTime() - b.at.getTime()), 1000)
  return d / 1000 / (dt / 3600000)
}

/**
 * The record's time: online, the server's clock; offline, the capture time, shifted by the measured
 * clock error (deviceNow − server now) when that error is over 5 minutes.
 */
export function recordTime(f: Pick<CheckInFacts, 'fix' | 'deviceNow' | 'serverNow' | 'offline'>) {
  const clockSkewMs = f.deviceNow.getTime() - f.serverNow.getTime()
  const skewed = Math.abs(clockSkewMs) > MAX_CLOCK_SKEW_MS
  const visitedAt = !f.offline ? f.serverNow : skewed ? new Date(f.fix.capturedAt.getTime() - clockSkewMs) : f.fix.capturedAt
  return { visitedAt, clockSkewMs, skewed }
}

export function evaluateCheckIn(f: CheckInFacts): CheckInVerdict {
  const { fix } = f
  if (fix.accuracy > MAX_ACCURACY_M) {
    return {
      ok: false,
      code: 'BAD_REQUEST',
      rule: 'accuracy',
      message: `这次定位误差太大（约 ${Math.round(fix.accuracy)} 米），请到室外开阔的地方重新定位后再打卡`
    }
  }

  const age = f.deviceNow.getTime() - fix.capturedAt.getTime()
  if (age < -FUTURE_TOLERANCE_MS) {
    return { ok: false, code: 'BAD_REQUEST', rule: 'future', message: '定位时间比手机时间还晚，请重新定位后再打卡' }
  }
  if (!f.offline && age > ONLINE_MAX_AGE_MS) {
    return {
      ok: false,
      code: 'BAD_REQUEST',
      rule: 'stale',
      message: `这次定位是 ${Math.max(3, minutes(age))} 分钟前的，请重新定位后再打卡`
    }
  }
  const offlineMax = f.offlineMaxAgeMs ?? OFFLINE_MAX_AGE_MS
  if (f.offline && age > offlineMax) {
    return {
      ok: false,
      code: 'BAD_REQUEST',
      rule: 'offlineTooOld',
      message: `这条离线打卡已经过去 ${hours(age)} 小时，超过了 ${hours(offlineMax)} 小时的补传期限，不能再补传了`
    }
  }

  const { visitedAt, clockSkewMs, skewed } = recordTime(f)

  const d = distanceM(fix, f.point)
  const allowanceM = Math.min(fix.accuracy, ACCURACY_ALLOWANCE_CAP_M)
  const inside = d <= f.point.radiusM + allowanceM

  if (!inside) {
    if (!f.reason || !f.reason.trim()) {
      return {
        ok: false,
        code: 'BAD_REQUEST',
        rule: 'reasonRequired',
        message: `您不在联系点附近（相距 ${formatDistance(d)}），如确在外开展工作，请填写外勤说明`
      }
    }
    if (f.fieldworkThisMonth >= FIELDWORK_PER_MONTH) {
      return {
        ok: false,
        code: 'BAD_REQUEST',
        rule: 'fieldworkLimit',
        message: `您不在联系点附近（相距 ${formatDistance(d)}），本月的 ${FIELDWORK_PER_MONTH} 次外勤已经用完，请到联系点后再打卡`
      }
    }
  }

  const here: NeighbourFix = { lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy, at: visitedAt }
  const speeds = f.neighbours.map((n) => impliedSpeedKmh(n, here))
  const maxSpeedKmh = speeds.length ? Math.round(Math.max(...speeds)) : null
  const flags: CheckInFlag[] = []
  if (skewed) flags.push('clockSkew')
  if (maxSpeedKmh !== null && maxSpeedKmh > MAX_SPEED_KMH) flags.push('speed')

  return {
    ok: true,
    inside,
    status: inside ? 'counted' : 'pending',
    distanceM: Math.round(d),
    allowanceM,
    visitedAt,
    date: beijingDate(visitedAt),
    month: beijingMonth(visitedAt),
    year: beijingYear(visitedAt),
    flags,
    clockSkewMs,
    maxSpeedKmh
  }
}

export const flagLabels: Record<CheckInFlag, string> = {
  clockSkew: '手机时间与北京时间相差超过 5 分钟',
  speed: '与前后打卡地点相距过远（折合时速超过 300 公里）'
}

/** 90 days a year at the grassroots: progress counts up to the target and no further. */
export const DAYS_TARGET = 90

export function progressDays(days: number, target = DAYS_TARGET): number {
  return Math.min(Math.max(0, days), target)
}
