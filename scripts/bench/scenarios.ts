import { LIGHT_VISITS, VETERAN, lightOpenid, veteranOpenid } from './dataset'

export interface Scenario {
  /** fn.action, the row name in the report. */
  name: string
  fn: string
  /** Who calls: the veteran cadre (a tenth of all visits) or their county manager. */
  as: string
  /** Built per call: writes need a fresh submission each time. */
  payload: (i: number, now: Date) => Record<string, unknown>
  /** For check-ins: the liaison point whose coordinates the fix takes. */
  pointId?: string
}

export const countyManager = 'demo-union-xining-chengdong-manager'

const at = (now: Date) => now.toISOString()

/** A check-in at the point's own coordinates (the runner fills them in), a fresh submission each call. */
function checkIn(name: string, as: string, pointId: string): Scenario {
  return {
    name,
    fn: 'visit',
    as,
    pointId,
    payload: (i, now) => ({
      action: 'checkIn',
      submissionId: `bench-run-${now.getTime()}-${i}`,
      pointId,
      fix: { lat: 0, lng: 0, accuracy: 15, capturedAt: at(now) },
      deviceNow: at(now),
      offline: false
    })
  }
}

export const scenarios: Scenario[] = [
  { name: 'user.me', fn: 'user', as: veteranOpenid, payload: () => ({ action: 'me' }) },
  { name: 'points.overview', fn: 'points', as: veteranOpenid, payload: () => ({ action: 'overview' }) },
  { name: 'visit.list', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'visit.progress', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'progress' }) },
  { name: 'visit.calendar', fn: 'visit', as: veteranOpenid, payload: (_i, now) => ({ action: 'calendar', month: at(now).slice(0, 7) }) },
  { name: 'households.list', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'households.coverage', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'coverage' }) },
  checkIn('visit.checkIn (veteran: 1/10 of all visits)', veteranOpenid, 'bench-point-0'),
  checkIn(`visit.checkIn (${LIGHT_VISITS} earlier visits)`, lightOpenid, 'bench-light-point'),
  { name: 'visit.listPending', fn: 'visit', as: countyManager, payload: () => ({ action: 'listPending', limit: 20 }) },
  { name: 'visit.list (manager)', fn: 'visit', as: countyManager, payload: () => ({ action: 'list', cadreId: VETERAN, limit: 20 }) },
  { name: 'points.listCadres', fn: 'points', as: countyManager, payload: () => ({ action: 'listCadres', limit: 20 }) }
]
