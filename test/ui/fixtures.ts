import type { Me } from '../../types/models'

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
