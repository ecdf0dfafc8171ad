/**
 * 请假和蹲点 and the places that show what they do: the cadre's list and form, a manager's approvals and records for
 * a cadre; the home's paused pace; the calendar's 蹲点 days and paused dates; a 外勤's "ask a resident to confirm";
 * the resident's confirmation card; the dashboard's live cadre view.
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import { PeriodsView, draftProblem, type PeriodDraft, type PeriodsViewProps } from '@/src/cadre/pages/periods/PeriodsView'
import { CalendarView } from '@/src/cadre/pages/calendar/CalendarView'
import { VisitView } from '@/src/cadre/pages/visit/VisitView'
import { HomeView, paceText, type CadreHomeProps } from '@/src/pages/index/HomeView'
import { RateView } from '@/src/pages/rate/RateView'
import { emptyRateForm, emptyReportForm } from '@/src/pages/rate/form'
import { setLang } from '@/src/i18n'
import { CadreDashboardView } from '@/src/manager/pages/dashboard/DashboardView'
import { emptyOutbox } from '@/src/services/outbox'
import type { CadrePeriod, VisitConfirmation } from '@/types/cadre-periods'
import type { Landing } from '@/types/service'
import { emptyFigures } from '@/types/outcomes'
import { cadre } from './fixtures'
import { detail, idle, progress, visitViewBase } from './cadre-fixtures'
import { loaded, paged } from './fixtures'

const noop = () => {}
const span = (over: Partial<CadrePeriod> = {}): CadrePeriod => ({
  id: 'p1',
  cadreId: 'u1',
  cadreName: '马晓燕',
  kind: 'leave',
  from: '2026-03-10',
  to: '2026-03-14',
  days: 5,
  place: '',
  note: '住院',
  status: 'pending',
  recordedBy: { name: '马晓燕', byManager: false },
  review: null,
  countedDays: null,
  createdAt: '2026-03-09T02:00:00.000Z',
  ...over
})
const base = (over: Partial<PeriodsViewProps> = {}): PeriodsViewProps => ({
  mode: 'own',
  today: '2026-03-20',
  list: paged({ items: [span()] }),
  onRetry: noop,
  onMore: noop,
  draft: null,
  onDraft: noop,
  saving: false,
  saveError: null,
  onSave: noop,
  busyId: null,
  onCancel: noop,
  onReview: noop,
  rejecting: null,
  onRejecting: noop,
  ...over
})

describe('请假和蹲点 (cadre)', () => {
  it('lists spans with their state; a pending one can be withdrawn; the form opens on a tap', () => {
    const onCancel = jest.fn()
    const onDraft = jest.fn()
    render(
      <PeriodsView
        {...base({
          onCancel,
          onDraft,
          list: paged({
            items: [
              span(),
              span({ id: 'p2', kind: 'stay', place: '牧区定居点', status: 'approved', countedDays: 3, from: '2026-03-01', to: '2026-03-03', days: 3 })
            ]
          })
        })}
      />
    )
    const rows = screen.getAllByTestId('period-row')
    expect(rows[0].textContent).toContain('请假 3月10日—3月14日（5 天）')
    expect(rows[0].textContent).toContain('待审批')
    expect(rows[1].textContent).toContain('蹲点 3月1日—3月3日（3 天）')
    expect(rows[1].textContent).toContain('计入下基层 3 天')
    expect(rows[1].textContent).toContain('地点：牧区定居点')
    // The approved stay has no withdraw link (its days were counted).
    expect(screen.getAllByTestId('period-cancel')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('period-cancel'))
    expect(onCancel).toHaveBeenCalledWith(expect.objectContaining({ id: 'p1' }))
    expect(screen.getByTestId('periods-intro').textContent).toContain('进度暂停')
    fireEvent.click(screen.getByTestId('open-form'))
    expect(onDraft).toHaveBeenCalledWith({ kind: null, from: '2026-03-20', to: '2026-03-20', place: '', note: '' })
  })

  it('the form: a 蹲点 asks for its place; the server’s own rule says what is wrong before sending', () => {
    const d: PeriodDraft = { kind: 'stay', from: '2026-03-18', to: '2026-03-19', place: '', note: '' }
    const onDraft = jest.fn()
    const onSave = jest.fn()
    render(<PeriodsView {...base({ draft: d, onDraft, onSave, saveError: '请写明蹲点的地方' })} />)
    expect(screen.getByTestId('period-form').textContent).toContain('蹲点第一天')
    expect(screen.getByTestId('period-place')).toBeTruthy()
    expect(screen.getByTestId('period-error').textContent).toBe('请写明蹲点的地方')
    expect(screen.getByTestId('period-save').textContent).toContain('提交审批')
    fireEvent.click(screen.getByTestId('period-kind-leave'))
    expect(onDraft).toHaveBeenCalledWith({ ...d, kind: 'leave' })
    fireEvent.click(screen.getByTestId('period-save'))
    expect(onSave).toHaveBeenCalled()
    expect(draftProblem(d, '2026-03-20')).toBe('请写明蹲点的地方')
    expect(draftProblem({ ...d, place: '一村' }, '2026-03-20')).toBeNull()
    expect(draftProblem({ ...d, kind: null }, '2026-03-20')).toContain('请选择')
    expect(draftProblem({ ...d, place: '一村', to: '2026-03-25' }, '2026-03-20')).toContain('结束后')
  })
})

describe('请假和蹲点 (managers)', () => {
  it('the queue: approve at once, turn down with a reason typed', () => {
    const onReview = jest.fn()
    const onRejecting = jest.fn()
    const { rerender } = render(<PeriodsView {...base({ mode: 'queue', onReview, onRejecting })} />)
    expect(screen.queryByTestId('open-form')).toBeNull()
    expect(screen.getByTestId('period-row').textContent).toContain('马晓燕 · 请假')
    fireEvent.click(screen.getByTestId('approve'))
    expect(onReview).toHaveBeenCalledWith(expect.objectContaining({ id: 'p1' }), 'approve')
    fireEvent.click(screen.getByTestId('reject'))
    expect(onRejecting).toHaveBeenCalledWith({ id: 'p1', note: '' })
    rerender(<PeriodsView {...base({ mode: 'queue', onReview, onRejecting, rejecting: { id: 'p1', note: '材料不全' } })} />)
    fireEvent.click(screen.getByTestId('reject-confirm'))
    expect(onReview).toHaveBeenLastCalledWith(expect.objectContaining({ id: 'p1' }), 'reject')
    rerender(<PeriodsView {...base({ mode: 'queue', list: paged({ items: [] }) })} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有等待审批的登记')
  })

  it('for one cadre: says it is in force at once; an approved leave can be ended early', () => {
    const onCancel = jest.fn()
    render(
      <PeriodsView
        {...base({
          mode: 'cadre',
          cadreName: '马晓燕',
          onCancel,
          list: paged({ items: [span({ status: 'approved', recordedBy: { name: '张主席', byManager: true } })] })
        })}
      />
    )
    expect(screen.getByTestId('periods-intro').textContent).toContain('为 马晓燕登记，登记后即生效')
    expect(screen.getByTestId('period-row').textContent).toContain('由 张主席 登记')
    expect(screen.getByTestId('period-cancel').textContent).toContain('提前结束')
    fireEvent.click(screen.getByTestId('period-cancel'))
    expect(onCancel).toHaveBeenCalled()
  })
})

describe('where the spans show', () => {
  const homeProps = (over: Partial<CadreHomeProps> = {}): CadreHomeProps => ({
    progress: { ...idle, data: progress },
    onRetryProgress: noop,
    queue: emptyOutbox(),
    uploading: false,
    onUpload: noop,
    onOpen: noop,
    ...over
  })

  it('home: a paused pace, the target less the paused share, and the way to record a span', () => {
    const paused = { ...progress, pace: { adjustedTarget: 72, pausedDays: 73, pausedSoFar: 10, pausedNow: { kind: 'secondment' as const, to: '2026-05-12' } } }
    const opened: string[] = []
    render(
      <HomeView
        me={{ ...idle, data: cadre }}
        onRetry={noop}
        onOpenManager={noop}
        cadre={homeProps({ progress: { ...idle, data: paused }, onOpen: (e) => opened.push(e) })}
      />
    )
    expect(screen.getByTestId('progress').textContent).toContain('/ 72 天')
    expect(screen.getByTestId('progress-pace').textContent).toBe('抽调中，进度暂停到 05月12日')
    expect(screen.getByTestId('progress-paused').textContent).toBe('今年请假、培训、抽调 73 天，目标按 72 天算')
    fireEvent.click(screen.getByTestId('open-periods'))
    expect(opened).toEqual(['periods'])
    expect(paceText({ ...paused, reached: true })).toBe('已完成全年 72 天的目标')
  })

  it('calendar: 蹲点 days marked as days, paused dates greyed and named', () => {
    render(
      <CalendarView
        month='2026-03'
        thisMonth='2026-03'
        today='2026-03-20'
        onMonth={noop}
        onRetry={noop}
        calendar={{
          ...idle,
          data: {
            from: '2026-03-01',
            days: [
              { date: '2026-03-02', visits: 0, stay: true },
              { date: '2026-03-05', visits: 2, stay: false }
            ],
            paused: [{ kind: 'leave', from: '2026-03-10', to: '2026-03-11' }]
          }
        }}
      />
    )
    const counted = screen.getAllByTestId('day-counted')
    expect(counted.map((d) => d.textContent)).toEqual(['2蹲点', '52次'])
    expect(screen.getAllByTestId('day-paused').map((d) => d.getAttribute('data-date'))).toEqual(['2026-03-10', '2026-03-11'])
    expect(screen.getByTestId('month-paused').textContent).toBe('请假 10—11 日：这些天下基层进度暂停')
    expect(screen.getByTestId('month-summary').textContent).toContain('本月下基层 2 天')
  })

  it('a 外勤 no fence fits: the cadre is told a resident on the spot may confirm it', () => {
    const pending = { ...detail(), status: 'pending' as const, inside: false }
    render(<VisitView {...visitViewBase} visit={{ ...idle, data: pending }} form={null} onShowQr={noop} />)
    expect(screen.getByTestId('confirm-hint').textContent).toContain('在场的群众扫码确认')
    expect(screen.getByTestId('show-qr').textContent).toContain('请群众确认和评价')
  })

  it('the resident: a confirmation card while it is open; thanks once done; an error in words', () => {
    const landing: Landing = {
      scene: 'vAbcdefghjk',
      kind: 'visit',
      cadreName: '马文明',
      orgName: '门源县妇联',
      date: '2026-03-20',
      pointName: '夏季草场',
      canRate: true,
      rateBlocked: null,
      windowEndsAt: null,
      myRating: null,
      fix: null,
      myDemands: [],
      canReport: true
    }
    const c: VisitConfirmation = { cadreName: '马文明', pointName: '夏季草场', date: '2026-03-20', state: 'open', message: null }
    const onConfirm = jest.fn()
    const view = (confirmation: VisitConfirmation, error: string | null = null) => (
      <RateView
        landing={loaded(landing)}
        onRetry={noop}
        step={{ kind: 'home' }}
        onStep={noop}
        rate={emptyRateForm()}
        onLevel={noop}
        onTag={noop}
        onRate={noop}
        report={emptyReportForm()}
        onReport={noop}
        onSubmit={noop}
        submitting={false}
        error={null}
        confirm={{ confirmation, onConfirm, confirming: false, error }}
      />
    )
    const { rerender } = render(view(c))
    expect(screen.getByTestId('confirm-card').textContent).toContain('马文明 今天在这里走访')
    fireEvent.click(screen.getByTestId('confirm-visit'))
    expect(onConfirm).toHaveBeenCalled()
    rerender(view(c, '您这个月已经为这位干部确认过'))
    expect(screen.getByTestId('confirm-error').textContent).toContain('已经为这位干部确认过')
    rerender(view({ ...c, state: 'confirmed', message: '谢谢您！已确认干部今天来过' }))
    expect(screen.queryByTestId('confirm-card')).toBeNull()
    expect(screen.getByTestId('confirm-done').textContent).toContain('已确认干部今天来过')
    rerender(view({ ...c, state: 'notNeeded', message: '这次走访已经计入，不需要确认' }))
    expect(screen.queryByTestId('confirm-card')).toBeNull()
    expect(screen.queryByTestId('confirm-done')).toBeNull()
    // Rating stays where it was.
    expect(screen.getByTestId('start-rate')).toBeTruthy()
    // In Tibetan for a resident who reads it.
    act(() => setLang('bo'))
    rerender(view(c))
    expect(screen.getByTestId('confirm-card').textContent).toContain('马文明 དེ་རིང་འདིར་ལྟ་སྐོར')
    expect(screen.getByTestId('confirm-visit').textContent).toBe('ལས་བྱེད་པ་དེ་རིང་ཡོང་བ་ངོས་འཛིན།')
    act(() => setLang('zh'))
  })

  it('the dashboard’s cadre view says its figures are live, as of when', () => {
    render(
      <CadreDashboardView
        kind='month'
        onKind={noop}
        onRetry={noop}
        state={{
          ...idle,
          data: {
            kind: 'month',
            period: '2026-03',
            cadre: { id: 'u1', name: '王秀兰', orgId: 'o', orgName: '城东区妇联' },
            figures: emptyFigures(1),
            satisfiedShare: null,
            score: 0,
            computedAt: '2026-03-20T04:05:00.000Z',
            trend: []
          }
        }}
      />
    )
    expect(screen.getByTestId('dash-live').textContent).toBe('按 3月20日 12:05 的数据实时计算')
    expect(screen.getByTestId('tile-days').textContent).toContain('只看进度，不计分')
  })
})
