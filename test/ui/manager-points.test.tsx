import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { CadreRef, LiaisonOverview, LiaisonPoint } from '@/types/points'
import { CadreLiangLianView, CadresView, type CadresViewProps } from '@/src/manager/pages/cadres/CadresView'
import { checkPoint, draftOf, newPointDraft, PointView, type PointDraft, type PointViewProps } from '@/src/manager/pages/point/PointView'
import { CloudError } from '@/src/services/reply'
import { paged } from './fixtures'
import { idle } from './cadre-fixtures'

const ma: CadreRef = { id: 'c-ma', name: '马晓燕', title: '城东区妇联副主席', orgId: 'org-women-xining-chengdong' }
const li: CadreRef = { id: 'c-li', name: '李建华', orgId: 'org-women-xining-chengxi' }

const point: LiaisonPoint = {
  id: 'lp-1',
  name: '东关大街社区',
  kind: 'village',
  address: '西宁市城东区东关大街 12 号',
  location: { lat: 36.6171, lng: 101.7949 },
  radiusM: 300,
  orgId: ma.orgId,
  cadreId: ma.id
}

const overview = (over: Partial<LiaisonOverview> = {}): LiaisonOverview => ({ cadre: ma, points: [point], contacts: [], complete: false, ...over })

const filled: PointDraft = { ...newPointDraft(ma.id), name: '城东区实验小学', kind: 'school', address: '八一路 5 号', lat: '36.6102', lng: '101.8101' }

describe('干部和联系点 (managers)', () => {
  describe('cadre list', () => {
    const base: CadresViewProps = { list: paged({ items: [ma, li], hasMore: true }), onRetry: () => {}, onMore: () => {}, onOpen: () => {} }

    it('loading, error with retry, empty', async () => {
      const retry = jest.fn()
      const { rerender } = render(<CadresView {...base} list={paged({ loaded: false, loading: true })} />)
      expect(screen.getByTestId('loading')).toBeTruthy()
      rerender(<CadresView {...base} onRetry={retry} list={paged({ loaded: false, error: new CloudError('FORBIDDEN', '您没有权限做这件事') })} />)
      expect(screen.getByTestId('error').textContent).toContain('没有权限')
      expect(screen.queryByTestId('retry')).toBeNull()
      expect(screen.getByTestId('go-home').textContent).toBe('回到首页')
      rerender(<CadresView {...base} onRetry={retry} list={paged({ loaded: false, error: new CloudError('UNAVAILABLE', '网络不太好，请稍后再试') })} />)
      await act(async () => {
        fireEvent.click(screen.getByTestId('retry'))
      })
      expect(retry).toHaveBeenCalledTimes(1)
      rerender(<CadresView {...base} list={paged()} />)
      expect(screen.getByTestId('empty').textContent).toContain('还没有干部')
    })

    it('lists cadres; a row opens that cadre’s 两联; more pages on demand', async () => {
      const open = jest.fn()
      const more = jest.fn()
      render(<CadresView {...base} onOpen={open} onMore={more} />)
      const rows = screen.getAllByTestId('cadre')
      expect(rows).toHaveLength(2)
      expect(rows[0].textContent).toContain('马晓燕')
      expect(rows[0].textContent).toContain('城东区妇联副主席')
      await act(async () => {
        fireEvent.click(rows[1])
        fireEvent.click(screen.getByTestId('load-more'))
      })
      expect(open).toHaveBeenCalledWith('c-li')
      expect(more).toHaveBeenCalledTimes(1)
    })
  })

  describe('one cadre’s 两联', () => {
    const noop = () => {}

    it('loading and error', () => {
      const { rerender } = render(
        <CadreLiangLianView overview={{ loading: true, error: null, data: undefined }} onRetry={noop} onAddPoint={noop} onEditPoint={noop} />
      )
      expect(screen.getByTestId('loading')).toBeTruthy()
      rerender(
        <CadreLiangLianView
          overview={{ ...idle, error: new CloudError('NOT_FOUND', '找不到这位干部'), data: undefined }}
          onRetry={noop}
          onAddPoint={noop}
          onEditPoint={noop}
        />
      )
      expect(screen.getByTestId('error').textContent).toContain('找不到这位干部')
    })

    it('no points yet: says so, and 新增联系点 is there', async () => {
      const add = jest.fn()
      render(<CadreLiangLianView overview={{ ...idle, data: overview({ points: [] }) }} onRetry={noop} onAddPoint={add} onEditPoint={noop} />)
      expect(screen.getByTestId('complete').textContent).toContain('还没有联系点')
      expect(screen.getByTestId('no-points')).toBeTruthy()
      await act(async () => {
        fireEvent.click(screen.getByTestId('add-point'))
      })
      expect(add).toHaveBeenCalledTimes(1)
    })

    it('points with kind, address and radius; complete or not; edit opens the point', async () => {
      const editPoint = jest.fn()
      const { rerender } = render(<CadreLiangLianView overview={{ ...idle, data: overview() }} onRetry={noop} onAddPoint={noop} onEditPoint={editPoint} />)
      expect(screen.getByTestId('complete').textContent).toContain('还没有登记联系人')
      const row = screen.getByTestId('cadre-point').textContent ?? ''
      expect(row).toContain('东关大街社区')
      expect(row).toContain('农村/社区')
      expect(row).toContain('300 米以内')
      await act(async () => {
        fireEvent.click(screen.getByTestId('edit-point-lp-1'))
      })
      expect(editPoint).toHaveBeenCalledWith('lp-1')
      const done = overview({ complete: true, contacts: [{ id: 'ct-1', name: '韩主任', relation: '社区书记', phone: '13800001234', phoneMasked: false }] })
      rerender(<CadreLiangLianView overview={{ ...idle, data: done }} onRetry={noop} onAddPoint={noop} onEditPoint={editPoint} />)
      expect(screen.getByTestId('complete').textContent).toContain('两联已落实')
      expect(screen.getByTestId('cadre-contact').textContent).toContain('韩主任')
    })
  })

  describe('point form', () => {
    const base: PointViewProps = {
      pointId: null,
      source: { ...idle, data: overview() },
      onRetry: () => {},
      draft: newPointDraft(ma.id),
      onDraft: () => {},
      mapPicker: false,
      onPickLocation: () => {},
      formError: null,
      saving: false,
      onSave: () => {}
    }

    it("new point: radius left blank sends none, so the server applies the unit's default; the draft passes the shared rules", () => {
      expect(newPointDraft(ma.id).radius).toBe('')
      const ok = checkPoint(filled, false)
      expect(ok).toEqual({
        ok: true,
        fields: { name: '城东区实验小学', kind: 'school', address: '八一路 5 号', location: { lat: 36.6102, lng: 101.8101 } }
      })
      expect(checkPoint({ ...filled, radius: ' 800 ' }, false)).toMatchObject({ ok: true, fields: { radiusM: 800 } })
      expect(checkPoint({ ...filled, radius: '6000' }, false)).toEqual({ ok: false, message: '打卡范围最多 5000 米' })
      expect(checkPoint({ ...filled, radius: '十' }, false)).toEqual({ ok: false, message: '打卡范围应为数字（米）' })
    })

    it('missing location: words for the map button (weapp) or the number fields (h5)', () => {
      const noPlace = { ...filled, lat: '', lng: '' }
      expect(checkPoint(noPlace, true)).toEqual({ ok: false, message: '请点“在地图上选点”选择联系点的位置' })
      expect(checkPoint(noPlace, false)).toEqual({ ok: false, message: '请填写联系点的纬度和经度' })
      expect(checkPoint({ ...filled, lat: '36.6', lng: '' }, false)).toEqual({ ok: false, message: '请填写联系点的纬度和经度' })
    })

    it('radius out of range or not a number, bad coordinates, missing fields: the shared Chinese messages', () => {
      expect(checkPoint({ ...filled, radius: '20' }, false)).toEqual({ ok: false, message: '打卡范围至少 50 米' })
      expect(checkPoint({ ...filled, radius: '8000' }, false)).toEqual({ ok: false, message: '打卡范围最多 5000 米' })
      expect(checkPoint({ ...filled, radius: '50.5' }, false)).toEqual({ ok: false, message: '打卡范围应为整数米' })
      expect(checkPoint({ ...filled, radius: 'abc' }, false)).toEqual({ ok: false, message: '打卡范围应为数字（米）' })
      expect(checkPoint({ ...filled, lat: '91' }, false)).toEqual({ ok: false, message: '纬度应在 -90 到 90 之间' })
      expect(checkPoint({ ...filled, lng: '东经' }, false)).toEqual({ ok: false, message: '经度应为数字' })
      expect(checkPoint({ ...filled, name: '  ' }, false)).toEqual({ ok: false, message: '请填写联系点名称' })
      expect(checkPoint({ ...filled, kind: null }, false)).toEqual({ ok: false, message: '请选择联系点类别（四进）' })
      expect(checkPoint({ ...filled, address: '' }, false)).toEqual({ ok: false, message: '请填写地址' })
    })

    it('loading and error while the cadre’s 两联 loads; a point no longer theirs', () => {
      const { rerender } = render(<PointView {...base} source={{ loading: true, error: null, data: undefined }} draft={null} />)
      expect(screen.getByTestId('loading')).toBeTruthy()
      rerender(<PointView {...base} source={{ ...idle, error: new CloudError('UNAVAILABLE', '网络不太好'), data: undefined }} draft={null} />)
      expect(screen.getByTestId('error').textContent).toContain('网络不太好')
      rerender(<PointView {...base} pointId='lp-gone' draft={null} />)
      expect(screen.getByTestId('empty').textContent).toContain('找不到这个联系点')
    })

    it('h5: two coordinate fields with the GCJ-02 note; typing reaches the draft', async () => {
      const onDraft = jest.fn()
      render(<PointView {...base} onDraft={onDraft} />)
      expect(screen.getByTestId('point-coords').textContent).toContain('GCJ-02')
      expect(screen.queryByTestId('pick-location')).toBeNull()
      expect(screen.getByTestId('point-form').textContent).toContain('新增马晓燕的联系点')
      await act(async () => {
        screen.getByTestId('point-lat').dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value: '36.61' } }))
      })
      expect(onDraft).toHaveBeenLastCalledWith(expect.objectContaining({ lat: '36.61', radius: '' }))
      await act(async () => {
        fireEvent.click(screen.getByTestId('point-kind-enterprise'))
      })
      expect(onDraft).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'enterprise' }))
    })

    it('weapp: 在地图上选点, then the picked place; errors and saving shown', async () => {
      const pick = jest.fn()
      const save = jest.fn()
      const { rerender } = render(<PointView {...base} mapPicker onPickLocation={pick} onSave={save} formError='请点“在地图上选点”选择联系点的位置' />)
      expect(screen.queryByTestId('point-lat')).toBeNull()
      expect(screen.getByTestId('pick-location').textContent).toContain('在地图上选点')
      expect(screen.getByTestId('point-error').textContent).toContain('在地图上选点')
      await act(async () => {
        fireEvent.click(screen.getByTestId('pick-location'))
        fireEvent.click(screen.getByTestId('save-point'))
      })
      expect(pick).toHaveBeenCalledTimes(1)
      expect(save).toHaveBeenCalledTimes(1)
      rerender(<PointView {...base} mapPicker draft={filled} pickedPlace='城东区实验小学' />)
      expect(screen.getByTestId('point-picked').textContent).toContain('36.6102')
      expect(screen.getByTestId('pick-location').textContent).toContain('重新在地图上选点')
    })

    it('edit: prefilled from the point; 改派 lists the cadres and picks one', async () => {
      const onDraft = jest.fn()
      const onOpen = jest.fn()
      const reassign = { open: false, onOpen, list: paged<CadreRef>({ loaded: false, loading: true }), onRetry: () => {}, onMore: () => {} }
      const draft = draftOf(point)
      expect(draft).toMatchObject({ name: '东关大街社区', kind: 'village', lat: '36.6171', lng: '101.7949', radius: '300', cadreId: 'c-ma' })
      const { rerender } = render(<PointView {...base} pointId='lp-1' draft={draft} onDraft={onDraft} reassign={reassign} />)
      expect(screen.getByTestId('point-form').textContent).toContain('修改马晓燕的联系点')
      expect(screen.getByTestId('point-kind-village').getAttribute('data-selected')).toBe('true')
      await act(async () => {
        fireEvent.click(screen.getByTestId('open-reassign'))
      })
      expect(onOpen).toHaveBeenCalledTimes(1)
      rerender(<PointView {...base} pointId='lp-1' draft={draft} onDraft={onDraft} reassign={{ ...reassign, open: true }} />)
      expect(screen.getByTestId('reassign').querySelector('[data-testid="loading"]')).toBeTruthy()
      rerender(<PointView {...base} pointId='lp-1' draft={draft} onDraft={onDraft} reassign={{ ...reassign, open: true, list: paged({ items: [ma, li] }) }} />)
      expect(screen.getByTestId('reassign-c-ma').getAttribute('data-selected')).toBe('true')
      expect(screen.getByTestId('reassign-c-ma').textContent).toContain('现在的')
      await act(async () => {
        fireEvent.click(screen.getByTestId('reassign-c-li'))
      })
      expect(onDraft).toHaveBeenLastCalledWith(expect.objectContaining({ cadreId: 'c-li', name: '东关大街社区' }))
    })
  })
})
