import { VETERAN, veteranOpenid } from './dataset'

export interface Scenario {
  /** fn.action, the row name in the report. */
  name: string
  fn: string
  /** Who calls: the veteran cadre (a tenth of all visits) or their county manager. */
  as: string
  /** Built per call: writes need a fresh submission each time. */
  payload: (i: number, now: Date) => Record<string, unknown>
}

export const countyManager = 'demo-union-xining-chengdong-manager'

const at = (now: Date) => now.toISOString()

export const scenarios: Scenario[] = [
  { name: 'user.me', fn: 'user', as: veteranOpenid, payload: () => ({ action: 'me' }) },
  { name: 'points.overview', fn: 'points', as: veteranOpenid, payload: () => ({ action: 'overview' }) },
  { name: 'visit.list', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'visit.progress', fn: 'visit', as: veteranOpenid, payload: () => ({ action: 'progress' }) },
  { name: 'visit.calendar', fn: 'visit', as: veteranOpenid, payload: (_i, now) => ({ action: 'calendar', month: at(now).slice(0, 7) }) },
  { name: 'households.list', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'list', limit: 20 }) },
  { name: 'households.coverage', fn: 'households', as: veteranOpenid, payload: () => ({ action: 'coverage' }) },
  {
    name: 'visit.checkIn',
    fn: 'visit',
    as: veteranOpenid,
    payload: (i, now) => ({
      action: 'checkIn',
      submissionId: `bench-run-${now.getTime()}-${i}`,
      pointId: 'bench-point-0',
      // Filled in by the runner with the point's own coordinates.
      fix: { lat: 0, lng: 0, accuracy: 15, capturedAt: at(now) },
      deviceNow: at(now),
      offline: false
    })
  },
  { name: 'visit.listPending', fn: 'visit', as: countyManager, payload: () => ({ action: 'listPending', limit: 20 }) },
  { name: 'visit.list (manager)', fn: 'visit', as: countyManager, payload: () => ({ action: 'list', cadreId: VETERAN, limit: 20 }) },
  { name: 'points.listCadres', fn: 'points', as: countyManager, payload: () => ({ action: 'listCadres', limit: 20 }) }
]
