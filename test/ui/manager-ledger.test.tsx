import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { LiaisonOverview } from '@/types/points'
import type { VisitDetail, VisitRecord } from '@/types/visits'
import type { Demand, DemandDetail } from '@/types/demands'
import { demand, demandDetail as detailOf, loaded, paged } from './fixtures'
import { CadreLiangLianView } from '@/src/manager/pages/cadres/CadresView'
import { LedgerView } from '@/src/cadre/pages/ledger/LedgerView'
import { DemandView } from '@/src/cadre/pages/demand/DemandView'
import { actionPayload } from '@/src/cadre/pages/demand/actions'
import { VisitView } from '@/src/cadre/pages/visit/VisitView'
import { detail as visitDetail, idle, visitViewBase } from './cadre-fixtures'

const noop = () => {}
const demandDetail = (over: Partial<DemandDetail> = {}): DemandDetail =>
  detailOf({ timeline: [{ kind: 'raised', at: '2026-03-05T01:00:00.000Z', byName: '马晓燕', byRole: 'cadre' }], ...over })

describe('a manager browses one cadre’s 办实事 ledger', () => {
  const overview: LiaisonOverview = { cadre: { id: 'c-ma', name: '马晓燕', orgId: 'org-women-xining-chengdong' }, points: [], contacts: [], complete: false }

  it('the cadre’s 两联 page opens their ledger', async () => {
    const open = jest.fn()
    const { rerender } = render(
      <CadreLiangLianView overview={{ ...idle, data: overview }} onRetry={noop} onAddPoint={noop} onEditPoint={noop} onOpenLedger={open} />
    )
    expect(screen.getByTestId('open-ledger').textContent).toContain('诉求台账')
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-ledger'))
    })
    expect(open).toHaveBeenCalledTimes(1)
    rerender(<CadreLiangLianView overview={{ ...idle, data: overview }} onRetry={noop} onAddPoint={noop} onEditPoint={noop} />)
    expect(screen.queryByTestId('open-ledger')).toBeNull()
  })

  const props = { filter: 'active' as const, onFilter: noop, onRetry: noop, onMore: noop, onOpen: noop, cadreName: '马晓燕' }

  it('the ledger: whose it is, the same filters, rows with status and 超期, read-only', () => {
    const onFilter = jest.fn()
    const onOpen = jest.fn()
    const { rerender } = render(
      <LedgerView
        {...props}
        onFilter={onFilter}
        onOpen={onOpen}
        list={paged({ items: [demand(), demand({ id: 'd-2', status: 'coordinating', overdue: true, department: '城东区住建局' })], hasMore: true })}
      />
    )
    expect(screen.getByTestId('ledger-cadre').textContent).toContain('马晓燕的诉求台账')
    // A manager does not record demands in someone else's ledger.
    expect(screen.queryByTestId('open-new')).toBeNull()
    expect(screen.queryByTestId('new-demand')).toBeNull()
    for (const f of ['all', 'active', 'overdue', 'solved', 'reported', 'answered', 'closed', 'invalid']) expect(screen.getByTestId(`filter-${f}`)).toBeTruthy()
    fireEvent.click(screen.getByTestId('filter-overdue'))
    expect(onFilter).toHaveBeenCalledWith('overdue')
    const rows = screen.getAllByTestId('demand')
    expect(rows).toHaveLength(2)
    expect(rows[0].querySelector('[data-testid="tag-status"]')?.textContent).toBe('待办理')
    expect(rows[0].querySelector('[data-testid="tag-overdue"]')).toBeNull()
    expect(rows[1].querySelector('[data-testid="tag-status"]')?.textContent).toBe('协调办理中')
    expect(rows[1].querySelector('[data-testid="tag-overdue"]')?.textContent).toBe('超期')
    expect(rows[1].textContent).toContain('城东区住建局')
    fireEvent.click(rows[1])
    expect(onOpen).toHaveBeenCalledWith('d-2')
    expect(screen.getByTestId('load-more')).toBeTruthy()

    rerender(<LedgerView {...props} filter='overdue' list={paged<Demand>()} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有超期的诉求')
    expect(screen.getByTestId('empty').textContent).toContain('这位干部')
  })

  it('the cadre’s own ledger keeps 登记一条诉求', () => {
    const onForm = jest.fn()
    render(
      <LedgerView
        {...props}
        cadreName={undefined}
        list={paged<Demand>()}
        create={{ form: { open: false, area: null, urgency: 'general', text: '' }, onForm, onCreate: noop, creating: false, createError: null }}
      />
    )
    expect(screen.queryByTestId('ledger-cadre')).toBeNull()
    fireEvent.click(screen.getByTestId('open-new'))
    expect(onForm).toHaveBeenCalledTimes(1)
  })

  const dprops = {
    onRetry: noop,
    isOwner: false,
    action: null,
    onAction: noop,
    values: {},
    onValue: noop,
    onSubmit: noop,
    submitting: false,
    error: null,
    onShowQr: noop
  }

  it('a demand: the timeline, and the steps the server offers a manager (督办 while it is being handled)', () => {
    const onAction = jest.fn()
    const pressed = demandDetail({
      nextSteps: ['supervise', 'triage', 'invalidate'],
      status: 'coordinating',
      department: '城东区住建局',
      supervised: 1,
      timeline: [
        { kind: 'raised', at: '2026-03-05T01:00:00.000Z', byName: '马晓燕', byRole: 'cadre' },
        { kind: 'assigned', at: '2026-03-05T02:00:00.000Z', byName: '马晓燕', byRole: 'cadre', note: '城东区住建局' },
        { kind: 'supervised', at: '2026-03-06T01:00:00.000Z', byName: '张主席', byRole: 'manager', note: '请本周内办结' }
      ]
    })
    const { rerender } = render(<DemandView {...dprops} onAction={onAction} demand={loaded(pressed)} />)
    expect(screen.getAllByTestId('step')).toHaveLength(3)
    expect(screen.getAllByTestId('step')[2].textContent).toContain('张主席：请本周内办结')
    expect(screen.getByTestId('demand-supervised').textContent).toContain('已督办 1 次')
    // 督办, 分级, 标为无效: none of the cadre's own steps.
    for (const a of ['supervise', 'triage', 'invalidate']) expect(screen.getByTestId(`action-${a}`)).toBeTruthy()
    for (const a of ['resolve', 'coordinate', 'report', 'progress', 'finish', 'close']) expect(screen.queryByTestId(`action-${a}`)).toBeNull()
    fireEvent.click(screen.getByTestId('action-supervise'))
    expect(onAction).toHaveBeenCalledWith('supervise')

    const onSubmit = jest.fn()
    rerender(
      <DemandView
        {...dprops}
        action='supervise'
        values={{ note: '请本周内办结' }}
        onSubmit={onSubmit}
        error='只有这位干部的上级管理员可以督办'
        demand={loaded(pressed)}
      />
    )
    expect(screen.getByTestId('action-form').textContent).toContain('督办意见')
    expect(screen.getByTestId('action-error').textContent).toContain('上级管理员')
    fireEvent.click(screen.getByTestId('action-submit'))
    expect(onSubmit).toHaveBeenCalledTimes(1)

    // Solved, reported or answered: nothing left to press (the server offers nothing); never the cadre's QR.
    for (const status of ['solved', 'reported', 'closed'] as const) {
      rerender(<DemandView {...dprops} demand={loaded(demandDetail({ status }))} />)
      expect(screen.queryByTestId('actions')).toBeNull()
      expect(screen.queryByTestId('show-qr')).toBeNull()
    }
    // Neither the cadre nor their manager: read-only.
    rerender(<DemandView {...dprops} demand={loaded(demandDetail())} />)
    expect(screen.queryByTestId('actions')).toBeNull()
  })

  it('the 督办 payload, and the missing note named', () => {
    expect(actionPayload('supervise', 'v-1_p1', { note: ' 请本周内办结 ' })).toEqual({
      ok: true,
      call: 'supervise',
      input: { demandId: 'v-1_p1', note: '请本周内办结' }
    })
    expect(actionPayload('supervise', 'v-1_p1', { note: '  ' })).toEqual({ ok: false, message: '请填写督办意见' })
  })
})

describe('a visit’s problems link to their ledger entries', () => {
  const base = visitViewBase
  const record: VisitRecord = {
    category: 'village',
    method: 'homeVisit',
    peopleMet: { count: 4 },
    householdIds: [],
    savedAt: '2026-03-05T02:00:00.000Z',
    problems: [
      {
        id: 'v-1_p1',
        area: 'housing',
        text: '危房改造',
        handling: 'report',
        urgency: 'complex',
        status: 'open',
        ledger: { status: 'reported', overdue: false }
      },
      {
        id: 'v-1_p2',
        area: 'living',
        text: '路灯不亮',
        handling: 'coordinate',
        urgency: 'general',
        status: 'open',
        ledger: { status: 'coordinating', overdue: true }
      },
      { id: 'v-1_p3', area: 'other', text: '早年记下的问题', handling: 'immediate', status: 'open', ledger: null }
    ]
  }
  const withRecord: VisitDetail = { ...visitDetail(), hasRecord: true, record }

  it('each problem shows its state now; tapping opens its demand', () => {
    const open = jest.fn()
    render(<VisitView {...base} onOpenDemand={open} visit={{ ...idle, data: withRecord }} form={null} />)
    const rows = screen.getAllByTestId('raised-problem')
    expect(rows).toHaveLength(3)
    expect(rows[0].textContent).toContain('危房改造')
    expect(rows[0].textContent).toContain('上报反映')
    expect(rows[0].querySelector('[data-testid="problem-status"]')?.textContent).toBe('已上报，待答复')
    expect(rows[0].querySelector('[data-testid="tag-overdue"]')).toBeNull()
    expect(rows[1].querySelector('[data-testid="problem-status"]')?.textContent).toBe('协调办理中')
    expect(rows[1].querySelector('[data-testid="tag-overdue"]')?.textContent).toBe('超期')
    fireEvent.click(rows[1])
    expect(open).toHaveBeenCalledWith('v-1_p2')
    // Not in the ledger: said so, no link, no state.
    expect(rows[2].querySelector('[data-testid="open-demand"]')).toBeNull()
    expect(rows[2].querySelector('[data-testid="problem-status"]')).toBeNull()
    expect(rows[2].textContent).toContain('没有进入诉求台账')
    fireEvent.click(rows[2])
    expect(open).toHaveBeenCalledTimes(1)
    expect(rows[0].querySelector('[data-testid="open-demand"]')).toBeTruthy()
  })

  it('shown above the editable record too; none without problems', () => {
    const { rerender } = render(
      <VisitView
        {...base}
        onOpenDemand={noop}
        visit={{ ...idle, data: withRecord }}
        form={{ category: 'village', method: 'homeVisit', policy: '', needs: '', advice: '', peopleCount: '4', peopleText: '', householdIds: [], problems: [] }}
      />
    )
    expect(screen.getByTestId('record-form')).toBeTruthy()
    expect(screen.getAllByTestId('raised-problem')).toHaveLength(3)
    rerender(<VisitView {...base} onOpenDemand={noop} visit={{ ...idle, data: visitDetail() }} form={null} />)
    expect(screen.queryByTestId('raised-problems')).toBeNull()
  })
})
