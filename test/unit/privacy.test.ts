import { managesPath, maskPhone, mayViewCadre, phoneFor, type Viewer } from '@/types/rules/privacy'
import { PointFields } from '@/types/points'

const cadre = { id: 'user-women-xining-chengdong-cadre-1', orgPath: ['org-women', 'org-women-xining', 'org-women-xining-chengdong'] }
const v = (userId: string, role: Viewer['role'], orgId: string | null): Viewer => ({ userId, role, orgId })

describe('phone masking', () => {
  it('keeps the first 3 and last 4 digits of a mobile or landline', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('0971-6123456')).toBe('097****3456')
    expect(maskPhone('12345')).toBe('1***5')
  })

  it('shows the phone in clear to the cadre and their managers only', () => {
    expect(phoneFor(v(cadre.id, 'cadre', 'org-women-xining-chengdong'), cadre, '13812341234')).toEqual({ phone: '13812341234', masked: false })
    expect(phoneFor(v('m', 'manager', 'org-women-xining-chengdong'), cadre, '13812341234').masked).toBe(false)
    expect(phoneFor(v('m', 'manager', 'org-women-xining'), cadre, '13812341234').masked).toBe(false)
    expect(phoneFor(v('a', 'admin', 'org-women'), cadre, '13812341234').masked).toBe(false)
    // a colleague, a sibling county's manager, another system's admin, a resident
    expect(phoneFor(v('c2', 'cadre', 'org-women-xining-chengdong'), cadre, '13812341234')).toEqual({ phone: '138****1234', masked: true })
    expect(phoneFor(v('m2', 'manager', 'org-women-xining-chengzhong'), cadre, '13812341234').masked).toBe(true)
    expect(phoneFor(v('a2', 'admin', 'org-union'), cadre, '13812341234').masked).toBe(true)
    expect(phoneFor(v('r', 'resident', null), cadre, '13812341234').masked).toBe(true)
  })

  it('lets a manager act on their subtree only, a cadre on nobody', () => {
    expect(managesPath(v('m', 'manager', 'org-women-xining'), cadre.orgPath)).toBe(true)
    expect(managesPath(v('c', 'cadre', 'org-women-xining-chengdong'), cadre.orgPath)).toBe(false)
    expect(mayViewCadre(v('c2', 'cadre', 'org-women-xining-chengdong'), cadre)).toBe(false)
  })

  it('keeps phone numbers out of a liaison point’s name, which is printed on its plate', () => {
    const point = { name: '东关村党群服务中心', kind: 'village', address: '东关大街 1 号', location: { lat: 36.62, lng: 101.78 } }
    expect(PointFields.safeParse(point).success).toBe(true)
    expect(PointFields.safeParse({ ...point, name: '3号楼 2单元' }).success).toBe(true)
    const refused = PointFields.safeParse({ ...point, name: '东关村（书记 13812341234）' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0].message).toContain('请不要写电话号码')
  })
})
