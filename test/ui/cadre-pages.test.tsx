import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import type { Household } from '@/types/households'
import type { VisitSummary } from '@/types/visits'
import { VisitsView } from '@/src/cadre/pages/visits/VisitsView'
import { VisitView } from '@/src/cadre/pages/visit/VisitView'
import { formFromDetail, isEditable, toRecordInput } from '@/src/cadre/pages/visit/record-form'
import { CalendarView } from '@/src/cadre/pages/calendar/CalendarView'
import { monthGrid, shiftMonth } from '@/src/cadre/pages/calendar/grid'
import { HouseholdsView, draftProblem, emptyDraft, type HouseholdsViewProps } from '@/src/cadre/pages/households/HouseholdsView'
import { LiangLianView, contactProblem, type LiangLianViewProps } from '@/src/cadre/pages/lianglian/LiangLianView'
import { CloudError } from '@/src/services/reply'
import { detail, households, idle, overview, visit, visitViewBase } from './cadre-fixtures'
import { paged } from './fixtures'

const netError = new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试')
const noop = () => {}

describe('走访记录 list', () => {
  const props = { onRetry: noop, onMore: noop, onOpen: noop, onCheckIn: noop }

  it('loading, error with 重试, empty with a way to check in', () => {
    const { rerender } = render(<VisitsView {...props} list={paged<VisitSummary>({ loaded: false, loading: true })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<VisitsView {...props} list={paged<VisitSummary>({ loaded: false, error: netError })} />)
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
    expect(screen.getByTestId('retry')).toBeTruthy()
    rerender(<VisitsView {...props} list={paged<VisitSummary>()} />)
    expect(screen.getByTestId('empty').textContent).toContain('还没有走访记录')
    expect(screen.getByTestId('empty-checkin')).toBeTruthy()
  })

  it('status labels, the 离线补传 tag, and more pages', async () => {
    const items = [
      visit({ id: 'a', status: 'counted', hasRecord: true }),
      visit({ id: 'b', status: 'pending', inside: false, reason: '到村民家走访', offline: true }),
      visit({
        id: 'c',
        status: 'rejected',
        inside: false,
        reason: '路过',
        review: { decision: 'reject', note: '说明不清楚', byName: '张丽', at: '2026-03-06T01:00:00Z' }
      })
    ]
    const more = jest.fn()
    const open = jest.fn()
    render(<VisitsView {...props} onMore={more} onOpen={open} list={paged({ items, hasMore: true })} />)
    const rows = screen.getAllByTestId('visit')
    expect(rows.map((r) => r.querySelector('[data-testid="tag-status"]')?.textContent)).toEqual(['已计入', '外勤待审核', '外勤未通过'])
    expect(rows[0].textContent).toContain('3月5日 09:30') // Beijing time
    expect(rows[0].textContent).toContain('已填写走访记录')
    expect(rows[1].querySelector('[data-testid="tag-offline"]')?.textContent).toBe('离线补传')
    expect(rows[0].querySelector('[data-testid="tag-offline"]')).toBeNull()
    expect(rows[2].textContent).toContain('未通过原因：说明不清楚')
    await act(async () => {
      fireEvent.click(screen.getByTestId('load-more'))
      fireEvent.click(rows[1])
    })
    expect(more).toHaveBeenCalledTimes(1)
    expect(open).toHaveBeenCalledWith('b')
  })

  it('a failed further page keeps the list and offers to try again', () => {
    render(<VisitsView {...props} list={paged({ items: [visit()], hasMore: true, moreError: netError })} />)
    expect(screen.getAllByTestId('visit')).toHaveLength(1)
    expect(screen.getByTestId('more-error').textContent).toContain('点这里再试')
  })
})

describe('走访 detail and record form', () => {
  const base = visitViewBase

  it('a blank form starts from the point’s 四进 category; the input is checked before sending', () => {
    const form = formFromDetail(detail())
    expect(form).toMatchObject({ category: 'village', method: null, problems: [], householdIds: [] })
    expect(toRecordInput('v-1', form)).toEqual({ ok: false, errors: { method: '请选择工作方式' }, message: '请选择工作方式' })
    const filled = {
      ...form,
      method: 'homeVisit' as const,
      needs: ' 希望修路 ',
      peopleCount: '6',
      householdIds: ['h-1'],
      problems: [{ area: 'housing' as const, text: '', handling: 'report' as const }]
    }
    expect(toRecordInput('v-1', filled)).toEqual({ ok: false, errors: { problems: { 0: '第 1 个问题还没有写内容' } }, message: '第 1 个问题还没有写内容' })
    expect(toRecordInput('v-1', { ...filled, peopleCount: '2.5', problems: [] })).toEqual({
      ok: false,
      errors: { peopleCount: '见到的人数请填整数' },
      message: '见到的人数请填整数'
    })
    // Everything wrong at once: every field marked, and one line saying how many.
    expect(toRecordInput('v-1', { ...form, peopleCount: 'x', problems: [filled.problems[0], filled.problems[0]] })).toEqual({
      ok: false,
      errors: { method: '请选择工作方式', peopleCount: '见到的人数请填整数', problems: { 0: '第 1 个问题还没有写内容', 1: '第 2 个问题还没有写内容' } },
      message: '还有 4 处要填写，已在上面用红字标出'
    })
    const ok = toRecordInput('v-1', { ...filled, problems: [{ area: 'housing', text: '危房改造', handling: 'report' }] })
    expect(ok).toEqual({
      ok: true,
      input: {
        visitId: 'v-1',
        category: 'village',
        method: 'homeVisit',
        needs: '希望修路',
        peopleMet: { count: 6 },
        householdIds: ['h-1'],
        problems: [{ area: 'housing', text: '危房改造', handling: 'report' }]
      }
    })
  })

  it('editable for 7 days, then read-only', () => {
    const v = detail()
    expect(isEditable(v, new Date('2026-03-11T00:00:00Z'))).toBe(true)
    expect(isEditable(v, new Date('2026-03-13T00:00:00Z'))).toBe(false)
    render(<VisitView {...base} visit={{ ...idle, data: detail() }} form={null} />)
    expect(screen.getByTestId('record-readonly').textContent).toContain('不能再修改')
    expect(screen.queryByTestId('save-record')).toBeNull()
  })

  it('loading and error states', () => {
    const { rerender } = render(<VisitView {...base} visit={{ loading: true, error: null, data: undefined }} form={null} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<VisitView {...base} visit={{ loading: false, error: new CloudError('NOT_FOUND', '没有找到这条走访记录'), data: undefined }} form={null} />)
    expect(screen.getByTestId('error').textContent).toContain('没有找到这条走访记录')
  })

  it('the form: 四进, way of working, 三问, households from the registry (loaded on demand), problems', async () => {
    let form = formFromDetail(detail())
    const onForm = (u: (f: typeof form) => typeof form) => (form = u(form))
    const load = jest.fn()
    const { rerender } = render(<VisitView {...base} onForm={onForm} onLoadHouseholds={load} visit={{ ...idle, data: detail() }} form={form} />)
    expect(screen.getByTestId('category-village').getAttribute('data-selected')).toBe('true')
    expect(screen.getByText('问政：讲了哪些政策')).toBeTruthy()
    expect(screen.getByText('问需：听到哪些需求')).toBeTruthy()
    expect(screen.getByText('问计：收到哪些建议')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByTestId('method-forum'))
      fireEvent.click(screen.getByTestId('pick-households'))
      fireEvent.click(screen.getByTestId('add-problem'))
    })
    expect(form.method).toBe('forum')
    expect(load).toHaveBeenCalledTimes(1)
    expect(form.problems).toEqual([{ area: 'living', text: '', handling: 'immediate' }])
    rerender(
      <VisitView
        {...base}
        onForm={onForm}
        households={{ loading: false, error: null, items: households as Household[] }}
        visit={{ ...idle, data: detail() }}
        form={form}
      />
    )
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('household-option')[1])
      fireEvent.click(screen.getByTestId('problem-0-area-medical'))
      fireEvent.click(screen.getByTestId('problem-0-handling-coordinate'))
    })
    expect(form.householdIds).toEqual(['h-2'])
    expect(form.problems[0]).toMatchObject({ area: 'medical', handling: 'coordinate' })
    rerender(<VisitView {...base} onForm={onForm} saveError='请选择工作方式' visit={{ ...idle, data: detail() }} form={form} />)
    expect(screen.getByTestId('save-error').textContent).toBe('请选择工作方式')
  })

  it('an empty record marks every field to fix at once, at the field', () => {
    const form = { ...formFromDetail(detail()), peopleCount: 'x', problems: [{ area: 'living' as const, text: '', handling: 'immediate' as const }] }
    const checked = toRecordInput('v-1', form)
    if (checked.ok) throw new Error('expected errors')
    render(<VisitView {...base} visit={{ ...idle, data: detail() }} form={form} errors={checked.errors} saveError={checked.message} />)
    for (const id of ['method-field', 'people-count-field', 'problem-0-text-field']) {
      expect(screen.getByTestId(id).getAttribute('data-invalid')).toBe('true')
    }
    expect(screen.getByTestId('method-field-error').textContent).toBe('请选择工作方式')
    expect(screen.getByTestId('problem-0-text-field-error').textContent).toBe('第 1 个问题还没有写内容')
    expect(screen.getByTestId('save-error').textContent).toBe('还有 3 处要填写，已在上面用红字标出')
    expect(screen.getByTestId('advice').closest('[data-invalid]')).toBeNull()
  })

  it('a check-in still on the phone: 待上传, no QR yet, and a record saved on the phone says so', () => {
    const onShowQr = jest.fn()
    render(<VisitView {...base} onShowQr={onShowQr} queued recordQueued visit={{ ...idle, data: detail() }} form={formFromDetail(detail())} />)
    expect(screen.getByTestId('tag-status').textContent).toBe('待上传')
    expect(screen.getByTestId('visit-queued').textContent).toContain('有信号时自动上传')
    expect(screen.queryByTestId('show-qr')).toBeNull()
    expect(screen.getByTestId('record-queued').textContent).toContain('已保存在手机上')
  })
})

describe('下基层日历', () => {
  it('lays out a month from Monday, including leap February', () => {
    const march = monthGrid('2026-03') // 1 March 2026 is a Sunday
    expect(march[0].slice(0, 6).every((c) => c.date === null)).toBe(true)
    expect(march[0][6].date).toBe('2026-03-01')
    expect(
      monthGrid('2028-02')
        .flat()
        .filter((c) => c.date).length
    ).toBe(29)
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2025-12', 1)).toBe('2026-01')
  })

  it('marks days with counted visits, and cannot go past this month', async () => {
    const onMonth = jest.fn()
    render(
      <CalendarView
        month='2026-03'
        thisMonth='2026-03'
        today='2026-03-05'
        onMonth={onMonth}
        onRetry={noop}
        calendar={{
          ...idle,
          data: {
            from: '2026-03-01',
            days: [
              { date: '2026-03-02', visits: 1 },
              { date: '2026-03-05', visits: 2 }
            ]
          }
        }}
      />
    )
    expect(screen.getByTestId('month-title').textContent).toBe('2026年3月')
    expect(screen.getAllByTestId('day-counted').map((d) => d.getAttribute('data-date'))).toEqual(['2026-03-02', '2026-03-05'])
    expect(screen.getByTestId('month-summary').textContent).toContain('本月下基层 2 天')
    await act(async () => {
      fireEvent.click(screen.getByTestId('next-month'))
      fireEvent.click(screen.getByTestId('prev-month'))
    })
    expect(onMonth).toHaveBeenCalledTimes(1)
    expect(onMonth).toHaveBeenCalledWith(-1)
  })

  it('loading, error, empty month; another month’s data is not shown while loading', () => {
    const props = { month: '2026-02', thisMonth: '2026-03', today: '2026-03-05', onMonth: noop, onRetry: noop }
    const { rerender } = render(
      <CalendarView {...props} calendar={{ loading: true, error: null, data: { from: '2026-03-01', days: [{ date: '2026-03-02', visits: 1 }] } }} />
    )
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<CalendarView {...props} calendar={{ loading: false, error: netError, data: undefined }} />)
    expect(screen.getByTestId('error').textContent).toContain('网络不太好')
    rerender(<CalendarView {...props} calendar={{ ...idle, data: { from: '2026-02-01', days: [] } }} />)
    expect(screen.getByTestId('month-summary').textContent).toBe('这个月还没有计入的走访')
  })
})

describe('五必访', () => {
  const base: HouseholdsViewProps = {
    coverage: { ...idle, data: { year: 2026, total: 12, entered: 9, neverVisited: 3 } },
    list: paged({ items: households }),
    kind: 'all',
    onKind: noop,
    onRetry: noop,
    onMore: noop,
    draft: null,
    onDraft: noop,
    adding: false,
    addError: null,
    onAdd: noop
  }

  it('coverage figures and the registry with visit status', () => {
    render(<HouseholdsView {...base} />)
    expect(screen.getByTestId('cov-total').textContent).toBe('12')
    expect(screen.getByTestId('cov-entered').textContent).toBe('9')
    expect(screen.getByTestId('cov-never').textContent).toBe('3')
    const rows = screen.getAllByTestId('household')
    expect(rows[0].textContent).toContain('老党员')
    expect(rows[0].textContent).toContain('今年走访 2 次，最近一次 2026年3月1日')
    expect(rows[1].querySelector('[data-testid="never-visited"]')).toBeTruthy()
  })

  it('kind filter, loading, error and empty states', async () => {
    const onKind = jest.fn()
    const { rerender } = render(<HouseholdsView {...base} onKind={onKind} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('kind-petitioner'))
    })
    expect(onKind).toHaveBeenCalledWith('petitioner')
    rerender(<HouseholdsView {...base} list={paged<Household>({ loaded: false, loading: true })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<HouseholdsView {...base} list={paged<Household>({ loaded: false, error: netError })} />)
    expect(screen.getByTestId('error')).toBeTruthy()
    rerender(<HouseholdsView {...base} kind='petitioner' list={paged<Household>()} />)
    expect(screen.getByTestId('empty').textContent).toContain('还没有登记上访户')
  })

  it('the add form asks for minimal personal data and says so', () => {
    render(<HouseholdsView {...base} draft={emptyDraft()} addError='请选择类别' />)
    expect(screen.getByTestId('privacy-note').textContent).toContain('不要填身份证号、电话')
    expect(screen.getByTestId('add-error').textContent).toBe('请选择类别')
    expect(draftProblem(emptyDraft())).toBe('请选择类别')
    expect(draftProblem({ kind: 'veteranMember', displayName: '王**家', area: '' })).toBe('请填写所在片区或地址')
    expect(draftProblem({ kind: 'veteranMember', displayName: '王**家', area: '东关村' })).toBeNull()
  })
})

describe('两联', () => {
  const base: LiangLianViewProps = {
    overview: { ...idle, data: overview },
    onRetry: noop,
    draft: null,
    onDraft: noop,
    saving: false,
    formError: null,
    onAdd: noop,
    onRemove: noop,
    removingId: null,
    onShowPlate: noop
  }

  it('points and contact persons; remove asks the page (which confirms); each point leads to its code and plate', async () => {
    const remove = jest.fn()
    const plate = jest.fn()
    render(<LiangLianView {...base} onRemove={remove} onShowPlate={plate} />)
    expect(screen.getByTestId('complete').textContent).toContain('两联已落实')
    expect(screen.getAllByTestId('ll-point')).toHaveLength(2)
    fireEvent.click(screen.getAllByTestId('ll-plate')[1])
    expect(plate).toHaveBeenCalledWith(overview.points[1].id)
    expect(screen.getByTestId('ll-contact').textContent).toContain('13800001234')
    await act(async () => {
      fireEvent.click(screen.getByTestId('remove-contact'))
    })
    expect(remove).toHaveBeenCalledWith('c-1', '张国强')
  })

  it('incomplete, loading and error states', () => {
    const { rerender } = render(<LiangLianView {...base} overview={{ ...idle, data: { ...overview, contacts: [], complete: false } }} />)
    expect(screen.getByTestId('complete').textContent).toContain('还没落实')
    rerender(<LiangLianView {...base} overview={{ loading: true, error: null, data: undefined }} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<LiangLianView {...base} overview={{ loading: false, error: netError, data: undefined }} />)
    expect(screen.getByTestId('error')).toBeTruthy()
  })

  it('checks the phone with the server’s own rule', () => {
    const ok = { name: '张国强', relation: '社区书记', phone: '13800001234' }
    expect(contactProblem(ok)).toBeNull()
    expect(contactProblem({ ...ok, phone: '0971-6123456' })).toBeNull()
    expect(contactProblem({ ...ok, phone: '1380000123' })).toContain('电话号码格式不对')
    expect(contactProblem({ ...ok, phone: '' })).toContain('电话')
    expect(contactProblem({ ...ok, name: ' ' })).toBe('请填写姓名')
    expect(contactProblem({ ...ok, relation: '' })).toContain('身份')
    render(<LiangLianView {...base} draft={{ ...ok, phone: '123' }} formError='电话号码格式不对（手机 11 位，座机如 0971-1234567）' />)
    expect(screen.getByTestId('contact-error').textContent).toContain('手机 11 位')
  })
})
