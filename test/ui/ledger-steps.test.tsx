/**
 * The ledger's new steps on the page (jsdom): what the server says the viewer may do next, the forms for triage,
 * 协调 within or past the deadline, an extension, a report to a named unit, an entry set aside; a manager's decision;
 * the receiving unit's 签收 and answer; 重办. The managers' queues for extensions, reports and invalid entries, and
 * the province admin's 法定节假日安排.
 */
import './quiet-stencil'
import { fireEvent, render, screen } from '@testing-library/react'
import type { BadReviewCase, Rating } from '@/types/service'
import type { Demand, DemandDetail } from '@/types/demands'
import type { HolidayYear } from '@/types/api/orgs'
import { DemandView, type DemandViewProps } from '@/src/cadre/pages/demand/DemandView'
import { actionPayload, buttonsFor } from '@/src/cadre/pages/demand/actions'
import { CasesView } from '@/src/manager/pages/cases/CasesView'
import { HolidaysView, draftSchedule, type HolidaysViewProps } from '@/src/manager/pages/holidays/HolidaysView'
import { demand, demandDetail, loaded, paged } from './fixtures'

const noop = () => {}
const base: Omit<DemandViewProps, 'demand'> = {
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
const view = (d: DemandDetail, over: Partial<DemandViewProps> = {}) => <DemandView {...base} {...over} demand={loaded(d)} />

describe('the demand page offers the steps the server allows', () => {
  it('a resident’s report waiting for triage: 群众说急, then the urgency chips', () => {
    const onAction = jest.fn()
    const onValue = jest.fn()
    const d = demandDetail({
      source: 'resident',
      triaged: false,
      urgentHint: true,
      nextSteps: ['triage', 'resolve', 'coordinate', 'requestExtension', 'report', 'invalidate']
    })
    const { rerender } = render(view(d, { onAction }))
    expect(screen.getByTestId('tag-urgent-hint').textContent).toBe('群众说急')
    expect(screen.getByTestId('demand-detail').textContent).toContain('待定紧急程度')
    fireEvent.click(screen.getByTestId('action-triage'))
    expect(onAction).toHaveBeenCalledWith('triage')
    rerender(view(d, { action: 'triage', onValue }))
    expect(screen.getByTestId('action-form').textContent).toContain('群众说很急')
    fireEvent.click(screen.getByTestId('field-urgency-urgent'))
    expect(onValue).toHaveBeenCalledWith('urgency', 'urgent')
  })

  it('协调: the deadline and the latest date that may be asked; past the deadline the date needs a reason', () => {
    const d = demandDetail({
      nextSteps: ['resolve', 'coordinate', 'requestExtension', 'report', 'invalidate'],
      deadlineBounds: { due: '2026-03-12', maxExtension: '2026-04-02' }
    })
    render(view(d, { action: 'coordinate' }))
    expect(screen.getByTestId('action-form').textContent).toContain('办结期限 2026-03-12')
    expect(screen.getByTestId('action-form').textContent).toContain('最晚 2026-04-02')
    expect(actionPayload('coordinate', 'd1', { department: '住建局', deadline: '2026-03-20', reason: '排队施工' })).toEqual({
      ok: true,
      call: 'coordinate',
      input: { demandId: 'd1', department: '住建局', deadline: '2026-03-20', reason: '排队施工' }
    })
    expect(actionPayload('requestExtension', 'd1', { until: '2026-03-20' })).toEqual({ ok: false, message: '请填写延期理由' })
  })

  it('an extension waiting, approved before: the dates and the decisions are shown; a manager decides', () => {
    const onAction = jest.fn()
    const d = demandDetail({
      deadlineAt: '2026-03-20T15:59:59.999Z',
      firstDeadlineAt: '2026-03-12T15:59:59.999Z',
      pendingExtension: { until: '2026-03-30', reason: '部门排期', requestedByName: '马文明', requestedAt: '2026-03-19T02:00:00.000Z' },
      extensions: [
        {
          until: '2026-03-20',
          reason: '等材料',
          status: 'approved',
          requestedAt: '2026-03-10T02:00:00.000Z',
          requestedByName: '马文明',
          decidedAt: '2026-03-10T06:00:00.000Z',
          decidedByName: '张主席',
          decisionReason: '同意'
        },
        {
          until: '2026-03-30',
          reason: '部门排期',
          status: 'pending',
          requestedAt: '2026-03-19T02:00:00.000Z',
          requestedByName: '马文明',
          decidedAt: null,
          decidedByName: null,
          decisionReason: null
        }
      ],
      nextSteps: ['supervise', 'triage', 'decideExtension', 'invalidate']
    })
    render(view(d, { isOwner: false, onAction }))
    expect(screen.getByTestId('demand-deadline').textContent).toContain('2026年3月20日（原期限 2026年3月12日，已批准延期）')
    expect(screen.getByTestId('tag-extension').textContent).toBe('延期待审批')
    expect(screen.getAllByTestId('extension').map((e) => e.textContent)).toEqual([expect.stringContaining('已同意'), expect.stringContaining('待审批')])
    fireEvent.click(screen.getByTestId('action-refuseExtension'))
    expect(onAction).toHaveBeenCalledWith('refuseExtension')
    expect(buttonsFor(d.nextSteps)).toEqual(['supervise', 'triage', 'approveExtension', 'refuseExtension', 'invalidate'])
    expect(actionPayload('approveExtension', 'd1', { reason: '同意' })).toEqual({
      ok: true,
      call: 'decideExtension',
      input: { demandId: 'd1', reason: '同意', decision: 'approve' }
    })
    expect(actionPayload('refuseExtension', 'd1', { reason: '不同意' })).toMatchObject({ ok: true, call: 'decideExtension', input: { decision: 'refuse' } })
  })

  it('上报: the cadre picks one of their units; the unit 签收, answers or returns', () => {
    const onValue = jest.fn()
    const d = demandDetail({
      reportTargets: [
        { orgId: 'org-c', name: '城东区总工会' },
        { orgId: 'org-p', name: '西宁市总工会' }
      ],
      nextSteps: ['resolve', 'coordinate', 'report']
    })
    const { rerender } = render(view(d, { action: 'report', onValue }))
    fireEvent.click(screen.getByTestId('field-toOrgId-org-p'))
    expect(onValue).toHaveBeenCalledWith('toOrgId', 'org-p')
    expect(screen.getByTestId('action-form').textContent).toContain('答复后，这件事才算办结')
    const sent = demandDetail({
      status: 'reported',
      path: 'report',
      report: {
        toOrgId: 'org-p',
        toOrgName: '西宁市总工会',
        reason: '超出权限',
        explanation: '已反映',
        at: '2026-03-06T02:00:00.000Z',
        state: 'sent',
        answerDueAt: '2026-03-17T15:59:59.999Z',
        receivedAt: null,
        receivedByName: null,
        answeredAt: null,
        answeredByName: null,
        answer: null
      },
      nextSteps: ['receiveReport', 'answerReport']
    })
    rerender(view(sent, { isOwner: false }))
    expect(screen.getByTestId('report').textContent).toContain('上报西宁市总工会')
    expect(screen.getByTestId('report-state').textContent).toBe('待签收，应在 2026年3月17日 前答复')
    for (const a of ['receiveReport', 'answerReport', 'returnReport']) expect(screen.getByTestId(`action-${a}`)).toBeTruthy()
    expect(actionPayload('receiveReport', 'd1', {})).toEqual({ ok: true, call: 'receiveReport', input: { demandId: 'd1' } })
    expect(actionPayload('returnReport', 'd1', { answer: '请继续协调' })).toEqual({
      ok: true,
      call: 'answerReport',
      input: { demandId: 'd1', answer: '请继续协调', outcome: 'returned' }
    })
    // The cadre, waiting: nothing to press.
    rerender(view({ ...sent, nextSteps: [] }))
    expect(screen.queryByTestId('actions')).toBeNull()
  })

  it('标为无效: why; a duplicate picks the entry it repeats; set aside, it shows who and why, and a manager may put it back', () => {
    const d = demandDetail({ nextSteps: ['invalidate'] })
    const { rerender } = render(
      view(d, { action: 'invalidate', values: { kind: 'spam' }, formContext: { candidates: [{ value: 'd9', label: '下水道堵了' }] } })
    )
    expect(screen.queryByTestId('field-duplicateOf')).toBeNull()
    rerender(view(d, { action: 'invalidate', values: { kind: 'duplicate' }, formContext: { candidates: [{ value: 'd9', label: '下水道堵了' }] } }))
    expect(screen.getByTestId('field-duplicateOf-d9').textContent).toBe('下水道堵了')
    expect(actionPayload('invalidate', 'd1', { kind: 'duplicate', reason: '同一件事' })).toEqual({ ok: false, message: '请选择与哪一条重复' })
    expect(actionPayload('invalidate', 'd1', { kind: 'spam', duplicateOf: 'd9', reason: '广告' })).toEqual({
      ok: true,
      call: 'invalidate',
      input: { demandId: 'd1', kind: 'spam', reason: '广告' }
    })
    const set = demandDetail({
      status: 'invalid',
      invalid: { kind: 'spam', duplicateOf: null, reason: '广告', at: '2026-03-06T02:00:00.000Z', byName: '马文明' },
      nextSteps: ['reinstate']
    })
    rerender(view(set, { isOwner: false }))
    expect(screen.getByTestId('demand-invalid').textContent).toBe('无效信息（马文明标记）：广告')
    expect(screen.queryByTestId('demand-deadline')).toBeNull()
    expect(screen.getByTestId('action-reinstate')).toBeTruthy()
  })

  it('重办 for a manager after 不满意; the new round is shown', () => {
    const { rerender } = render(view(demandDetail({ status: 'closed', rating: { level: 'dissatisfied' }, nextSteps: ['reopen'] }), { isOwner: false }))
    expect(screen.getByTestId('action-reopen').textContent).toBe('重办')
    rerender(view(demandDetail({ round: 2, nextSteps: ['resolve'] })))
    expect(screen.getByTestId('demand-round').textContent).toContain('第 2 轮办理')
  })
})

describe('the managers’ queues', () => {
  const cprops = {
    onTab: noop,
    onRetry: noop,
    onMore: noop,
    editing: null,
    onEdit: noop,
    onText: noop,
    onSend: noop,
    onOpenDemand: noop,
    cases: paged<BadReviewCase>(),
    overdue: paged<Demand>(),
    appeals: paged<Rating>()
  }

  it('延期申请: the deadline now, the date asked and why; approve or refuse', () => {
    const onEdit = jest.fn()
    const asked = demand({ pendingExtension: { until: '2026-03-30', reason: '部门排期', requestedByName: '马文明', requestedAt: '2026-03-10T02:00:00.000Z' } })
    render(<CasesView {...cprops} onEdit={onEdit} tab='extensions' extensions={paged({ items: [asked] })} />)
    expect(screen.getByTestId('extension-dates').textContent).toBe('现在的期限 3月12日，申请延期到 3月30日')
    expect(screen.getByTestId('extension-request').textContent).toContain('理由：部门排期')
    fireEvent.click(screen.getByTestId('do-approveExtension'))
    expect(onEdit).toHaveBeenCalledWith({ id: 'd1', action: 'approveExtension' })
    expect(screen.getByTestId('do-refuseExtension')).toBeTruthy()
  })

  it('上报待答复: 签收 at a tap, then answer or return; empty says so', () => {
    const onEdit = jest.fn()
    const report = {
      toOrgId: 'org-p',
      toOrgName: '西宁市总工会',
      reason: '超出权限',
      explanation: '已反映',
      at: '2026-03-06T02:00:00.000Z',
      state: 'sent' as const,
      answerDueAt: '2026-03-17T15:59:59.999Z',
      receivedAt: null,
      receivedByName: null,
      answeredAt: null,
      answeredByName: null,
      answer: null
    }
    const { rerender } = render(<CasesView {...cprops} onEdit={onEdit} tab='reports' reports={paged({ items: [demand({ status: 'reported', report })] })} />)
    expect(screen.getByTestId('reported-demand').textContent).toContain('请在 3月17日 前答复')
    fireEvent.click(screen.getByTestId('do-receiveReport'))
    expect(onEdit).toHaveBeenCalledWith({ id: 'd1', action: 'receiveReport' })
    rerender(<CasesView {...cprops} tab='reports' reports={paged({ items: [demand({ status: 'reported', report: { ...report, state: 'received' } })] })} />)
    expect(screen.queryByTestId('do-receiveReport')).toBeNull()
    expect(screen.getByTestId('do-answerReport')).toBeTruthy()
    expect(screen.getByTestId('do-returnReport')).toBeTruthy()
    rerender(<CasesView {...cprops} tab='reports' reports={paged<Demand>()} />)
    expect(screen.getByTestId('empty').textContent).toContain('没有待答复的上报')
  })

  it('无效诉求: who set it aside and why; 恢复办理 asks a reason', () => {
    const onEdit = jest.fn()
    const set = demand({
      status: 'invalid',
      invalid: { kind: 'duplicate', duplicateOf: 'd0', reason: '同一件事', at: '2026-03-06T02:00:00.000Z', byName: '马文明' }
    })
    const { rerender } = render(<CasesView {...cprops} onEdit={onEdit} tab='invalid' invalid={paged({ items: [set] })} />)
    expect(screen.getByTestId('invalid-demand').textContent).toContain('重复反映')
    expect(screen.getByTestId('invalid-reason').textContent).toBe('马文明于 3月6日 10:00 标记：同一件事')
    fireEvent.click(screen.getByTestId('do-reinstate'))
    expect(onEdit).toHaveBeenCalledWith({ id: 'd1', action: 'reinstate' })
    rerender(
      <CasesView
        {...cprops}
        tab='invalid'
        invalid={paged({ items: [set] })}
        editing={{ id: 'd1', action: 'reinstate', text: '', sending: false, error: '请填写内容' }}
      />
    )
    expect(screen.getByTestId('edit-form').textContent).toContain('恢复的理由')
    expect(screen.getByTestId('edit-error').textContent).toBe('请填写内容')
  })
})

describe('法定节假日安排', () => {
  const year = (over: Partial<HolidayYear> = {}): HolidayYear => ({
    year: 2026,
    holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-09-20', '2026-10-10'],
    source: 'package',
    loaded: null,
    canLoad: false,
    ...over
  })
  const hprops: Omit<HolidaysViewProps, 'schedule'> = {
    onRetry: noop,
    years: [2026, 2027],
    year: 2026,
    onYear: noop,
    draft: null,
    onEdit: noop,
    onDraft: noop,
    onSave: noop,
    onCancel: noop,
    saving: false
  }

  it('shows a year as the notice reads and where it comes from; a manager cannot load', () => {
    render(<HolidaysView {...hprops} schedule={loaded(year())} />)
    expect(screen.getByTestId('schedule-source').textContent).toBe('来源：内置的国务院放假安排')
    expect(screen.getAllByTestId('holiday-range').map((r) => r.textContent)).toEqual(['10月1日—10月7日'])
    expect(screen.getByTestId('workdays').textContent).toBe('9月20日、10月10日')
    expect(screen.queryByTestId('edit-schedule')).toBeNull()
  })

  it('a year not published in the package: says deadlines count weekends only; the admin loads it', () => {
    const onEdit = jest.fn()
    const onSave = jest.fn()
    const none = year({ year: 2027, holidays: [], workdays: [], source: 'none', canLoad: true })
    const { rerender } = render(<HolidaysView {...hprops} year={2027} onEdit={onEdit} schedule={loaded(none)} />)
    expect(screen.getByTestId('schedule-source').textContent).toContain('只按周末计算')
    fireEvent.click(screen.getByTestId('edit-schedule'))
    expect(onEdit).toHaveBeenCalled()
    const draft = { holidays: '2027-10-01~2027-10-07', workdays: '2027-09-27', note: '', error: '2027-09-27 本来就是工作日，调休上班日应是周六或周日' }
    rerender(<HolidaysView {...hprops} year={2027} onSave={onSave} draft={draft} schedule={loaded(none)} />)
    expect(screen.getByTestId('schedule-error').textContent).toContain('周六或周日')
    fireEvent.click(screen.getByTestId('save-schedule'))
    expect(onSave).toHaveBeenCalled()
    rerender(
      <HolidaysView
        {...hprops}
        year={2027}
        schedule={loaded({
          ...none,
          source: 'loaded',
          holidays: ['2027-10-01'],
          loaded: { at: '2026-11-20T02:00:00.000Z', byName: '省活动办', note: '国办发明电' }
        })}
      />
    )
    expect(screen.getByTestId('schedule-source').textContent).toBe('来源：省活动办录入（省活动办，11月20日 10:00）：国办发明电')
  })

  it('reads and checks the admin’s typing as the server will', () => {
    expect(draftSchedule(2027, { holidays: '2027-10-01~2027-10-03', workdays: '2027-09-26', note: '', error: null })).toEqual({
      ok: true,
      holidays: ['2027-10-01', '2027-10-02', '2027-10-03'],
      workdays: ['2027-09-26']
    })
    expect(draftSchedule(2027, { holidays: '十月一日', workdays: '', note: '', error: null })).toMatchObject({
      ok: false,
      message: expect.stringContaining('放假日期')
    })
    expect(draftSchedule(2027, { holidays: '2027-10-01', workdays: '2027-09-27', note: '', error: null })).toMatchObject({
      ok: false,
      message: expect.stringContaining('周六或周日')
    })
  })
})
