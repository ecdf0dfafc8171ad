/**
 * The pure views of the work pages (src/work/pages): 一户一册 and 批阅. Each view only shows its props and
 * hands what was tapped or typed to the page, so these tests check the words and the callbacks' arguments.
 */
import './quiet-stencil'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { BookView, type BookViewProps, type HelpDraft, type ProfileDraft } from '@/src/work/pages/book/BookView'
import { ReviewsView, type OpenItem, type ReviewsViewProps } from '@/src/work/pages/reviews/ReviewsView'
import type { HouseholdBook } from '@/types/household-book'
import type { InboxItem, ReceivedItem, Review } from '@/types/reviews'
import { CloudError } from '@/src/services/reply'
import { idle } from './cadre-fixtures'
import { loaded, paged } from './fixtures'

const netError = new CloudError('UNAVAILABLE', '网络不太好，没能连上服务器，请检查网络后再试')
const noop = () => {}
const text = (id: string) => screen.getByTestId(id).textContent ?? ''
/** Taro's Input and Textarea report what was typed as the event's detail. */
const type = (id: string, value: string) =>
  act(() => {
    screen.getByTestId(id).dispatchEvent(new CustomEvent('input', { bubbles: true, detail: { value } }))
  })

describe('一户一册', () => {
  const book = (over: Partial<HouseholdBook> = {}): HouseholdBook => ({
    household: {
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
    profile: {
      circumstances: '老两口独居，老伴腿脚不便',
      needAreas: ['medical', 'living'],
      needs: '希望医生定期上门',
      updatedAt: '2026-02-20T02:00:00.000Z',
      updatedByName: '马晓燕'
    },
    year: 2026,
    fourHundred: { entered: true, known: true, relieved: false, warmed: true },
    help: [
      {
        id: 'e1',
        kind: 'care',
        what: '春节慰问，送去米面油',
        date: '2026-02-10',
        solved: false,
        demandId: null,
        byName: '马晓燕',
        createdAt: '2026-02-10T02:00:00.000Z',
        removable: false
      },
      {
        id: 'e2',
        kind: 'support',
        what: '协调社区医生每月上门',
        date: '2026-03-02',
        solved: true,
        demandId: null,
        byName: '马晓燕',
        createdAt: '2026-03-02T02:00:00.000Z',
        removable: true
      },
      {
        id: 'e3',
        kind: 'support',
        what: '申请危房改造',
        date: '2026-03-04',
        solved: false,
        demandId: 'd-9',
        byName: '李建华',
        createdAt: '2026-03-04T02:00:00.000Z',
        removable: false
      }
    ],
    visits: [
      { id: 'v-2', date: '2026-03-01', pointName: '东关大街社区', needs: '想要一台轮椅', problems: 2 },
      { id: 'v-1', date: '2026-01-15', pointName: '东关大街社区', needs: null, problems: 0 }
    ],
    demands: [
      { id: 'd-9', text: '房屋漏雨', area: 'housing', status: 'coordinating', overdue: false, linked: true },
      { id: 'd-8', text: '取暖补贴没到账', area: 'living', status: 'open', overdue: true, linked: false }
    ],
    ...over
  })
  const base = (over: Partial<BookViewProps> = {}): BookViewProps => ({
    book: loaded(book()),
    onRetry: noop,
    profile: null,
    onProfile: noop,
    onSaveProfile: noop,
    help: null,
    onHelp: noop,
    onSaveHelp: noop,
    onRemoveHelp: noop,
    busy: false,
    error: null,
    onOpenVisit: noop,
    onOpenDemand: noop,
    ...over
  })

  it('shows the household, its 四个百家 this year, the record, the help, visits and demands', () => {
    render(<BookView {...base()} />)
    expect(text('book-head')).toContain('王**家')
    expect(text('book-head')).toContain('老党员 · 东关村 3 组')
    expect(['entered', 'known', 'relieved', 'warmed'].map((k) => screen.getByTestId(`four-${k}`).getAttribute('data-on'))).toEqual([
      'true',
      'true',
      'false',
      'true'
    ])
    expect(text('four-entered')).toBe('进百家门2026 年已做到')
    // Not done yet: says what would count.
    expect(text('four-relieved')).toBe('解百家忧今年有一项帮扶标为“已解决”')
    expect(text('profile-text')).toBe('老两口独居，老伴腿脚不便')
    expect(text('profile')).toContain('需要：医疗、生活')
    expect(text('profile')).toContain('马晓燕 于 2月20日 更新')
    const help = screen.getAllByTestId('help-entry')
    expect(help.map((e) => e.querySelector('.jdq-tag')?.textContent)).toEqual(['慰问', '帮扶·已解决', '帮扶'])
    expect(help[2].textContent).toContain('3月4日 · 李建华')
    // Only the entry its writer may still take back offers 撤回.
    expect(help.map((e) => e.querySelector('[data-testid="remove-help"]') !== null)).toEqual([false, true, false])
    const visits = screen.getAllByTestId('book-visit')
    expect(visits[0].textContent).toBe('3月1日 · 东关大街社区问需：想要一台轮椅记了 2 个问题')
    expect(visits[1].textContent).toBe('1月15日 · 东关大街社区')
    const demands = screen.getAllByTestId('book-demand')
    expect(demands[0].textContent).toBe('房屋漏雨协调办理中住房')
    expect(demands[1].textContent).toBe('取暖补贴没到账已超期生活')
    expect(screen.queryByTestId('book-error')).toBeNull()
  })

  it('opens a visit or a demand, takes back a help entry, starts editing the record with what it says', async () => {
    const onOpenVisit = jest.fn()
    const onOpenDemand = jest.fn()
    const onRemoveHelp = jest.fn()
    const onProfile = jest.fn()
    render(<BookView {...base({ onOpenVisit, onOpenDemand, onRemoveHelp, onProfile })} />)
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('book-visit')[1])
      fireEvent.click(screen.getAllByTestId('book-demand')[0])
      fireEvent.click(screen.getByTestId('remove-help'))
      fireEvent.click(screen.getByTestId('edit-profile'))
    })
    expect(onOpenVisit).toHaveBeenCalledWith('v-1')
    expect(onOpenDemand).toHaveBeenCalledWith('d-9')
    expect(onRemoveHelp).toHaveBeenCalledWith('e2')
    expect(onProfile).toHaveBeenCalledWith({ circumstances: '老两口独居，老伴腿脚不便', needAreas: ['medical', 'living'], needs: '希望医生定期上门' })
  })

  it('a new household: nothing recorded yet, and a blank record or help form to start', async () => {
    const onProfile = jest.fn()
    const onHelp = jest.fn()
    render(
      <BookView
        {...base({
          onProfile,
          onHelp,
          book: loaded(
            book({ profile: null, help: [], visits: [], demands: [], fourHundred: { entered: false, known: false, relieved: false, warmed: false } })
          )
        })}
      />
    )
    expect(screen.getAllByTestId(/^four-/).filter((e) => e.getAttribute('data-on') === 'true')).toHaveLength(0)
    expect(text('help')).toContain('还没有登记过慰问或帮扶。')
    expect(text('book-visits')).toContain('走访记录里还没有写到这一户。')
    expect(text('book-demands')).toContain('没有关联的诉求。')
    expect(text('edit-profile')).toBe('填写家庭情况和需求')
    await act(async () => {
      fireEvent.click(screen.getByTestId('edit-profile'))
      fireEvent.click(screen.getByTestId('add-help'))
    })
    expect(onProfile).toHaveBeenCalledWith({ circumstances: '', needAreas: [], needs: '' })
    expect(onHelp).toHaveBeenCalledWith({ kind: null, what: '', date: '', solved: false })
  })

  it('the record form: typed text, need areas toggled on and off, 保存', async () => {
    const draft: ProfileDraft = { circumstances: '独居', needAreas: ['living'], needs: '' }
    const onProfile = jest.fn()
    const onSaveProfile = jest.fn()
    render(<BookView {...base({ profile: draft, onProfile, onSaveProfile })} />)
    expect(text('profile')).toContain('不要填身份证号、电话')
    // Chosen needs say so in the markup and with a tick, not by colour alone.
    expect(screen.getByTestId('need-living').getAttribute('data-selected')).toBe('true')
    expect(text('need-living')).toBe('✓ 生活')
    expect(screen.getByTestId('need-medical').getAttribute('data-selected')).toBe('false')
    expect(text('need-medical')).not.toContain('✓')
    type('profile-circumstances', '独居，腿脚不便')
    type('profile-needs', '轮椅')
    await act(async () => {
      fireEvent.click(screen.getByTestId('need-living'))
      fireEvent.click(screen.getByTestId('need-medical'))
      fireEvent.click(screen.getByTestId('save-profile'))
    })
    expect(onProfile.mock.calls).toEqual([
      [{ ...draft, circumstances: '独居，腿脚不便' }],
      [{ ...draft, needs: '轮椅' }],
      [{ ...draft, needAreas: [] }],
      [{ ...draft, needAreas: ['living', 'medical'] }]
    ])
    expect(onSaveProfile).toHaveBeenCalledTimes(1)
  })

  it('the help form: kind, what, a trimmed date, 已解决 for 帮扶 only, 登记, and the save’s error', async () => {
    const draft: HelpDraft = { kind: 'care', what: '', date: '2026-03-05', solved: false }
    const onHelp = jest.fn()
    const onSaveHelp = jest.fn()
    const { rerender } = render(<BookView {...base({ help: draft, onHelp, onSaveHelp })} />)
    expect(screen.queryByTestId('add-help')).toBeNull()
    expect(screen.getByTestId('help-kind-care').getAttribute('data-selected')).toBe('true')
    expect(screen.queryByTestId('help-solved')).toBeNull()
    type('help-what', '送去棉被')
    type('help-date', ' 2026-03-06 ')
    await act(async () => {
      fireEvent.click(screen.getByTestId('help-kind-support'))
      fireEvent.click(screen.getByTestId('save-help'))
    })
    expect(onHelp.mock.calls).toEqual([[{ ...draft, what: '送去棉被' }], [{ ...draft, date: '2026-03-06' }], [{ ...draft, kind: 'support' }]])
    expect(onSaveHelp).toHaveBeenCalledTimes(1)
    const support = { ...draft, kind: 'support' as const }
    rerender(<BookView {...base({ help: support, onHelp, error: '请填写内容' })} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('help-solved-yes'))
    })
    expect(onHelp).toHaveBeenLastCalledWith({ ...support, solved: true })
    expect(text('book-error')).toBe('请填写内容')
  })

  it('loading; a network error with 重试, a lasting one with 回到首页', async () => {
    const onRetry = jest.fn()
    const { rerender } = render(<BookView {...base({ book: { loading: true, error: null, data: undefined } })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    expect(screen.queryByTestId('book')).toBeNull()
    rerender(<BookView {...base({ onRetry, book: { ...idle, error: new CloudError('NOT_FOUND', '没有找到这一户'), data: undefined } })} />)
    expect(text('error')).toContain('没有找到这一户')
    expect(screen.queryByTestId('retry')).toBeNull()
    expect(text('go-home')).toBe('回到首页')
    rerender(<BookView {...base({ onRetry, book: { ...idle, error: new CloudError('UNAVAILABLE', '网络不太好，请稍后再试'), data: undefined } })} />)
    await act(async () => {
      fireEvent.click(screen.getByTestId('retry'))
    })
    expect(onRetry).toHaveBeenCalledTimes(1)
  })
})

describe('批阅', () => {
  const inboxItem = (over: Partial<InboxItem> = {}): InboxItem => ({
    targetKind: 'diary',
    id: 'de-1',
    cadreId: 'u-1',
    cadreName: '马晓燕',
    title: '今天到东关村走访，老人们说…',
    date: '2026-03-05',
    createdAt: '2026-03-05T10:00:00.000Z',
    readByMe: false,
    reviews: { reads: 0, comments: 0, adopted: 0 },
    ...over
  })
  const review = (over: Partial<Review> = {}): Review => ({
    id: 'r1',
    targetKind: 'report',
    targetId: 'rp-1',
    kind: 'comment',
    comment: '建议很实在，请继续跟进',
    suggestion: null,
    byName: '张丽',
    byOrgName: '西宁市妇联',
    at: '2026-03-06T02:00:00.000Z',
    ...over
  })
  const report = inboxItem({
    targetKind: 'report',
    id: 'rp-1',
    title: '关于东关村养老服务的调研报告',
    readByMe: true,
    reviews: { reads: 2, comments: 2, adopted: 1 }
  })
  const base = (over: Partial<ReviewsViewProps> = {}): ReviewsViewProps => ({
    tabs: ['diary', 'report'],
    tab: 'diary',
    onTab: noop,
    inbox: paged<InboxItem>(),
    received: paged<ReceivedItem>(),
    onRetry: noop,
    onMore: noop,
    open: null,
    onOpen: noop,
    onOpenFile: noop,
    onRead: noop,
    onWrite: noop,
    onSend: noop,
    busy: false,
    error: null,
    ...over
  })
  const opened = (over: Partial<OpenItem> = {}): OpenItem => ({
    item: inboxItem(),
    text: '今天到东关村走访，老人们说冬天取暖难。',
    reviews: [],
    writing: null,
    ...over
  })

  it('a leader’s inbox: read or not, how many comments and adoptions; tabs and items open', async () => {
    const onTab = jest.fn()
    const onOpen = jest.fn()
    render(
      <ReviewsView
        {...base({ onTab, onOpen, tab: 'report', inbox: paged({ items: [inboxItem({ targetKind: 'report', id: 'rp-2', title: '青年就业调研' }), report] }) })}
      />
    )
    expect(screen.getAllByTestId(/^reviews-tab-/).map((t) => t.textContent)).toEqual(['民情日记', '调研报告'])
    const rows = screen.getAllByTestId('inbox-item')
    expect(rows.map((r) => r.querySelector('.jdq-tag')?.textContent)).toEqual(['未阅', '已阅'])
    expect(rows[0].textContent).toContain('马晓燕 · 3月5日')
    expect(rows[0].textContent).not.toContain('批示')
    expect(rows[1].textContent).toContain('马晓燕 · 3月5日 · 批示 2 · 采纳 1')
    await act(async () => {
      fireEvent.click(screen.getByTestId('reviews-tab-diary'))
      fireEvent.click(rows[1])
    })
    expect(onTab).toHaveBeenCalledWith('diary')
    expect(onOpen).toHaveBeenCalledWith(report)
  })

  it('an opened diary entry: its text, the reviews so far, 已阅, 写批示, back to the list; no 采纳 for a diary', async () => {
    const onRead = jest.fn()
    const onWrite = jest.fn()
    const onOpen = jest.fn()
    const { rerender } = render(<ReviewsView {...base({ onRead, onWrite, onOpen, open: opened({ text: null, reviews: null }) })} />)
    expect(text('opened-item')).toContain('马晓燕的民情日记')
    expect(text('opened-text')).toBe('正在加载…')
    rerender(<ReviewsView {...base({ onRead, onWrite, onOpen, open: opened({ reviews: [review({ targetKind: 'diary', kind: 'read', comment: null })] }) })} />)
    expect(text('opened-text')).toBe('今天到东关村走访，老人们说冬天取暖难。')
    expect(text('review')).toBe('张丽（西宁市妇联）已阅 · 3月6日')
    expect(text('mark-read')).toBe('已阅')
    expect(screen.queryByTestId('adopt')).toBeNull()
    expect(screen.queryByTestId('inbox-item')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByTestId('mark-read'))
      fireEvent.click(screen.getByTestId('write-review'))
      fireEvent.click(screen.getByTestId('back'))
    })
    expect(onRead).toHaveBeenCalledTimes(1)
    expect(onWrite).toHaveBeenCalledWith({ kind: 'comment', comment: '', suggestion: '' })
    expect(onOpen).toHaveBeenCalledWith(null)
  })

  it('an opened report: its file opens, 采纳 starts a form asking which suggestion, then sends', async () => {
    const onOpenFile = jest.fn()
    const onWrite = jest.fn()
    const onSend = jest.fn()
    const props = { onOpenFile, onWrite, onSend, tab: 'report' as const }
    const { rerender } = render(
      <ReviewsView
        {...base({
          ...props,
          open: opened({ item: report, text: null, reviews: [review(), review({ id: 'r2', kind: 'adopt', comment: null, suggestion: '办社区食堂' })] })
        })}
      />
    )
    expect(text('opened-item')).toContain('马晓燕的调研报告')
    expect(screen.queryByTestId('opened-text')).toBeNull()
    expect(screen.getAllByTestId('review').map((r) => r.textContent)).toEqual([
      '张丽（西宁市妇联）批示：建议很实在，请继续跟进 · 3月6日',
      '张丽（西宁市妇联）采纳：办社区食堂 · 3月6日'
    ])
    // Marked read before: a second tap is harmless and says so.
    expect(text('mark-read')).toBe('已阅（再点一次不会重复）')
    await act(async () => {
      fireEvent.click(screen.getByTestId('open-report'))
      fireEvent.click(screen.getByTestId('adopt'))
    })
    expect(onOpenFile).toHaveBeenCalledWith(report)
    expect(onWrite).toHaveBeenCalledWith({ kind: 'adopt', comment: '', suggestion: '' })
    const writing = { kind: 'adopt' as const, comment: '', suggestion: '' }
    rerender(<ReviewsView {...base({ ...props, error: '请写明采纳了哪条建议', open: opened({ item: report, writing }) })} />)
    expect(screen.queryByTestId('mark-read')).toBeNull()
    expect(text('send-review')).toBe('采纳')
    type('write-suggestion', '办社区食堂')
    type('write-comment', '请拿出方案')
    await act(async () => {
      fireEvent.click(screen.getByTestId('send-review'))
    })
    expect(onWrite.mock.calls.slice(1)).toEqual([[{ ...writing, suggestion: '办社区食堂' }], [{ ...writing, comment: '请拿出方案' }]])
    expect(onSend).toHaveBeenCalledTimes(1)
    expect(text('reviews-error')).toBe('请写明采纳了哪条建议')
  })

  it('a comment asks only for the 批示', () => {
    render(<ReviewsView {...base({ open: opened({ writing: { kind: 'comment', comment: '', suggestion: '' } }) })} />)
    expect(screen.queryByTestId('write-suggestion')).toBeNull()
    expect(screen.getByTestId('write-comment')).toBeTruthy()
    expect(text('send-review')).toBe('发送批示')
  })

  it('an author’s received reviews: no tabs when there is only one, what was said and by whom', () => {
    const received: ReceivedItem[] = [
      { ...review({ kind: 'adopt', comment: '请拿出方案', suggestion: '办社区食堂' }), title: '关于东关村养老服务的调研报告' },
      { ...review({ id: 'r3', targetKind: 'diary', kind: 'read', comment: null }), title: '今天到东关村走访…' }
    ]
    render(<ReviewsView {...base({ tabs: ['received'], tab: 'received', received: paged({ items: received }) })} />)
    expect(screen.queryByTestId('reviews-tab')).toBeNull()
    const rows = screen.getAllByTestId('received')
    expect(rows.map((r) => r.querySelector('.jdq-tag')?.textContent)).toEqual(['采纳', '已阅'])
    expect(rows[0].textContent).toContain('张丽（西宁市妇联）· 调研报告 · 3月6日')
    expect(rows[0].textContent).toContain('采纳：办社区食堂')
    expect(rows[0].textContent).toContain('请拿出方案')
    expect(rows[1].textContent).toContain('民情日记')
  })

  it('empty, loading and error states per list', async () => {
    const onRetry = jest.fn()
    const { rerender } = render(<ReviewsView {...base()} />)
    expect(text('empty')).toContain('下级还没有民情日记')
    rerender(<ReviewsView {...base({ tab: 'report' })} />)
    expect(text('empty')).toContain('下级还没有调研报告')
    rerender(<ReviewsView {...base({ tabs: ['received'], tab: 'received' })} />)
    expect(text('empty')).toContain('还没有收到批阅')
    rerender(<ReviewsView {...base({ inbox: paged<InboxItem>({ loaded: false, loading: true }) })} />)
    expect(screen.getByTestId('loading')).toBeTruthy()
    rerender(<ReviewsView {...base({ onRetry, tabs: ['received'], tab: 'received', received: paged<ReceivedItem>({ loaded: false, error: netError }) })} />)
    expect(text('error')).toContain('网络不太好')
    await act(async () => {
      fireEvent.click(screen.getByTestId('retry'))
    })
    expect(onRetry).toHaveBeenCalledTimes(1)
  })
})
