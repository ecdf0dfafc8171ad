import type { Me } from '@/types/models'
import type { Landing } from '@/types/service'
import type { Demand, DemandDetail } from '@/types/demands'
import type { CloudState } from '@/src/hooks/useCloud'
import type { PagedState } from '@/src/hooks/usePaged'

export const cadre: Me = {
  name: '马晓燕',
  role: 'cadre',
  title: '城东区妇联副主席',
  org: {
    id: 'org-women-xining-chengdong',
    name: '城东区妇联',
    system: 'women',
    level: 'county',
    pathNames: ['青海省妇联', '西宁市妇联', '城东区妇联']
  },
  liaisonPoints: [
    {
      id: 'lp-1',
      name: '东关大街社区',
      kind: 'village',
      address: '西宁市城东区东关大街 12 号',
      location: { lat: 36.6171, lng: 101.7949 },
      radiusM: 300
    },
    {
      id: 'lp-2',
      name: '城东区实验小学',
      kind: 'school',
      address: '西宁市城东区八一路 5 号',
      location: { lat: 36.6102, lng: 101.8101 },
      radiusM: 200
    }
  ],
  contactCount: 3
}

export const cadreWithoutContacts: Me = { ...cadre, name: '李建华', contactCount: 0 }

export const cadreWithNothing: Me = { ...cadre, name: '王芳', liaisonPoints: [], contactCount: 0 }

export const manager: Me = {
  ...cadre,
  name: '张丽',
  role: 'manager',
  title: '西宁市妇联组织部部长',
  org: { id: 'org-women-xining', name: '西宁市妇联', system: 'women', level: 'prefecture', pathNames: ['青海省妇联', '西宁市妇联'] },
  liaisonPoints: [],
  contactCount: 0
}

export const resident: Me = { name: '微信用户', role: 'resident', org: null, liaisonPoints: [], contactCount: 0 }

/** A paged list's state: loaded and empty unless told otherwise. */
export function paged<T>(over: Partial<PagedState<T>> = {}): PagedState<T> {
  return { items: [], loading: false, loadingMore: false, error: null, moreError: null, hasMore: false, loaded: true, ...over }
}

/** A useCloud state with its data arrived. */
export const loaded = <T>(data: T): CloudState<T> => ({ loading: false, error: null, data, reload: async () => {} })

/** One ledger entry (群众诉求), open and in time. */
export const demand = (over: Partial<Demand> = {}): Demand => ({
  id: 'd1',
  source: 'cadre',
  visitId: null,
  cadreId: 'c1',
  cadreName: '马文明',
  orgId: 'o1',
  area: 'living',
  urgency: 'general',
  urgentHint: false,
  triaged: true,
  text: '楼道灯坏了',
  contact: { name: '李大爷', phone: '13812345678', phoneMasked: false },
  status: 'open',
  path: null,
  plannedPath: null,
  department: null,
  deadlineAt: '2026-03-12T15:59:59.999Z',
  firstDeadlineAt: '2026-03-12T15:59:59.999Z',
  departmentDueAt: null,
  overdue: false,
  pendingExtension: null,
  finishedAt: null,
  closedAt: null,
  reply: null,
  supervised: 0,
  createdAt: '2026-03-05T01:00:00.000Z',
  sceneCode: null,
  rating: null,
  voice: null,
  report: null,
  invalid: null,
  round: 1,
  ...over
})

/** A demand as its page shows it, with what the viewer may do next (`nextSteps`, from the server). */
export const demandDetail = (over: Partial<DemandDetail> = {}): DemandDetail => ({
  ...demand(),
  timeline: [{ kind: 'raised', at: '2026-03-05T01:00:00.000Z', byName: '马文明', byRole: 'cadre' }],
  nextSteps: [],
  extensions: [],
  reportTargets: [],
  deadlineBounds: null,
  ...over
})

/** What a scanned visit code shows a resident (ratings.landing). */
export const landing = (over: Partial<Landing> = {}): Landing => ({
  scene: 'vAbcdefghjk',
  kind: 'visit',
  cadreName: '马文明',
  orgName: '城东区总工会',
  date: '2026-03-05',
  pointName: '东关大街社区',
  canRate: true,
  rateBlocked: null,
  windowEndsAt: '2026-03-12T15:59:59.999Z',
  myRating: null,
  fix: null,
  myDemands: [],
  canReport: true,
  ...over
})
