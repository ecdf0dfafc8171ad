import type { CheckInResult, Progress, VisitDetail, VisitSummary } from '@/types/visits'
import type { Household } from '@/types/households'
import type { LiaisonOverview } from '@/types/points'
import type { LiaisonPointSummary } from '@/types/models'
import type { VisitViewProps } from '@/src/cadre/pages/visit/VisitView'

export const progress: Progress = {
  cadre: { id: 'u-1', name: '马晓燕', orgId: 'org-1' },
  year: 2026,
  days: 12,
  target: 90,
  progressDays: 12,
  reached: false,
  expectedByToday: 20,
  pace: { adjustedTarget: 90, pausedDays: 0, pausedSoFar: 0, pausedNow: null },
  thisMonth: { month: '2026-03', visits: 5, days: 4 },
  offlineHours: 72,
  fieldwork: { month: '2026-03', used: 1, limit: 4, pending: 1 }
}

/** Two points about 1.3 km apart in 西宁城东区 (GCJ-02). */
export const points: LiaisonPointSummary[] = [
  { id: 'lp-school', name: '城东区实验小学', kind: 'school', address: '八一路 5 号', location: { lat: 36.6102, lng: 101.8101 }, radiusM: 200 },
  { id: 'lp-village', name: '东关大街社区', kind: 'village', address: '东关大街 12 号', location: { lat: 36.6171, lng: 101.7949 }, radiusM: 300 }
]

/** 60 m north of 东关大街社区. */
export const fixInside = { lat: 36.6171 + 60 / 111195, lng: 101.7949, accuracy: 20, capturedAt: '2026-03-05T01:00:00.000Z' }
/** About 2 km north of 东关大街社区 and farther from the school. */
export const fixOutside = { lat: 36.6171 + 2000 / 111195, lng: 101.7949, accuracy: 20, capturedAt: '2026-03-05T01:00:00.000Z' }

export function visit(over: Partial<VisitSummary> = {}): VisitSummary {
  return {
    id: 'v-1',
    submissionId: 'sub-00000001',
    cadreId: 'u-1',
    cadreName: '马晓燕',
    pointId: 'lp-village',
    pointName: '东关大街社区',
    pointKind: 'village',
    visitedAt: '2026-03-05T01:30:00.000Z',
    date: '2026-03-05',
    inside: true,
    status: 'counted',
    distanceM: 60,
    accuracyM: 20,
    offline: false,
    flags: [],
    hasRecord: false,
    recordEditableUntil: '2026-03-12T01:30:00.000Z',
    ...over
  }
}

export function detail(over: Partial<VisitDetail> = {}): VisitDetail {
  return { ...visit(), record: null, ...over }
}

export function result(over: Partial<CheckInResult> = {}): CheckInResult {
  return { visit: visit(), dayAdded: true, days: 13, message: '打卡成功，已计入今天的下基层天数', ...over }
}

export const households: Household[] = [
  {
    id: 'h-1',
    kind: 'veteranMember',
    displayName: '王**家',
    area: '东关村 3 组',
    cadreId: 'u-1',
    orgId: 'org-1',
    lastVisitAt: '2026-03-01T02:00:00.000Z',
    visitsThisYear: 2,
    neverVisited: false
  },
  {
    id: 'h-2',
    kind: 'leftBehind',
    displayName: '3 组李大爷',
    area: '东关村 3 组',
    cadreId: 'u-1',
    orgId: 'org-1',
    lastVisitAt: null,
    visitsThisYear: 0,
    neverVisited: true
  }
]

export const overview: LiaisonOverview = {
  cadre: { id: 'u-1', name: '马晓燕', orgId: 'org-1' },
  points: points.map((p) => ({ ...p, orgId: 'org-1', cadreId: 'u-1' })),
  contacts: [{ id: 'c-1', name: '张国强', relation: '社区书记', phone: '13800001234', phoneMasked: false }],
  complete: true
}

export const idle = { loading: false, error: null } as const

const noop = () => {}

/** VisitView's props other than the visit and the form: nothing loading, nothing saved. */
export const visitViewBase: Omit<VisitViewProps, 'visit' | 'form'> = {
  onRetry: noop,
  onForm: noop,
  households: { loading: false, error: null, items: null },
  onLoadHouseholds: noop,
  saving: false,
  saveError: null,
  saved: false,
  onSave: noop
}
