import './quiet-stencil'
import { useState } from 'react'
import { fireEvent, render, screen } from '@testing-library/react'
import type { BadReviewCase, ImprovementRequest, Landing, Rating, RatingSummary, ServiceFigures } from '@/types/service'
import type { Demand, DemandDetail } from '@/types/demands'
import type { CloudState } from '@/src/hooks/useCloud'
import { RateView, type RateStep } from '@/src/pages/rate/RateView'
import { emptyRateForm, emptyReportForm, pickLevel, toRateInput, toReportInput, toggleTag, type RateForm, type ReportForm } from '@/src/pages/rate/form'
import { LedgerView, type NewDemandForm } from '@/src/cadre/pages/ledger/LedgerView'
import { DemandView } from '@/src/cadre/pages/demand/DemandView'
import { actionPayload } from '@/src/cadre/pages/demand/actions'
import { RatingsView } from '@/src/cadre/pages/ratings/RatingsView'
import { CasesView } from '@/src/manager/pages/cases/CasesView'
import { CloudError } from '@/src/services/reply'
import { demand, demandDetail, landing, loaded, paged } from './fixtures'

const noop = () => {}
const netError = new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试')
const loading = <T,>(): CloudState<T> => ({ loading: true, error: null, data: undefined, reload: async () => {} })
const failed = <T,>(): CloudState<T> => ({ loading: false, error: netError, data: undefined, reload: async () => {} })

function RateHarness({
  data,
  onSubmit = noop,
  initial = { kind: 'home' }
}: {
  data: CloudState<Landing>
  onSubmit?: (s: RateStep, f: RateForm, r: ReportForm) => void
  initial?: RateStep
}) {
  const [step, setStep] = useState<RateStep>(initial)
  const [rate, setRate] = useState(emptyRateForm)
  const [report, setReport] = useState(emptyReportForm)
  return (
    <RateView
      landing={data}
      onRetry={noop}
      step={step}
      onStep={setStep}
      rate={rate}
      onLevel={(l) => setRate((f) => pickLevel(f, l))}
      onTag={(t) => setRate((f) => toggleTag(f, t))}
      onRate={setRate}
      report={report}
      onReport={setReport}
      onSubmit={() => onSubmit(step, rate, report)}
      submitting={false}
      error={null}
    />
  )
}

describe('resident landing (群众点评)', () => {
  it('loading, then an error with 重试', () => {
    const { rerender } = render(<RateHarness data={loading()} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<RateHarness data={failed()} />)
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
  })

  it('shows cadre, organisation and date; no level is pre-selected; tags follow the level', () => {
    const submit = jest.fn()
    render(<RateHarness data={loaded(landing())} onSubmit={submit} />)
    expect(screen.getByTestId('cadre-name').textContent).toBe('马文明')
    expect(screen.getByTestId('org-name').textContent).toBe('城东区总工会')
    expect(screen.getByTestId('visit-date').textContent).toContain('2026-03-05')
    fireEvent.click(screen.getByTestId('start-rate'))
    for (const id of ['verySatisfied', 'satisfied', 'basicallySatisfied', 'dissatisfied', 'veryDissatisfied']) {
      expect(screen.getByTestId(`level-${id}`).getAttribute('data-selected')).toBe('false')
    }
    expect(screen.queryByTestId('tags')).toBeNull()
    fireEvent.click(screen.getByTestId('level-dissatisfied'))
    expect(screen.getByTestId('level-dissatisfied').getAttribute('data-selected')).toBe('true')
    expect(screen.getByTestId('tags').textContent).toContain('问题没解决')
    expect(screen.getByTestId('tags').textContent).not.toContain('服务态度好')
    fireEvent.click(screen.getByTestId('tag-问题没解决'))
    expect(screen.getByTestId('tag-问题没解决').getAttribute('data-selected')).toBe('true')
    expect(screen.getByTestId('phone')).toBeTruthy()
    fireEvent.click(screen.getByTestId('level-satisfied'))
    expect(screen.getByTestId('tags').textContent).toContain('服务态度好')
    expect(screen.queryByTestId('phone')).toBeNull()
    fireEvent.click(screen.getByTestId('submit-rating'))
    expect(submit.mock.calls[0][1]).toMatchObject({ level: 'satisfied', tags: [] })
  })

  it('says why it cannot be rated, shows a fix to rate and my reported problems', () => {
    render(
      <RateHarness
        data={loaded(
          landing({
            canRate: false,
            rateBlocked: '您已经评价过了，谢谢！',
            myRating: { level: 'dissatisfied', canFollowUp: true },
            fix: { result: '路灯修好了', canRate: true, rated: false },
            myDemands: [{ id: 'd1', area: 'medical', status: 'closed', reply: '药补齐了', canRate: true, rated: false }]
          })
        )}
      />
    )
    expect(screen.getByTestId('rate-blocked').textContent).toContain('不满意')
    expect(screen.queryByTestId('start-rate')).toBeNull()
    expect(screen.getByTestId('fix').textContent).toContain('路灯修好了')
    expect(screen.getByTestId('my-demand').textContent).toContain('药补齐了')
    fireEvent.click(screen.getByTestId('rate-fix'))
    expect(screen.getByTestId('rate-form').textContent).toContain('整改结果')
  })

  it('reports a problem with big chips and a text, may say 急 (a hint, 不急 until tapped); thanks afterwards', () => {
    const submit = jest.fn()
    const { rerender } = render(
      <RateHarness onSubmit={submit} data={loaded(landing({ kind: 'point', canRate: false, rateBlocked: '这是联系点的二维码', date: null }))} />
    )
    fireEvent.click(screen.getByTestId('start-report'))
    expect(screen.getByTestId('area-medical')).toBeTruthy()
    expect(screen.getByTestId('urgent-no').getAttribute('data-selected')).toBe('true')
    fireEvent.click(screen.getByTestId('urgent-yes'))
    expect(screen.getByTestId('urgent-yes').getAttribute('data-selected')).toBe('true')
    fireEvent.click(screen.getByTestId('submit-report'))
    expect(submit.mock.calls[0][2]).toMatchObject({ urgent: true })
    rerender(<RateHarness data={loaded(landing())} initial={{ kind: 'thanks', message: '谢谢您的评价！' }} />)
  })

  it('records a voice message on the report: start, the seconds running, stop, the length kept, 删掉重录', () => {
    const calls: string[] = []
    const voice = { format: 'mp3' as const, durationMs: 7200, size: 28_000, path: 'wxfile://tmp.mp3' }
    const props = {
      landing: loaded(landing()),
      onRetry: noop,
      step: { kind: 'report' } as RateStep,
      onStep: noop,
      rate: emptyRateForm(),
      onLevel: noop,
      onTag: noop,
      onRate: noop,
      onReport: noop,
      onSubmit: noop,
      submitting: false,
      error: null,
      onVoiceStart: () => calls.push('start'),
      onVoiceStop: () => calls.push('stop'),
      onVoiceDrop: () => calls.push('drop')
    }
    const { rerender } = render(<RateView {...props} report={emptyReportForm()} recordingSince={null} />)
    fireEvent.click(screen.getByTestId('voice-start'))
    rerender(<RateView {...props} report={emptyReportForm()} recordingSince={Date.now() - 5000} />)
    expect(screen.getByTestId('voice-stop').textContent).toMatch(/正在录音 0:0[56]/)
    fireEvent.click(screen.getByTestId('voice-stop'))
    rerender(<RateView {...props} report={{ ...emptyReportForm(), voice }} recordingSince={null} />)
    expect(screen.getByTestId('voice-recorded').textContent).toContain('已录好语音 0:08')
    fireEvent.click(screen.getByTestId('voice-drop'))
    expect(calls).toEqual(['start', 'stop', 'drop'])
  })

  it('thanks the resident', () => {
    render(<RateHarness data={loaded(landing())} initial={{ kind: 'thanks', message: '谢谢您的评价！' }} />)
    expect(screen.getByTestId('thanks').textContent).toContain('谢谢您的评价')
  })

  it('checks the form before sending: a level, the reasons of a 差评, a phone', () => {
    const t = { about: 'service' as const }
    expect(toRateInput('s', t, emptyRateForm())).toMatchObject({ ok: false, key: 'error.level' })
    expect(toRateInput('s', t, { ...emptyRateForm(), level: 'veryDissatisfied' })).toMatchObject({ ok: false })
    expect(toRateInput('s', t, { level: 'veryDissatisfied', tags: ['走过场'], comment: ' ', phone: '123' })).toMatchObject({ ok: false })
    expect(
      toRateInput('s', { about: 'demand', demandId: 'd1' }, { level: 'veryDissatisfied', tags: ['走过场'], comment: ' 太慢 ', phone: '13900001111' })
    ).toEqual({
      ok: true,
      input: { scene: 's', about: 'demand', demandId: 'd1', level: 'veryDissatisfied', tags: ['走过场'], comment: '太慢', contactPhone: '13900001111' }
    })
    expect(toRateInput('s', t, { level: 'satisfied', tags: [], comment: '', phone: '13900001111' })).toEqual({
      ok: true,
      input: { scene: 's', about: 'service', level: 'satisfied', tags: [] }
    })
    expect(toReportInput('s', emptyReportForm())).toMatchObject({ ok: false })
    expect(toReportInput('s', { area: 'living', text: ' 漏水 ', urgent: false, phone: '', voice: null })).toEqual({
      ok: true,
      input: { scene: 's', area: 'living', text: '漏水' }
    })
    // 急 is sent as a hint only: the resident never sets the urgency (staff triage it)
    expect(toReportInput('s', { area: 'living', text: '漏水', urgent: true, phone: '', voice: null })).toEqual({
      ok: true,
      input: { scene: 's', area: 'living', text: '漏水', urgentHint: true }
    })
    // With a voice message words are optional; a recording too short or too long is caught before it goes up.
    const voice = { format: 'mp3' as const, durationMs: 7000, size: 28_000, path: 'wxfile://tmp.mp3' }
    expect(toReportInput('s', { ...emptyReportForm(), area: 'living', voice })).toEqual({ ok: true, input: { scene: 's', area: 'living', text: '' } })
    expect(toReportInput('s', { ...emptyReportForm(), area: 'living' })).toMatchObject({ ok: false, key: 'error.text' })
    expect(toReportInput('s', { ...emptyReportForm(), area: 'living', voice: { ...voice, durationMs: 400 } })).toMatchObject({
      ok: false,
      key: 'error.voiceShort'
    })
    expect(toReportInput('s', { ...emptyReportForm(), area: 'living', voice: { ...voice, durationMs: 75_000 } })).toMatchObject({
      ok: false,
      key: 'error.voiceLong'
    })
    expect(toReportInput('s', { ...emptyReportForm(), area: 'living', voice: { ...voice, size: 2_000_000 } })).toMatchObject({
      ok: false,
      key: 'error.voiceLong'
    })
  })
})

describe('cadre ledger and demand', () => {
  const form: NewDemandForm = { open: false, area: null, urgency: 'general', text: '' }
  const props = {
    filter: 'all' as const,
    onFilter: noop,
    onRetry: noop,
    onMore: noop,
    onOpen: noop,
    create: { form, onForm: noop, onCreate: noop, creating: false, createError: null }
  }

  it('loading, error, empty for a filter, rows with an 超期 tag', () => {
    const { rerender } = render(<LedgerView {...props} list={paged<Demand>({ loaded: false, loading: true })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<LedgerView {...props} list={paged<Demand>({ loaded: false, error: netError })} />)
    expect(screen.getByTestId('retry')).toBeTruthy()
    rerender(<LedgerView {...props} filter='overdue' list={paged<Demand>()} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有超期')
    const onOpen = jest.fn()
    rerender(
      <LedgerView
        {...props}
        onOpen={onOpen}
        list={paged({ items: [demand(), demand({ id: 'd2', overdue: true, status: 'coordinating', department: '住建局' })] })}
      />
    )
    const rows = screen.getAllByTestId('demand')
    expect(rows).toHaveLength(2)
    expect(rows[1].textContent).toContain('超期')
    expect(rows[1].textContent).toContain('住建局')
    fireEvent.click(rows[0])
    expect(onOpen).toHaveBeenCalledWith('d1')
    expect(screen.getByTestId('filter-overdue')).toBeTruthy()
  })

  const detail = (over: Partial<DemandDetail> = {}): DemandDetail =>
    demandDetail({
      timeline: [
        { kind: 'raised', at: '2026-03-05T01:00:00.000Z', byName: '马文明', byRole: 'cadre' },
        { kind: 'supervised', at: '2026-03-06T01:00:00.000Z', byName: '张主席', byRole: 'manager', note: '请尽快' }
      ],
      nextSteps: ['resolve', 'coordinate', 'requestExtension', 'report', 'invalidate'],
      ...over
    })
  const dprops = {
    onRetry: noop,
    isOwner: true,
    action: null,
    onAction: noop,
    values: {},
    onValue: noop,
    onSubmit: noop,
    submitting: false,
    error: null,
    onShowQr: noop
  }

  it('plays a resident’s voice message: its length, 播放 / 停止, the reason it would not play; nothing without one', () => {
    const calls: string[] = []
    const player = (state: 'idle' | 'loading' | 'playing', error: string | null = null) => ({
      state,
      error,
      onPlay: () => calls.push('play'),
      onStop: () => calls.push('stop')
    })
    const withVoice = detail({ text: '（语音留言）', voice: { durationMs: 12_300 } })
    const { rerender } = render(<DemandView {...dprops} demand={loaded(withVoice)} voice={player('idle')} />)
    expect(screen.getByTestId('voice-player').textContent).toContain('群众语音留言：0:13')
    fireEvent.click(screen.getByTestId('voice-play'))
    rerender(<DemandView {...dprops} demand={loaded(withVoice)} voice={player('playing')} />)
    expect(screen.getByTestId('voice-play').textContent).toBe('停止播放')
    fireEvent.click(screen.getByTestId('voice-play'))
    rerender(<DemandView {...dprops} demand={loaded(withVoice)} voice={player('idle', '您只能查看自己或您管理范围内干部的诉求')} />)
    expect(screen.getByTestId('voice-error').textContent).toContain('管理范围')
    expect(calls).toEqual(['play', 'stop'])
    rerender(<DemandView {...dprops} demand={loaded(detail())} voice={player('idle')} />)
    expect(screen.queryByTestId('voice-player')).toBeNull()
  })

  it('shows the timeline with who and when, the three paths when open, a QR when answered; read-only for a manager', () => {
    const onAction = jest.fn()
    const { rerender } = render(<DemandView {...dprops} onAction={onAction} demand={loaded(detail())} />)
    const steps = screen.getAllByTestId('step')
    expect(steps).toHaveLength(2)
    expect(steps[1].textContent).toContain('督办')
    expect(steps[1].textContent).toContain('张主席：请尽快')
    expect(screen.getByTestId('demand-contact').textContent).toContain('13812345678')
    for (const a of ['resolve', 'coordinate', 'report']) expect(screen.getByTestId(`action-${a}`)).toBeTruthy()
    fireEvent.click(screen.getByTestId('action-coordinate'))
    expect(onAction).toHaveBeenCalledWith('coordinate')
    rerender(<DemandView {...dprops} action='coordinate' demand={loaded(detail())} />)
    expect(screen.getByTestId('field-department')).toBeTruthy()
    rerender(<DemandView {...dprops} demand={loaded(detail({ status: 'closed', rating: { level: 'satisfied' }, nextSteps: [] }))} />)
    expect(screen.getByTestId('show-qr')).toBeTruthy()
    expect(screen.getByTestId('demand-rating').textContent).toContain('满意')
    rerender(<DemandView {...dprops} isOwner={false} demand={loaded(detail({ nextSteps: [] }))} />)
    expect(screen.queryByTestId('actions')).toBeNull()
  })

  it('builds action payloads and names the first missing field', () => {
    expect(actionPayload('coordinate', 'd1', { department: ' 住建局 ' })).toEqual({
      ok: true,
      call: 'coordinate',
      input: { demandId: 'd1', department: '住建局' }
    })
    expect(actionPayload('report', 'd1', { reason: '超出权限' })).toEqual({ ok: false, message: '请选择上报到' })
    expect(actionPayload('report', 'd1', { toOrgId: 'org-x' })).toEqual({ ok: false, message: '请填写上报原因' })
  })
})

describe('cadre ratings and the manager queue', () => {
  const figures: ServiceFigures = {
    cadreId: 'c1',
    period: '2026-03',
    ratings: 4,
    levels: { verySatisfied: 2, satisfied: 1, dissatisfied: 1 },
    satisfiedShare: 0.75,
    meanScore: 4,
    bad: 1,
    voided: 0,
    cases: 1,
    revisitOnTime: 1,
    revisitLate: 0,
    rectified: 1,
    flagged: 0,
    held: 0,
    rejected: 0,
    withheld: false,
    demandsRaised: 3,
    solvedByPath: { immediate: 1, coordinate: 1, report: 0 },
    closed: 1,
    finishedLate: 0,
    invalid: 0,
    reopened: 0,
    overdueNow: 1
  }
  const rating = (over: Partial<Rating> = {}): Rating => ({
    id: 'r1',
    cadreName: '马文明',
    targetKind: 'visit',
    targetId: 'v1',
    level: 'dissatisfied',
    tags: ['问题没解决'],
    comment: '没人管',
    followUp: null,
    at: '2026-03-05T02:00:00.000Z',
    date: '2026-03-05',
    flagged: false,
    state: 'counted',
    hold: null,
    review: null,
    voided: null,
    appeal: null,
    ...over
  })
  const summary: RatingSummary = {
    cadreId: 'c1',
    period: '2026-03',
    ratings: 4,
    shown: true,
    levels: { verySatisfied: 2, satisfied: 1, basicallySatisfied: 0, dissatisfied: 1, veryDissatisfied: 0 },
    satisfiedShare: 0.75,
    meanScore: 4,
    tags: [{ tag: '服务态度好', count: 3 }],
    comments: ['没人管', '讲得清楚']
  }
  const request = (over: Partial<ImprovementRequest> = {}): ImprovementRequest => ({
    ratingId: 'r1',
    month: '2026-03',
    tags: ['问题没解决'],
    comment: '没人管',
    status: 'rectifying',
    rectifyDue: '2026-03-26',
    rectifyOverdue: false,
    rectification: null,
    appeal: null,
    ...over
  })

  it('shows the cadre aggregates and 整改 requests, never a single rating; below 3 ratings no levels; opens an appeal', () => {
    const onAppeal = jest.fn()
    const props = { onRetry: noop, onMore: noop, appeal: null, onAppeal, onReason: noop, onSendAppeal: noop }
    const { rerender } = render(
      <RatingsView
        {...props}
        figures={loaded(figures)}
        summary={loaded(summary)}
        list={paged({ items: [request(), request({ ratingId: 'r2', status: 'voided', appeal: { status: 'upheld' } })] })}
      />
    )
    expect(screen.getByTestId('fig-ratings').textContent).toContain('满意率 75%')
    expect(screen.getByTestId('fig-demands').textContent).toContain('当前超期 1')
    expect(screen.getByTestId('summary-levels').textContent).toContain('非常满意 2')
    expect(screen.getByTestId('summary-tags').textContent).toContain('服务态度好 3')
    expect(screen.getAllByTestId('summary-comment').map((c) => c.textContent)).toEqual(['“没人管”', '“讲得清楚”'])
    const rows = screen.getAllByTestId('request')
    expect(rows[0].textContent).toContain('问题没解决')
    expect(rows[0].textContent).toContain('整改期限 3月26日')
    expect(rows[1].textContent).toContain('申诉成立')
    // nothing ties a level to a day or a visit
    expect(screen.getByTestId('ratings').textContent).not.toMatch(/2026-03-05|v1/)
    expect(screen.queryByTestId('rating')).toBeNull()
    expect(screen.getAllByTestId('open-appeal')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('open-appeal'))
    expect(onAppeal).toHaveBeenCalledWith('r1')
    rerender(
      <RatingsView
        {...props}
        figures={loaded({ ...figures, ratings: 2, withheld: true, levels: {}, satisfiedShare: null, meanScore: null })}
        summary={loaded({ ...summary, ratings: 2, shown: false, levels: null, tags: [], comments: [] })}
        list={paged<ImprovementRequest>()}
      />
    )
    expect(screen.getByTestId('fig-withheld').textContent).toContain('满 3 条后显示')
    expect(screen.queryByTestId('fig-ratings')).toBeNull()
    expect(screen.getByTestId('summary-hidden')).toBeTruthy()
    expect(screen.queryByTestId('summary-comment')).toBeNull()
    expect(screen.getByTestId('empty').textContent).toContain('没有整改要求')
  })

  const kase: BadReviewCase = {
    id: 'case_r1',
    ratingId: 'r1',
    cadreId: 'c1',
    cadreName: '马文明',
    level: 'veryDissatisfied',
    tags: ['走过场'],
    comment: '只拍照',
    contactPhone: '13900001111',
    status: 'revisit',
    ratedAt: '2026-03-06T02:00:00.000Z',
    revisitDueAt: '2026-03-09T15:59:59.999Z',
    rectifyDueAt: '2026-03-27T15:59:59.999Z',
    revisit: null,
    rectification: null,
    revisitOverdue: true,
    rectifyOverdue: false,
    fixRating: null
  }
  const cprops = {
    onTab: noop,
    onRetry: noop,
    onMore: noop,
    editing: null,
    onEdit: noop,
    onText: noop,
    onSend: noop,
    onOpenDemand: noop,
    appeals: paged<Rating>()
  }

  it('lists 差评 with deadlines and actions by status, and overdue demands with 督办', () => {
    const onEdit = jest.fn()
    const { rerender } = render(<CasesView {...cprops} onEdit={onEdit} tab='cases' cases={paged({ items: [kase] })} overdue={paged<Demand>()} />)
    const row = screen.getByTestId('case')
    expect(row.textContent).toContain('回访期限 3月9日 23:59') // the end of the Beijing day
    expect(screen.getByTestId('tag-late')).toBeTruthy()
    expect(screen.getByTestId('case-phone').textContent).toContain('13900001111')
    fireEvent.click(screen.getByTestId('do-revisit'))
    expect(onEdit).toHaveBeenCalledWith({ id: 'case_r1', action: 'revisit' })
    rerender(
      <CasesView
        {...cprops}
        tab='cases'
        cases={paged({ items: [{ ...kase, status: 'rectifying' }] })}
        overdue={paged<Demand>()}
        editing={{ id: 'case_r1', action: 'rectify', text: '', sending: false, error: '请填写内容' }}
      />
    )
    expect(screen.getByTestId('edit-error').textContent).toBe('请填写内容')
    const openDemand = jest.fn()
    rerender(
      <CasesView
        {...cprops}
        onOpenDemand={openDemand}
        tab='overdue'
        cases={paged<BadReviewCase>()}
        overdue={paged({ items: [demand({ overdue: true, supervised: 2 })] })}
      />
    )
    expect(screen.getByTestId('overdue-demand').textContent).toContain('已督办 2 次')
    fireEvent.click(screen.getByTestId('open-demand'))
    expect(openDemand).toHaveBeenCalledWith(demand().id)
    expect(screen.getByTestId('do-supervise')).toBeTruthy()
    rerender(<CasesView {...cprops} tab='cases' cases={paged<BadReviewCase>()} overdue={paged<Demand>()} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有待处理的差评')
    rerender(
      <CasesView
        {...cprops}
        onEdit={onEdit}
        tab='appeals'
        cases={paged<BadReviewCase>()}
        overdue={paged<Demand>()}
        appeals={paged({ items: [rating({ appeal: { reason: '是物业的问题', at: '2026-03-06T00:00:00Z', status: 'pending' } })] })}
      />
    )
    expect(screen.getByTestId('appeal-reason').textContent).toContain('是物业的问题')
    fireEvent.click(screen.getByTestId('do-voidRating'))
    expect(onEdit).toHaveBeenLastCalledWith({ id: 'r1', action: 'voidRating' })
  })
})
